import type { BakongTransaction } from '../../../shared/bakong/checker.ts'
import { type KhqrMismatchReason, matchPayment } from '../../../shared/bakong/match.ts'
import { PosError } from '../errors.ts'
import type { Ledger } from '../ledger/index.ts'
import type { KhqrRequestRecord } from '../ledger/sales.ts'
import type { KhqrIssues } from './issues.ts'

export type SettleOutcome =
  | { kind: 'paid' }
  | { kind: 'verified' }
  | { kind: 'already' }
  | { kind: 'mismatch'; reason: KhqrMismatchReason }
  | { kind: 'hash_used' }
  | { kind: 'over_payment' }
  | { kind: 'late_payment'; reason: KhqrMismatchReason | null }

interface ManualTender {
  id: string
  confirmation: 'bakong' | 'manual'
  verified: number
  bakong_hash: string | null
}

/**
 * What a payment Bakong reported for a QR does to the ledger. A shown QR is paid only if the
 * payment matches it (docs/security.md T5); a hand-confirmed QR becomes verified, or its mismatch
 * is raised; a QR already paid by another transaction is an over-payment (T6); a QR that was
 * cancelled or had expired is a late payment; a Bakong transaction that already settled another
 * sale settles nothing. Every case but the first two is raised for a manager.
 */
export function settleReportedPayment(
  ledger: Ledger,
  issues: KhqrIssues,
  request: KhqrRequestRecord,
  transaction: BakongTransaction,
  options: { graceMs: number; systemUserId: string },
): SettleOutcome {
  const match = matchPayment(request, transaction, { graceMs: options.graceMs })
  const raise = (kind: Parameters<KhqrIssues['raise']>[0]['kind'], reason: string | null, tenderId?: string) =>
    issues.raise({ kind, reason, request, transaction, tenderId: tenderId ?? null, systemUserId: options.systemUserId })
  const usedBy = ledger.sales.saleOfBakongHash(transaction.hash)
  if (usedBy === request.saleId) return { kind: 'already' }
  if (usedBy !== null) {
    raise('hash_used', `already settled sale ${usedBy}`)
    return { kind: 'hash_used' }
  }
  if (request.state === 'shown') {
    if (!match.ok) {
      raise('mismatch', match.reason)
      return { kind: 'mismatch', reason: match.reason }
    }
    try {
      ledger.sales.recordBakongPayment(
        {
          md5: request.md5,
          hash: transaction.hash,
          amount: transaction.amount,
          currency: transaction.currency,
          toAccountId: transaction.toAccountId,
          createdAt: transaction.createdAtMs,
        },
        options.systemUserId,
        { graceMs: options.graceMs, fromAccountId: transaction.fromAccountId },
      )
      return { kind: 'paid' }
    } catch (error) {
      if (!(error instanceof PosError)) throw error
      // The QR ended, or the sale was settled otherwise, while the check was on its way.
      const now = ledger.sales.khqrRequest(request.md5)
      if (now && now.state !== 'shown') return settleReportedPayment(ledger, issues, now, transaction, options)
      raise('over_payment', error.code)
      return { kind: 'over_payment' }
    }
  }
  if (request.state === 'paid') {
    const tender = ledger.context.db
      .prepare('SELECT id, confirmation, verified, bakong_hash FROM sale_tenders WHERE khqr_request = ?')
      .get(request.id) as ManualTender | undefined
    if (tender?.confirmation === 'manual' && tender.verified === 0) {
      if (!match.ok) {
        raise('mismatch', match.reason, tender.id)
        return { kind: 'mismatch', reason: match.reason }
      }
      ledger.sales.verifyManualKhqr(tender.id, transaction, options.systemUserId)
      return { kind: 'verified' }
    }
    raise('over_payment', null, tender?.id)
    return { kind: 'over_payment' }
  }
  raise('late_payment', match.ok ? null : match.reason)
  return { kind: 'late_payment', reason: match.ok ? null : match.reason }
}
