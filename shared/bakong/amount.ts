import type { BakongTransaction } from './checker.ts'

const DECIMAL = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/

/**
 * Bakong's `amount` (a JSON number such as 1.5 or 4000) as an integer in minor units, read from
 * its decimal text so no float is ever multiplied. `source` is the number exactly as written in
 * the response when the runtime can give it (JSON.parse source text), otherwise the number's own
 * shortest text. More decimals than the currency has (0.30000000000000004 USD, 4000.5 KHR),
 * exponents (1e21), negatives, zero and anything not a number give null: such an amount never
 * matches a sale.
 */
export function bakongAmountToMinor(
  value: unknown,
  currency: BakongTransaction['currency'],
  source?: string,
): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null
  const text = source ?? String(value)
  const match = DECIMAL.exec(text)
  if (!match) return null
  const whole = match[1] ?? '0'
  const fraction = (match[2] ?? '').replace(/0+$/, '')
  const decimals = currency === 'USD' ? 2 : 0
  if (fraction.length > decimals) return null
  const minor = Number(whole + fraction.padEnd(decimals, '0'))
  if (!Number.isSafeInteger(minor) || minor <= 0) return null
  return minor
}
