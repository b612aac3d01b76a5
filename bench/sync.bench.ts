/**
 * The terminal's sync draining a long queue (issue 6): 100 000 `sale.completed` events, made fast
 * with the real Journal (one real sale cloned, a few thousand per transaction) in a real ledger
 * file, pushed by the real pusher over real HTTP (fetch) to the back office running as its own
 * process, on SQLite and on PostgreSQL (DATABASE_URL, else a temporary cluster as in
 * tests/support/postgres.ts).
 *
 * - `drain_events_per_s_*`: events acked per second, from enrolment to an empty queue. The
 *   terminal side runs in a child process so its `peak_rss_mb` (VmHWM, and rss sampled every
 *   20 ms) is the terminal's alone. Reference (same run, same back office): a bare fetch loop
 *   posting the same events, pre-built, 200 per request, with no ledger reads or ack writes
 *   (`reference_post_events_per_s_*`); the ratio is pusher ÷ bare loop.
 * - `batch_p99_ms`: the back office's own time for one 200-event push (its request handler on its
 *   SQLite store, in process, no HTTP), p99 over 200 batches. Reference: a bare better-sqlite3
 *   transaction inserting the same 200 rows into a table of the same columns, synchronous=FULL.
 *   `batch_p99_ms_postgres`: the same on its PostgreSQL store.
 *
 * `npm run bench -- sync`; SYNC_BENCH_EVENTS=20000 for a quick try. Last line: one JSON object.
 */
import { spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createBackoffice } from '../backoffice/src/app.ts'
import { openPostgresStore } from '../backoffice/src/store/postgres.ts'
import { openSqliteStore } from '../backoffice/src/store/sqlite.ts'
import type { BackofficeStore } from '../backoffice/src/store/types.ts'
import { openLedger } from '../electron/core/ledger/index.ts'
import { createFileSecretStore } from '../electron/core/payments/secrets.ts'
import { createHttpTransport } from '../electron/core/sync/http-transport.ts'
import { createSync } from '../electron/core/sync/index.ts'
import { pushBody } from '../electron/core/sync/push-body.ts'
import { freshDatabase, startBackofficeProcess } from '../tests/integration/sync/backoffice-process.ts'
import { testPostgres } from '../tests/support/postgres.ts'
import { seededRandom } from '../tests/support/seeded-random.ts'
import { appendClonedSales, openSimTerminal } from '../tests/support/sim-terminal.ts'
import { round } from './measure.ts'

const EVENTS = Number(process.env.SYNC_BENCH_EVENTS ?? 100_000)
const TARGETS = { drain_events_per_s_sqlite: 5000, peak_rss_mb: 300, batch_p99_ms: 100 }
const BATCH = 200

function percentile(values: readonly number[], p: number): number {
  const sorted = Float64Array.from(values).sort()
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] ?? Number.NaN
}

function vmHwmMb(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((row) => row.startsWith('VmHWM:'))
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : Number.NaN
}

// ── the terminal side, in its own process ────────────────────────────────────────────────────

async function terminalChild(ledgerPath: string, url: string, code: string, secretsPath: string): Promise<void> {
  let peak = 0
  let peakHeap = 0
  let peakExternal = 0
  const sampler = setInterval(() => {
    const memory = process.memoryUsage()
    peak = Math.max(peak, memory.rss)
    peakHeap = Math.max(peakHeap, memory.heapTotal)
    peakExternal = Math.max(peakExternal, memory.external + memory.arrayBuffers)
  }, 20)
  const ledger = await openLedger(ledgerPath)
  const pending = () =>
    ledger.context.db.prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck().get() as number
  const before = pending()
  const sync = createSync({
    ledger,
    secrets: createFileSecretStore(secretsPath),
    appVersion: 'bench',
    transport: (baseUrl) => createHttpTransport(baseUrl, { timeoutMs: 30_000 }),
  })
  const started = performance.now()
  await sync.enroll(url, code)
  const { drained } = await sync.pusher.flush({ deadlineMs: 30 * 60_000 })
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  await sync.close()
  const status = sync.status()
  const sent = before - pending()
  ledger.close()
  console.log(
    JSON.stringify({
      drained,
      events: sent,
      seconds,
      peak_rss_mb: Math.max(peak / 2 ** 20, vmHwmMb()),
      peak_heap_mb: peakHeap / 2 ** 20,
      peak_external_mb: peakExternal / 2 ** 20,
      last_error: status.lastError?.detail ?? null,
    }),
  )
}

