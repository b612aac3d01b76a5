/**
 * Property tests (fast-check): encode then decode returns the input; mutated, truncated and random
 * strings never hang and never throw anything but KhqrError. The run counts are the CI fuzz budget.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { crc16, crcHex } from '../../../shared/khqr/crc.ts'
import { decodeKhqr, encodeKhqr, KhqrError, type KhqrInput, verifyKhqr } from '../../../shared/khqr/index.ts'
import { NOW } from './helpers.ts'

const PRINTABLE_ASCII = Array.from({ length: 95 }, (_, k) => String.fromCharCode(0x20 + k))
const WORD = PRINTABLE_ASCII.filter((c) => c !== ' ' && c !== '@')
const KHMER = [...'កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវសហឡអាិីឹឺុូួើឿៀេែៃោៅំះ៉៊់៌៍៎៏័្']

const text = (max: number) =>
  fc
    .string({
      unit: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PRINTABLE_ASCII) }, fc.constantFrom(...'éèçñüÅ')),
      minLength: 1,
      maxLength: max,
    })
    .filter((value) => value.trim() !== '')
const khmerText = (max: number) => fc.string({ unit: fc.constantFrom(...KHMER), minLength: 1, maxLength: max })
const word = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...WORD), minLength: min, maxLength: max })

const khqrInput: fc.Arbitrary<KhqrInput> = fc
  .record(
    {
      kind: fc.constantFrom('individual' as const, 'merchant' as const),
      accountId: fc.tuple(word(1, 20), word(1, 11)).map(([name, bank]) => `${name}@${bank}`),
      merchantName: text(25),
      merchantCity: text(15),
      merchantId: word(1, 32),
      acquiringBank: text(32),
      accountInformation: text(32),
      currency: fc.constantFrom('KHR' as const, 'USD' as const),
      amount: fc.integer({ min: 1, max: 999_999_999_999 }),
      mcc: fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
      billNumber: text(25),
      mobileNumber: fc
        .string({ unit: fc.constantFrom(...'+0123456789- '), minLength: 1, maxLength: 25 })
        .filter((v) => v.trim() !== ''),
      storeLabel: text(25),
      terminalLabel: text(25),
      purposeOfTransaction: text(25),
      alternateLanguage: fc.record(
        { language: fc.constantFrom('km', 'KM', 'en', 'zh'), merchantName: khmerText(25), merchantCity: khmerText(15) },
        { requiredKeys: ['language', 'merchantName'] },
      ),
      upiMerchantAccount: word(1, 40),
      createdAt: fc.integer({ min: 1e12, max: 9_000_000_000_000 }),
      lifetime: fc.integer({ min: 0, max: 400 * 86_400_000 }),
    },
    { requiredKeys: ['kind', 'accountId', 'merchantName', 'currency'] },
  )
  .map((draft) => {
    const { lifetime, ...input } = draft
    const result: Record<string, unknown> = { ...input }
    if (input.kind === 'individual') delete result.merchantId
    else {
      delete result.accountInformation
      result.merchantId ??= 'M1'
      result.acquiringBank ??= 'Bank'
    }
    if (input.currency === 'USD') delete result.upiMerchantAccount
    if (input.amount === undefined) {
      delete result.createdAt
    } else {
      const createdAt = input.createdAt ?? NOW
      result.createdAt = createdAt
      result.expiresAt = createdAt + (lifetime ?? 300_000)
    }
    return result as unknown as KhqrInput
  })

const nfc = (value: string) => value.normalize('NFC')

/** Characters a template would take: each sub-object is ID + length + value. */
function templateLength(values: Array<string | undefined>): number {
  return values.reduce((sum, value) => sum + (value === undefined ? 0 : 4 + nfc(value).length), 0)
}

function expectedFields(input: KhqrInput, payload: string) {
  const expected: Record<string, unknown> = {
    kind: input.kind,
    accountId: input.accountId,
    merchantName: nfc(input.merchantName),
    merchantCity: nfc(input.merchantCity ?? 'Phnom Penh'),
    currency: input.currency,
    mcc: input.mcc ?? '5999',
    pointOfInitiation: input.amount === undefined ? 'static' : 'dynamic',
    crc: payload.slice(-4),
    unknownTags: {},
  }
  for (const key of [
    'merchantId',
    'acquiringBank',
    'accountInformation',
    'billNumber',
    'mobileNumber',
    'storeLabel',
    'terminalLabel',
    'purposeOfTransaction',
    'upiMerchantAccount',
  ] as const) {
    const value = input[key]
    if (value !== undefined) expected[key] = nfc(value)
  }
  for (const key of ['amount', 'createdAt', 'expiresAt'] as const)
    if (input[key] !== undefined) expected[key] = input[key]
  if (input.alternateLanguage) {
    const { language, merchantName, merchantCity } = input.alternateLanguage
    expected.alternateLanguage =
      merchantCity === undefined
        ? { language, merchantName: nfc(merchantName) }
        : { language, merchantName: nfc(merchantName), merchantCity: nfc(merchantCity) }
  }
  return expected
}

