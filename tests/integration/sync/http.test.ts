/**
 * The pusher over real HTTP (fetch) to the real back office running as its own process, through a
 * fault-injecting proxy (latency, resets mid-request, answers dropped after the server committed,
 * bodies cut short), with the back office SIGKILLed and restarted twice mid-drain. Afterwards every
 * event is on the server exactly once, in order, with its hashes. On SQLite, and on PostgreSQL.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openPostgresStore } from '../../../backoffice/src/store/postgres.ts'
import { openSqliteStore } from '../../../backoffice/src/store/sqlite.ts'
import type { BackofficeStore } from '../../../backoffice/src/store/types.ts'
import { createFileSecretStore } from '../../../electron/core/payments/secrets.ts'
import { createHttpTransport } from '../../../electron/core/sync/http-transport.ts'
import { createSync } from '../../../electron/core/sync/index.ts'
import { type Fault, startFaultProxy } from '../../support/fault-proxy.ts'
import { type TestPostgres, testPostgres } from '../../support/postgres.ts'
import { seededRandom } from '../../support/seeded-random.ts'
import { appendClonedSales, openSimTerminal } from '../../support/sim-terminal.ts'
import { freshDatabase, startBackofficeProcess } from './backoffice-process.ts'

const SALES = 60
const CLONED = 1200
const KILLS = 2

let postgres: TestPostgres
beforeAll(async () => {
  postgres = await testPostgres()
}, 60_000)
afterAll(async () => {
  await postgres?.stop()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.each(['sqlite', 'postgres'] as const)(
  'sync over real HTTP with faults and a killed back office (%s)',
  (kind) => {
    test('every event reaches the server exactly once, in order, with its hashes', {
      timeout: 180_000,
    }, async (context) => {
      if (kind === 'postgres' && !postgres.url) {
        if (process.env.CI) throw new Error(`PostgreSQL is required in CI: ${postgres.reason}`)
        context.skip(`PostgreSQL unavailable: ${postgres.reason}`)
        return
      }
      const directory = mkdtempSync(join(tmpdir(), `pos-sync-http-${kind}-`))
      const database =
        kind === 'postgres' ? await freshDatabase(postgres.url as string, `sync_http_${process.pid}`) : null
      const backoffice = await startBackofficeProcess({
        dataDirectory: join(directory, 'backoffice'),
        databaseUrl: database?.url,
      })
      const random = seededRandom(Number(process.env.SYNC_HTTP_SEED ?? 42))
      let tokenRequests = 0
      const proxy = await startFaultProxy({
        upstreamPort: backoffice.port,
        latencyMs: 20,
        choose: (head): Fault => {
          // Pushes and token requests alike: a rotation whose answer is lost is retried with the
          // previous refresh token, which the back office takes once more. Enrolment passes untouched.
          if (!head.startsWith('POST /v1/sync/events') && !head.startsWith('POST /v1/auth/token')) return 'none'
          // The first rotation's answer is always lost, so the retry is tried at least once.
          if (head.startsWith('POST /v1/auth/token') && tokenRequests++ === 0) return 'drop_response'
          const roll = random()
          if (roll < 0.12) return 'reset_request'
          if (roll < 0.24) return 'drop_response'
          if (roll < 0.34) return 'truncate_response'
          if (roll < 0.5) return 'latency'
          return 'none'
        },
      })
      const terminal = await openSimTerminal(join(directory, 'pos.sqlite3'), Date.now)
      const sync = createSync({
        ledger: terminal.ledger,
        secrets: createFileSecretStore(join(directory, 'secrets.json')),
        appVersion: '1.0.0',
        transport: (baseUrl) => createHttpTransport(baseUrl, { timeoutMs: 5000, gzipAboveBytes: 16 * 1024 }),
      })
      const db = terminal.ledger.context.db
      const count = (state: string) =>
        db.prepare('SELECT count(*) FROM outbox WHERE state = ?').pluck().get(state) as number
      let store: BackofficeStore | null = null
      try {
        for (let n = 0; n < SALES; n++) {
          terminal.sell(random)
          if (n % 25 === 24) terminal.rollShift()
        }
        appendClonedSales(terminal.ledger, CLONED, 500)
        const total = db.prepare('SELECT count(*) FROM outbox').pluck().get() as number

        await sync.enroll(proxy.url, await backoffice.newTerminalCode('T1'))
        let kills = 0
        for (let tick = 0; count('pending') > 0 && tick < 6000; tick++) {
          await sleep(10)
          if (kills < KILLS && count('acked') > ((kills + 1) * total) / (KILLS + 1)) {
            await backoffice.kill()
            kills++
            // While it is down the pusher meets refused connections and backs off.
            await sleep(300)
            await backoffice.start()
            sync.pusher.networkChanged(true)
          } else if (tick % 100 === 99) sync.pusher.networkChanged(true)
        }
        expect(kills).toBe(KILLS)
        expect(count('pending')).toBe(0)
        expect(count('quarantined')).toBe(0)
        expect(sync.status().state).toBe('synced')
        expect(tokenRequests).toBeGreaterThanOrEqual(2)
        expect(
          proxy.counts.drop_response + proxy.counts.reset_request + proxy.counts.truncate_response,
        ).toBeGreaterThan(0)
        await sync.close()
        await backoffice.stop()

        store = database
          ? await openPostgresStore({ connectionString: database.url, max: 1 })
          : await openSqliteStore(join(directory, 'backoffice', 'backoffice.sqlite'))
        const terminalId = db.prepare('SELECT terminal_id FROM sync_config').pluck().get() as string
        const server = await store.all<{ seq: number; event_id: string; payload_sha256: string; hash: string }>(
          "SELECT seq, event_id, payload_sha256, hash FROM sync_events WHERE terminal_id = ? AND state = 'accepted' ORDER BY seq",
          [terminalId],
        )
        const local = db.prepare('SELECT seq, event_id, payload_sha256, hash FROM outbox ORDER BY seq').all()
        expect(server.length).toBe(total)
        expect(server.map((row) => ({ ...row, seq: Number(row.seq) }))).toEqual(local)
        const sales = await store.get<{ n: number }>('SELECT count(*) AS n FROM sales WHERE terminal_id = ?', [
          terminalId,
        ])
        expect(Number(sales?.n)).toBe(
          db.prepare("SELECT count(*) FROM outbox WHERE type = 'sale.completed'").pluck().get(),
        )
        const row = await store.get<{ acked_through_seq: number; chain_break_seq: number | null }>(
          'SELECT acked_through_seq, chain_break_seq FROM terminals WHERE terminal_id = ?',
          [terminalId],
        )
        expect(Number(row?.acked_through_seq)).toBe(total)
        expect(row?.chain_break_seq ?? null).toBeNull()
      } finally {
        await sync.close()
        await proxy.close()
        await backoffice.stop()
        await store?.close()
        terminal.close()
        await database?.drop()
      }
    })
  },
)
