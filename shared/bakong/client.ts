import type { KhqrChecker, KhqrCheckResult } from './checker.ts'
import {
  type Envelope,
  type Exchange,
  exchange,
  failureState,
  parseEnvelope,
  sameStateFor,
  stateOutcome,
} from './envelope.ts'
import { type HttpPost, joinUrl } from './http.ts'
import { parseTransaction } from './transaction.ts'

export const BAKONG_PRODUCTION_URL = 'https://api-bakong.nbc.gov.kh'
/** The list endpoints take at most 50 entries. */
export const BAKONG_LIST_LIMIT = 50

export interface BakongClientOptions {
  baseUrl: string
  /** The current Bakong token, or null when none is set (every check is then `unauthorized`). */
  token: () => string | null
  post: HttpPost
  now?: () => number
}

const UNREADABLE = { state: 'unreachable', detail: 'unreadable answer (not a Bakong envelope)' } as const

function paid(md5: string, data: unknown, envelope: Envelope): KhqrCheckResult {
  const parsed = parseTransaction(
    data,
    typeof data === 'object' && data !== null ? envelope.amountSource(data) : undefined,
  )
  if (!parsed) return { md5, state: 'unreachable', detail: 'Bakong said paid but the transaction is unreadable' }
  return { md5, state: 'paid', transaction: parsed.transaction, ...(parsed.detail ? { detail: parsed.detail } : {}) }
}

function singleResult(md5: string, envelope: Envelope): KhqrCheckResult {
  if (envelope.responseCode === 0) return paid(md5, envelope.data, envelope)
  return { md5, ...failureState(envelope) }
}

function listResults(md5s: readonly string[], envelope: Envelope): KhqrCheckResult[] {
  if (envelope.responseCode === 1) return sameStateFor(md5s, failureState(envelope))
  if (!Array.isArray(envelope.data))
    return sameStateFor(md5s, { state: 'unreachable', detail: 'list answer without a data array' })
  const byMd5 = new Map<string, Record<string, unknown>>()
  for (const entry of envelope.data) {
    if (typeof entry === 'object' && entry !== null && typeof (entry as { md5?: unknown }).md5 === 'string')
      byMd5.set((entry as { md5: string }).md5.toLowerCase(), entry as Record<string, unknown>)
  }
  return md5s.map((md5): KhqrCheckResult => {
    const entry = byMd5.get(md5.toLowerCase())
    if (!entry) return { md5, state: 'unreachable', detail: 'Bakong did not answer for this md5' }
    const detail = typeof entry.message === 'string' ? entry.message : undefined
    switch (entry.status) {
      case 'SUCCESS':
        return paid(md5, entry.data ?? entry.transaction, envelope)
      case 'NOT_FOUND':
        return { md5, state: 'unpaid', ...(detail ? { detail } : {}) }
      case 'STATIC_QR':
      case 'FAILED':
        return { md5, state: 'failed', detail: `${entry.status}${detail ? `: ${detail}` : ''}` }
      default:
        return { md5, state: 'unreachable', detail: `unknown list status ${String(entry.status)}` }
    }
  })
}

/**
 * Bakong Open API payment checks (khqr-spec.md §15): `check_transaction_by_md5` for one QR and
 * `check_transaction_by_md5_list` for batches of up to 50. One SDK reports the list endpoint
 * answering 403 in production while single checks work, so a 403/404 from the list falls back to
 * single checks, and once singles have worked the list is not tried again. When singles are
 * refused too, the 403 is the geographic one and every md5 is `forbidden`.
 */
export function createBakongClient(options: BakongClientOptions): KhqrChecker {
  const now = options.now ?? Date.now
  let listUnavailable = false

  async function send(path: string, body: unknown, token: string): Promise<Exchange> {
    return exchange(options.post, joinUrl(options.baseUrl, path), body, { authorization: `Bearer ${token}` }, now)
  }

  async function checkOne(md5: string, token: string): Promise<KhqrCheckResult> {
    const answer = await send('/v1/check_transaction_by_md5', { md5 }, token)
    if (answer.kind === 'state') return { md5, ...stateOutcome(answer) }
    const envelope = parseEnvelope(answer.bodyText)
    return envelope ? singleResult(md5, envelope) : { md5, ...UNREADABLE }
  }

  async function checkEachAlone(md5s: readonly string[], token: string): Promise<KhqrCheckResult[]> {
    const results: KhqrCheckResult[] = []
    for (const md5 of md5s) {
      const result = await checkOne(md5, token)
      results.push(result)
      // The rest would be refused the same way; do not hammer a server that throttles or refuses us.
      if (result.state === 'throttled' || result.state === 'forbidden' || result.state === 'unauthorized') {
        const { md5: _first, ...outcome } = result
        results.push(...sameStateFor(md5s.slice(results.length), outcome))
        break
      }
    }
    return results
  }

  async function checkBatch(md5s: readonly string[], token: string): Promise<KhqrCheckResult[]> {
    if (md5s.length === 1 || listUnavailable) return checkEachAlone(md5s, token)
    const answer = await send('/v1/check_transaction_by_md5_list', md5s, token)
    if (answer.kind === 'answer') {
      const envelope = parseEnvelope(answer.bodyText)
      return envelope ? listResults(md5s, envelope) : sameStateFor(md5s, UNREADABLE)
    }
    if (answer.status === 403 || answer.status === 404) {
      const singles = await checkEachAlone(md5s, token)
      if (singles.some((result) => result.state !== 'forbidden' && result.state !== 'unreachable'))
        listUnavailable = true
      return singles
    }
    return sameStateFor(md5s, stateOutcome(answer))
  }

  return {
    async check(md5s) {
      if (md5s.length === 0) return []
      const token = options.token()
      if (!token) return sameStateFor(md5s, { state: 'unauthorized', detail: 'no Bakong token is set' })
      const results: KhqrCheckResult[] = []
      for (let start = 0; start < md5s.length; start += BAKONG_LIST_LIMIT)
        results.push(...(await checkBatch(md5s.slice(start, start + BAKONG_LIST_LIMIT), token)))
      return results
    },
  }
}
