import type { SqliteDatabase } from '../ledger/database.ts'
import type { PrinterStatus, PrinterTransport } from './transport.ts'

export interface PrintJobRow {
  id: string
  kind: 'receipt' | 'bill' | 'drawer' | 'report' | 'sticker' | 'test'
  object_id: string
  copy: number
  detail: string
  created_at: number
  expires_at: number
  state: 'pending' | 'printing' | 'printed' | 'held' | 'discarded'
  attempts: number
  next_attempt_at: number
  last_error: string | null
  printed_at: number | null
  output: string | null
}

export interface QueueStatus {
  printer: string
  status: PrinterStatus
  pending: number
  held: number
  lastError: string | null
}

export interface QueueDependencies {
  db: SqliteDatabase
  now: () => number
  /** The configured printer; asked for each run, so a settings change applies to the next job. */
  transport: () => PrinterTransport
  /**
   * The job's bytes, built from the ledger when it prints (a paid sale never changes), for the
   * printer it is about to go to (which pictures that printer already holds decides the bytes).
   */
  render: (job: PrintJobRow, transport: PrinterTransport) => Promise<RenderedJob>
  /** Where a transport that keeps what it printed (the preview) put it. */
  outputOf?: (transport: PrinterTransport) => string | null
  onChange?: (status: QueueStatus) => void
  /** Whose jobs this queue sends: the receipt printer's (default) or the label printer's. */
  printer?: 'receipt' | 'label'
}

/** The jobs of one printer: a label job names the label printer in its detail, every other job is the receipt printer's. */
function ofPrinter(printer: 'receipt' | 'label'): string {
  return `coalesce(json_extract(detail, '$.printer'), 'receipt') = '${printer}'`
}

/** A job ready to send, and what to learn from how it went. */
export interface RenderedJob {
  bytes: Uint8Array
  /** Extra time the printer may be busy with it (flash writes). */
  busyMs?: number
  /** It reached the printer whole. */
  delivered?(): void
  /** It did not (or not whole). */
  failed?(): void
}

const RETRY_BASE_MS = 2000
const RETRY_CAP_MS = 30_000

/** The drawer first (the customer is waiting for change), then receipts, then everything else, oldest first. */
const DUE_JOBS = (
  mine: string,
) => `SELECT * FROM print_jobs WHERE state = 'pending' AND next_attempt_at <= ? AND ${mine}
  ORDER BY CASE kind WHEN 'drawer' THEN 0 WHEN 'receipt' THEN 1 ELSE 2 END, created_at LIMIT 1`

/**
 * Delivers print jobs, one at a time, in the background: the till never waits for paper. A job
 * is sent only when the printer says it is ready, is marked printed only when the printer still
 * says so afterwards, and is retried with backoff after a fault. A job past its expiry is held for
 * a person to print or discard; one interrupted by a crash is held too, because it may already be
 * on paper and must not come out twice unasked.
 */
export class PrintQueue {
  private readonly deps: QueueDependencies
  private running: Promise<void> | null = null
  private stopped = false
  private again = false
  private timer: ReturnType<typeof setTimeout> | undefined
  private current: QueueStatus
  /** The SQL condition that picks this queue's jobs. */
  private readonly mine: string

  constructor(deps: QueueDependencies) {
    this.deps = deps
    this.mine = ofPrinter(deps.printer ?? 'receipt')
    deps.db
      .prepare(
        `UPDATE print_jobs SET state = 'held', last_error = 'interrupted while printing: check whether it came out, then print or discard it' WHERE state = 'printing' AND ${this.mine}`,
      )
      .run()
    this.current = {
      printer: '',
      status: { state: 'unknown', paperLow: false, drawerOpen: null, detail: null },
      pending: 0,
      held: 0,
      lastError: null,
    }
    this.refreshCounts()
  }

  get status(): QueueStatus {
    return this.current
  }

  /** Runs the queue now (again, if it is already running). Resolves when it is idle. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = this.drain()
      .catch((error: unknown) => {
        // A failure here must never become an unhandled rejection in the main process: it is reported.
        if (!this.stopped) this.current = { ...this.current, lastError: `print queue: ${(error as Error).message}` }
      })
      .finally(() => {
        this.running = null
      })
    return this.running
  }

  /** A held or failed job, sent again now. */
  retry(jobId: string): void {
    this.deps.db
      .prepare(
        "UPDATE print_jobs SET state = 'pending', next_attempt_at = 0, expires_at = max(expires_at, ?) WHERE id = ? AND state IN ('held', 'pending')",
      )
      .run(this.deps.now() + 60_000, jobId)
    this.refreshCounts()
    void this.kick()
  }

  discard(jobId: string): void {
    this.deps.db
      .prepare("UPDATE print_jobs SET state = 'discarded' WHERE id = ? AND state IN ('held', 'pending')")
      .run(jobId)
    this.refreshCounts()
  }

