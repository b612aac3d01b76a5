import { parseAmount } from './amount.ts'
import { CRC_START, crcHex, crcScan, NEEDS_CARE, parseCrcHex } from './crc.ts'
import { KhqrError } from './errors.ts'
import { checkAccountId, checkLanguage, checkMcc, MAX_PAYLOAD_CHARS, parseTimestamp, RULES } from './rules.ts'
import { checkText, type TextRule } from './text.ts'
import { scanTlvs, tagId, tlvIndex } from './tlv.ts'
import type { KhqrCurrency, KhqrFields } from './types.ts'

const charCodeAt = String.prototype.charCodeAt // a fixed reference: see crc.ts

const CRC_OBJECT_CHARS = 8 // "6304" + four hex digits
const TAG_NAMES: Record<string, string> = {
  '00': 'payload format indicator',
  '01': 'point of initiation',
  '29': 'account information',
  '52': 'merchant category code',
  '53': 'transaction currency',
  '54': 'transaction amount',
  '58': 'country code',
  '59': 'merchant name',
  '60': 'merchant city',
}

const ACCOUNT_SUBTAGS = 0b111 // 00 account id, 01 merchant id / account information, 02 acquiring bank
const ADDITIONAL_SUBTAGS = 0b110001110 // 01 bill, 02 mobile, 03 store, 07 terminal, 08 purpose
const LANGUAGE_SUBTAGS = 0b111 // 00 language, 01 name, 02 city
const TIMESTAMP_SUBTAGS = 0b11 // 00 created, 01 expires

// Scratch space reused by every call: decoding is synchronous and never re-entered.
const TOP = tlvIndex(MAX_PAYLOAD_CHARS)
const SUB = tlvIndex(99)
const FOUND: Array<string | undefined> = new Array(10).fill(undefined)

function missing(id: string, why = ''): KhqrError {
  return new KhqrError('tag_missing', `Tag ${id} (${TAG_NAMES[id] ?? 'required'}) is missing${why}.`, id)
}

/** How a text field is checked: fully, or only for blankness and length when the CRC pass found the whole payload plain. */
type TextCheck = (value: string, rule: TextRule) => string

function fullText(value: string, rule: TextRule): string {
  return checkText(value, rule, false)
}

function plainText(value: string, rule: TextRule): string {
  if (value.length <= rule.max && charCodeAt.call(value, 0) !== 0x20) return value
  return checkText(value, rule, false)
}

function optionalText(value: string | undefined, rule: TextRule, check: TextCheck): string | undefined {
  return value === undefined ? undefined : check(value, rule)
}

function topValue(payload: string, k: number): string {
  return payload.slice(TOP[3 * k + 1], TOP[3 * k + 2])
}

/**
 * Values of the sub-tags KHQR defines in the template that is top-level object `k`, indexed by
 * sub-tag number; `known` is a bit mask of them (all below 10). Other sub-tags go to
 * `unknownTags` as "TT.SS". The returned array is reused by the next call.
 */
function readTemplate(
  payload: string,
  k: number,
  known: number,
  unknownTags: Record<string, string>,
): Array<string | undefined> {
  const template = TOP[3 * k] as number
  for (let i = 0; i < FOUND.length; i++) FOUND[i] = undefined
  const count = scanTlvs(payload, TOP[3 * k + 1] as number, TOP[3 * k + 2] as number, template, SUB)
  for (let s = 0; s < count; s++) {
    const tag = SUB[3 * s] as number
    const value = payload.slice(SUB[3 * s + 1], SUB[3 * s + 2])
    if (tag < 10 && (known & (1 << tag)) !== 0) FOUND[tag] = value
    else unknownTags[`${tagId(template)}.${tagId(tag)}`] = value
  }
  return FOUND
}

/** Checks the CRC; returns whether the payload is plain text throughout (see NEEDS_CARE). */
function verifyCrc(payload: string): boolean {
  const length = payload.length
  if (length < CRC_OBJECT_CHARS || !payload.startsWith('6304', length - CRC_OBJECT_CHARS)) {
    throw new KhqrError('crc_missing', 'This is not a KHQR: it does not end with the CRC (tag 63).', '63')
  }
  const written = parseCrcHex(payload, length - 4)
  if (written < 0) {
    throw new KhqrError('crc_invalid', `The CRC "${payload.slice(length - 4)}" is not four hex digits.`, '63')
  }
  const scanned = crcScan(CRC_START, payload, length - 4)
  const computed = scanned & 0xffff
  if (computed !== written) {
    throw new KhqrError(
      'crc_mismatch',
      `The CRC says ${payload.slice(length - 4)} but the content gives ${crcHex(computed)}: the code is damaged or was altered.`,
      '63',
    )
  }
  return (scanned & NEEDS_CARE) === 0
}

