/**
 * The escape hatch for long outages (sync-protocol.md §3.12): the terminal exports its unsent
 * events, the back office imports the file (twice: nothing changes the second time), and when the
 * network returns the pusher's resend of the same events is answered "duplicate" and acked.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { createBackoffice } from '../../../backoffice/src/app.ts'
import { openSqliteStore } from '../../../backoffice/src/store/sqlite.ts'
import { createSync } from '../../../electron/core/sync/index.ts'
import { TransportError } from '../../../electron/core/sync/transport.ts'
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
