import { parseAmount } from './amount.ts'
import { crc16, crcHex } from './crc.ts'
import { decodeKhqr } from './decode.ts'
import { KhqrError } from './errors.ts'
import { MAX_PAYLOAD_CHARS } from './rules.ts'
import { scanTlvs, tlvIndex } from './tlv.ts'
import type { KhqrCurrency, KhqrFields } from './types.ts'

/** What the shop's own sticker says, as the customer's bank app will show it: where the money goes. */
export interface StickerIdentity {
  kind: 'individual' | 'merchant'
  accountId: string
  merchantName: string
  merchantNameKm: string | null
  merchantCity: string
  merchantId: string | null
  acquiringBank: string | null
  mcc: string
  mobileNumber: string | null
  storeLabel: string | null
  /** The currency the sticker is in; the shop's own QR codes may take both. */
  currency: KhqrCurrency
}

/**
 * Something the till read differently from the newest SDK, said so the manager knows what was taken:
 * - `amount_ignored`: the sticker carries an amount (as some bank stickers do); each sale's QR has its own;
 * - `amount_loose`: that amount is written the way older encoders do (a KHR "5000.0"), read as bank apps read it;
 * - `no_timestamps`: an older static code without creation time (tag 99), which static codes may lack.
 */
export type StickerNote =
  | { code: 'amount_ignored'; amount: number; written: string }
  | { code: 'amount_loose'; written: string }
  | { code: 'no_timestamps' }

export type StickerReading =
  | { ok: true; identity: StickerIdentity; notes: StickerNote[] }
  | { ok: false; code: 'sticker_dynamic' | 'sticker_expired' | 'sticker_malformed'; message: string }

const AMOUNT_TAG = 54

const DYNAMIC: StickerReading = {
  ok: false,
  code: 'sticker_dynamic',
  message:
    "This is a one-sale payment QR (dynamic), made for one customer's payment; scan the shop's own printed sticker.",
}

const INITIATION_TAG = 1

/** The top-level data objects of a payload whose CRC already held. */
function topLevel(payload: string): { index: Int32Array; count: number; body: number } {
  const body = payload.length - 8
  const index = tlvIndex(MAX_PAYLOAD_CHARS)
  return { index, count: scanTlvs(payload, 0, body, -1, index), body }
}

/** Whether tag 01 says "dynamic" (12): a QR made for one payment. */
function isDynamic(payload: string): boolean {
  const { index, count } = topLevel(payload)
  for (let k = 0; k < count; k++)
    if (index[3 * k] === INITIATION_TAG) return payload.slice(index[3 * k + 1], index[3 * k + 2]) === '12'
  return false
}

/** The payload without its tag 54 and with the CRC made again; null when there is no tag 54. */
function withoutAmount(payload: string): { payload: string; written: string } | null {
  const { index, count, body } = topLevel(payload)
  for (let k = 0; k < count; k++) {
    if (index[3 * k] !== AMOUNT_TAG) continue
    const start = (index[3 * k + 1] as number) - 4
    const end = index[3 * k + 2] as number
    const written = payload.slice(start + 4, end)
    const rest = `${payload.slice(0, start)}${payload.slice(end, body)}6304`
    return { payload: rest + crcHex(crc16(rest)), written }
  }
  return null
}

/** An amount as bank apps read it: digits with at most one point ("5000.0" riel is 5000). */
function looseAmount(written: string, currency: KhqrCurrency): number | null {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(written)
  if (!match) return null
  const whole = Number(match[1])
  const fraction = match[2] ?? ''
  if (currency === 'KHR') return /^0*$/.test(fraction) ? whole : null
  return whole * 100 + Number(fraction.padEnd(2, '0'))
}

function isStrictAmount(written: string, currency: KhqrCurrency): boolean {
  try {
    parseAmount(written, currency)
    return true
  } catch {
    return false
  }
}

function identityOf(fields: KhqrFields): StickerIdentity {
  return {
    kind: fields.kind,
    accountId: fields.accountId,
    merchantName: fields.merchantName,
    merchantNameKm: fields.alternateLanguage?.merchantName ?? null,
    merchantCity: fields.merchantCity,
    merchantId: fields.merchantId ?? null,
    acquiringBank: fields.acquiringBank ?? null,
    mcc: fields.mcc,
    mobileNumber: fields.mobileNumber ?? null,
    storeLabel: fields.storeLabel ?? null,
    currency: fields.currency,
  }
}

/**
 * Reads the shop's own bank-issued KHQR sticker (scanned with the barcode scanner or typed) for
 * its identity. The CRC must hold: a damaged or altered code is refused. A one-sale (dynamic) QR
 * or one past its expiry is refused with the reason. Where the sticker is not what the newest SDK
 * writes but what bank apps accept (an amount on a static code, written "5000.0"), it is read as
 * they read it and the note says what was taken.
 */
export function readShopSticker(scanned: string, now: number): StickerReading {
  // A wedge scanner ends the code with Enter; a typed one may carry spaces around it.
  const payload = typeof scanned === 'string' ? scanned.trim() : ''
  const notes: StickerNote[] = []
  let fields: KhqrFields
  try {
    fields = decodeKhqr(payload)
  } catch (error) {
    if (!(error instanceof KhqrError)) throw error
    const amountProblem = error.code === 'amount_not_allowed' || error.code === 'amount_invalid'
    if (amountProblem && isDynamic(payload)) return DYNAMIC
    const stripped = amountProblem ? withoutAmount(payload) : null
    if (!stripped) return { ok: false, code: 'sticker_malformed', message: error.message }
    try {
      fields = decodeKhqr(stripped.payload)
    } catch (again) {
      if (!(again instanceof KhqrError)) throw again
      return { ok: false, code: 'sticker_malformed', message: again.message }
    }
    const amount = looseAmount(stripped.written, fields.currency)
    if (amount === null)
      return { ok: false, code: 'sticker_malformed', message: `The amount "${stripped.written}" is not a number.` }
    notes.push({ code: 'amount_ignored', amount, written: stripped.written })
    if (!isStrictAmount(stripped.written, fields.currency))
      notes.push({ code: 'amount_loose', written: stripped.written })
  }
  if (fields.pointOfInitiation === 'dynamic') return DYNAMIC
  if (fields.expiresAt !== undefined && fields.expiresAt <= now)
    return { ok: false, code: 'sticker_expired', message: 'This QR has expired; it cannot be the shop’s sticker.' }
  if (fields.createdAt === undefined) notes.push({ code: 'no_timestamps' })
  return { ok: true, identity: identityOf(fields), notes }
}
