import { formatAmount } from './amount.ts'
import { KhqrError } from './errors.ts'
import {
  CURRENCY_CODES,
  checkAccountId,
  checkLanguage,
  checkMcc,
  DEFAULT_CITY,
  DEFAULT_MCC,
  isTimestamp,
  RULES,
} from './rules.ts'
import { checkText, type TextRule } from './text.ts'
import type { KhqrCurrency, KhqrInput, KhqrKind } from './types.ts'
import { PayloadWriter, type SubObjects } from './writer.ts'

const charCodeAt = String.prototype.charCodeAt // a fixed reference: see crc.ts

/**
 * The caller's input copied into one fixed shape. Callers build inputs with many different sets of
 * keys; reading them once, in the for-in loop that also rejects unknown keys, keeps every later
 * property access monomorphic.
 */
interface Fields {
  kind: unknown
  accountId: unknown
  merchantName: unknown
  merchantCity: unknown
  merchantId: unknown
  acquiringBank: unknown
  accountInformation: unknown
  currency: unknown
  amount: unknown
  mcc: unknown
  billNumber: unknown
  mobileNumber: unknown
  storeLabel: unknown
  terminalLabel: unknown
  purposeOfTransaction: unknown
  alternateLanguage: unknown
  upiMerchantAccount: unknown
  createdAt: unknown
  expiresAt: unknown
}

function emptyFields(): Fields {
  return {
    kind: undefined,
    accountId: undefined,
    merchantName: undefined,
    merchantCity: undefined,
    merchantId: undefined,
    acquiringBank: undefined,
    accountInformation: undefined,
    currency: undefined,
    amount: undefined,
    mcc: undefined,
    billNumber: undefined,
    mobileNumber: undefined,
    storeLabel: undefined,
    terminalLabel: undefined,
    purposeOfTransaction: undefined,
    alternateLanguage: undefined,
    upiMerchantAccount: undefined,
    createdAt: undefined,
    expiresAt: undefined,
  }
}

function unknownField(where: string, key: string): KhqrError {
  return new KhqrError('input_invalid', `${where} has an unknown field "${key}".`, key)
}

function readFields(input: object): Fields {
  const fields = emptyFields()
  const record = input as Record<string, unknown>
  for (const key in record) {
    const value = record[key]
    switch (key) {
      case 'kind':
        fields.kind = value
        break
      case 'accountId':
        fields.accountId = value
        break
      case 'merchantName':
        fields.merchantName = value
        break
      case 'merchantCity':
        fields.merchantCity = value
        break
      case 'merchantId':
        fields.merchantId = value
        break
      case 'acquiringBank':
        fields.acquiringBank = value
        break
      case 'accountInformation':
        fields.accountInformation = value
        break
      case 'currency':
        fields.currency = value
        break
      case 'amount':
        fields.amount = value
        break
      case 'mcc':
        fields.mcc = value
        break
      case 'billNumber':
        fields.billNumber = value
        break
      case 'mobileNumber':
        fields.mobileNumber = value
        break
      case 'storeLabel':
        fields.storeLabel = value
        break
      case 'terminalLabel':
        fields.terminalLabel = value
        break
      case 'purposeOfTransaction':
        fields.purposeOfTransaction = value
        break
      case 'alternateLanguage':
        fields.alternateLanguage = value
        break
      case 'upiMerchantAccount':
        fields.upiMerchantAccount = value
        break
      case 'createdAt':
        fields.createdAt = value
        break
      case 'expiresAt':
        fields.expiresAt = value
        break
      default:
        throw unknownField('KHQR input', key)
    }
  }
  return fields
}

interface AlternateFields {
  language: unknown
  merchantName: unknown
  merchantCity: unknown
}

function readAlternateFields(input: object): AlternateFields {
  const fields: AlternateFields = { language: undefined, merchantName: undefined, merchantCity: undefined }
  const record = input as Record<string, unknown>
  for (const key in record) {
    const value = record[key]
    if (key === 'language') fields.language = value
    else if (key === 'merchantName') fields.merchantName = value
    else if (key === 'merchantCity') fields.merchantCity = value
    else throw unknownField('alternateLanguage', key)
  }
  return fields
}

