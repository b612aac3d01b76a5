import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { sha256Hex } from '../../../electron/core/ledger/journal.ts'
import { createSync } from '../../../electron/core/sync/index.ts'
import { canonicalJson } from '../../../shared/canonical-json.ts'
import { validatePushRequest } from '../../../shared/sync-protocol.ts'
import { memorySecrets } from '../../support/memory-secrets.ts'
import { seededRandom } from '../../support/seeded-random.ts'
import { createSimClock } from '../../support/sim-clock.ts'
import { openSimTerminal, type SimTerminal } from '../../support/sim-terminal.ts'

const terminals: SimTerminal[] = []
afterEach(() => {
  for (const terminal of terminals.splice(0)) terminal.close()
})

async function till() {
  const clock = createSimClock()
  const directory = mkdtempSync(join(tmpdir(), 'pos-sync-export-'))
  const terminal = await openSimTerminal(join(directory, 'pos.sqlite3'), clock.now)
  terminals.push(terminal)
  const secrets = new Map<string, string>()
  const sync = createSync({
    ledger: terminal.ledger,
    secrets: memorySecrets(secrets),
    appVersion: '1.0.0',
    now: clock.now,
    timers: clock.timers,
  })
  return { clock, directory, terminal, sync }
}

describe('status figures', () => {
  test('unsynced count, oldest unsynced age and quarantined count come from the outbox', async () => {
    const { clock, terminal, sync } = await till()
    const random = seededRandom(3)
    const firstAt = clock.now()
    terminal.sell(random)
    clock.advance(90_000)
    terminal.sell(random)
    const db = terminal.ledger.context.db
    db.prepare("UPDATE outbox SET state = 'quarantined', last_error = 'invalid_payload: x' WHERE seq = 2").run()
    const total = db.prepare('SELECT count(*) FROM outbox').pluck().get() as number
    const status = sync.status()
    expect(status).toMatchObject({
      state: 'not_configured',
      unsynced: total - 1,
      quarantined: 1,
      lastSuccessAt: null,
      clockOffsetMs: null,
      clockWarning: false,
    })
    expect(status.oldestUnsyncedAt).toBeGreaterThanOrEqual(firstAt)
    expect(status.oldestUnsyncedAgeMs).toBe(clock.now() - (status.oldestUnsyncedAt as number))
    expect(sync.listQuarantined()).toEqual([expect.objectContaining({ seq: 2, reason: 'invalid_payload: x' })])
  })
})

describe('export of unsent events and the guard', () => {
  test('the export holds every pending and quarantined event as valid push batches, hashes intact', async () => {
    const { directory, terminal, sync } = await till()
    const random = seededRandom(4)
    for (let n = 0; n < 120; n++) terminal.sell(random)
    const db = terminal.ledger.context.db
    db.prepare("UPDATE outbox SET state = 'acked', acked_at = 1 WHERE seq <= 5").run()
    db.prepare("UPDATE outbox SET state = 'quarantined' WHERE seq = 6").run()
    const unsent = db.prepare("SELECT count(*) FROM outbox WHERE state <> 'acked'").pluck().get() as number
    const path = join(directory, 'export.json')
    const result = sync.exportPending(path)
    expect(result).toMatchObject({ path, events: unsent, quarantined: 1, pending: unsent - 1 })
    expect(readdirSync(directory).filter((name) => name.includes('partial'))).toEqual([])
    const file = JSON.parse(readFileSync(path, 'utf8'))
    expect(file).toMatchObject({ format: 'khqr-pos-sync-export', version: 1, terminal_id: null })
    expect(file.local_terminal_id).toBe(terminal.ledger.context.terminal.id)
    const events = file.batches.flatMap((batch: { events: unknown[] }) => batch.events)
    expect(events.length).toBe(unsent)
    expect(file.batches.every((batch: { events: unknown[] }) => batch.events.length <= 200)).toBe(true)
    for (const batch of file.batches) expect(validatePushRequest(batch).ok).toBe(true)
    expect(events.map((event: { seq: number }) => event.seq)).toEqual(
      Array.from({ length: unsent }, (_, index) => index + 6),
    )
    for (const event of events) expect(sha256Hex(canonicalJson(event.payload))).toBe(event.payload_sha256)
  })

  test('reset-style actions are refused while unsynced events exist, and allowed once they were exported', async () => {
    const { directory, terminal, sync } = await till()
    terminal.sell(seededRandom(5))
    expect(() => sync.assertNoUnsyncedLoss('reset this terminal')).toThrow(
      /Cannot reset this terminal: \d+ events have not reached/,
    )
    sync.exportPending(join(directory, 'export.json'))
    expect(() => sync.assertNoUnsyncedLoss('reset this terminal')).not.toThrow()
    terminal.sell(seededRandom(6))
    expect(() => sync.assertNoUnsyncedLoss('sign out')).toThrow(/unsynced|not reached/)
  })
})
