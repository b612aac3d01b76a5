import { KHQR_CHECK_STATES, type KhqrChecker, type KhqrCheckResult, type KhqrCheckState } from './checker.ts'
import { exchange, sameStateFor, stateOutcome } from './envelope.ts'
import { type HttpPost, joinUrl } from './http.ts'
import { isBakongTransaction } from './transaction.ts'

const STATES: readonly KhqrCheckState[] = KHQR_CHECK_STATES

export interface RelayCheckerOptions {
  /** The back office, e.g. https://office.example.com */
  baseUrl: string
  /** A fresh access token of this terminal (sync-protocol.md §4.2). */
  accessToken: () => Promise<string>
  post: HttpPost
  /**
   * Checks the back office's signature on a verdict (its Ed25519 key from the enrolment); false,
   * or no key, and nothing in the answer is believed.
   */
  verify: (verdict: string, signature: string) => boolean
  /** A fresh random text per request, echoed in the signed verdict so an old answer cannot be replayed. */
  nonce: () => string
  /** This terminal, as the verdict must name it. */
  terminalId: () => string | null
  now?: () => number
}

/** One result as the back office relays it: the shared contract, amounts already in minor units. */
export function parseCheckResult(value: unknown): KhqrCheckResult | null {
  if (typeof value !== 'object' || value === null) return null
  const record = value as Record<string, unknown>
  if (typeof record.md5 !== 'string' || !STATES.includes(record.state as KhqrCheckState)) return null
  const result: KhqrCheckResult = { md5: record.md5, state: record.state as KhqrCheckState }
  if (typeof record.detail === 'string') result.detail = record.detail
  if (Number.isSafeInteger(record.retryAfterMs) && (record.retryAfterMs as number) >= 0)
    result.retryAfterMs = record.retryAfterMs as number
  if (record.state === 'paid') {
    if (!isBakongTransaction(record.transaction)) return null
    result.transaction = record.transaction
  }
  return result
}

/**
 * The same check relayed through the back office (`POST /v1/khqr/check {md5: string[], nonce}` →
 * `{verdict, signature}`), for shops whose Bakong token stays on the server (sync-protocol.md
 * §4.5). Only a verdict signed with the back office's key, for this terminal and this request's
 * nonce, is believed: a forged "paid" from someone between the two reads as unreachable. HTTP
 * answers are sorted as for Bakong itself: 401 `unauthorized`, 403 `forbidden`, 429 `throttled`,
 * 5xx and network failures `unreachable`.
 */
export function createRelayChecker(options: RelayCheckerOptions): KhqrChecker {
  const now = options.now ?? Date.now
  return {
    async check(md5s) {
      if (md5s.length === 0) return []
      let token: string
      try {
        token = await options.accessToken()
      } catch (error) {
        return sameStateFor(md5s, { state: 'unreachable', detail: `no access token: ${(error as Error)?.message}` })
      }
      const nonce = options.nonce()
      const answer = await exchange(
        options.post,
        joinUrl(options.baseUrl, '/v1/khqr/check'),
        { md5: [...md5s], nonce },
        { authorization: `Bearer ${token}` },
        now,
      )
      if (answer.kind === 'state') return sameStateFor(md5s, stateOutcome(answer))
      let results: (KhqrCheckResult | null)[]
      try {
        const envelope = JSON.parse(answer.bodyText) as { verdict?: unknown; signature?: unknown }
        if (typeof envelope?.verdict !== 'string' || typeof envelope.signature !== 'string')
          return sameStateFor(md5s, { state: 'unreachable', detail: 'the back office answer is not signed' })
        if (!options.verify(envelope.verdict, envelope.signature))
          return sameStateFor(md5s, { state: 'unreachable', detail: 'the back office answer has a wrong signature' })
        const verdict = JSON.parse(envelope.verdict) as { terminal_id?: unknown; nonce?: unknown; results?: unknown }
        if (verdict.nonce !== nonce || verdict.terminal_id !== options.terminalId())
          return sameStateFor(md5s, { state: 'unreachable', detail: 'the signed answer is for another request' })
        results = Array.isArray(verdict.results) ? verdict.results.map(parseCheckResult) : [null]
      } catch {
        results = [null]
      }
      if (results.some((result) => result === null))
        return sameStateFor(md5s, { state: 'unreachable', detail: 'unreadable answer from the back office' })
      const byMd5 = new Map((results as KhqrCheckResult[]).map((result) => [result.md5, result]))
      return md5s.map(
        (md5) => byMd5.get(md5) ?? { md5, state: 'unreachable', detail: 'the back office did not answer for this md5' },
      )
    },
  }
}
