import type { SqliteDatabase } from '../ledger/database.ts'
import type { SyncErrorClass } from './classify.ts'

export interface SyncConfig {
  backofficeUrl: string
  terminalId: string
  storeId: string
  enrolledAt: number
  /** The back office's Ed25519 key (SPKI DER, base64url) its KHQR verdicts must be signed with; null before it gave one. */
  verdictKey: string | null
}

export interface SyncStateRow {
  lastAttemptAt: number | null
  lastSuccessAt: number | null
  lastErrorClass: SyncErrorClass | null
  lastError: string | null
  clockOffsetMs: number | null
  serverAckedThroughSeq: number | null
  serverGaps: unknown[]
  blocked: 'revoked' | 'update_needed' | null
  exportedThroughSeq: number
  exportedAt: number | null
  exportedPath: string | null
}

/** The sync tables of migration 004: the enrolment, and what the last exchanges taught. */
export class SyncStateStore {
  private readonly db: SqliteDatabase

  constructor(db: SqliteDatabase) {
    this.db = db
  }

  config(): SyncConfig | null {
    const row = this.db
      .prepare(
        'SELECT backoffice_url, terminal_id, store_id, enrolled_at, verdict_key FROM sync_config WHERE singleton = 1',
      )
      .get() as
      | {
          backoffice_url: string
          terminal_id: string
          store_id: string
          enrolled_at: number
          verdict_key: string | null
        }
      | undefined
    return row
      ? {
          backofficeUrl: row.backoffice_url,
          terminalId: row.terminal_id,
          storeId: row.store_id,
          enrolledAt: row.enrolled_at,
          verdictKey: row.verdict_key,
        }
      : null
  }

  saveConfig(config: SyncConfig | null): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sync_config').run()
      if (config)
        this.db
          .prepare(
            'INSERT INTO sync_config (singleton, backoffice_url, terminal_id, store_id, enrolled_at, verdict_key) VALUES (1, ?, ?, ?, ?, ?)',
          )
          .run(config.backofficeUrl, config.terminalId, config.storeId, config.enrolledAt, config.verdictKey)
      this.db.prepare('UPDATE sync_state SET blocked = NULL, last_error_class = NULL, last_error = NULL').run()
    })()
  }

  state(): SyncStateRow {
    const row = this.db.prepare('SELECT * FROM sync_state WHERE singleton = 1').get() as Record<string, unknown>
    return {
      lastAttemptAt: row.last_attempt_at as number | null,
      lastSuccessAt: row.last_success_at as number | null,
      lastErrorClass: row.last_error_class as SyncErrorClass | null,
      lastError: row.last_error as string | null,
      clockOffsetMs: row.clock_offset_ms as number | null,
      serverAckedThroughSeq: row.server_acked_through_seq as number | null,
      serverGaps: row.server_gaps ? (JSON.parse(row.server_gaps as string) as unknown[]) : [],
      blocked: row.blocked as SyncStateRow['blocked'],
      exportedThroughSeq: row.exported_through_seq as number,
      exportedAt: row.exported_at as number | null,
      exportedPath: row.exported_path as string | null,
    }
  }

  recordSuccess(input: {
    now: number
    clockOffsetMs: number | null
    ackedThroughSeq: number
    gaps: unknown[]
    rejected: boolean
  }): void {
    this.db
      .prepare(
        `UPDATE sync_state SET last_attempt_at = ?, last_success_at = ?, clock_offset_ms = coalesce(?, clock_offset_ms),
         server_acked_through_seq = ?, server_gaps = ?, blocked = NULL,
         last_error_class = ?, last_error = ? WHERE singleton = 1`,
      )
      .run(
        input.now,
        input.now,
        input.clockOffsetMs === null ? null : Math.round(input.clockOffsetMs),
        input.ackedThroughSeq,
        JSON.stringify(input.gaps),
        input.rejected ? 'rejected' : null,
        input.rejected ? 'an event was quarantined' : null,
      )
  }

  recordFailure(now: number, errorClass: SyncErrorClass, message: string): void {
    const blocked = errorClass === 'revoked' || errorClass === 'update_needed' ? errorClass : null
    this.db
      .prepare(
        `UPDATE sync_state SET last_attempt_at = ?, last_error_class = ?, last_error = ?, blocked = coalesce(?, blocked)
         WHERE singleton = 1`,
      )
      .run(now, errorClass, message.slice(0, 500), blocked)
  }

  recordExport(throughSeq: number, at: number, path: string): void {
    this.db
      .prepare(
        'UPDATE sync_state SET exported_through_seq = max(exported_through_seq, ?), exported_at = ?, exported_path = ? WHERE singleton = 1',
      )
      .run(throughSeq, at, path)
  }
}
