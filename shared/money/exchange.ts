import { type Currency, checkAmount, checkCurrency } from './currency.ts'
import { checkInteger, MoneyError } from './errors.ts'
import { multiplyDivideRoundHalfUp } from './rounding.ts'

const MAX_RATE = 1_000_000

/** The exchange rate: a whole number of riel per US dollar, 1..1,000,000. */
export function checkRate(khrPerUsd: unknown): number {
  return checkInteger(khrPerUsd, 1, MAX_RATE, 'rate_invalid', 'Exchange rate (riel per US dollar)', 'khrPerUsd')
}

export const SEN_PER_RIEL = 100

/**
 * Exact common unit for settling mixed currencies: 1 riel = 100 sen, 1 US cent = khrPerUsd sen.
 * Refused (amount_invalid) when the result is not a safe integer: above about 90 trillion riel,
 * or about $22 billion at 4,100 riel per dollar.
 */
export function toSen(amount: number, currency: Currency, khrPerUsd: number): number {
  const value = checkAmount(amount, 'Amount', 'amount')
  const rate = checkRate(khrPerUsd)
  const perUnit = checkCurrency(currency) === 'KHR' ? SEN_PER_RIEL : rate
  const sen = value * perUnit
  if (!Number.isSafeInteger(sen)) {
    throw new MoneyError(
      'amount_invalid',
      `Amount ${value} ${currency} is too large to settle exactly (${value} × ${perUnit} sen is beyond 2^53).`,
      'amount',
    )
  }
  return sen
}

/** Cents to riel, rounded half up to 1 riel. */
export function usdToKhr(cents: number, khrPerUsd: number): number {
  return multiplyDivideRoundHalfUp(checkAmount(cents, 'USD amount', 'amount'), checkRate(khrPerUsd), 100)
}

/** Riel to cents, rounded half up to 1 cent. */
export function khrToUsd(riel: number, khrPerUsd: number): number {
  return multiplyDivideRoundHalfUp(checkAmount(riel, 'KHR amount', 'amount'), 100, checkRate(khrPerUsd))
}

export function convert(amount: number, from: Currency, to: Currency, khrPerUsd: number): number {
  checkCurrency(from, 'from')
  checkCurrency(to, 'to')
  if (from === to) {
    checkRate(khrPerUsd)
    return checkAmount(amount, 'Amount', 'amount')
  }
  return from === 'USD' ? usdToKhr(amount, khrPerUsd) : khrToUsd(amount, khrPerUsd)
}
