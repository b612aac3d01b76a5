import { SyncAuthError } from './auth.ts'
import { retryDelay } from './backoff.ts'
import { BatchSizer } from './batch-size.ts'
import {
  classifyEventResult,
  classifyPushResponse,
  describeRejection,
  type PushResults,
  type SyncErrorClass,
} from './classify.ts'
import type { EventVerdict, OutboxQueue, PendingEvent as QueuedEvent } from './outbox-queue.ts'
import { pushBodyJson } from './push-body.ts'
import type { SyncStateStore } from './sync-state.ts'
import { REAL_TIMERS, type SyncTimers, type SyncTransport, TransportError } from './transport.ts'

/** The safety-net wake-up when nothing nudges the pusher (new events, network, shift close do). */
export const POLL_INTERVAL_MS = 30_000
/** How often a terminal told to update asks again (the back office may have been rolled back). */
const UPDATE_NEEDED_RECHECK_MS = 10 * 60_000

export type PusherPhase = 'not_configured' | 'idle' | 'pushing' | 'retrying' | 'offline' | 'revoked' | 'update_needed'

export interface AccessTokens {
  accessToken(): Promise<string>
  invalidate(): void
}

export interface PusherOptions {
  queue: OutboxQueue
  state: SyncStateStore
  auth: AccessTokens
  /** The back office's transport, or null while the terminal is not enrolled. */
  transport: () => SyncTransport | null
  terminalId: () => string | null
  appVersion: string
  now: () => number
  random: () => number
  timers?: SyncTimers
  pollIntervalMs?: number
  sizer?: BatchSizer
  onChange?: () => void
}

type StepResult = { next: 'continue' } | { next: 'wait'; ms: number } | { next: 'stop' }

/**
 * The one sender of this terminal's outbox (single flight: one push at a time, in seq order).
 * Each response's verdicts are written before the next push, so a crash resumes at the first
 * unconfirmed event; the server dedupes by event id, so resending after a lost answer is safe.
 */
export class Pusher {
  private readonly options: PusherOptions
  private readonly timers: SyncTimers
  readonly sizer: BatchSizer
  private running: Promise<void> | null = null
  private rerun = false
  private timer: unknown = null
  private timerIsBackoff = false
  private failures = 0
  private online = true
  private stopped = false
  private blocked: 'revoked' | 'update_needed' | null
  private lastFailureClass: SyncErrorClass | null = null

  constructor(options: PusherOptions) {
    this.options = options
    this.timers = options.timers ?? REAL_TIMERS
    this.sizer = options.sizer ?? new BatchSizer()
    this.blocked = options.state.state().blocked === 'revoked' ? 'revoked' : null
  }

  get phase(): PusherPhase {
    if (!this.options.transport() || !this.options.terminalId()) return 'not_configured'
    if (this.blocked) return this.blocked
    if (this.running) return 'pushing'
    if (!this.online || this.lastFailureClass === 'network' || this.lastFailureClass === 'timeout') return 'offline'
    if (this.timerIsBackoff) return 'retrying'
    return 'idle'
  }

  /** A new enrolment: forget a revocation or an update request, and drain at once. */
  resume(): void {
    this.blocked = null
    this.networkChanged(true)
  }

  /** Starts the periodic wake-up and a first drain. */
  start(): void {
    this.stopped = false
    this.nudge()
  }

  /** New events were committed: push now, unless a backoff asked for patience. */
  nudge(): void {
    if (this.stopped || this.timerIsBackoff) return
    this.kick()
  }

  /** The network came back (or went): a return cancels the backoff and drains at once. */
  networkChanged(online: boolean): void {
    this.online = online
    if (online) {
      this.failures = 0
      this.lastFailureClass = null
      this.clearTimer()
      if (this.blocked === 'update_needed') this.blocked = null
      if (!this.stopped) this.kick()
    }
    this.options.onChange?.()
  }

  /**
   * Drains as much as it can before the deadline, ignoring the backoff (shift close, quit).
   * Resolves with what is still unsent; never rejects.
   */
  async flush(options: { deadlineMs: number }): Promise<{ drained: boolean }> {
    const deadline = this.options.now() + options.deadlineMs
    this.clearTimer()
    while (!this.stopped && !this.blocked && this.options.now() < deadline) {
      if (!this.running) this.kick()
      const finished = await this.raceDeadline(this.running ?? Promise.resolve(), deadline)
      if (!finished || !this.options.queue.hasPending()) break
      // Pending events left without a backoff: not enrolled, blocked or stopped.
      if (!this.timerIsBackoff) break
      // The drain stopped on a failure; wait out part of the backoff within the deadline, then try again.
      this.clearTimer()
      const wait = Math.min(retryDelay(this.failures, this.options.random, null), deadline - this.options.now())
      if (wait > 0) await this.sleep(wait)
    }
    return { drained: !this.options.queue.hasPending() }
  }

