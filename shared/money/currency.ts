import { checkInteger, MoneyError, shown } from './errors.ts'

export type Currency = 'USD' | 'KHR'

export const CURRENCIES: readonly Currency[] = ['USD', 'KHR']

/** Largest amount in minor units the POS accepts (keeps every intermediate exact). */
export const MAX_AMOUNT = 100_000_000_000_000 // 10^14 minor units

export function isCurrency(value: unknown): value is Currency {
  return value === 'USD' || value === 'KHR'
}

export function checkCurrency(value: unknown, field = 'currency'): Currency {
  if (!isCurrency(value)) {
    throw new MoneyError('currency_invalid', `Currency must be "USD" or "KHR" (got ${shown(value)}).`, field)
  }
  return value
}

/** An amount in minor units: a safe integer with magnitude at most MAX_AMOUNT. */
export function checkAmount(value: unknown, what: string, field?: string, min = -MAX_AMOUNT): number {
  return checkInteger(value, min, MAX_AMOUNT, 'amount_invalid', what, field)
}
