/**
 * The official SDK (`bakong-khqr` 1.0.20) and its recorded cases, and the translation of an SDK
 * call into our KhqrInput, so both engines can be run on the same inputs.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { KhqrInput } from '../../shared/khqr/index.ts'

const require = createRequire(import.meta.url)

interface SdkEnvelope {
  status: { code: number; errorCode: number | null; message: string | null }
  data: { qr: unknown; md5: string } | null
}
export interface Sdk {
  BakongKHQR: {
    new (): { generateIndividual(info: unknown): SdkEnvelope; generateMerchant(info: unknown): SdkEnvelope }
    decode(qr: string): { data: Record<string, unknown> }
    verify(qr: string): { isValid: boolean }
  }
  IndividualInfo: new (...args: unknown[]) => unknown
  MerchantInfo: new (...args: unknown[]) => unknown
}
export const sdk = require('bakong-khqr') as Sdk

/** The SDK's clock while the cases were generated. */
export const VECTOR_NOW = 1767225600000

export interface SdkInput {
  kind: 'individual' | 'merchant'
  bakongAccountID: unknown
  merchantName: unknown
  merchantCity: unknown
  merchantID?: unknown
  acquiringBank?: unknown
  optional: Record<string, unknown>
}
export interface Vector {
  id: string
  now: number
  kind: string
  input: SdkInput
  khqr: string
  md5: string
  decoded: Record<string, string | null>
  verify: boolean
  verifyReason?: { step: string; code?: number }
  verifyAfterExpiry?: { now: number; isValid: boolean }
  notes?: string
}
export interface InvalidCase {
  id: string
  mode: 'generate' | 'verify+decode'
  now: number
  input?: SdkInput
  sdkAccepted?: boolean
  khqr?: string
  verify?: boolean | null
  verifyReason?: { step: string; code?: number; message?: string }
  decoded?: Record<string, unknown>
  notes?: string
}

/** Turns the `{"$js": …}` markers back into the JavaScript values they stand for. */
function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(revive)
  const marker = (value as { $js?: unknown }).$js
  if (typeof marker === 'string') {
    if (marker === 'undefined') return undefined
    if (marker === 'NaN') return Number.NaN
    if (marker === 'Infinity') return Number.POSITIVE_INFINITY
    if (marker === '-Infinity') return Number.NEGATIVE_INFINITY
    const date = /^new Date\((-?\d+)\)$/.exec(marker)
    if (date) return new Date(Number(date[1]))
    throw new Error(`unknown $js marker ${marker}`)
  }
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, revive(inner)]))
}

function readJsonl<T>(name: string): T[] {
  const text = readFileSync(join(import.meta.dirname, '../fixtures/khqr', name), 'utf8')
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => revive(JSON.parse(line)) as T)
}

export const vectors = (): Vector[] => readJsonl<Vector>('vectors.jsonl')
export const invalidCases = (): InvalidCase[] => readJsonl<InvalidCase>('invalid.jsonl')

/** Calls the SDK the way its README does; returns its payload or its error envelope. */
export function sdkGenerate(input: SdkInput): SdkEnvelope {
  const khqr = new sdk.BakongKHQR()
  if (input.kind === 'merchant') {
    const info = new sdk.MerchantInfo(
      input.bakongAccountID,
      input.merchantName,
      input.merchantCity,
      input.merchantID,
      input.acquiringBank,
      input.optional,
    )
    return khqr.generateMerchant(info)
  }
  const info = new sdk.IndividualInfo(input.bakongAccountID, input.merchantName, input.merchantCity, input.optional)
  return khqr.generateIndividual(info)
}

/**
 * An SDK amount (major units, as a number or a string) in integer minor units, decided on its
 * decimal text so no float arithmetic is involved. What cannot be a whole number of minor units
 * is passed on as a fraction or NaN, for our encoder to refuse.
 */
export function sdkAmountToMinor(amount: unknown, currency: 'KHR' | 'USD'): number | undefined {
  if (amount === undefined || amount === null) return undefined
  const text = String(amount)
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text)
  if (!match)
    return typeof amount === 'number' && !Number.isNaN(amount) ? amount * (currency === 'USD' ? 100 : 1) : Number.NaN
  const whole = Number(match[1])
  const fraction = match[2] ?? ''
  const halfUnit = 0.5 // marks an amount that is not a whole number of minor units
  if (currency === 'KHR') return fraction.replace(/0+$/, '') === '' ? whole : whole + halfUnit
  if (fraction.replace(/0+$/, '').length > 2) return whole * 100 + halfUnit
  return whole * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'))
}

function epochMs(value: unknown): unknown {
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value)
  return value
}

function asText(value: unknown): unknown {
  return typeof value === 'number' ? String(value) : value
}

/** The KhqrInput that means what the SDK call means. */
export function toKhqrInput(input: SdkInput): KhqrInput {
  const o = input.optional
  const currency =
    o.currency === 840 || o.currency === '840'
      ? 'USD'
      : o.currency === undefined || o.currency === 116 || o.currency === '116'
        ? 'KHR'
        : o.currency
  const result: Record<string, unknown> = {
    kind: input.kind,
    accountId: input.bakongAccountID,
    merchantName: input.merchantName,
    currency,
  }
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) result[key] = value
  }
  set('merchantCity', input.merchantCity)
  if (input.kind === 'merchant') {
    set('merchantId', asText(input.merchantID))
    set('acquiringBank', input.acquiringBank)
  } else {
    set('accountInformation', o.accountInformation)
    set('acquiringBank', o.acquiringBank)
  }
  if (o.amount !== undefined) set('amount', sdkAmountToMinor(o.amount, currency === 'USD' ? 'USD' : 'KHR'))
  set('expiresAt', epochMs(o.expirationTimestamp))
  set('mcc', asText(o.merchantCategoryCode))
  for (const key of [
    'billNumber',
    'mobileNumber',
    'storeLabel',
    'terminalLabel',
    'purposeOfTransaction',
    'upiMerchantAccount',
  ]) {
    set(key, o[key])
  }
  const language = o.languagePreference
  const alternateName = o.merchantNameAlternateLanguage
  const alternateCity = o.merchantCityAlternateLanguage
  if (language !== undefined || alternateName !== undefined || alternateCity !== undefined) {
    const alternate: Record<string, unknown> = { language, merchantName: alternateName }
    if (alternateCity !== undefined) alternate.merchantCity = alternateCity
    result.alternateLanguage = alternate
  }
  return result as unknown as KhqrInput
}
