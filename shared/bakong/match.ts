import type { BakongTransaction } from './checker.ts'

export interface KhqrRequestFacts {
  md5: string
  /** Minor units. */
  amount: number
  currency: 'USD' | 'KHR'
  /** The Bakong account the QR pays, as encoded in the QR shown. */
  toAccountId: string
  createdAt: number
  expiresAt: number
}

export type KhqrMismatchReason = 'amount' | 'currency' | 'account' | 'too_early' | 'too_late'

export type KhqrMatch = { ok: true } | { ok: false; reason: KhqrMismatchReason }

/**
 * Whether a Bakong transaction pays this QR (docs/security.md T5): same currency, same amount to
 * the unit, the shop's receiving account, and sent within the QR's lifetime. `graceMs` widens the
 * window on both sides for the difference between the terminal's clock and Bakong's.
 */
export function matchPayment(
  request: KhqrRequestFacts,
  transaction: BakongTransaction,
  options: { graceMs: number },
): KhqrMatch {
  if (transaction.currency !== request.currency) return { ok: false, reason: 'currency' }
  if (!Number.isSafeInteger(transaction.amount) || transaction.amount !== request.amount)
    return { ok: false, reason: 'amount' }
  if (transaction.toAccountId !== request.toAccountId) return { ok: false, reason: 'account' }
  if (transaction.createdAtMs < request.createdAt - options.graceMs) return { ok: false, reason: 'too_early' }
  if (transaction.createdAtMs > request.expiresAt + options.graceMs) return { ok: false, reason: 'too_late' }
  return { ok: true }
}