function runTerminalChild(
  ledgerPath: string,
  url: string,
  code: string,
  secretsPath: string,
): Promise<{
  drained: boolean
  events: number
  seconds: number
  peak_rss_mb: number
  peak_heap_mb: number
  peak_external_mb: number
  last_error: string | null
}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [import.meta.filename, 'terminal', ledgerPath, url, code, secretsPath], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.on('error', reject)
    child.on('exit', (status) => {
      const last = output.trim().split('\n').at(-1) ?? ''
      if (status !== 0) reject(new Error(`terminal child failed (${status}): ${output}`))
      else resolve(JSON.parse(last))
    })
  })
}

// ── the bench ────────────────────────────────────────────────────────────────────────────────

async function makeQueue(directory: string): Promise<string> {
  const path = join(directory, 'queue.sqlite3')
  const terminal = await openSimTerminal(path, Date.now)
  terminal.sell(seededRandom(1))
  const started = performance.now()
  const existing = terminal.ledger.context.db.prepare('SELECT count(*) FROM outbox').pluck().get() as number
  appendClonedSales(terminal.ledger, EVENTS - existing, 5000)
  console.log(`queued ${EVENTS} events with the real Journal in ${round(performance.now() - started)} ms`)
  terminal.ledger.context.db.pragma('wal_checkpoint(TRUNCATE)')
  terminal.close()
  return path
}

/** The same events as bodies of 200, built before the clock starts. */
function prebuiltBodies(ledgerPath: string, terminalId: string): unknown[] {
  const db = new Database(ledgerPath, { readonly: true })
  const rows = db
    .prepare(
      "SELECT seq, event_id, type, payload, payload_sha256, prev_hash, hash, occurred_at_device FROM outbox WHERE state = 'pending' ORDER BY seq",
    )
    .all() as Parameters<typeof pushBody>[1][number][]
  db.close()
  const bodies = []
  for (let start = 0; start < rows.length; start += BATCH)
    bodies.push(pushBody(terminalId, rows.slice(start, start + BATCH), { appVersion: 'bench', sentAt: Date.now() }))
  return bodies
}

async function enrollBare(url: string, code: string): Promise<{ terminalId: string; access: string }> {
  const enrolled = (await (
    await fetch(`${url}/v1/terminals/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, device_fingerprint: 'bench', app_version: 'bench' }),
    })
  ).json()) as { terminal_id: string; refresh_token: string }
  const token = (await (
    await fetch(`${url}/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: enrolled.refresh_token }),
    })
  ).json()) as { access_token: string }
  return { terminalId: enrolled.terminal_id, access: token.access_token }
}

