import { uuidv7 } from '../ids.ts'
import type { SqliteDatabase } from './database.ts'

export type PrintJobKind = 'receipt' | 'bill' | 'drawer' | 'report' | 'sticker' | 'test'

/**
 * How long a job may wait for a printer before it needs a person: a receipt printed a quarter of
 * an hour late would land in the wrong customer's hands, and a drawer opening minutes after the
 * sale is a cash risk. An expired job is held, never printed silently.
 */
export const JOB_LIFETIME_MS: Record<PrintJobKind, number> = {
  receipt: 15 * 60_000,
  /** A bill carries a per-sale QR: it must never come out after the QR expired (the job's own expiry is the QR's). */
  bill: 5 * 60_000,
  drawer: 2 * 60_000,
  report: 60 * 60_000,
  sticker: 60 * 60_000,
  test: 10 * 60_000,
}

/**
 * Owes a print job, idempotently: the same (kind, object, copy) is one job however often it is
 * asked for. Call inside the transaction of the change it belongs to.
 */
export function enqueuePrintJob(
  db: SqliteDatabase,
  job: {
    kind: PrintJobKind
    objectId: string | null
    copy?: number
    detail?: Record<string, unknown>
    now: number
    expiresAt?: number
  },
): string {
  const existing = db
    .prepare('SELECT id FROM print_jobs WHERE kind = ? AND object_id IS ? AND copy = ?')
    .get(job.kind, job.objectId, job.copy ?? 0) as { id: string } | undefined
  if (existing) return existing.id
  const id = uuidv7(job.now)
  db.prepare(
    'INSERT INTO print_jobs (id, kind, object_id, copy, detail, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    id,
    job.kind,
    job.objectId ?? id,
    job.copy ?? 0,
    JSON.stringify(job.detail ?? {}),
    job.now,
    job.expiresAt ?? job.now + JOB_LIFETIME_MS[job.kind],
  )
  return id
}
