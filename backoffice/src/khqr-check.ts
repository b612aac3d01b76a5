import {
  KHQR_CHECK_STATES,
  type KhqrChecker,
  type KhqrCheckResult,
  type KhqrCheckState,
} from '../../shared/bakong/checker.ts'
import { isPlainObject, isTextOf, MAX_KHQR_CHECK_MD5S } from '../../shared/sync-protocol.ts'
import { badRequest, HttpError } from './errors.ts'
import type { BackofficeStore } from './store/types.ts'

export type { KhqrChecker, KhqrCheckResult }

const MD5 = /^[0-9a-f]{32}$/
const STATES: readonly KhqrCheckState[] = KHQR_CHECK_STATES

/**
 * The KHQR relay (§4.5): the Bakong token stays on the server, terminals ask here. Whatever the
 * checker answers, each md5 gets exactly one result, and a checker that throws or answers
 * nonsense reads as `unreachable`, never as paid. Paid answers are recorded for the owner.
 */
export function createKhqrRelay(
  store: BackofficeStore,
  checker: KhqrChecker | undefined,
  now: () => number,
  signVerdict: (text: string) => string,
) {
  return {
    /**
     * The results, and the same as a signed verdict naming the terminal and its nonce: the text
     * the terminal verifies with the key it was given at enrolment before it believes any of it.
     */
    async check(
      body: unknown,
      terminalId: string,
    ): Promise<{ results: KhqrCheckResult[]; verdict: string; signature: string }> {
      if (!checker)
        throw new HttpError(503, 'khqr_relay_not_configured', 'This back office has no Bakong access configured.', {
          retryable: false,
        })
      if (!isPlainObject(body)) throw badRequest('The body must be {md5: [...], sale_id?, nonce?}.')
      for (const key of Object.keys(body))
        if (key !== 'md5' && key !== 'sale_id' && key !== 'nonce') throw badRequest(`Unknown field "${key}".`, key)
      if (body.nonce !== undefined && !isTextOf(body.nonce, 1, 64))
        throw badRequest('nonce must be a text of 1 to 64 characters.', 'nonce')
      const md5s = body.md5
      if (!Array.isArray(md5s) || md5s.length < 1 || md5s.length > MAX_KHQR_CHECK_MD5S)
        throw badRequest(`md5 must be a list of 1 to ${MAX_KHQR_CHECK_MD5S} hashes.`, 'md5')
      if (!md5s.every((md5) => typeof md5 === 'string' && MD5.test(md5)))
        throw badRequest('Each md5 must be 32 lower-case hex digits.', 'md5')
      if (body.sale_id !== undefined && !isTextOf(body.sale_id, 1, 64))
        throw badRequest('sale_id must be a text of 1 to 64 characters.', 'sale_id')
      const unique = [...new Set(md5s as string[])]
      let answers: KhqrCheckResult[]
      try {
        answers = await checker.check(unique)
      } catch (error) {
        answers = unique.map((md5) => ({ md5, state: 'unreachable', detail: (error as Error).message }))
      }
      const byMd5 = new Map<string, KhqrCheckResult>()
      for (const answer of Array.isArray(answers) ? answers : [])
        if (isPlainObject(answer) && STATES.includes(answer.state) && unique.includes(answer.md5))
          byMd5.set(answer.md5, answer)
      const results = unique.map(
        (md5) => byMd5.get(md5) ?? { md5, state: 'unreachable' as const, detail: 'no answer for this md5' },
      )
      await record(results, terminalId, (body.sale_id as string | undefined) ?? null)
      const verdict = JSON.stringify({ terminal_id: terminalId, nonce: body.nonce ?? null, results })
      return { results, verdict, signature: signVerdict(verdict) }
    },
  }

  async function record(results: KhqrCheckResult[], terminalId: string, saleId: string | null): Promise<void> {
    const at = now()
    for (const result of results) {
      if (result.state !== 'paid') continue
      const transaction = result.transaction
      await store.run(
        `INSERT INTO khqr_checks (md5, state, terminal_id, sale_id, bakong_hash, amount, currency, from_account, paid_at, checked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (md5) DO UPDATE SET state = excluded.state, checked_at = excluded.checked_at`,
        [
          result.md5,
          result.state,
          terminalId,
          saleId,
          transaction?.hash ?? null,
          Number.isSafeInteger(transaction?.amount) ? (transaction?.amount ?? null) : null,
          transaction?.currency ?? null,
          transaction?.fromAccountId ?? null,
          Number.isSafeInteger(transaction?.createdAtMs) ? (transaction?.createdAtMs ?? null) : null,
          at,
        ],
      )
    }
  }
}