function currencyOf(code: string): KhqrCurrency {
  if (code === '116') return 'KHR'
  if (code === '840') return 'USD'
  throw new KhqrError(
    'currency_invalid',
    `Transaction currency "${code}" is not supported; KHQR uses 116 (KHR) or 840 (USD).`,
    '53',
  )
}

/**
 * Reads a KHQR payload into its fields, or throws KhqrError if it is not well-formed KHQR.
 * Any input, of any length or type, returns or throws KhqrError in linear time.
 * Expiry is not judged here; see verifyKhqr.
 */
export function decodeKhqr(payload: string): KhqrFields {
  if (typeof payload !== 'string') {
    throw new KhqrError('payload_invalid', `A KHQR must be text (got ${payload === null ? 'null' : typeof payload}).`)
  }
  if (payload.length > MAX_PAYLOAD_CHARS) {
    throw new KhqrError(
      'payload_too_long',
      `This text is ${payload.length} characters; a payment QR holds at most ${MAX_PAYLOAD_CHARS}.`,
    )
  }
  const text = verifyCrc(payload) ? plainText : fullText
  const count = scanTlvs(payload, 0, payload.length - CRC_OBJECT_CHARS, -1, TOP)

  // Index of each known top-level object, or -1.
  let initiation = -1
  let upi = -1
  let account = -1
  let mcc = -1
  let currencyCode = -1
  let amount = -1
  let country = -1
  let name = -1
  let city = -1
  let additional = -1
  let language = -1
  let timestamps = -1
  const unknownTags: Record<string, string> = {}
  for (let k = 0; k < count; k++) {
    const tag = TOP[3 * k] as number
    switch (tag) {
      case 0:
        if (k !== 0) throw new KhqrError('format_indicator_invalid', 'Tag 00 must be the first tag of a KHQR.', '00')
        break
      case 1:
        initiation = k
        break
      case 15:
        upi = k
        break
      case 29:
      case 30:
        if (account >= 0) {
          throw new KhqrError(
            'account_invalid',
            'A KHQR carries tag 29 (individual) or tag 30 (merchant), not both.',
            tagId(tag),
          )
        }
        account = k
        break
      case 52:
        mcc = k
        break
      case 53:
        currencyCode = k
        break
      case 54:
        amount = k
        break
      case 58:
        country = k
        break
      case 59:
        name = k
        break
      case 60:
        city = k
        break
      case 62:
        additional = k
        break
      case 63:
        throw new KhqrError(
          'tlv_invalid',
          `The CRC (tag 63) must be the last tag; found one at position ${(TOP[3 * k + 1] as number) - 3}.`,
          '63',
        )
      case 64:
        language = k
        break
      case 99:
        timestamps = k
        break
      default:
        unknownTags[tagId(tag)] = topValue(payload, k)
    }
  }

  if (count === 0 || TOP[0] !== 0) throw missing('00', ' or is not the first tag')
  const formatIndicator = topValue(payload, 0)
  if (formatIndicator !== '01') {
    throw new KhqrError(
      'format_indicator_invalid',
      `Payload format indicator must be "01" (got "${formatIndicator}").`,
      '00',
    )
  }
  if (initiation < 0) throw missing('01')
  const initiationValue = topValue(payload, initiation)
  if (initiationValue !== '11' && initiationValue !== '12') {
    throw new KhqrError(
      'point_of_initiation_invalid',
      `Point of initiation must be "11" (static) or "12" (dynamic), got "${initiationValue}".`,
      '01',
    )
  }
  const dynamic = initiationValue === '12'
  if (account < 0) throw missing('29', ' (neither tag 29 nor tag 30 is present)')
  if (mcc < 0) throw missing('52')
  if (currencyCode < 0) throw missing('53')
  if (country < 0) throw missing('58')
  if (name < 0) throw missing('59')
  if (city < 0) throw missing('60')

  const kind = TOP[3 * account] === 29 ? 'individual' : 'merchant'
  const accountFields = readTemplate(payload, account, ACCOUNT_SUBTAGS, unknownTags)
  const accountId = accountFields[0]
  if (accountId === undefined) {
    throw new KhqrError(
      'account_id_required',
      `Tag ${tagId(TOP[3 * account] as number)} has no Bakong account id (sub-tag 00).`,
      'accountId',
    )
  }
  text(accountId, RULES.accountId)
  checkAccountId(accountId)
  const currency = currencyOf(topValue(payload, currencyCode))
  const fields: KhqrFields = {
    kind,
    accountId,
    merchantName: text(topValue(payload, name), RULES.merchantName),
    merchantCity: text(topValue(payload, city), RULES.merchantCity),
    currency,
    mcc: checkMcc(topValue(payload, mcc)),
    pointOfInitiation: dynamic ? 'dynamic' : 'static',
    crc: payload.slice(payload.length - 4),
    unknownTags,
  }
  if (kind === 'individual') {
    const information = optionalText(accountFields[1], RULES.accountInformation, text)
    if (information !== undefined) fields.accountInformation = information
    const bank = optionalText(accountFields[2], RULES.acquiringBank, text)
    if (bank !== undefined) fields.acquiringBank = bank
  } else {
    const merchantId = accountFields[1]
    const bank = accountFields[2]
    if (merchantId === undefined)
      throw new KhqrError('merchant_id_required', 'Tag 30 has no merchant id (sub-tag 01).', 'merchantId')
    if (bank === undefined)
      throw new KhqrError('acquiring_bank_required', 'Tag 30 has no acquiring bank (sub-tag 02).', 'acquiringBank')
    fields.merchantId = text(merchantId, RULES.merchantId)
    fields.acquiringBank = text(bank, RULES.acquiringBank)
  }

  const countryValue = topValue(payload, country)
  if (countryValue !== 'KH')
    throw new KhqrError('country_invalid', `Country code must be "KH" (got "${countryValue}").`, '58')

  if (upi >= 0) {
    if (currency === 'USD') {
      throw new KhqrError('field_not_allowed', 'A UnionPay merchant account (tag 15) is only allowed with KHR.', '15')
    }
    fields.upiMerchantAccount = text(topValue(payload, upi), RULES.upiMerchantAccount)
  }

  if (dynamic) {
    if (amount < 0) throw missing('54', ': a dynamic KHQR must carry its amount')
    fields.amount = parseAmount(topValue(payload, amount), currency)
  } else if (amount >= 0) {
    throw new KhqrError('amount_not_allowed', 'A static KHQR (point of initiation 11) must not carry an amount.', '54')
  }

  if (additional >= 0) {
    const found = readTemplate(payload, additional, ADDITIONAL_SUBTAGS, unknownTags)
    const billNumber = optionalText(found[1], RULES.billNumber, text)
    if (billNumber !== undefined) fields.billNumber = billNumber
    const mobileNumber = optionalText(found[2], RULES.mobileNumber, text)
    if (mobileNumber !== undefined) fields.mobileNumber = mobileNumber
    const storeLabel = optionalText(found[3], RULES.storeLabel, text)
    if (storeLabel !== undefined) fields.storeLabel = storeLabel
    const terminalLabel = optionalText(found[7], RULES.terminalLabel, text)
    if (terminalLabel !== undefined) fields.terminalLabel = terminalLabel
    const purpose = optionalText(found[8], RULES.purposeOfTransaction, text)
    if (purpose !== undefined) fields.purposeOfTransaction = purpose
  }

  if (language >= 0) {
    const found = readTemplate(payload, language, LANGUAGE_SUBTAGS, unknownTags)
    if (found[0] === undefined) {
      throw new KhqrError('language_invalid', 'Tag 64 has no language code (sub-tag 00).', 'alternateLanguage.language')
    }
    if (found[1] === undefined) {
      throw new KhqrError(
        'alternate_name_required',
        'Tag 64 has no merchant name in the alternate language (sub-tag 01).',
        'alternateLanguage.merchantName',
      )
    }
    fields.alternateLanguage = {
      language: checkLanguage(found[0]),
      merchantName: text(found[1], RULES.alternateName),
    }
    const alternateCity = optionalText(found[2], RULES.alternateCity, text)
    if (alternateCity !== undefined) fields.alternateLanguage.merchantCity = alternateCity
  }

  if (timestamps >= 0) {
    const found = readTemplate(payload, timestamps, TIMESTAMP_SUBTAGS, unknownTags)
    if (found[0] !== undefined)
      fields.createdAt = parseTimestamp(found[0], 'created_at_invalid', 'Creation time', 'createdAt')
    if (found[1] !== undefined)
      fields.expiresAt = parseTimestamp(found[1], 'expiry_invalid', 'Expiry time', 'expiresAt')
  }
  if (dynamic && fields.expiresAt === undefined) {
    throw new KhqrError(
      'expiry_required',
      'A dynamic KHQR must carry its expiry time (tag 99, sub-tag 01).',
      'expiresAt',
    )
  }
  if (fields.createdAt !== undefined && fields.expiresAt !== undefined && fields.expiresAt < fields.createdAt) {
    throw new KhqrError(
      'expiry_before_creation',
      `Expiry time ${fields.expiresAt} is earlier than creation time ${fields.createdAt}.`,
      'expiresAt',
    )
  }
  return fields
}
