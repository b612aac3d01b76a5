/**
 * Exact integer rational rounding. Every division here divides a safe integer by a positive safe
 * integer: the remainder `%` is exact, so `(n - r) / d` is an exact integer and no fraction is ever
 * formed. Ties round away from zero ("half up" for positive amounts). When a product of two safe
 * integers is not itself safe, the computation moves to BigInt, so results are always exact.
 */
import { checkInteger, MoneyError } from './errors.ts'

const MAX = Number.MAX_SAFE_INTEGER

function checkOperand(value: unknown, what: string): number {
  return checkInteger(value, -MAX, MAX, 'amount_invalid', what)
}

function checkDenominator(value: unknown): number {
  return checkInteger(value, 1, MAX, 'amount_invalid', 'Denominator')
}

/** round(n / d) for checked operands, d > 0. */
function roundQuotient(n: number, d: number): number {
  const r = n % d
  const q = (n - r) / d
  if (r >= 0) return r >= d - r ? q + 1 : q
  return -r >= d + r ? q - 1 : q
}

function safeResult(value: bigint, a: number, b: number, d: number): number {
  if (value > BigInt(MAX) || value < BigInt(-MAX)) {
    throw new MoneyError('amount_invalid', `${a} × ${b} / ${d} is too large to be represented exactly.`)
  }
  return Number(value)
}

export function divideRoundHalfUp(numerator: number, denominator: number): number {
  return roundQuotient(checkOperand(numerator, 'Numerator'), checkDenominator(denominator))
}

export function divideCeil(numerator: number, denominator: number): number {
  const n = checkOperand(numerator, 'Numerator')
  const d = checkDenominator(denominator)
  const r = n % d
  const q = (n - r) / d
  return r > 0 ? q + 1 : q
}

/** round(a × b / denominator), exact even when a × b is not a safe integer. */
export function multiplyDivideRoundHalfUp(a: number, b: number, denominator: number): number {
  const x = checkOperand(a, 'Multiplicand')
  const y = checkOperand(b, 'Multiplier')
  const d = checkDenominator(denominator)
  const product = x * y
  // A product that is a safe integer was computed exactly; one that is not was rounded.
  if (Number.isSafeInteger(product)) return roundQuotient(product, d)
  const p = BigInt(x) * BigInt(y)
  const bd = BigInt(d)
  const r = p % bd
  let q = p / bd
  if (r >= 0n ? 2n * r >= bd : -2n * r >= bd) q += r >= 0n ? 1n : -1n
  return safeResult(q, x, y, d)
}

/**
 * floor(a × b / d) and the remainder, for non-negative safe a and b and 0 < d, when the quotient
 * is known to be safe (callers ensure b ≤ d). The remainder is below d, so it is safe too.
 */
export function multiplyDivideFloor(a: number, b: number, d: number): { quotient: number; remainder: number } {
  const product = a * b
  if (Number.isSafeInteger(product)) {
    const remainder = product % d
    return { quotient: (product - remainder) / d, remainder }
  }
  const p = BigInt(a) * BigInt(b)
  const bd = BigInt(d)
  return { quotient: safeResult(p / bd, a, b, d), remainder: Number(p % bd) }
}
