import { createHash } from 'node:crypto'
import { canonicalJson } from '../../../shared/canonical-json.ts'
import { uuidv7 } from '../ids.ts'
import type { SqliteDatabase } from './database.ts'

export const GENESIS_HASH = '0'.repeat(64)

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** The link of a hash chain: sha256(previous link ‖ this entry's content hash), both as hex. */
export function chainHash(previousHash: string, contentSha256: string): string {
  return sha256Hex(previousHash + contentSha256)
}

export type OutboxEventType =
  | 'sale.completed'
  | 'sale.voided'
  | 'refund.created'
  | 'shift.opened'
  | 'shift.closed'
  | 'cash.moved'
  | 'khqr.confirmed'
  | 'khqr.verified'
  | 'settings.changed'
  | 'rate.changed'
  | 'demo.ended'

export interface AuditEntry {
  userId?: string | null
  approverId?: string | null
  action: string
  objectType?: string
  objectId?: string
  result?: 'ok' | 'refused'
  /** What happened, for settings the values before and after. Canonical JSON, so no floats. */
  detail?: Record<string, unknown>
}

export interface ChainBreak {
  seq: number
  reason: string
}

/**
 * The two append-only, hash-chained journals: the audit log (who did what) and the outbox (the
 * business events the back office receives, sync-protocol.md §4.1). Appends must run inside the
 * caller's transaction so an event exists exactly when the change it records does.
 */
export class Journal {
  private readonly database: SqliteDatabase
  private readonly terminalId: () => string
  private readonly lastOutbox
  private readonly insertOutbox
  private readonly lastAudit
  private readonly insertAudit

  constructor(database: SqliteDatabase, terminalId: () => string) {
    this.database = database
    this.terminalId = terminalId
    this.lastOutbox = database.prepare('SELECT seq, hash FROM outbox ORDER BY seq DESC LIMIT 1')
    this.insertOutbox = database.prepare(
      `INSERT INTO outbox (seq, event_id, type, payload, payload_sha256, prev_hash, hash, occurred_at_device)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    this.lastAudit = database.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
    this.insertAudit = database.prepare(
      `INSERT INTO audit_log (seq, id, at, terminal_id, user_id, approver_id, action, object_type, object_id, result, detail, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
  }

  /** Appends a business event; returns its sequence number. The sequence has no gaps: it is max+1 in the same transaction. */
  appendEvent(type: OutboxEventType, payload: Record<string, unknown>, now: number): number {
    this.assertInTransaction()
    const last = this.lastOutbox.get() as { seq: number; hash: string } | undefined
    const seq = (last?.seq ?? 0) + 1
    const prevHash = last?.hash ?? GENESIS_HASH
    const body = canonicalJson({ ...payload, terminal_id: this.terminalId() })
    const payloadSha256 = sha256Hex(body)
    this.insertOutbox.run(
      seq,
      uuidv7(now),
      type,
      body,
      payloadSha256,
      prevHash,
      chainHash(prevHash, payloadSha256),
      now,
    )
    return seq
  }

  audit(entry: AuditEntry, now: number): number {
    this.assertInTransaction()
    const last = this.lastAudit.get() as { seq: number; hash: string } | undefined
    const seq = (last?.seq ?? 0) + 1
    const prevHash = last?.hash ?? GENESIS_HASH
    const id = uuidv7(now)
    const row = {
      seq,
      id,
      at: now,
      terminal_id: this.terminalId(),
      user_id: entry.userId ?? null,
      approver_id: entry.approverId ?? null,
      action: entry.action,
      object_type: entry.objectType ?? null,
      object_id: entry.objectId ?? null,
      result: entry.result ?? 'ok',
      detail: canonicalJson(entry.detail ?? {}),
    }
    const hash = chainHash(prevHash, sha256Hex(canonicalJson(row)))
    this.insertAudit.run(
      seq,
      id,
      now,
      row.terminal_id,
      row.user_id,
      row.approver_id,
      row.action,
      row.object_type,
      row.object_id,
      row.result,
      row.detail,
      prevHash,
      hash,
    )
    return seq
  }

  /** Recomputes both chains from the stored rows; returns the first break of each, if any. */
  verify(): { outbox: ChainBreak | null; audit: ChainBreak | null; outboxLength: number; auditLength: number } {
    let outbox: ChainBreak | null = null
    let previous = GENESIS_HASH
    let expectedSeq = 1
    let outboxLength = 0
    for (const row of this.database
      .prepare('SELECT seq, payload, payload_sha256, prev_hash, hash FROM outbox ORDER BY seq')
      .iterate() as Iterable<{
      seq: number
      payload: string
      payload_sha256: string
      prev_hash: string
      hash: string
    }>) {
      outboxLength++
      if (outbox) continue
      if (row.seq !== expectedSeq)
        outbox = { seq: row.seq, reason: `sequence jumps from ${expectedSeq - 1} to ${row.seq}` }
      else if (sha256Hex(row.payload) !== row.payload_sha256)
        outbox = { seq: row.seq, reason: 'payload does not match its hash' }
      else if (row.prev_hash !== previous) outbox = { seq: row.seq, reason: 'previous hash does not match' }
      else if (chainHash(previous, row.payload_sha256) !== row.hash)
        outbox = { seq: row.seq, reason: 'chain hash does not match' }
      previous = row.hash
      expectedSeq = row.seq + 1
    }
    let audit: ChainBreak | null = null
    previous = GENESIS_HASH
    expectedSeq = 1
    let auditLength = 0
    for (const row of this.database.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<
      Record<string, string | number | null> & { seq: number; prev_hash: string; hash: string }
    >) {
      auditLength++
      if (audit) continue
      const { prev_hash: prevHash, hash, ...content } = row
      if (row.seq !== expectedSeq)
        audit = { seq: row.seq, reason: `sequence jumps from ${expectedSeq - 1} to ${row.seq}` }
      else if (prevHash !== previous) audit = { seq: row.seq, reason: 'previous hash does not match' }
      else if (chainHash(previous, sha256Hex(canonicalJson(content))) !== hash)
        audit = { seq: row.seq, reason: 'entry does not match its hash' }
      previous = hash
      expectedSeq = row.seq + 1
    }
    return { outbox, audit, outboxLength, auditLength }
  }

  private assertInTransaction(): void {
    if (!this.database.inTransaction)
      throw new Error('journal appends must run inside the transaction of the change they record')
  }
}
