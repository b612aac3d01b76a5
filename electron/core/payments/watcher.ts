import type { KhqrChecker, KhqrCheckResult } from '../../../shared/bakong/checker.ts'
import {
  describeWatchState,
  type KhqrRejection,
  type KhqrWatchState,
  type KhqrWatchStatus,
} from '../../../shared/bakong/watch-status.ts'
import type { KhqrRecheckView } from '../../../shared/views.ts'
import type { Ledger } from '../ledger/index.ts'
import type { KhqrRequestRecord } from '../ledger/sales.ts'
import { type BackoffPolicy, backoffDelay, KHQR_POLL_BACKOFF } from './backoff.ts'
import { KhqrIssues } from './issues.ts'
import { type SettleOutcome, settleReportedPayment } from './settle.ts'

/** Schedules `callback` after `delayMs`; returns a function that cancels it. */
export type SetTimer = (callback: () => void, delayMs: number) => () => void

/** What a recheck of hand confirmations found (the manager's page shows it). */
export type RecheckSummary = KhqrRecheckView

export interface PaymentWatcherOptions {
  ledger: Ledger
  /** The checker of the current settings (direct Bakong or the back office), or null when checking is off. */
  checker: () => KhqrChecker | null
  now: () => number
  setTimer?: SetTimer
  random?: () => number
  onChange: (status: KhqrWatchStatus) => void
  /** Recorded as the user of payments Bakong confirmed. */
  systemUserId: string
  /** Allowed difference between the terminal's clock and Bakong's. Default one minute. */
  graceMs?: number
  backoff?: BackoffPolicy
  /** How far back ended and paid QRs are re-checked for late and double payments. Default one hour. */
  lateWindowMs?: number
}

export interface PaymentWatcher {
  /** Starts polling the QR shown for this sale; a no-op if it is already watched. */
  watch(saleId: string): void
  stop(saleId: string): void
  /** Checks every unverified hand confirmation, and recent ended or paid QRs for late or double payments. */
  recheckUnverified(): Promise<RecheckSummary>
  status(saleId: string): KhqrWatchStatus | null
  /** Resolves when no check is in flight (shutdown, tests). */
  idle(): Promise<void>
  close(): void
}

interface Watch {
  saleId: string
  md5: string
  attempt: number
  checks: number
  cancelTimer: (() => void) | null
  stopped: boolean
}

const defaultSetTimer: SetTimer = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs)
  timer.unref?.()
  return () => clearTimeout(timer)
}

const KEEP_POLLING: ReadonlySet<KhqrWatchState> = new Set([
  'waiting',
  'unreachable',
  'throttled',
  'forbidden',
  'unauthorized',
  'failed',
])

/**
 * Confirms KHQR payments by themselves while the QR is on screen: polls Bakong (or the back
 * office) with backoff from 2 s, stops at payment, expiry or cancel, and records only a payment
 * that matches the sale. Everything else is a state the cashier reads in plain words; none of
 * them is ever "paid".
 */
