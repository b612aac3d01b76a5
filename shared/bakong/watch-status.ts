import type { KhqrMismatchReason } from './match.ts'

/** What the cashier is told about a QR on screen. Only `paid` means the sale was settled by Bakong. */
export type KhqrWatchState =
  | 'waiting'
  | 'unreachable'
  | 'throttled'
  | 'forbidden'
  | 'unauthorized'
  | 'failed'
  | 'mismatch'
  | 'paid'
  | 'expired'
  | 'cancelled'
  | 'off'

/** Why a payment found for a QR was not accepted: T5's four checks, or a Bakong transaction already used. */
export type KhqrRejection = KhqrMismatchReason | 'hash_used'

export interface KhqrWatchStatus {
  saleId: string
  md5: string
  state: KhqrWatchState
  /** Plain words for the cashier. */
  message: string
  reason?: KhqrRejection
  bakongHash?: string
  /** Checks made for this QR so far. */
  checks: number
  nextCheckAt: number | null
  at: number
}

const REASONS: Record<KhqrRejection, string> = {
  amount: 'the amount paid is not the amount of the sale',
  currency: 'it was paid in the other currency',
  account: 'the money went to another account',
  too_early: 'it was sent before this QR was made',
  too_late: 'it was sent after this QR expired',
  hash_used: 'that bank transfer already paid another sale',
}

export function describeWatchState(state: KhqrWatchState, reason?: KhqrRejection): string {
  switch (state) {
    case 'waiting':
      return 'Waiting for the customer to pay.'
    case 'unreachable':
      return 'Cannot reach Bakong (offline?). Still trying; do not hand over the goods yet.'
    case 'throttled':
      return 'Bakong asks us to slow down. Still checking, a little less often.'
    case 'forbidden':
      return 'Bakong refused the check (the connection seems to be from outside Cambodia). Payments cannot be confirmed automatically.'
    case 'unauthorized':
      return 'The Bakong token is missing or expired. A manager must renew it; payments cannot be confirmed automatically.'
    case 'failed':
      return 'The bank reported this payment as failed. Ask the customer to try again.'
    case 'mismatch':
      return `A payment was found but not accepted: ${reason ? REASONS[reason] : 'it does not match this sale'}. Call a manager.`
    case 'paid':
      return 'Paid. Confirmed by Bakong.'
    case 'expired':
      return 'The QR expired without a confirmed payment.'
    case 'cancelled':
      return 'The QR was cancelled.'
    case 'off':
      return 'Automatic confirmation is off; only a manager can confirm this payment by hand.'
  }
}
