import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs'
import { exportSignatureText } from '../../../shared/sync-protocol.ts'
import type { SqliteDatabase } from '../ledger/database.ts'
import { MAX_BATCH_EVENTS } from './batch-size.ts'
import type { QueuedEvent } from './outbox-queue.ts'
import { pushBody } from './push-body.ts'
import type { SyncStateStore } from './sync-state.ts'

export const EXPORT_FORMAT = 'khqr-pos-sync-export'

export interface ExportResult {
  path: string
  events: number
  pending: number
  quarantined: number
  throughSeq: number
  bytes: number
}

/**
 * Writes every unsent event (pending and quarantined) to `path` as push batches, for a long
 * outage or a dead terminal: `{format, version, exported_at, terminal_id, local_terminal_id,
 * batches: [push body…], signature}`. The signature is the terminal's enrolment key over every
 * event (exportSignatureText), so nobody carrying the file can change, drop or add a sale; it is
 * null before enrolment. The back office imports it idempotently (same event ids). The file is
 * written beside its final name, synced, then renamed, so a half-written export never exists.
 */
export function exportPending(
  db: SqliteDatabase,
  state: SyncStateStore,
  path: string,
  options: { now: number; appVersion: string; localTerminalId: string; sign?: (text: string) => string | null },
): ExportResult {
  const rows = db
    .prepare(
      `SELECT seq, event_id, type, payload, payload_sha256, prev_hash, hash, occurred_at_device, state FROM outbox
       WHERE state <> 'acked' ORDER BY seq`,
    )
    .all() as (QueuedEvent & { state: 'pending' | 'quarantined' })[]
  const terminalId = state.config()?.terminalId ?? null
  const batches = []
  for (let start = 0; start < rows.length; start += MAX_BATCH_EVENTS)
    batches.push(
      pushBody(terminalId ?? options.localTerminalId, rows.slice(start, start + MAX_BATCH_EVENTS), {
        appVersion: options.appVersion,
        sentAt: options.now,
      }),
    )
  const document = {
    format: EXPORT_FORMAT,
    version: 1,
    exported_at: options.now,
    terminal_id: terminalId,
    local_terminal_id: options.localTerminalId,
    batches,
    signature: terminalId ? (options.sign?.(exportSignatureText(terminalId, rows)) ?? null) : null,
  }
  const text = `${JSON.stringify(document)}\n`
  const temporary = `${path}.partial`
  const fd = openSync(temporary, 'w', 0o600)
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temporary, path)
  const throughSeq = rows.at(-1)?.seq ?? 0
  state.recordExport(throughSeq, options.now, path)
  return {
    path,
    events: rows.length,
    pending: rows.filter((row) => row.state === 'pending').length,
    quarantined: rows.filter((row) => row.state === 'quarantined').length,
    throughSeq,
    bytes: Buffer.byteLength(text),
  }
}