/**
 * How text fields are checked. The quick check is O(1); whatever it lets through that is not plain
 * text (a control character, a surrogate, something NFC would change) is flagged by the CRC pass,
 * and the whole payload is then built again with the careful check, which normalises and reports
 * the exact problem.
 */
type TextCheck = (value: unknown, rule: TextRule) => string

function quickText(value: unknown, rule: TextRule): string {
  if (typeof value === 'string' && value.length > 0 && value.length <= rule.max && charCodeAt.call(value, 0) !== 0x20) {
    return value
  }
  return checkText(value, rule, true)
}

function carefulText(value: unknown, rule: TextRule): string {
  return checkText(value, rule, true)
}

function requiredText(value: unknown, rule: TextRule, check: TextCheck): string {
  if (value === undefined) {
    throw new KhqrError(`${rule.code}_required`, `${rule.label} is required.`, rule.field)
  }
  return check(value, rule)
}

function notAllowed(field: string, message: string): KhqrError {
  return new KhqrError('field_not_allowed', message, field)
}

function addOptional(objects: SubObjects, id: string, value: unknown, rule: TextRule, check: TextCheck): void {
  if (value !== undefined) objects.push(id, check(value, rule))
}

/** Sub-objects of tag 29 (individual) or 30 (merchant). */
function accountObjects(input: Fields, check: TextCheck): SubObjects {
  const accountId = requiredText(input.accountId, RULES.accountId, check)
  checkAccountId(accountId)
  const objects: SubObjects = ['00', accountId]
  if (input.kind === 'individual') {
    if (input.merchantId !== undefined) {
      throw notAllowed('merchantId', 'merchantId belongs to a merchant KHQR; for an individual use accountInformation.')
    }
    addOptional(objects, '01', input.accountInformation, RULES.accountInformation, check)
    addOptional(objects, '02', input.acquiringBank, RULES.acquiringBank, check)
    return objects
  }
  if (input.accountInformation !== undefined) {
    throw notAllowed(
      'accountInformation',
      'accountInformation belongs to an individual KHQR; a merchant uses merchantId.',
    )
  }
  objects.push('01', requiredText(input.merchantId, RULES.merchantId, check))
  objects.push('02', requiredText(input.acquiringBank, RULES.acquiringBank, check))
  return objects
}

/** Amount text and timestamps of a dynamic QR, or undefined for a static one. */
function dynamicParts(
  input: Fields,
  currency: KhqrCurrency,
): { amount: string; createdAt: number; expiresAt: number } | undefined {
  if (input.amount === undefined) {
    if (input.createdAt !== undefined || input.expiresAt !== undefined) {
      throw notAllowed(
        input.expiresAt !== undefined ? 'expiresAt' : 'createdAt',
        'A static KHQR (no amount) carries no timestamps and never expires; give an amount for a dynamic QR or leave createdAt and expiresAt out.',
      )
    }
    return undefined
  }
  const amount = formatAmount(input.amount, currency)
  const createdAt = input.createdAt === undefined ? Date.now() : input.createdAt
  if (!isTimestamp(createdAt)) {
    throw new KhqrError(
      'created_at_invalid',
      `createdAt must be 13-digit epoch milliseconds (got ${String(createdAt)}).`,
      'createdAt',
    )
  }
  const expiresAt = input.expiresAt
  if (expiresAt === undefined) {
    throw new KhqrError('expiry_required', 'A dynamic KHQR (with an amount) needs expiresAt.', 'expiresAt')
  }
  if (!isTimestamp(expiresAt)) {
    throw new KhqrError(
      'expiry_invalid',
      `expiresAt must be 13-digit epoch milliseconds (got ${String(expiresAt)}); seconds or microseconds are not accepted.`,
      'expiresAt',
    )
  }
  if (expiresAt < createdAt) {
    throw new KhqrError(
      'expiry_before_creation',
      `expiresAt (${expiresAt}) is earlier than createdAt (${createdAt}).`,
      'expiresAt',
    )
  }
  return { amount, createdAt, expiresAt }
}

function additionalObjects(input: Fields, check: TextCheck): SubObjects {
  const objects: SubObjects = []
  addOptional(objects, '01', input.billNumber, RULES.billNumber, check)
  addOptional(objects, '02', input.mobileNumber, RULES.mobileNumber, check)
  addOptional(objects, '03', input.storeLabel, RULES.storeLabel, check)
  addOptional(objects, '07', input.terminalLabel, RULES.terminalLabel, check)
  addOptional(objects, '08', input.purposeOfTransaction, RULES.purposeOfTransaction, check)
  return objects
}

