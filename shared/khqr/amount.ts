import { KhqrError } from './errors.ts'
import type { KhqrCurrency } from './types.ts'

const charCodeAt = String.prototype.charCodeAt // a fixed reference: see crc.ts

/** EMVCo caps tag 54 at 13 characters: KHR up to 9 999 999 999 999 riel, USD up to 9 999 999 999.99. */
const MAX_AMOUNT_CHARS = 13
const MAX_MINOR_UNITS: Record<KhqrCurrency, number> = { KHR: 9_999_999_999_999, USD: 999_999_999_999 }

function amountError(message: string): KhqrError {
  return new KhqrError('amount_invalid', message, 'amount')
}

/**
 * Tag 54 text for an amount in integer minor units (riel, or US cents): KHR as a whole number,
 * USD always with two decimals. No floating point is involved.
 */
export function formatAmount(minorUnits: unknown, currency: KhqrCurrency): string {
  if (typeof minorUnits !== 'number' || !Number.isInteger(minorUnits)) {
    throw amountError(
      `Amount must be a whole number of ${currency === 'USD' ? 'US cents' : 'riel'} (got ${String(minorUnits)}).`,
    )
  }
  if (minorUnits <= 0) {
    throw amountError(
      `Amount must be at least 1 ${currency === 'USD' ? 'cent' : 'riel'} (got ${minorUnits}); leave the amount out for a static QR.`,
    )
  }
  if (minorUnits > MAX_MINOR_UNITS[currency]) {
    throw amountError(
      `Amount ${minorUnits} is too large: KHQR amounts are at most ${MAX_AMOUNT_CHARS} characters (${currency === 'USD' ? '9999999999.99 USD' : '9999999999999 KHR'}).`,
    )
  }
  if (currency === 'KHR') return String(minorUnits)
  const cents = minorUnits % 100
  return `${(minorUnits - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`
}

/**
 * Reads tag 54 back into integer minor units. Accepts only what a careful encoder writes:
 * KHR as a whole number, USD with at most two decimals; no signs, exponents, spaces or leading zeros.
 */
export function parseAmount(text: string, currency: KhqrCurrency): number {
  const length = text.length
  if (length === 0 || length > MAX_AMOUNT_CHARS) {
    throw amountError(`Amount "${text}" must be 1 to ${MAX_AMOUNT_CHARS} characters.`)
  }
  let whole = 0
  let i = 0
  for (; i < length; i++) {
    const c = charCodeAt.call(text, i)
    if (c === 0x2e) break
    if (c < 0x30 || c > 0x39) throw amountError(`Amount "${text}" is not a number.`)
    whole = whole * 10 + (c - 0x30)
  }
  if (i === 0 || (charCodeAt.call(text, 0) === 0x30 && i > 1)) {
    throw amountError(`Amount "${text}" is not a plain decimal number.`)
  }
  let minor = whole
  if (currency === 'KHR') {
    if (i !== length) throw amountError(`KHR amount "${text}" must be a whole number of riel.`)
  } else {
    const decimals = length - i - 1
    if (i !== length && (decimals < 1 || decimals > 2)) {
      throw amountError(`USD amount "${text}" must have one or two decimals after the point.`)
    }
    let cents = 0
    for (let j = i + 1; j < length; j++) {
      const c = charCodeAt.call(text, j)
      if (c < 0x30 || c > 0x39) throw amountError(`Amount "${text}" is not a number.`)
      cents = cents * 10 + (c - 0x30)
    }
    if (decimals === 1) cents *= 10
    minor = whole * 100 + cents
  }
  if (minor <= 0) throw amountError(`Amount "${text}" must be greater than zero.`)
  return minor
}