  /**
   * Stops at once: no more pushes or timers, and a push still out writes nothing when it comes
   * back, so the ledger can be closed right after (quit must not wait for a slow network).
   */
  async close(): Promise<void> {
    this.stopped = true
    this.clearTimer()
  }

  private kick(): void {
    if (this.running) {
      this.rerun = true
      return
    }
    this.clearTimer()
    this.running = this.drain()
      .catch((error: unknown) => this.unexpected(error))
      .finally(() => {
        this.running = null
        if (!this.stopped) this.options.onChange?.()
        if (this.rerun && !this.stopped && !this.timerIsBackoff) {
          this.rerun = false
          this.kick()
        }
      })
    this.options.onChange?.()
  }

  /** A fault of our own (say the database is busy): noted, then retried after a backoff like any other. */
  private unexpected(error: unknown): void {
    if (this.stopped) return
    const message = `unexpected: ${error instanceof Error ? error.message : String(error)}`
    try {
      this.options.state.recordFailure(this.options.now(), 'server', message)
    } catch {
      // The database itself is what failed; the backoff below still retries.
    }
    this.lastFailureClass = 'server'
    this.schedule(retryDelay(this.failures++, this.options.random, null), true)
  }

  private async drain(): Promise<void> {
    this.rerun = false
    while (!this.stopped) {
      if (this.blocked === 'revoked') return
      const transport = this.options.transport()
      const terminalId = this.options.terminalId()
      if (!transport || !terminalId) return
      const batch = this.options.queue.nextBatch(this.sizer.limit, this.sizer.eventBytes)
      if (batch.length === 0) {
        this.schedule(this.options.pollIntervalMs ?? POLL_INTERVAL_MS, false)
        return
      }
      const step = await this.pushOnce(transport, terminalId, batch)
      if (step.next === 'stop' || this.stopped) return
      this.options.onChange?.()
      if (step.next === 'wait') {
        this.schedule(step.ms, true)
        return
      }
    }
  }

  private async pushOnce(transport: SyncTransport, terminalId: string, batch: QueuedEvent[]): Promise<StepResult> {
    const { now } = this.options
    let refreshed = false
    for (;;) {
      let token: string
      try {
        token = await this.options.auth.accessToken()
      } catch (error) {
        return this.stopped ? { next: 'stop' } : this.failed(batch, error)
      }
      if (this.stopped) return { next: 'stop' }
      const sentAt = now()
      let response: Awaited<ReturnType<SyncTransport['send']>>
      try {
        const json = pushBodyJson(terminalId, batch, { appVersion: this.options.appVersion, sentAt })
        response = await transport.send({
          method: 'POST',
          path: '/v1/sync/events',
          headers: { authorization: `Bearer ${token}` },
          json,
          // Parsed only by a transport that wants the value (the simulation); HTTP sends `json`.
          get body() {
            return JSON.parse(json.toString('utf8')) as unknown
          },
        })
      } catch (error) {
        if (this.stopped) return { next: 'stop' }
        if (error instanceof TransportError && error.kind === 'timeout') this.sizer.halve(batch.length)
        return this.failed(batch, error)
      }
      // Closed while the push was out: the ledger may be closed too, so nothing is written; the
      // events go again after the next start and the back office answers "duplicate".
      if (this.stopped) return { next: 'stop' }
      const receivedAt = now()
      const outcome = classifyPushResponse(response, receivedAt)
      switch (outcome.kind) {
        case 'results':
          return this.applyResults(batch, outcome.body, sentAt, receivedAt)
        case 'unauthorized':
          if (refreshed) return this.failed(batch, new SyncAuthError('auth', 'access token refused after a refresh'))
          this.options.auth.invalidate()
          refreshed = true
          continue
        case 'revoked':
          return this.block('revoked', outcome.message)
        case 'update_needed':
          this.block('update_needed', outcome.message)
          return { next: 'wait', ms: UPDATE_NEEDED_RECHECK_MS }
        case 'too_large':
        case 'malformed':
          return this.isolate(
            batch,
            outcome.kind === 'too_large' ? 'too large for the back office (413)' : outcome.message,
          )
        case 'transient':
          return this.failed(batch, outcome.message, outcome.errorClass, outcome.retryAfterMs)
      }
    }
  }

