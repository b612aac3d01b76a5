import type { CustomerCart, CustomerView, ShopFace } from '../../shared/api.ts'
import { ownCurrencyAmount } from '../../shared/money/index.ts'
import type { SaleView, Settings } from '../../shared/views.ts'

/** How long PAID and the change stay on the customer display after a sale. */
export const PAID_DISPLAY_MS = 8000

function cartOf(sale: SaleView): CustomerCart {
  return {
    currency: sale.currency,
    khrPerUsd: sale.khrPerUsd,
    lines: sale.lines.map((line) => ({
      nameEn: line.nameEn,
      nameKm: line.nameKm,
      quantity: line.quantity,
      soldBy: line.soldBy,
      amount: line.amount,
      own: ownCurrencyAmount(line, sale.currency),
    })),
    discountTotal: sale.totals.discountTotal,
    vatTotal: sale.totals.vatTotal,
    total: sale.totals.total,
    equivalent: sale.totals.equivalent,
    paidSen: sale.payment.paidSen,
  }
}

/**
 * The customer display's view of the counter, built from the ledger. A KHQR card is included
 * only when the sale awaits payment, the QR is unexpired, and its amount is exactly what is still
 * due in its currency: any other combination shows the cart without a QR, never a stale one.
 */
export function customerViewOf(input: {
  current: SaleView | null
  lastPaid: { sale: SaleView; at: number } | null
  settings: Settings
  now: number
}): CustomerView {
  const shop: ShopFace = {
    nameEn: input.settings.shopNameEn,
    nameKm: input.settings.shopNameKm,
    demo: input.settings.demo,
  }
  const { current } = input
  if (current && current.lines.length > 0) {
    const cart = cartOf(current)
    const khqr = current.khqr
    const due = khqr?.currency === 'USD' ? current.payment.stillDue.usd : current.payment.stillDue.khr
    if (
      current.state === 'awaiting_payment' &&
      khqr &&
      khqr.state === 'shown' &&
      khqr.expiresAt > input.now &&
      khqr.amount === due
    ) {
      return {
        state: 'khqr',
        shop,
        cart,
        khqr: {
          payload: khqr.payload,
          merchantName: input.settings.merchant.merchantNameEn,
          amount: khqr.amount,
          currency: khqr.currency,
          createdAt: khqr.createdAt,
          expiresAt: khqr.expiresAt,
        },
      }
    }
    return { state: 'cart', shop, cart }
  }
  if (input.lastPaid && input.lastPaid.sale.kind === 'sale' && input.now - input.lastPaid.at < PAID_DISPLAY_MS) {
    const { sale } = input.lastPaid
    return {
      state: 'paid',
      shop,
      cart: cartOf(sale),
      paid: sale.tenders.map((tender) => ({ kind: tender.kind, amount: tender.amount })),
      // The chime means the bank said the money arrived: not for a payment a manager confirmed by hand.
      chime: input.settings.paymentChime && sale.tenders.some((tender) => tender.confirmation === 'bakong'),
      change: { usd: sale.payment.changeUsd, khr: sale.payment.changeKhr },
    }
  }
  return { state: 'idle', shop }
}