async function drainOn(
  kind: 'sqlite' | 'postgres',
  queuePath: string,
  directory: string,
  databaseUrl: (name: string) => Promise<{ url: string; drop(): Promise<void> } | null>,
) {
  const database = await databaseUrl(`sync_bench_drain_${process.pid}`)
  const backoffice = await startBackofficeProcess({
    dataDirectory: join(directory, `backoffice-${kind}`),
    databaseUrl: database?.url,
  })
  try {
    const ledgerPath = join(directory, `terminal-${kind}.sqlite3`)
    copyFileSync(queuePath, ledgerPath)
    const result = await runTerminalChild(
      ledgerPath,
      backoffice.url,
      await backoffice.newTerminalCode('bench'),
      join(directory, `secrets-${kind}.json`),
    )
    if (!result.drained || result.events !== EVENTS)
      throw new Error(`${kind}: the drain stopped at ${result.events} of ${EVENTS}: ${result.last_error}`)
    const pusherRate = result.events / result.seconds
    console.log(
      `${kind}: drained ${result.events} events in ${round(result.seconds, 2)} s = ${round(pusherRate)} events/s, terminal peak RSS ${round(result.peak_rss_mb)} MB (V8 heap ${round(result.peak_heap_mb)} MB, buffers ${round(result.peak_external_mb)} MB)`,
    )
    // Reference: the same events posted by a bare loop to a second terminal of the same back office.
    const bare = await enrollBare(backoffice.url, await backoffice.newTerminalCode('bare'))
    const bodies = prebuiltBodies(queuePath, bare.terminalId)
    const started = performance.now()
    for (const body of bodies) {
      const response = await fetch(`${backoffice.url}/v1/sync/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bare.access}` },
        body: JSON.stringify(body),
      })
      if (response.status !== 200) throw new Error(`bare post: ${response.status} ${await response.text()}`)
      await response.arrayBuffer()
    }
    const bareRate = EVENTS / ((performance.now() - started) / 1000)
    console.log(
      `${kind}: bare fetch loop ${round(bareRate)} events/s; pusher ÷ bare = ${round(pusherRate / bareRate, 2)}`,
    )
    return { pusherRate, bareRate, peakRssMb: result.peak_rss_mb }
  } finally {
    await backoffice.stop()
    await database?.drop()
  }
}

