import type { SqliteDatabase } from '../ledger/database.ts'
import { EVENT_OVERHEAD_BYTES, takeWithinLimits } from './batch-size.ts'

/** An outbox row as the pusher sends it. `payload` is the canonical JSON string the hash covers. */
export interface QueuedEvent {
  seq: number
  event_id: string
  type: string
  payload: string
  payload_sha256: string
  prev_hash: string
  hash: string
  occurred_at_device: number
}

/** A queued event as the pusher reads it: the payload as its stored UTF-8 bytes, never a JS string. */
export type PendingEvent = Omit<QueuedEvent, 'payload'> & { payload: Uint8Array }

export interface EventVerdict {
  seq: number
  eventId: string
  verdict: 'ack' | 'quarantine' | 'retry'
  reason?: string
}

/**
 * The pusher's reads and writes of the outbox. Acks, quarantines and attempts are written in one
 * transaction per server response, so a crash between two responses resumes at the first event
 * the server has not confirmed. The facts of an event are never touched (a trigger forbids it).
 */
export class OutboxQueue {
  private readonly db: SqliteDatabase
  private readonly head
  private readonly ack
  private readonly quarantineOne
  private readonly retryOne
  private readonly attempt
  private readonly ackRange
  private readonly eventAt

  constructor(db: SqliteDatabase) {
    this.db = db
    this.head = db.prepare(
      // Bytes, not text: a long drain then makes no large strings for the garbage collector.
      `SELECT seq, event_id, type, CAST(payload AS BLOB) AS payload, payload_sha256, prev_hash, hash, occurred_at_device
       FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?`,
    )
    this.ack = db.prepare(
      `UPDATE outbox SET state = 'acked', acked_at = ?, server_received_at = ?, last_error = NULL
       WHERE seq = ? AND event_id = ? AND state = 'pending'`,
    )
    this.quarantineOne = db.prepare(
      `UPDATE outbox SET state = 'quarantined', last_error = ?, attempts = attempts + 1
       WHERE seq = ? AND event_id = ? AND state = 'pending'`,
    )
    this.retryOne = db.prepare(
      "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ? AND state = 'pending'",
    )
    this.attempt = db.prepare(
      `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
       WHERE state = 'pending' AND seq BETWEEN ? AND ?`,
    )
    this.ackRange = db.prepare(
      `UPDATE outbox SET state = 'acked', acked_at = ?, server_received_at = ?, last_error = NULL
       WHERE state = 'pending' AND seq BETWEEN ? AND ?`,
    )
    this.eventAt = db.prepare("SELECT seq, event_id FROM outbox WHERE seq = ? AND state = 'pending'")
  }

  /** The oldest pending events that fit in one push. */
  nextBatch(maxEvents: number, maxBytes: number): PendingEvent[] {
    const rows = this.head.all(maxEvents) as PendingEvent[]
    const count = takeWithinLimits(
      rows.map((row) => row.payload.length + EVENT_OVERHEAD_BYTES),
      maxEvents,
      maxBytes,
    )
    return rows.slice(0, count)
  }

  hasPending(): boolean {
    return this.head.get(1) !== undefined
  }

  /**
   * Writes one response's verdicts atomically. Returns how many events left the queue. The
   * verdicts come from this queue's own rows (ids already matched), so a run of acks over
   * consecutive seqs is written as one range update.
   */
  apply(verdicts: readonly EventVerdict[], at: { now: number; serverTime: number | null }): number {
    let settled = 0
    this.withoutCommitSync(() => {
      for (let index = 0; index < verdicts.length; index++) {
        const item = verdicts[index] as EventVerdict
        if (item.verdict === 'ack') {
          let last = index
          while (verdicts[last + 1]?.verdict === 'ack' && verdicts[last + 1]?.seq === (verdicts[last]?.seq ?? 0) + 1)
            last++
          settled +=
            last === index
              ? this.ack.run(at.now, at.serverTime, item.seq, item.eventId).changes
              : this.ackRange.run(at.now, at.serverTime, item.seq, (verdicts[last] as EventVerdict).seq).changes
          index = last
        } else if (item.verdict === 'quarantine')
          settled += this.quarantineOne.run(item.reason ?? 'rejected', item.seq, item.eventId).changes
        else this.retryOne.run(item.reason ?? 'not confirmed by the back office', item.seq)
      }
    })
    return settled
  }

  /**
   * Runs `work` in a transaction whose commit does not wait for the disk. A sync verdict is a
   * hint, not a fact: if a power cut loses it, the event is sent again and the back office answers
   * "duplicate". The next sale's commit (synchronous=FULL) syncs these pages too, in order.
   */
  private withoutCommitSync(work: () => void): void {
    const previous = this.db.pragma('synchronous', { simple: true }) as number
    this.db.pragma('synchronous = NORMAL')
    try {
      this.db.transaction(work)()
    } finally {
      this.db.pragma(`synchronous = ${previous}`)
    }
  }

  /** Sets one pending event aside, e.g. the one a 400 isolated. */
  quarantine(event: Pick<QueuedEvent, 'seq' | 'event_id'>, reason: string): void {
    this.apply([{ seq: event.seq, eventId: event.event_id, verdict: 'quarantine', reason }], {
      now: 0,
      serverTime: null,
    })
  }

  /** A push that failed as a whole: every event in it had one more attempt. */
  recordAttempt(batch: readonly Pick<QueuedEvent, 'seq'>[], error: string, nextAttemptAt: number | null): void {
    const first = batch[0]
    const last = batch[batch.length - 1]
    if (!first || !last) return
    this.attempt.run(nextAttemptAt, error.slice(0, 500), first.seq, last.seq)
  }

  isPending(seq: number, eventId: string): boolean {
    const row = this.eventAt.get(seq) as { event_id: string } | undefined
    return row?.event_id === eventId
  }
}
