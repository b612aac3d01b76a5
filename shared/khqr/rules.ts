import { KhqrError } from './errors.ts'
import { isDigits, isPrintableAsciiWord, type TextRule, textRule } from './text.ts'
import type { KhqrCurrency } from './types.ts'

const charCodeAt = String.prototype.charCodeAt // a fixed reference: see crc.ts

/** Field limits of KHQR (khqr-spec.md §3–§4), shared by the encoder and the decoder. */
export const RULES = {
  accountId: textRule('accountId', 'Bakong account id', 'account_id', 32),
  merchantId: textRule('merchantId', 'Merchant id', 'merchant_id', 32),
  accountInformation: textRule('accountInformation', 'Account information', 'account_information', 32),
  acquiringBank: textRule('acquiringBank', 'Acquiring bank', 'acquiring_bank', 32),
  merchantName: textRule('merchantName', 'Merchant name', 'merchant_name', 25),
  merchantCity: textRule('merchantCity', 'Merchant city', 'merchant_city', 15),
  billNumber: textRule('billNumber', 'Bill number', 'bill_number', 25),
  mobileNumber: textRule('mobileNumber', 'Mobile number', 'mobile_number', 25),
  storeLabel: textRule('storeLabel', 'Store label', 'store_label', 25),
  terminalLabel: textRule('terminalLabel', 'Terminal label', 'terminal_label', 25),
  purposeOfTransaction: textRule('purposeOfTransaction', 'Purpose of transaction', 'purpose_of_transaction', 25),
  alternateName: textRule(
    'alternateLanguage.merchantName',
    'Merchant name in the alternate language',
    'alternate_name',
    25,
  ),
  alternateCity: textRule(
    'alternateLanguage.merchantCity',
    'Merchant city in the alternate language',
    'alternate_city',
    15,
  ),
  upiMerchantAccount: textRule('upiMerchantAccount', 'UnionPay merchant account', 'upi_account', 99),
} as const satisfies Record<string, TextRule>

export const CURRENCY_CODES: Record<KhqrCurrency, string> = { KHR: '116', USD: '840' }
export const DEFAULT_MCC = '5999'
export const DEFAULT_CITY = 'Phnom Penh'
/** EMVCo: a merchant-presented QR payload is at most 512 characters. */
export const MAX_PAYLOAD_CHARS = 512
export const MAX_TEMPLATE_CHARS = 99

/** `name@bank`: exactly one `@`, something on each side, printable ASCII, no spaces. */
export function checkAccountId(text: string): void {
  const at = text.indexOf('@')
  if (at <= 0 || at === text.length - 1 || text.indexOf('@', at + 1) !== -1 || !isPrintableAsciiWord(text)) {
    throw new KhqrError(
      'account_id_invalid',
      `Bakong account id "${text}" is not of the form name@bank (one "@", no spaces).`,
      'accountId',
    )
  }
}

export function checkMcc(value: unknown): string {
  if (typeof value !== 'string' || !isDigits(value, 4)) {
    throw new KhqrError(
      'mcc_invalid',
      `Merchant category code must be exactly 4 digits (got ${JSON.stringify(value)}).`,
      'mcc',
    )
  }
  return value
}

function isLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
}

export function checkLanguage(value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.length !== 2 ||
    !isLetter(charCodeAt.call(value, 0)) ||
    !isLetter(charCodeAt.call(value, 1))
  ) {
    throw new KhqrError(
      'language_invalid',
      `Alternate language must be a two-letter code such as "km" (got ${JSON.stringify(value)}).`,
      'alternateLanguage.language',
    )
  }
  return value
}

/** 13-digit epoch milliseconds, as tag 99 requires. */
export function isTimestamp(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1e12 && value <= 9_999_999_999_999
}

export function parseTimestamp(text: string, code: string, label: string, field: string): number {
  let value = 0
  for (let i = 0; i < text.length; i++) {
    const digit = charCodeAt.call(text, i) - 0x30
    if (!(digit >= 0 && digit <= 9)) value = Number.NaN
    value = value * 10 + digit
  }
  if (text.length !== 13 || !isTimestamp(value)) {
    throw new KhqrError(code, `${label} "${text}" must be 13 digits of epoch milliseconds.`, field)
  }
  return value
}
