/**
 * One seeded run of the sync simulation (docs/sync-protocol.md §5.1): the real pusher on a real
 * ledger file and the real back-office handler on its real SQLite store, in one process, joined by
 * the seeded fake network (sim-network.ts) and a hand-moved clock. The till keeps selling while it
 * syncs; crashes hit both sides; at the end the network calms down, the queue drains, and the
 * invariants I1–I4 are checked.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Backoffice, createBackoffice } from '../../backoffice/src/app.ts'
import { openSqliteStore } from '../../backoffice/src/store/sqlite.ts'
import type { BackofficeStore } from '../../backoffice/src/store/types.ts'
import { createFileSecretStore } from '../../electron/core/payments/secrets.ts'
import { createSync, type Sync } from '../../electron/core/sync/index.ts'
import type { SyncTimers } from '../../electron/core/sync/transport.ts'
import { seededRandom } from './seeded-random.ts'
import { createSimClock, type SimClock, settle } from './sim-clock.ts'
import { SimNetwork } from './sim-network.ts'
import { openSimTerminal, type SimTerminal } from './sim-terminal.ts'

export const SIM_START = Date.UTC(2026, 10, 24, 2, 0, 0)
const FILES = { server: 'backoffice.sqlite', terminal: 'pos.sqlite3', secrets: 'secrets.json' }

/** A RAM-backed directory where there is one: crashes here are process crashes, not power cuts. */
export function simRoot(): string {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir()
  return mkdtempSync(join(base, 'pos-sync-sim-'))
}

export function seededBytes(random: () => number): (n: number) => Uint8Array {
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256))
}

/**
 * An enrolled pair, made once and copied for every seed: a back office with one terminal, and a
 * ledger (demo shop seeded) that holds that terminal's refresh token.
 */
export async function makeTemplate(directory: string): Promise<string> {
  mkdirSync(directory, { recursive: true })
  const clock = createSimClock(SIM_START)
  const store = await openSqliteStore(join(directory, FILES.server))
  const backoffice = await createBackoffice({ store, now: clock.now, log: () => {} })
  const { code } = await backoffice.createTerminal('T1')
  const terminal = await openSimTerminal(join(directory, FILES.terminal), clock.now)
  const sync = createSync({
    ledger: terminal.ledger,
    secrets: createFileSecretStore(join(directory, FILES.secrets)),
    appVersion: '1.0.0',
    now: clock.now,
    timers: clock.timers,
    transport: {
      send: async (request) => {
        const response = await backoffice.handle({ ...request, body: request.body })
        return { status: response.status, headers: response.headers, body: response.body }
      },
    },
  })
  await sync.enroll('http://backoffice.sim', code)
  await sync.close()
  terminal.close()
  await backoffice.close()
  return directory
}

export interface SeedReport {
  seed: number
  events: number
  quarantined: number
  terminalCrashes: number
  serverCrashes: number
  lostTokenAnswers: number
  fates: SimNetwork['fates']
}

function liveTimers(clock: SimClock, alive: () => boolean): SyncTimers {
  return {
    setTimeout: (callback, ms) => clock.timers.setTimeout(() => alive() && callback(), ms),
    clearTimeout: (handle) => clock.timers.clearTimeout(handle),
  }
}

