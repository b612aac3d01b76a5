/**
 * Display formatting and cashier input, without Intl so the output is the same on every machine:
 * commas group thousands, "-" leads a negative. Figures are written in Latin digits in both
 * languages, as on the printed papers, the price tags and the customer display, so a screen never
 * mixes two ways of writing the same amount; Khmer digits (U+17E0..U+17E9) are read when typed.
 */
import { type Currency, checkCurrency, MAX_AMOUNT } from './currency.ts'
import { checkInteger, MoneyError, shown } from './errors.ts'
import { checkRate } from './exchange.ts'

export type Language = 'km' | 'en'

const KHMER_ZERO = 0x17e0

/** Khmer digits (as a Khmer keyboard types them) as Latin ones; everything else unchanged. */
export function latinDigits(text: string): string {
  return text.replace(/[\u17e0-\u17e9]/g, (digit) => String.fromCharCode(0x30 + digit.charCodeAt(0) - KHMER_ZERO))
}
const RIEL_SIGN = '\u17db'

function checkLanguage(language: unknown): Language {
  if (language !== 'km' && language !== 'en') {
    throw new MoneyError('input_invalid', `Language must be "km" or "en" (got ${shown(language)}).`, 'language')
  }
  return language
}

function grouped(digits: string): string {
  let out = ''
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ','
    out += digits[i]
  }
  return out
}

/** "$1,234.56", "-$1.50", "៛12,300", "-៛500", in either language. */
export function formatMoney(amount: number, currency: Currency, language: Language): string {
  const value = checkInteger(
    amount,
    -Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER,
    'amount_invalid',
    'Amount',
    'amount',
  )
  checkLanguage(language)
  const sign = value < 0 ? '-' : ''
  const magnitude = Math.abs(value)
  if (checkCurrency(currency) === 'KHR') return `${sign}${RIEL_SIGN}${grouped(String(magnitude))}`
  const cents = magnitude % 100
  const dollars = (magnitude - cents) / 100
  return `${sign}$${grouped(String(dollars))}.${String(cents).padStart(2, '0')}`
}

/** "$1 = ៛4,100", in either language. */
export function formatRate(khrPerUsd: number, language: Language): string {
  checkLanguage(language)
  return `$1 = ${RIEL_SIGN}${grouped(String(checkRate(khrPerUsd)))}`
}

const NUMBER = /^([0-9,]+)(?:\.([0-9]+))?$/
const COMMA_GROUPS = /^[1-9][0-9]{0,2}(?:,[0-9]{3})+$/
/** 15 digits stay below 2^53, and MAX_AMOUNT has 15. */
const MAX_DIGITS = 15

/**
 * What a cashier types, to minor units: "12", "12.5", "12.50", "1,234.56", " 5000 ", Khmer digits,
 * an optional leading "$" (USD) or "៛" (KHR). USD takes at most two decimals; riel has none.
 * Empty, negative, exponent, misplaced commas, a leading or trailing point, the other currency's sign
 * and anything above MAX_AMOUNT are refused with 'amount_invalid'.
 */
export function parseMoneyInput(text: string, currency: Currency): number {
  const unit = checkCurrency(currency)
  if (typeof text !== 'string') {
    throw new MoneyError('amount_invalid', `Amount must be text (got ${shown(text)}).`, 'amount')
  }
  const refuse = (why: string): MoneyError => new MoneyError('amount_invalid', `Amount ${shown(text)} ${why}`, 'amount')
  let s = latinDigits(text.trim())
  const sign = s[0]
  if (sign === '$' || sign === RIEL_SIGN) {
    if ((sign === '$') !== (unit === 'USD')) {
      throw refuse(`has a ${sign === '$' ? 'dollar' : 'riel'} sign but the amount is in ${unit}.`)
    }
    s = s.slice(1).trimStart()
  }
  if (s === '') throw refuse('is empty.')
  const match = NUMBER.exec(s)
  if (!match) {
    if (s.includes('-')) throw refuse('is negative; enter a positive amount.')
    if (/[eE]/.test(s)) throw refuse('has an exponent; type the digits.')
    throw refuse('is not a number.')
  }
  const whole = match[1] ?? ''
  const decimals = match[2]
  if (whole.includes(',') && !COMMA_GROUPS.test(whole)) throw refuse('has misplaced commas (use 1,234,567).')
  if (decimals !== undefined && unit === 'KHR') throw refuse('has a decimal point, but riel has no decimals.')
  if (decimals !== undefined && decimals.length > 2) throw refuse('has more than 2 decimals; cents are the limit.')
  const digits = whole.replaceAll(',', '').replace(/^0+(?=[0-9])/, '')
  if (digits.length > MAX_DIGITS) throw refuse(`is more than the largest amount, ${MAX_AMOUNT} minor units.`)
  const units = Number(digits)
  const minor = unit === 'KHR' ? units : units * 100 + Number((decimals ?? '').padEnd(2, '0'))
  if (minor > MAX_AMOUNT) throw refuse(`is more than the largest amount, ${MAX_AMOUNT} minor units.`)
  return minor
}

/**
 * A percentage as typed ("10", "7.5", Khmer digits too) to basis points (1,000 = 10 %), or null when
 * it is not a number from 0 to 100 with at most two decimals. Never goes through a float.
 */
export function parsePercentInput(text: string): number | null {
  const typed = latinDigits(text.trim().replace(/%$/, '').trimEnd())
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(typed)
  if (!match) return null
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
  return basisPoints <= 10_000 ? basisPoints : null
}