describe('encode then decode', () => {
  test('returns the input (NFC-normalised, defaults filled), or refuses a template over 99 characters', () => {
    fc.assert(
      fc.property(khqrInput, (input) => {
        const account = templateLength([
          input.accountId,
          input.merchantId ?? input.accountInformation,
          input.acquiringBank,
        ])
        const additional = templateLength([
          input.billNumber,
          input.mobileNumber,
          input.storeLabel,
          input.terminalLabel,
          input.purposeOfTransaction,
        ])
        const tooLong = account > 99 || additional > 99
        let payload: string
        try {
          payload = encodeKhqr(input)
        } catch (error) {
          expect(error).toBeInstanceOf(KhqrError)
          expect((error as KhqrError).code).toBe('template_too_long')
          expect(tooLong).toBe(true)
          return
        }
        expect(tooLong).toBe(false)
        expect(payload.length).toBeLessThanOrEqual(512)
        expect(payload).toMatch(/6304[0-9A-F]{4}$/)
        expect(decodeKhqr(payload)).toEqual(expectedFields(input, payload))
        expect(verifyKhqr(payload, { now: input.createdAt ?? NOW })).toMatchObject({ valid: true, expired: false })
      }),
      { numRuns: 3000 },
    )
  })
})

/** Decoding must return fields or throw a KhqrError; verify must never throw at all. */
function totalOn(value: string): true {
  try {
    decodeKhqr(value)
  } catch (error) {
    if (!(error instanceof KhqrError)) throw error
  }
  const verdict = verifyKhqr(value, { now: NOW })
  expect(typeof verdict.valid).toBe('boolean')
  if (!verdict.valid) expect(verdict.code).not.toBe('internal_error')
  return true
}

const validPayload = khqrInput.map((input) => {
  try {
    return encodeKhqr(input)
  } catch {
    return encodeKhqr({ kind: 'individual', accountId: 'a@b', merchantName: 'x', currency: 'KHR' })
  }
})

type Edit = { at: number; kind: 'replace' | 'insert' | 'delete'; char: string }
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace' as const, 'insert' as const, 'delete' as const),
  char: fc.oneof(fc.constantFrom(...'0123456789'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
})

function applyEdits(text: string, edits: Edit[]): string {
  let result = text
  for (const { at, kind, char } of edits) {
    const i = result.length === 0 ? 0 : at % result.length
    if (kind === 'replace') result = result.slice(0, i) + char + result.slice(i + 1)
    else if (kind === 'insert') result = result.slice(0, i) + char + result.slice(i)
    else result = result.slice(0, i) + result.slice(i + 1)
  }
  return result
}

function withFreshCrc(body: string): string {
  const withTag = `${body}6304`
  return withTag + crcHex(crc16(withTag))
}

describe('the decoder is total', () => {
  test('random edits of valid payloads', () => {
    fc.assert(
      fc.property(validPayload, fc.array(edit, { minLength: 1, maxLength: 6 }), (payload, edits) =>
        totalOn(applyEdits(payload, edits)),
      ),
      { numRuns: 5000 },
    )
  })

  test('random edits of valid payloads with the CRC made right again, so the parser and field checks are reached', () => {
    fc.assert(
      fc.property(validPayload, fc.array(edit, { minLength: 1, maxLength: 6 }), (payload, edits) =>
        totalOn(withFreshCrc(applyEdits(payload.slice(0, -8), edits))),
      ),
      { numRuns: 10_000 },
    )
  })

  // Hundreds of thousands of decodes: the timeout is for a hung decoder, not a measure of speed.
  test('every truncation of valid payloads, with and without a fresh CRC', { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(validPayload, (payload) => {
        for (let end = 0; end < payload.length; end++) {
          totalOn(payload.slice(0, end))
          if (end <= payload.length - 8) totalOn(withFreshCrc(payload.slice(0, end)))
        }
        return true
      }),
      { numRuns: 200 },
    )
  })

  test('random text and random TLV-shaped text with a correct CRC', () => {
    const tlvish = fc
      .array(
        fc.tuple(
          fc.integer({ min: 0, max: 99 }),
          fc.string({
            unit: fc.oneof(fc.constantFrom(...'0123456789'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
            maxLength: 30,
          }),
        ),
        { maxLength: 20 },
      )
      .map((objects) =>
        objects
          .map(([tag, value]) => String(tag).padStart(2, '0') + String(value.length).padStart(2, '0') + value)
          .join(''),
      )
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 600 }), totalOn), { numRuns: 5000 })
    fc.assert(
      fc.property(tlvish, (body) => totalOn(withFreshCrc(body)) && totalOn(withFreshCrc(`000201010212${body}`))),
      { numRuns: 5000 },
    )
  })
})