function languageObjects(input: Fields, check: TextCheck): SubObjects | undefined {
  const alternate = input.alternateLanguage
  if (alternate === undefined) return undefined
  if (alternate === null || typeof alternate !== 'object') {
    throw new KhqrError('input_invalid', 'alternateLanguage must be an object.', 'alternateLanguage')
  }
  const fields = readAlternateFields(alternate)
  const objects: SubObjects = [
    '00',
    checkLanguage(fields.language),
    '01',
    requiredText(fields.merchantName, RULES.alternateName, check),
  ]
  addOptional(objects, '02', fields.merchantCity, RULES.alternateCity, check)
  return objects
}

function unionPay(input: Fields, currency: KhqrCurrency, check: TextCheck): string | undefined {
  if (input.upiMerchantAccount === undefined) return undefined
  if (currency === 'USD') {
    throw notAllowed('upiMerchantAccount', 'A UnionPay merchant account can only be used with a KHR KHQR.')
  }
  return check(input.upiMerchantAccount, RULES.upiMerchantAccount)
}

/**
 * The payload, or undefined when the quick text check let through text the CRC pass flagged (the
 * caller then builds it again with the careful check).
 */
function build(input: Fields, kind: KhqrKind, currency: KhqrCurrency, check: TextCheck): string | undefined {
  const account = accountObjects(input, check)
  const mcc = input.mcc === undefined ? DEFAULT_MCC : checkMcc(input.mcc)
  const dynamic = dynamicParts(input, currency)
  const name = requiredText(input.merchantName, RULES.merchantName, check)
  const city =
    input.merchantCity === undefined ? DEFAULT_CITY : requiredText(input.merchantCity, RULES.merchantCity, check)
  const additional = additionalObjects(input, check)
  const language = languageObjects(input, check)
  const upi = unionPay(input, currency, check)

  const payload = new PayloadWriter()
  payload.put(dynamic ? '000201010212' : '000201010211')
  if (upi !== undefined) payload.object('15', upi)
  if (kind === 'individual') payload.template('29', account, 'Individual account information', 'accountId')
  else payload.template('30', account, 'Merchant account information', 'accountId')
  payload.put('5204')
  payload.put(mcc)
  payload.put('5303')
  payload.put(CURRENCY_CODES[currency])
  if (dynamic) payload.object('54', dynamic.amount)
  payload.put('5802KH')
  payload.object('59', name)
  payload.object('60', city)
  if (additional.length > 0) payload.template('62', additional, 'Additional data', 'billNumber')
  if (language) payload.template('64', language, 'Merchant information in the alternate language', 'alternateLanguage')
  if (dynamic) {
    payload.put('99340013')
    payload.timestamp(dynamic.createdAt)
    payload.put('0113')
    payload.timestamp(dynamic.expiresAt)
  }
  if (check === quickText && payload.needsCare) return undefined
  return payload.finish()
}

/**
 * Builds a KHQR payload. Amount in integer minor units (riel, US cents); with an amount the QR is
 * dynamic and needs `expiresAt`. Throws KhqrError naming the field and the fix.
 */
export function encodeKhqr(khqrInput: KhqrInput): string {
  if (khqrInput === null || typeof khqrInput !== 'object' || Array.isArray(khqrInput)) {
    throw new KhqrError('input_invalid', 'KHQR input must be an object.')
  }
  const input = readFields(khqrInput)
  const kind = input.kind
  if (kind !== 'individual' && kind !== 'merchant') {
    throw new KhqrError(
      'kind_invalid',
      `kind must be "individual" or "merchant" (got ${JSON.stringify(kind)}).`,
      'kind',
    )
  }
  const currency = input.currency
  if (currency !== 'KHR' && currency !== 'USD') {
    throw new KhqrError(
      'currency_invalid',
      `currency must be "KHR" or "USD" (got ${JSON.stringify(currency)}).`,
      'currency',
    )
  }
  return build(input, kind, currency, quickText) ?? (build(input, kind, currency, carefulText) as string)
}