export async function runSeed(seed: number, template: string, root: string): Promise<SeedReport> {
  const random = seededRandom(seed)
  const directory = join(root, `seed-${seed}`)
  mkdirSync(directory)
  for (const file of Object.values(FILES)) copyFileSync(join(template, file), join(directory, file))
  const clock = createSimClock(SIM_START)
  let crashInsideNextBatch = false
  let serverCrashes = 0
  let terminalCrashes = 0
  const serverPath = join(directory, FILES.server)
  const openServer = async () => {
    const store = await openSqliteStore(serverPath)
    const backoffice = await createBackoffice({
      store,
      now: clock.now,
      randomBytes: seededBytes(random),
      log: () => {},
      faults: {
        insideBatchTransaction: () => {
          if (!crashInsideNextBatch) return
          crashInsideNextBatch = false
          throw new Error('simulated crash inside the batch transaction')
        },
      },
    })
    return { store, backoffice }
  }
  let server: { store: BackofficeStore; backoffice: Backoffice } = await openServer()
  const restartServer = async () => {
    serverCrashes++
    await server.backoffice.close()
    server = await openServer()
  }
  const network = new SimNetwork(random, () => server.backoffice)
  const terminal: SimTerminal = await openSimTerminal(join(directory, FILES.terminal), clock.now)
  const secrets = createFileSecretStore(join(directory, FILES.secrets))
  const startSync = (): Sync => {
    const generation = network.generation
    const sync = createSync({
      ledger: terminal.ledger,
      secrets,
      appVersion: '1.0.0',
      now: clock.now,
      random,
      timers: liveTimers(clock, () => generation === network.generation),
      transport: network.transport(),
    })
    sync.pusher.start()
    return sync
  }
  let sync = startSync()
  const crashTerminal = async () => {
    terminalCrashes++
    network.terminalCrashed()
    await terminal.reopen()
    sync = startSync()
  }
  const db = () => terminal.ledger.context.db
  const outboxLength = () => db().prepare('SELECT count(*) FROM outbox').pluck().get() as number
  const pendingCount = () => db().prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck().get() as number

  try {
    const target = outboxLength() + 20 + Math.floor(random() * 21)
    for (let step = 0; step < 3000 && outboxLength() < target; step++) {
      const roll = random()
      if (roll < 0.3) {
        terminal.sell(random)
        sync.pusher.nudge()
      } else if (roll < 0.33) {
        if (terminal.voidOne(random)) sync.pusher.nudge()
      } else if (roll < 0.35) {
        terminal.rollShift()
        void sync.pusher.flush({ deadlineMs: 10_000 })
      } else if (roll < 0.36) {
        // An event the back office must refuse for good: quarantined here, kept as rejected there.
        const { journal, now } = terminal.ledger.context
        db().transaction(() =>
          journal.appendEvent('sale.completed', { sale_id: `bad-${seed}`, totals: 'none' }, now()),
        )()
        sync.pusher.nudge()
      } else if (roll < 0.62) await network.step(crashTerminal)
      else if (roll < 0.78) clock.fireNext()
      else if (roll < 0.8) await crashTerminal()
      else if (roll < 0.82) await restartServer()
      else if (roll < 0.84) crashInsideNextBatch = true
      else if (roll < 0.87) sync.pusher.networkChanged(random() < 0.6)
      else clock.advance(Math.floor(random() * 5000))
      await settle(2)
    }
    // Calm: no more faults, the network is back; everything must drain.
    network.calm = true
    crashInsideNextBatch = false
    sync.pusher.networkChanged(true)
    await settle(2)
    for (let step = 0; step < 5000 && (pendingCount() > 0 || network.pending > 0); step++) {
      if (network.pending > 0) await network.step(crashTerminal)
      else if (!clock.fireNext()) sync.pusher.nudge()
      await settle(2)
    }
    await checkInvariants(terminal, server.store, sync)
    return {
      seed,
      events: outboxLength(),
      quarantined: sync.status().quarantined,
      terminalCrashes,
      serverCrashes,
      lostTokenAnswers: network.lostTokenAnswers,
      fates: network.fates,
    }
  } finally {
    terminal.close()
    await server.backoffice.close()
    rmSync(directory, { recursive: true, force: true })
  }
}

class InvariantBroken extends Error {}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual)
  const e = JSON.stringify(expected)
  if (a !== e) throw new InvariantBroken(`${what}: expected ${e.slice(0, 400)}, got ${a.slice(0, 400)}`)
}

