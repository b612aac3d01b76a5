import type { Currency } from './currency.ts'
import { lineGross, type SoldBy } from './weight.ts'

/** A line's amount in the currency its product is priced in. */
export interface OwnCurrencyAmount {
  amount: number
  currency: Currency
}

/**
 * What a line priced in the other currency than the sale's costs in its own: a product at ៛8,000 on
 * its tile is ៛8,000 in the cart, on the customer's screen and on the receipt, with the sale-currency
 * amount beside it. Null when the line's own figure is the sale's (same currency), or when its price
 * was changed or discounted in the sale currency (then only that figure is true).
 */
export function ownCurrencyAmount(
  line: {
    listPrice: number
    listCurrency: Currency
    quantity: number
    soldBy?: SoldBy
    priceOverridden: boolean
    lineDiscount: number
  },
  saleCurrency: Currency,
): OwnCurrencyAmount | null {
  if (line.listCurrency === saleCurrency || line.priceOverridden || line.lineDiscount > 0) return null
  try {
    return { amount: lineGross(line.quantity, line.listPrice, line.soldBy), currency: line.listCurrency }
  } catch {
    return null
  }
}
