/**
 * The escape hatch for long outages (sync-protocol.md §3.12): the terminal exports its unsent
 * events, the back office imports the file (twice: nothing changes the second time), and when the
 * network returns the pusher's resend of the same events is answered "duplicate" and acked.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { createBackoffice } from '../../../backoffice/src/app.ts'
import { openSqliteStore } from '../../../backoffice/src/store/sqlite.ts'
import { createSync } from '../../../electron/core/sync/index.ts'
import { TransportError } from '../../../electron/core/sync/transport.ts'
import { canonicalJson } from '../../../shared/canonical-json.ts'
import type { PushEvent } from '../../../shared/sync-protocol.ts'
import { memorySecrets } from '../../support/memory-secrets.ts'
import { seededRandom } from '../../support/seeded-random.ts'
import { createSimClock, settle } from '../../support/sim-clock.ts'
import { openSimTerminal } from '../../support/sim-terminal.ts'

test('an exported queue imports idempotently, and the later push of the same events is acked as duplicates', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'pos-sync-export-'))
  const clock = createSimClock()
  const store = await openSqliteStore(join(directory, 'backoffice.sqlite'))
  const backoffice = await createBackoffice({ store, now: clock.now, log: () => {} })
  const terminal = await openSimTerminal(join(directory, 'pos.sqlite3'), clock.now)
  let offline = false
  const secrets = new Map<string, string>()
  const sync = createSync({
    ledger: terminal.ledger,
    secrets: memorySecrets(secrets),
    appVersion: '1.0.0',
    now: clock.now,
    random: seededRandom(9),
    timers: clock.timers,
    transport: {
      send: async (request) => {
        if (offline && request.path === '/v1/sync/events') throw new TransportError('network', 'the shop is offline')
        const response = await backoffice.handle({ ...request, body: JSON.parse(JSON.stringify(request.body ?? null)) })
        return { status: response.status, headers: response.headers, body: response.body }
      },
    },
  })
  try {
    offline = true
    const { code } = await backoffice.createTerminal('T1')
    await sync.enroll('http://backoffice.test', code)
    const random = seededRandom(10)
    for (let n = 0; n < 30; n++) terminal.sell(random)
    terminal.rollShift()
    const db = terminal.ledger.context.db
    const total = db.prepare('SELECT count(*) FROM outbox').pluck().get() as number
    expect(sync.status().unsynced).toBe(total)
    expect(() => sync.assertNoUnsyncedLoss('reset this terminal')).toThrow(/not reached the back office/)

    const path = join(directory, 'unsent.json')
    expect(sync.exportPending(path).events).toBe(total)
    expect(() => sync.assertNoUnsyncedLoss('reset this terminal')).not.toThrow()
    const file = JSON.parse(readFileSync(path, 'utf8'))
    const first = await backoffice.importEvents(file)
    expect(first).toMatchObject({ accepted: total, duplicate: 0, rejected: 0 })
    const second = await backoffice.importEvents(file)
    expect(second).toMatchObject({ accepted: 0, duplicate: total, rejected: 0 })

    offline = false
    sync.pusher.networkChanged(true)
    for (let n = 0; n < 20 && sync.status().unsynced > 0; n++) await settle()
    expect(sync.status()).toMatchObject({ state: 'synced', unsynced: 0, quarantined: 0 })
    const serverCount = await store.get<{ n: number }>('SELECT count(*) AS n FROM sync_events')
    expect(Number(serverCount?.n)).toBe(total)
    const sales = await store.get<{ n: number }>('SELECT count(*) AS n FROM sales')
    expect(Number(sales?.n)).toBe(30)
  } finally {
    await sync.close()
    terminal.close()
    await backoffice.close()
  }
})

/** What someone carrying the USB stick could do with the spec in hand: rewrite a sale and redo the chain. */
function rewriteFirstSale(file: ExportFile): ExportFile {
  const copy = JSON.parse(JSON.stringify(file)) as ExportFile
  const events = copy.batches.flatMap((batch) => batch.events)
  const sale = events.find((event) => event.type === 'sale.completed') as PushEvent
  ;(sale.payload as { total: number }).total = 1
  let prev = sale.prev_hash
  for (const event of events.slice(events.indexOf(sale))) {
    event.prev_hash = prev
    event.payload_sha256 = sha256(canonicalJson(event.payload))
    event.hash = sha256(event.prev_hash + event.payload_sha256)
    prev = event.hash
  }
  return copy
}

interface ExportFile {
  terminal_id: string
  signature: string | null
  batches: { terminal_id: string; events: PushEvent[] }[]
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

test('an export changed after the terminal wrote it is refused whole, before anything is written', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'pos-sync-export-'))
  const clock = createSimClock()
  const store = await openSqliteStore(join(directory, 'backoffice.sqlite'))
  const backoffice = await createBackoffice({ store, now: clock.now, log: () => {} })
  const terminal = await openSimTerminal(join(directory, 'pos.sqlite3'), clock.now)
  const sync = createSync({
    ledger: terminal.ledger,
    secrets: memorySecrets(),
    appVersion: '1.0.0',
    now: clock.now,
    random: seededRandom(11),
    timers: clock.timers,
    transport: {
      send: async (request) => {
        if (request.path === '/v1/sync/events') throw new TransportError('network', 'the shop is offline')
        const response = await backoffice.handle({ ...request, body: JSON.parse(JSON.stringify(request.body ?? null)) })
        return { status: response.status, headers: response.headers, body: response.body }
      },
    },
  })
  try {
    const { code } = await backoffice.createTerminal('T1')
    await sync.enroll('http://backoffice.test', code)
    const random = seededRandom(12)
    for (let n = 0; n < 5; n++) terminal.sell(random)
    const path = join(directory, 'unsent.json')
    sync.exportPending(path)
    const file = JSON.parse(readFileSync(path, 'utf8')) as ExportFile
    expect(file.signature).toMatch(/^[A-Za-z0-9_-]{86}$/)

    const attempts: [string, unknown][] = [
      ['a sale rewritten, chain redone', rewriteFirstSale(file)],
      ['the signature taken off', { ...file, signature: null }],
      [
        'the last event dropped',
        { ...file, batches: [{ ...file.batches[0], events: file.batches[0]?.events.slice(0, -1) }] },
      ],
      ['the events as a bare push body', file.batches[0]],
      ['another file’s signature', { ...rewriteFirstSale(file), signature: file.signature }],
    ]
    for (const [what, body] of attempts) {
      const refused = await backoffice.importEvents(body).then(
        () => 'imported',
        (error: { code?: string }) => error.code,
      )
      expect([what, refused]).toEqual([what, expect.stringMatching(/^import_(unsigned|signature_invalid)$/)])
    }
    const written = await store.get<{ n: number }>('SELECT count(*) AS n FROM sync_events')
    expect(Number(written?.n)).toBe(0)

    // The file as the terminal wrote it still imports.
    expect(await backoffice.importEvents(file)).toMatchObject({ rejected: 0, duplicate: 0 })
  } finally {
    await sync.close()
    terminal.close()
    await backoffice.close()
  }
})