  private applyResults(
    batch: readonly QueuedEvent[],
    body: PushResults,
    sentAt: number,
    receivedAt: number,
  ): StepResult {
    const bySeq = new Map(body.results.map((result) => [result.seq, result]))
    let retry = false
    let rejected = false
    const verdicts: EventVerdict[] = batch.map((event) => {
      const result = bySeq.get(event.seq)
      // A result for another event id at this seq is a server fault: leave the event queued.
      if (!result || result.event_id !== event.event_id) {
        retry = true
        return { seq: event.seq, eventId: event.event_id, verdict: 'retry', reason: 'no result for this event' }
      }
      const verdict = classifyEventResult(result)
      if (verdict === 'retry') retry = true
      if (verdict === 'quarantine') rejected = true
      return { seq: event.seq, eventId: event.event_id, verdict, reason: describeRejection(result) }
    })
    const serverTime = Number.isSafeInteger(body.server_time) ? body.server_time : null
    const settled = this.options.queue.apply(verdicts, { now: receivedAt, serverTime })
    this.options.state.recordSuccess({
      now: receivedAt,
      clockOffsetMs: serverTime === null ? null : serverTime - (sentAt + receivedAt) / 2,
      ackedThroughSeq: body.acked_through_seq,
      gaps: body.gaps,
      rejected,
    })
    this.blocked = null
    this.lastFailureClass = null
    this.sizer.succeeded()
    if (!retry) {
      this.failures = 0
      return { next: 'continue' }
    }
    // Some events were answered "try again": keep what was settled, back off before resending the rest.
    const ms = retryDelay(this.failures, this.options.random, null)
    this.failures++
    return settled > 0 ? { next: 'continue' } : { next: 'wait', ms }
  }

  /** 400 or 413: halve the batch until the culprit is alone, then set it aside and go on. */
  private isolate(batch: readonly QueuedEvent[], reason: string): StepResult {
    const [first] = batch
    if (batch.length > 1 || !first) {
      this.sizer.halve(batch.length)
      return { next: 'continue' }
    }
    this.options.queue.quarantine(first, reason)
    this.options.state.recordFailure(this.options.now(), 'rejected', `event ${first.seq}: ${reason}`)
    return { next: 'continue' }
  }

  private block(kind: 'revoked' | 'update_needed', message: string): StepResult {
    this.blocked = kind
    this.lastFailureClass = kind
    this.options.state.recordFailure(this.options.now(), kind, message)
    return { next: 'stop' }
  }

  private failed(
    batch: readonly QueuedEvent[],
    error: unknown,
    errorClass?: SyncErrorClass,
    retryAfterMs: number | null = null,
  ): StepResult {
    let kind: SyncErrorClass = errorClass ?? 'server'
    let message = typeof error === 'string' ? error : error instanceof Error ? error.message : String(error)
    if (error instanceof TransportError) kind = error.kind
    else if (error instanceof SyncAuthError) {
      kind = error.errorClass
      retryAfterMs = error.retryAfterMs
      if (kind === 'revoked' || kind === 'update_needed') return this.block(kind, message)
    }
    message = `${kind}: ${message}`
    const ms = retryDelay(this.failures, this.options.random, retryAfterMs)
    this.failures++
    this.lastFailureClass = kind
    const now = this.options.now()
    this.options.queue.recordAttempt(batch, message, now + ms)
    this.options.state.recordFailure(now, kind, message)
    return { next: 'wait', ms }
  }

  private schedule(ms: number, backoff: boolean): void {
    this.clearTimer()
    if (this.stopped) return
    this.timerIsBackoff = backoff
    this.timer = this.timers.setTimeout(() => {
      this.timer = null
      this.timerIsBackoff = false
      this.kick()
    }, ms)
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer)
    this.timer = null
    this.timerIsBackoff = false
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.setTimeout(resolve, ms))
  }

  private raceDeadline(work: Promise<void>, deadline: number): Promise<boolean> {
    return new Promise((resolve) => {
      const handle = this.timers.setTimeout(() => resolve(false), Math.max(0, deadline - this.options.now()))
      work.then(
        () => {
          this.timers.clearTimeout(handle)
          resolve(true)
        },
        () => {
          this.timers.clearTimeout(handle)
          resolve(true)
        },
      )
    })
  }
}