async function serverBatchLatency(queuePath: string, directory: string, store: BackofficeStore) {
  const backoffice = await createBackoffice({ store, log: () => {} })
  const { code } = await backoffice.createTerminal('latency')
  const call = async (path: string, body: unknown, authorization?: string) =>
    backoffice.handle({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', authorization },
      body,
      rawBytes: JSON.stringify(body).length,
    })
  const enrolled = (await call('/v1/terminals/enroll', { code, device_fingerprint: 'b', app_version: 'b' })).body as {
    terminal_id: string
    refresh_token: string
  }
  const access = (
    (await call('/v1/auth/token', { refresh_token: enrolled.refresh_token })).body as {
      access_token: string
    }
  ).access_token
  const bodies = prebuiltBodies(queuePath, enrolled.terminal_id).slice(0, 220)
  const times: number[] = []
  for (const [index, body] of bodies.entries()) {
    const started = performance.now()
    const response = await call('/v1/sync/events', body, `Bearer ${access}`)
    const elapsed = performance.now() - started
    if (response.status !== 200) throw new Error(`batch ${index}: ${response.status} ${JSON.stringify(response.body)}`)
    if (index >= 20) times.push(elapsed)
  }
  await backoffice.close()
  const p99 = percentile(times, 0.99)
  const p50 = percentile(times, 0.5)
  if (store.dialect === 'postgres') {
    console.log(`server on PostgreSQL: 200-event push p50 ${round(p50, 2)} ms, p99 ${round(p99, 2)} ms`)
    return { p99, p50, bareP99: Number.NaN }
  }

  // Reference: the same rows inserted bare, one transaction per 200, synchronous=FULL.
  const bare = new Database(join(directory, 'latency-bare.sqlite'))
  bare.pragma('journal_mode = WAL')
  bare.pragma('synchronous = FULL')
  bare.exec(
    'CREATE TABLE events (event_id TEXT PRIMARY KEY, terminal_id TEXT, seq INTEGER, type TEXT, payload TEXT, payload_sha256 TEXT, prev_hash TEXT, hash TEXT, occurred_at_device INTEGER, received_at INTEGER, UNIQUE (terminal_id, seq))',
  )
  const insert = bare.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const bareTimes: number[] = []
  for (const [index, body] of (bodies as { events: Record<string, unknown>[] }[]).entries()) {
    const started = performance.now()
    bare.transaction(() => {
      for (const event of body.events)
        insert.run(
          event.event_id,
          'bare',
          event.seq,
          event.type,
          JSON.stringify(event.payload),
          event.payload_sha256,
          event.prev_hash,
          event.hash,
          event.occurred_at_device,
          Date.now(),
        )
    })()
    if (index >= 20) bareTimes.push(performance.now() - started)
  }
  bare.close()
  const bareP99 = percentile(bareTimes, 0.99)
  console.log(
    `server on SQLite: 200-event push p50 ${round(p50, 2)} ms, p99 ${round(p99, 2)} ms; bare insert p99 ${round(bareP99, 2)} ms; ratio ${round(p99 / bareP99, 1)}`,
  )
  return { p99, p50, bareP99 }
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'pos-sync-bench-'))
  const postgres = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, reason: 'DATABASE_URL', stop: async () => {} }
    : await testPostgres()
  try {
    const queuePath = await makeQueue(directory)
    const latency = await serverBatchLatency(
      queuePath,
      directory,
      await openSqliteStore(join(directory, 'latency-backoffice.sqlite')),
    )
    const sqlite = await drainOn('sqlite', queuePath, directory, async () => null)
    let pg: Awaited<ReturnType<typeof drainOn>> | null = null
    let pgLatency: Awaited<ReturnType<typeof serverBatchLatency>> | null = null
    if (postgres.url) {
      const database = await freshDatabase(postgres.url, `sync_bench_latency_${process.pid}`)
      pgLatency = await serverBatchLatency(
        queuePath,
        directory,
        await openPostgresStore({ connectionString: database.url, max: 2 }),
      )
      await database.drop()
      pg = await drainOn('postgres', queuePath, directory, (name) => freshDatabase(postgres.url as string, name))
    } else console.log(`postgres: skipped (${postgres.reason})`)
    const figures = {
      events: EVENTS,
      drain_events_per_s_sqlite: round(sqlite.pusherRate),
      drain_events_per_s_postgres: pg ? round(pg.pusherRate) : null,
      peak_rss_mb: round(Math.max(sqlite.peakRssMb, pg?.peakRssMb ?? 0), 1),
      batch_p99_ms: round(latency.p99, 2),
      batch_p50_ms: round(latency.p50, 2),
      batch_p99_ms_postgres: pgLatency ? round(pgLatency.p99, 2) : null,
      reference_post_events_per_s_sqlite: round(sqlite.bareRate),
      drain_vs_bare_ratio_sqlite: round(sqlite.pusherRate / sqlite.bareRate, 2),
      reference_post_events_per_s_postgres: pg ? round(pg.bareRate) : null,
      drain_vs_bare_ratio_postgres: pg ? round(pg.pusherRate / pg.bareRate, 2) : null,
      reference_bare_insert_p99_ms: round(latency.bareP99, 2),
      batch_vs_bare_insert_ratio: round(latency.p99 / latency.bareP99, 1),
    }
    console.log(
      JSON.stringify({
        ...figures,
        targets_met: {
          drain_events_per_s_sqlite: figures.drain_events_per_s_sqlite >= TARGETS.drain_events_per_s_sqlite,
          peak_rss_mb: figures.peak_rss_mb <= TARGETS.peak_rss_mb,
          batch_p99_ms: figures.batch_p99_ms <= TARGETS.batch_p99_ms,
        },
      }),
    )
  } finally {
    await postgres.stop()
    rmSync(directory, { recursive: true, force: true })
  }
}

if (process.argv[2] === 'terminal') {
  const [ledgerPath, url, code, secretsPath] = process.argv.slice(3) as [string, string, string, string]
  await terminalChild(ledgerPath, url, code, secretsPath)
} else await main()
