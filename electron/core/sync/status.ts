import type { QuarantinedEventView } from '../../../shared/views.ts'
import type { SqliteDatabase } from '../ledger/database.ts'
import { ERROR_CLASS_WORDS, type SyncErrorClass } from './classify.ts'
import type { PusherPhase } from './pusher.ts'
import type { SyncStateStore } from './sync-state.ts'

/** Beyond this the status bar warns that the terminal's clock disagrees with the back office. */
export const CLOCK_WARNING_MS = 5 * 60_000

export type SyncDisplayState = 'not_configured' | 'synced' | 'syncing' | 'offline' | 'revoked' | 'update_needed'

/** The figures the status bar shows about sync. */
export interface SyncStatusView {
  state: SyncDisplayState
  unsynced: number
  oldestUnsyncedAt: number | null
  oldestUnsyncedAgeMs: number | null
  lastSuccessAt: number | null
  lastError: { errorClass: SyncErrorClass; words: string; detail: string | null } | null
  /** Server time minus this terminal's time, from the last push; positive means the terminal is behind. */
  clockOffsetMs: number | null
  clockWarning: boolean
  quarantined: number
  backofficeUrl: string | null
}

/** As the manager's page lists it (shared/views.ts). */
export type QuarantinedEvent = QuarantinedEventView

export function syncStatus(db: SqliteDatabase, state: SyncStateStore, phase: PusherPhase, now: number): SyncStatusView {
  const counts = db
    .prepare(
      `SELECT count(*) FILTER (WHERE state = 'pending') AS unsynced,
              min(occurred_at_device) FILTER (WHERE state = 'pending') AS oldest,
              count(*) FILTER (WHERE state = 'quarantined') AS quarantined
       FROM outbox WHERE state <> 'acked'`,
    )
    .get() as { unsynced: number; oldest: number | null; quarantined: number }
  const row = state.state()
  const config = state.config()
  let display: SyncDisplayState
  if (phase === 'not_configured') display = 'not_configured'
  else if (phase === 'revoked' || phase === 'update_needed') display = phase
  else if (phase === 'offline') display = 'offline'
  else display = counts.unsynced === 0 ? 'synced' : 'syncing'
  return {
    state: display,
    unsynced: counts.unsynced,
    oldestUnsyncedAt: counts.oldest,
    oldestUnsyncedAgeMs: counts.oldest === null ? null : Math.max(0, now - counts.oldest),
    lastSuccessAt: row.lastSuccessAt,
    lastError: row.lastErrorClass
      ? { errorClass: row.lastErrorClass, words: ERROR_CLASS_WORDS[row.lastErrorClass], detail: row.lastError }
      : null,
    clockOffsetMs: row.clockOffsetMs,
    clockWarning: row.clockOffsetMs !== null && Math.abs(row.clockOffsetMs) > CLOCK_WARNING_MS,
    quarantined: counts.quarantined,
    backofficeUrl: config?.backofficeUrl ?? null,
  }
}

/** The events set aside for a manager, oldest first, each with the back office's reason. */
export function listQuarantined(db: SqliteDatabase, limit = 500): QuarantinedEvent[] {
  return (
    db
      .prepare(
        `SELECT seq, event_id, type, occurred_at_device, last_error, attempts FROM outbox
         WHERE state = 'quarantined' ORDER BY seq LIMIT ?`,
      )
      .all(limit) as {
      seq: number
      event_id: string
      type: string
      occurred_at_device: number
      last_error: string | null
      attempts: number
    }[]
  ).map((row) => ({
    seq: row.seq,
    eventId: row.event_id,
    type: row.type,
    occurredAt: row.occurred_at_device,
    reason: row.last_error ?? 'rejected',
    attempts: row.attempts,
  }))
}
