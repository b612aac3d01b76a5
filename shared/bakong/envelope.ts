import type { KhqrCheckResult, KhqrCheckState } from './checker.ts'
import { type HttpPost, retryAfterMs } from './http.ts'
import { parseJsonKeepingAmounts } from './transaction.ts'

export interface Envelope {
  responseCode: 0 | 1
  responseMessage: string
  errorCode: number | null
  data: unknown
  amountSource: (holder: object) => string | undefined
}

/** What one HTTP exchange came to: a 200 body to read, or a state for every md5 asked. */
export type Exchange =
  | { kind: 'answer'; bodyText: string }
  | { kind: 'state'; state: KhqrCheckState; status?: number; retryAfterMs?: number; detail: string }

/** Bakong's envelope, strictly: `{responseCode: 0|1, responseMessage: string, errorCode: null|integer, data}`. */
export function parseEnvelope(bodyText: string): Envelope | null {
  let parsed: ReturnType<typeof parseJsonKeepingAmounts>
  try {
    parsed = parseJsonKeepingAmounts(bodyText)
  } catch {
    return null
  }
  const value = parsed.value
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const record = value as Record<string, unknown>
  const { responseCode, responseMessage, errorCode } = record
  if (responseCode !== 0 && responseCode !== 1) return null
  if (typeof responseMessage !== 'string') return null
  if (errorCode !== null && errorCode !== undefined && !Number.isSafeInteger(errorCode)) return null
  return {
    responseCode,
    responseMessage,
    errorCode: (errorCode as number | null | undefined) ?? null,
    data: record.data ?? null,
    amountSource: parsed.amountSource,
  }
}

/**
 * Sends one request and sorts the HTTP-level answer (khqr-spec.md §15): 401 a wrong or expired
 * token, 403 a request from outside Cambodia, 429 throttling, 5xx, network errors and any other
 * status "unreachable". Only a 200 body goes on to be read.
 */
export async function exchange(
  post: HttpPost,
  url: string,
  body: unknown,
  headers: Record<string, string>,
  now: () => number,
): Promise<Exchange> {
  let response: Awaited<ReturnType<HttpPost>>
  try {
    response = await post(url, JSON.stringify(body), { 'content-type': 'application/json', ...headers })
  } catch (error) {
    return { kind: 'state', state: 'unreachable', detail: `no answer: ${(error as Error)?.message ?? String(error)}` }
  }
  const { status } = response
  if (status === 401)
    return { kind: 'state', state: 'unauthorized', status, detail: 'HTTP 401: token wrong or expired' }
  if (status === 403)
    return { kind: 'state', state: 'forbidden', status, detail: 'HTTP 403: refused (outside Cambodia?)' }
  if (status === 429) {
    const retry = retryAfterMs(response.headers, now())
    return {
      kind: 'state',
      state: 'throttled',
      status,
      detail: 'HTTP 429: too many requests',
      ...(retry === undefined ? {} : { retryAfterMs: retry }),
    }
  }
  if (status !== 200) return { kind: 'state', state: 'unreachable', status, detail: `HTTP ${status}` }
  return { kind: 'answer', bodyText: response.bodyText }
}

export function stateOutcome(answer: Extract<Exchange, { kind: 'state' }>): Omit<KhqrCheckResult, 'md5'> {
  return {
    state: answer.state,
    detail: answer.detail,
    ...(answer.retryAfterMs === undefined ? {} : { retryAfterMs: answer.retryAfterMs }),
  }
}

/** The state of a failed envelope (responseCode 1), by Bakong's error code. */
export function failureState(envelope: Envelope): { state: KhqrCheckState; detail: string } {
  const detail = `Bakong error ${envelope.errorCode ?? 'none'}: ${envelope.responseMessage}`
  switch (envelope.errorCode) {
    case 1:
      return { state: 'unpaid', detail }
    case 3:
      return { state: 'failed', detail }
    case 6:
      return { state: 'unauthorized', detail }
    case 9:
      return { state: 'unreachable', detail }
    default:
      return { state: 'failed', detail }
  }
}

export function sameStateFor(md5s: readonly string[], outcome: Omit<KhqrCheckResult, 'md5'>): KhqrCheckResult[] {
  return md5s.map((md5) => ({ md5, ...outcome }))
}