  /** Stops for good (the engine is closing): nothing more is sent or recorded. */
  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
  }

  private async drain(): Promise<void> {
    do {
      this.again = false
      if (this.stopped) return
      this.holdExpired()
      let job = this.nextDue()
      if (!job) break
      const transport = this.deps.transport()
      this.current = { ...this.current, printer: transport.label }
      try {
        const before = await transport.status()
        if (this.stopped) return
        this.setStatus(before)
        if (!ready(before)) {
          this.postponeAll(`printer ${describe(before)}`)
          break
        }
        // After a fault the rest waits for the retry: the printer that failed this job would fail the next.
        while (job && (await this.print(job, transport)) && !this.stopped) {
          this.holdExpired()
          job = this.nextDue()
        }
      } finally {
        await transport.close()
      }
    } while (this.again && !this.stopped)
    this.refreshCounts()
    this.schedule()
  }

  /** Sends one job; false when the printer failed it (the job is then pending again, with backoff). */
  private async print(job: PrintJobRow, transport: PrinterTransport): Promise<boolean> {
    const db = this.deps.db
    let rendered: RenderedJob
    try {
      rendered = await this.deps.render(job, transport)
    } catch (error) {
      db.prepare("UPDATE print_jobs SET state = 'held', last_error = ? WHERE id = ?").run(
        `cannot lay out this job: ${(error as Error).message}`,
        job.id,
      )
      return true
    }
    db.prepare("UPDATE print_jobs SET state = 'printing', attempts = attempts + 1 WHERE id = ?").run(job.id)
    try {
      await transport.write(rendered.bytes, { busyMs: rendered.busyMs ?? 0 })
      const after = await transport.status()
      if (this.stopped) return false
      this.setStatus(after)
      // A printer that ran out of paper or was opened during the job has not printed all of it.
      if (
        after.state === 'paper_out' ||
        after.state === 'cover_open' ||
        after.state === 'offline' ||
        after.state === 'disconnected'
      ) {
        throw new Error(`printer ${describe(after)} during the job`)
      }
      rendered.delivered?.()
      db.prepare(
        "UPDATE print_jobs SET state = 'printed', printed_at = ?, last_error = NULL, output = ? WHERE id = ?",
      ).run(this.deps.now(), this.deps.outputOf?.(transport) ?? null, job.id)
      return true
    } catch (error) {
      rendered.failed?.()
      if (this.stopped) return false
      const attempts = job.attempts + 1
      const wait = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempts - 1))
      db.prepare("UPDATE print_jobs SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?").run(
        this.deps.now() + wait,
        (error as Error).message,
        job.id,
      )
      this.current = { ...this.current, lastError: (error as Error).message }
      if (ready(this.current.status)) this.setStatus(await transport.status())
      return false
    }
  }

  private nextDue(): PrintJobRow | undefined {
    return this.deps.db.prepare(DUE_JOBS(this.mine)).get(this.deps.now()) as PrintJobRow | undefined
  }

  private holdExpired(): void {
    this.deps.db
      .prepare(
        `UPDATE print_jobs SET state = 'held', last_error = coalesce(last_error, 'not printed in time') || ' (expired: print or discard it)' WHERE state = 'pending' AND expires_at <= ? AND ${this.mine}`,
      )
      .run(this.deps.now())
  }

  private postponeAll(reason: string): void {
    this.deps.db
      .prepare(`UPDATE print_jobs SET next_attempt_at = ?, last_error = ? WHERE state = 'pending' AND ${this.mine}`)
      .run(this.deps.now() + RETRY_BASE_MS, reason)
    this.current = { ...this.current, lastError: reason }
  }

  /** Wakes the queue when the next job falls due (or a status check is owed). */
  private schedule(): void {
    clearTimeout(this.timer)
    if (this.stopped) return
    const next = this.deps.db
      .prepare(`SELECT min(next_attempt_at) AS at FROM print_jobs WHERE state = 'pending' AND ${this.mine}`)
      .get() as { at: number | null }
    if (next.at === null) return
    this.timer = setTimeout(() => void this.kick(), Math.max(50, next.at - this.deps.now()))
    this.timer.unref?.()
  }

  private setStatus(status: PrinterStatus): void {
    this.current = { ...this.current, status }
    this.refreshCounts()
  }

  private refreshCounts(): void {
    if (this.stopped || !this.deps.db.open) return
    const counts = this.deps.db
      .prepare(
        `SELECT count(*) FILTER (WHERE state IN ('pending', 'printing')) AS pending, count(*) FILTER (WHERE state = 'held') AS held FROM print_jobs WHERE state IN ('pending', 'printing', 'held') AND ${this.mine}`,
      )
      .get() as { pending: number; held: number }
    this.current = { ...this.current, pending: counts.pending, held: counts.held }
    this.deps.onChange?.(this.current)
  }
}

function ready(status: PrinterStatus): boolean {
  return status.state === 'ready' || status.state === 'unknown'
}

function describe(status: PrinterStatus): string {
  return status.state.replace('_', ' ') + (status.detail ? ` (${status.detail})` : '')
}