async function checkInvariants(terminal: SimTerminal, store: BackofficeStore, sync: Sync): Promise<void> {
  const db = terminal.ledger.context.db
  const status = sync.status()
  expectEqual(status.state, 'synced', 'the terminal ends synced (not revoked, not offline)')
  const outbox = db.prepare('SELECT seq, event_id, payload_sha256, hash, state FROM outbox ORDER BY seq').all() as {
    seq: number
    event_id: string
    payload_sha256: string
    hash: string
    state: string
  }[]
  const terminalId = (db.prepare('SELECT terminal_id FROM sync_config').pluck().get() as string) ?? ''
  const serverEvents = await store.all<{
    seq: number
    event_id: string
    payload_sha256: string
    hash: string
    state: string
  }>('SELECT seq, event_id, payload_sha256, hash, state FROM sync_events WHERE terminal_id = ? ORDER BY seq', [
    terminalId,
  ])
  // I1 no loss: nothing left pending, and every event is on the server with the same identity and hash.
  expectEqual(
    outbox.filter((row) => row.state === 'pending').map((row) => row.seq),
    [],
    'I1: events still pending after the calm drain',
  )
  expectEqual(
    serverEvents.map((row) => [row.seq, row.event_id, row.payload_sha256, row.hash]),
    outbox.map((row) => [row.seq, row.event_id, row.payload_sha256, row.hash]),
    'I1/I3: server events (seq, id, payload hash, chain hash) equal the outbox',
  )
  // I3 order: contiguous from 1, acked through the end, chains verified on both sides.
  const terminalRow = await store.get<{ acked_through_seq: number; chain_break_seq: number | null }>(
    'SELECT acked_through_seq, chain_break_seq FROM terminals WHERE terminal_id = ?',
    [terminalId],
  )
  expectEqual(terminalRow?.acked_through_seq, outbox.length, 'I3: server acked_through_seq')
  expectEqual(terminalRow?.chain_break_seq ?? null, null, 'I3: server sees no chain break')
  expectEqual(terminal.ledger.context.journal.verify().outbox, null, 'I3: terminal outbox chain')
  // I4 no silent drop: quarantined here exactly when rejected there.
  expectEqual(
    serverEvents.filter((row) => row.state === 'rejected').map((row) => row.seq),
    outbox.filter((row) => row.state === 'quarantined').map((row) => row.seq),
    'I4: rejected on the server = quarantined on the terminal',
  )
  // I2 no duplication: per shift and currency, the server's sales equal the terminal's Z (or X) report.
  const serverSales = await store.all<{ shift_id: string; currency: string; n: number; total: number }>(
    `SELECT shift_id, currency, count(*) AS n, sum(total_minor) AS total FROM sales WHERE terminal_id = ?
     GROUP BY shift_id, currency ORDER BY shift_id, currency`,
    [terminalId],
  )
  const serverVoids = await store.all<{ shift_id: string; n: number }>(
    `SELECT s.shift_id, count(*) AS n FROM voids v JOIN sales s ON s.sale_id = v.sale_id WHERE s.terminal_id = ?
     GROUP BY s.shift_id ORDER BY s.shift_id`,
    [terminalId],
  )
  for (const [shiftId, report] of terminal.reports()) {
    const rows = serverSales.filter((row) => row.shift_id === shiftId)
    const count = rows.reduce((sum, row) => sum + Number(row.n), 0)
    const usd = Number(rows.find((row) => row.currency === 'USD')?.total ?? 0)
    const khr = Number(rows.find((row) => row.currency === 'KHR')?.total ?? 0)
    expectEqual(
      { count, usd, khr },
      { count: report.sales.count, usd: report.sales.totalUsd, khr: report.sales.totalKhr },
      `I2: shift ${shiftId} sales on the server vs the ${report.kind} report`,
    )
    expectEqual(
      Number(serverVoids.find((row) => row.shift_id === shiftId)?.n ?? 0),
      report.voids.count,
      `I2: shift ${shiftId} voids`,
    )
  }
}