export function createPaymentWatcher(options: PaymentWatcherOptions): PaymentWatcher {
  const { ledger, now } = options
  const setTimer = options.setTimer ?? defaultSetTimer
  const random = options.random ?? Math.random
  const graceMs = options.graceMs ?? 60_000
  const policy = options.backoff ?? KHQR_POLL_BACKOFF
  const lateWindowMs = options.lateWindowMs ?? 3_600_000
  const issues = new KhqrIssues(ledger.context)
  const watches = new Map<string, Watch>()
  const statuses = new Map<string, KhqrWatchStatus>()
  const inFlight = new Set<Promise<unknown>>()
  let recheckRunning: Promise<RecheckSummary> | null = null
  let closed = false

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise)
    promise.finally(() => inFlight.delete(promise)).catch(() => {})
    return promise
  }

  function publish(
    watch: { saleId: string; md5: string; checks: number },
    state: KhqrWatchState,
    extra: { reason?: KhqrRejection; bakongHash?: string; nextCheckAt?: number | null } = {},
  ): void {
    const previous = statuses.get(watch.saleId)
    const status: KhqrWatchStatus = {
      saleId: watch.saleId,
      md5: watch.md5,
      state,
      message: describeWatchState(state, extra.reason),
      ...(extra.reason ? { reason: extra.reason } : {}),
      ...(extra.bakongHash ? { bakongHash: extra.bakongHash } : {}),
      checks: watch.checks,
      nextCheckAt: extra.nextCheckAt ?? null,
      at: now(),
    }
    statuses.set(watch.saleId, status)
    if (previous?.state !== status.state || previous?.reason !== status.reason || previous?.md5 !== status.md5)
      options.onChange(status)
  }

  function finish(
    watch: Watch,
    state: KhqrWatchState,
    extra: { reason?: KhqrRejection; bakongHash?: string } = {},
  ): void {
    watch.stopped = true
    watch.cancelTimer?.()
    watch.cancelTimer = null
    if (watches.get(watch.saleId) === watch) watches.delete(watch.saleId)
    publish(watch, state, extra)
  }

  function schedule(watch: Watch, request: KhqrRequestRecord, retryAfterMs?: number): void {
    const wanted = backoffDelay(watch.attempt, random, policy, retryAfterMs)
    watch.attempt++
    // One last look when the QR expires: a customer may pay in its final seconds.
    const delay = Math.max(0, Math.min(wanted, request.expiresAt - now()))
    const status = statuses.get(watch.saleId)
    if (status) statuses.set(watch.saleId, { ...status, nextCheckAt: now() + delay })
    watch.cancelTimer = setTimer(() => {
      watch.cancelTimer = null
      track(tick(watch)).catch((error) => reportFailure(watch, error))
    }, delay)
  }

  function reportFailure(watch: Watch, error: unknown): void {
    // A bug must not look like "paid", nor stop the till: keep polling, say we cannot confirm.
    if (watch.stopped || closed) return
    publish(watch, 'unreachable')
    const request = ledger.sales.khqrRequest(watch.md5)
    if (request?.state === 'shown') schedule(watch, request)
    else finish(watch, 'unreachable')
    void error
  }

  function stateOfEnded(request: KhqrRequestRecord): KhqrWatchState {
    return request.state === 'paid' ? 'paid' : request.state === 'cancelled' ? 'cancelled' : 'expired'
  }

  function onOutcome(watch: Watch, outcome: SettleOutcome, hash: string): boolean {
    switch (outcome.kind) {
      case 'paid':
      case 'already':
        finish(watch, 'paid', { bakongHash: hash })
        return true
      case 'mismatch':
        finish(watch, 'mismatch', { reason: outcome.reason })
        return true
      case 'hash_used':
        finish(watch, 'mismatch', { reason: 'hash_used' })
        return true
      default: {
        const request = ledger.sales.khqrRequest(watch.md5)
        finish(watch, request ? stateOfEnded(request) : 'expired')
        return true
      }
    }
  }

  async function tick(watch: Watch): Promise<void> {
    if (watch.stopped || closed) return
    const request = ledger.sales.khqrRequest(watch.md5)
    if (!request) return finish(watch, 'expired')
    if (request.state !== 'shown') return finish(watch, stateOfEnded(request))
    const checker = options.checker()
    if (!checker) return finish(watch, 'off')
    const atExpiry = now() >= request.expiresAt
    const previous = statuses.get(watch.saleId)?.state
    const result: KhqrCheckResult = (await checker.check([watch.md5]))[0] ?? {
      md5: watch.md5,
      state: 'unreachable',
      detail: 'no answer for this QR',
    }
    if (watch.stopped || closed) return
    watch.checks++
    if (previous === 'unreachable' && (result.state === 'unpaid' || result.state === 'paid'))
      void track(recheckUnverified()).catch(() => {})
    if (result.state === 'paid' && result.transaction) {
      const fresh = ledger.sales.khqrRequest(watch.md5) ?? request
      const outcome = settleReportedPayment(ledger, issues, fresh, result.transaction, {
        graceMs,
        systemUserId: options.systemUserId,
      })
      if (onOutcome(watch, outcome, result.transaction.hash)) return
    }
    const state: KhqrWatchState =
      result.state === 'unpaid' || result.state === 'paid' ? 'waiting' : (result.state as KhqrWatchState)
    if (atExpiry) {
      ledger.sales.expireKhqr()
      const ended = ledger.sales.khqrRequest(watch.md5)
      return finish(watch, ended ? stateOfEnded(ended) : 'expired')
    }
    publish(watch, state)
    if (KEEP_POLLING.has(state)) schedule(watch, request, result.retryAfterMs)
  }

  function watch(saleId: string): void {
    if (closed) return
    const sale = ledger.sales.get(saleId)
    const khqr = sale.khqr
    const current = watches.get(saleId)
    if (current && current.md5 === khqr?.md5) return
    if (current) stop(saleId)
    if (!khqr) return
    const entry: Watch = { saleId, md5: khqr.md5, attempt: 0, checks: 0, cancelTimer: null, stopped: false }
    if (khqr.state !== 'shown') {
      publish(entry, khqr.state === 'paid' ? 'paid' : khqr.state)
      return
    }
    if (!options.checker()) {
      publish(entry, 'off')
      return
    }
    watches.set(saleId, entry)
    publish(entry, 'waiting')
    const request = ledger.sales.khqrRequest(khqr.md5)
    if (request) schedule(entry, request)
  }

  function stop(saleId: string): void {
    const entry = watches.get(saleId)
    if (!entry) return
    entry.stopped = true
    entry.cancelTimer?.()
    watches.delete(saleId)
    const request = ledger.sales.khqrRequest(entry.md5)
    publish(entry, request && request.state !== 'shown' ? stateOfEnded(request) : 'cancelled')
  }

  function candidates(): { md5: string; tenderId: string | null }[] {
    const db = ledger.context.db
    const unverified = db
      .prepare(
        `SELECT r.md5, t.id AS tenderId FROM sale_tenders t JOIN khqr_requests r ON r.id = t.khqr_request
         WHERE t.confirmation = 'manual' AND t.verified = 0
           AND NOT EXISTS (SELECT 1 FROM khqr_issues i WHERE i.tender_id = t.id AND i.kind IN ('mismatch', 'not_found'))
         ORDER BY t.at`,
      )
      .all() as { md5: string; tenderId: string }[]
    const recent = db
      .prepare(
        `SELECT r.md5 FROM khqr_requests r
         WHERE r.state IN ('cancelled', 'expired', 'paid') AND r.ended_at >= ?
           AND NOT EXISTS (SELECT 1 FROM sale_tenders t WHERE t.khqr_request = r.id AND t.verified = 0)
         ORDER BY r.ended_at`,
      )
      .all(now() - lateWindowMs) as { md5: string }[]
    return [...unverified, ...recent.map((row) => ({ md5: row.md5, tenderId: null }))]
  }

  async function runRecheck(): Promise<RecheckSummary> {
    const summary: RecheckSummary = {
      checked: 0,
      verified: 0,
      mismatches: 0,
      notFound: 0,
      stillUnchecked: 0,
      latePayments: 0,
      overPayments: 0,
    }
    const checker = options.checker()
    const targets = candidates()
    if (!checker) {
      summary.stillUnchecked = targets.filter((target) => target.tenderId !== null).length
      return summary
    }
    if (targets.length === 0) return summary
    const results = await checker.check(targets.map((target) => target.md5))
    summary.checked = targets.length
    targets.forEach((target, index) => {
      const result = results[index]
      const request = ledger.sales.khqrRequest(target.md5)
      if (!request) return
      if (result?.state === 'paid' && result.transaction) {
        const outcome = settleReportedPayment(ledger, issues, request, result.transaction, {
          graceMs,
          systemUserId: options.systemUserId,
        })
        if (outcome.kind === 'verified') summary.verified++
        else if (outcome.kind === 'mismatch' || outcome.kind === 'hash_used') summary.mismatches++
        else if (outcome.kind === 'over_payment') summary.overPayments++
        else if (outcome.kind === 'late_payment') summary.latePayments++
        return
      }
      if (target.tenderId === null) return
      if (result?.state === 'unpaid' && now() > request.expiresAt + graceMs) {
        issues.raise({
          kind: 'not_found',
          reason: 'Bakong has no payment for this QR',
          request,
          tenderId: target.tenderId,
          systemUserId: options.systemUserId,
        })
        summary.notFound++
        return
      }
      summary.stillUnchecked++
    })
    return summary
  }

  function recheckUnverified(): Promise<RecheckSummary> {
    if (closed) return Promise.resolve(runRecheckEmpty())
    recheckRunning ??= track(runRecheck()).finally(() => {
      recheckRunning = null
    })
    return recheckRunning
  }

  function runRecheckEmpty(): RecheckSummary {
    return { checked: 0, verified: 0, mismatches: 0, notFound: 0, stillUnchecked: 0, latePayments: 0, overPayments: 0 }
  }

  return {
    watch,
    stop,
    recheckUnverified,
    status: (saleId) => statuses.get(saleId) ?? null,
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight])
    },
    close() {
      closed = true
      for (const entry of watches.values()) {
        entry.stopped = true
        entry.cancelTimer?.()
      }
      watches.clear()
    },
  }
}
