import { PosError } from '../errors.ts'
import type { SqliteDatabase } from '../ledger/database.ts'

/**
 * Called before anything that could drop this terminal's data (sign-out that resets, reset,
 * reinstall): refuses while events exist that neither reached the back office nor were exported
 * to a file (the Loyverse lesson, docs/sync-protocol.md §3.11).
 */
export function assertNoUnsyncedLoss(db: SqliteDatabase, action: string): void {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM outbox
       WHERE state <> 'acked' AND seq > (SELECT exported_through_seq FROM sync_state WHERE singleton = 1)`,
    )
    .get() as { n: number }
  if (row.n > 0)
    throw new PosError(
      'unsynced_events',
      `Cannot ${action}: ${row.n} ${row.n === 1 ? 'event has' : 'events have'} not reached the back office yet. Connect to the network and wait until everything is synced, or export the unsynced events to a file first.`,
    )
}
