import type { EventResult, PushResponse } from '../../../shared/sync-protocol.ts'
import { parseRetryAfter } from './backoff.ts'
import type { SyncResponse } from './transport.ts'

/** A push answer as the pusher uses it: the wire type, with fields the server left out filled in. */
export type PushResults = Pick<PushResponse, 'server_time' | 'results' | 'acked_through_seq' | 'gaps'>

/** What a whole push came back as, by the table of §4.3. */
export type BatchOutcome =
  | { kind: 'results'; body: PushResults }
  | { kind: 'unauthorized' }
  | { kind: 'revoked'; message: string }
  | { kind: 'update_needed'; message: string }
  | { kind: 'too_large' }
  | { kind: 'malformed'; message: string }
  | { kind: 'transient'; errorClass: 'server' | 'busy'; retryAfterMs: number | null; message: string }

/** The error classes the status bar explains, each in plain words. */
export type SyncErrorClass =
  | 'network'
  | 'timeout'
  | 'server'
  | 'busy'
  | 'auth'
  | 'revoked'
  | 'update_needed'
  | 'rejected'

export const ERROR_CLASS_WORDS: Record<SyncErrorClass, string> = {
  network: 'The back office cannot be reached (no network, or it is down). Sales are kept and sent later.',
  timeout: 'The back office is answering too slowly. Sales are kept and sent in smaller batches.',
  server: 'The back office had an error. Sending again shortly.',
  busy: 'The back office is busy and asked to wait. Sending again later.',
  auth: 'The terminal could not sign in to the back office. Trying again.',
  revoked: 'This terminal was revoked in the back office. Its sales stay here until it is enrolled again.',
  update_needed: 'The back office needs a newer app version. Sales stay queued until the app is updated.',
  rejected: 'The back office refused an event; it was set aside for a manager to review.',
}

function errorCode(body: unknown): string | null {
  if (body && typeof body === 'object') {
    const error = (body as { error?: unknown }).error
    if (typeof error === 'string') return error
    if (error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string')
      return (error as { code: string }).code
    if (typeof (body as { code?: unknown }).code === 'string') return (body as { code: string }).code
  }
  return null
}

function errorMessage(response: SyncResponse): string {
  const code = errorCode(response.body)
  const body = response.body as { error?: { message?: unknown }; message?: unknown } | undefined
  const message = body?.error?.message ?? body?.message
  return [`HTTP ${response.status}`, code, typeof message === 'string' ? message : null].filter(Boolean).join(': ')
}

function isEventResult(value: unknown): value is EventResult {
  if (!value || typeof value !== 'object') return false
  const result = value as Record<string, unknown>
  return (
    typeof result.event_id === 'string' &&
    Number.isSafeInteger(result.seq) &&
    (result.status === 'accepted' || result.status === 'duplicate' || result.status === 'rejected')
  )
}

/** A 200 whose body is not a push result is the server misbehaving: transient, not the events' fault. */
function parseResults(body: unknown): PushResults | null {
  if (!body || typeof body !== 'object') return null
  const candidate = body as Record<string, unknown>
  if (!Array.isArray(candidate.results) || !candidate.results.every(isEventResult)) return null
  return {
    server_time: Number.isSafeInteger(candidate.server_time) ? (candidate.server_time as number) : Number.NaN,
    results: candidate.results,
    acked_through_seq: Number.isSafeInteger(candidate.acked_through_seq) ? (candidate.acked_through_seq as number) : 0,
    gaps: Array.isArray(candidate.gaps) ? (candidate.gaps as PushResults['gaps']) : [],
  }
}

export function classifyPushResponse(response: SyncResponse, now: number): BatchOutcome {
  const { status } = response
  if (status === 200) {
    const body = parseResults(response.body)
    return body
      ? { kind: 'results', body }
      : { kind: 'transient', errorClass: 'server', retryAfterMs: null, message: 'unreadable push response' }
  }
  if (status === 400) return { kind: 'malformed', message: errorMessage(response) }
  if (status === 401) return { kind: 'unauthorized' }
  if (status === 403) return { kind: 'revoked', message: errorMessage(response) }
  if (status === 409) return { kind: 'update_needed', message: errorMessage(response) }
  if (status === 413) return { kind: 'too_large' }
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], now)
  if (status === 429 || status === 503)
    return { kind: 'transient', errorClass: 'busy', retryAfterMs, message: errorMessage(response) }
  return { kind: 'transient', errorClass: 'server', retryAfterMs, message: errorMessage(response) }
}

/** Accepted and duplicate are acked; a permanent refusal or a hash mismatch is quarantined; the rest is retried. */
export function classifyEventResult(result: EventResult): 'ack' | 'quarantine' | 'retry' {
  if (result.status === 'accepted' || result.status === 'duplicate') return 'ack'
  if (result.error?.code === 'hash_mismatch' || result.error?.retryable === false) return 'quarantine'
  return 'retry'
}

export function describeRejection(result: EventResult): string {
  const error = result.error
  return error ? `${error.code}${error.message ? `: ${error.message}` : ''}` : 'rejected'
}
