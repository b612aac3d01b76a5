export type MoneyErrorCode =
  | 'amount_invalid'
  | 'quantity_invalid'
  | 'vat_rate_invalid'
  | 'discount_invalid'
  | 'discount_too_large'
  | 'rate_invalid'
  | 'currency_invalid'
  | 'note_invalid'
  | 'tender_invalid'
  | 'change_without_cash'
  | 'input_invalid'

/**
 * Every problem the money module reports is a MoneyError with a stable `code` that callers can
 * switch on, a `field` naming the input field when there is one, and a message a person can act on.
 */
export class MoneyError extends Error {
  readonly code: MoneyErrorCode
  readonly field: string | undefined

  constructor(code: MoneyErrorCode, message: string, field?: string) {
    super(message)
    this.name = 'MoneyError'
    this.code = code
    this.field = field
  }
}

/** The value as it should appear in a message: strings quoted, other non-numbers by type. */
export function shown(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : typeof value
}

/** A safe integer in min..max (never -0), or a MoneyError with `code` saying what `what` must be. */
export function checkInteger(
  value: unknown,
  min: number,
  max: number,
  code: MoneyErrorCode,
  what: string,
  field?: string,
): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new MoneyError(code, `${what} must be a whole number from ${min} to ${max} (got ${shown(value)}).`, field)
  }
  return value === 0 ? 0 : value
}

/** A plain object to read fields from. */
export function checkRecord(value: unknown, what: string, field?: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MoneyError('input_invalid', `${what} must be an object (got ${shown(value)}).`, field)
  }
  return value as Record<string, unknown>
}

/** A copy of an array, holes read as undefined so each element gets checked. */
export function checkArray(value: unknown, what: string, field?: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new MoneyError('input_invalid', `${what} must be an array (got ${shown(value)}).`, field)
  }
  return Array.from(value)
}
