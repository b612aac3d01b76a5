import { describe, expect, test } from 'vitest'
import { decodeKhqr, encodeKhqr, verifyKhqr } from '../../../shared/khqr/index.ts'
import { codeOf, NOW, saleInput, withCrc } from './helpers.ts'

const ACCOUNT = '29170013sok_dara@aclb'
const MCC_CURRENCY_AMOUNT = '52045999530384054041.50'
const COUNTRY = '5802KH'
const NAME = '5902AB'
const CITY = '6002PP'
const TIMES = `99340013${NOW}0113${NOW + 600_000}`
const TAIL = MCC_CURRENCY_AMOUNT + COUNTRY + NAME + CITY + TIMES
const dynamic = (middle = '') => withCrc(`000201010212${ACCOUNT}${TAIL}${middle}6304`)
const withName = (name: string) =>
  withCrc(
    `000201010212${ACCOUNT}${MCC_CURRENCY_AMOUNT}${COUNTRY}59${String(name.length).padStart(2, '0')}${name}${CITY}${TIMES}6304`,
  )

describe('structure', () => {
  test('the base case decodes', () => {
    expect(decodeKhqr(dynamic())).toMatchObject({
      kind: 'individual',
      accountId: 'sok_dara@aclb',
      amount: 150,
      merchantName: 'AB',
    })
  })

  test('a length field must be two decimal digits', () => {
    for (const bad of ['5A', 'A5', '-1', ' 5', '+5']) {
      const payload = withCrc(`000201010212${ACCOUNT}${TAIL}80${bad}hello6304`)
      expect(codeOf(() => decodeKhqr(payload))).toBe('tlv_invalid')
    }
    expect(codeOf(() => decodeKhqr(withCrc(`000201010212291A0013sok_dara@aclb${TAIL}6304`)))).toBe('tlv_invalid')
  })

  test('a tag ID must be two digits, and a value may not be empty or overrun', () => {
    expect(codeOf(() => decodeKhqr(withCrc(`000201010212${ACCOUNT}${TAIL}X105hello6304`)))).toBe('tlv_invalid')
    expect(codeOf(() => decodeKhqr(withCrc(`000201010212${ACCOUNT}${TAIL}8000630400`.slice(0, -2))))).toBe(
      'tlv_invalid',
    )
    expect(codeOf(() => decodeKhqr(withCrc(`000201010212${ACCOUNT}${TAIL}8009abc6304`)))).toBe('tlv_invalid')
  })

  test('a tag may appear once per level', () => {
    expect(codeOf(() => decodeKhqr(dynamic('5902CD')))).toBe('tag_duplicate')
    expect(codeOf(() => decodeKhqr(withCrc(`000201010212${ACCOUNT}${TAIL}62160104R-010104R-026304`)))).toBe(
      'tag_duplicate',
    )
    expect(codeOf(() => decodeKhqr(dynamic(`3017${ACCOUNT.slice(4)}`)))).toBe('account_invalid')
  })

  test('00 comes first with value 01; 63 comes last', () => {
    expect(codeOf(() => decodeKhqr(withCrc(`010212000201${ACCOUNT}${TAIL}6304`)))).toBe('format_indicator_invalid')
    expect(codeOf(() => decodeKhqr(dynamic('63041234')))).toBe('tlv_invalid')
  })

  test('a static QR carries no amount; a dynamic one carries amount and expiry', () => {
    expect(codeOf(() => decodeKhqr(withCrc(`000201010211${ACCOUNT}${TAIL}6304`)))).toBe('amount_not_allowed')
    const noExpiry = withCrc(`000201010212${ACCOUNT}${MCC_CURRENCY_AMOUNT}${COUNTRY}${NAME}${CITY}99170013${NOW}6304`)
    expect(codeOf(() => decodeKhqr(noExpiry))).toBe('expiry_required')
  })

  test('tags out of order are accepted, as bank apps do', () => {
    const reordered = withCrc(`000201010212${ACCOUNT}${MCC_CURRENCY_AMOUNT}${CITY}${COUNTRY}${TIMES}${NAME}6304`)
    expect(decodeKhqr(reordered).merchantCity).toBe('PP')
  })

  test('lower-case CRC digits are accepted and reported as written', () => {
    const payload = encodeKhqr(saleInput({ billNumber: 'R-000130' }))
    const lower = payload.slice(0, -4) + payload.slice(-4).toLowerCase()
    expect(decodeKhqr(lower).crc).toBe(payload.slice(-4).toLowerCase())
  })

  test('unknown tags and sub-tags are kept, not dropped', () => {
    const payload = withCrc(
      `000201010212${ACCOUNT.replace('2917', '2927')}0506REF-77${TAIL}62100506REF1236107120000080090105hello6304`,
    )
    expect(decodeKhqr(payload).unknownTags).toEqual({
      '29.05': 'REF-77',
      '62.05': 'REF123',
      '61': '1200000',
      '80': '0105hello',
    })
  })

  test('text is read as written, NFD included', () => {
    const nfd = 'Cafe\u0301'
    expect(decodeKhqr(withName(nfd)).merchantName).toBe(nfd)
  })

  test('control characters and astral characters in a field make the payload malformed', () => {
    expect(codeOf(() => decodeKhqr(withName('A\t')))).toBe('merchant_name_invalid')
    expect(codeOf(() => decodeKhqr(withName('😀')))).toBe('merchant_name_invalid')
    expect(codeOf(() => decodeKhqr(withName('x\u0085')))).toBe('merchant_name_invalid')
    expect(decodeKhqr(withName('ហាង')).merchantName).toBe('ហាង')
  })
})

describe('bounded: any input returns or throws KhqrError', () => {
  test.each([undefined, null, 42, {}, [], Symbol('x')])('non-text %s is payload_invalid', (value) => {
    expect(codeOf(() => decodeKhqr(value as unknown as string))).toBe('payload_invalid')
    expect(verifyKhqr(value as unknown as string)).toMatchObject({ valid: false, code: 'payload_invalid' })
  })

  test('text over 512 characters is refused before it is read', () => {
    expect(codeOf(() => decodeKhqr('0'.repeat(513)))).toBe('payload_too_long')
    expect(codeOf(() => decodeKhqr(`${'0'.repeat(5_000_000)}6304ABCD`))).toBe('payload_too_long')
  })

  test.each(['', '6304', 'hello', '00020101021229130009test@aclb'])('"%s" is not a KHQR', (value) => {
    expect(verifyKhqr(value).valid).toBe(false)
  })
})

describe('verify', () => {
  const payload = encodeKhqr(saleInput())
  const expiresAt = NOW + 5 * 60_000

  test('well-formedness and expiry are separate answers; a QR is good up to and at its expiry instant', () => {
    expect(verifyKhqr(payload, { now: NOW })).toMatchObject({ valid: true, expired: false })
    expect(verifyKhqr(payload, { now: expiresAt })).toMatchObject({ valid: true, expired: false })
    expect(verifyKhqr(payload, { now: expiresAt + 1 })).toMatchObject({ valid: true, expired: true })
  })

  test('a static QR never expires', () => {
    const sticker = encodeKhqr({ kind: 'individual', accountId: 'shop@aclb', merchantName: 'Shop', currency: 'KHR' })
    expect(verifyKhqr(sticker, { now: Number.MAX_SAFE_INTEGER })).toMatchObject({ valid: true, expired: false })
  })

  test('the reason comes back as a code and a message', () => {
    const damaged = `${payload.slice(0, 40)}X${payload.slice(41)}`
    const verdict = verifyKhqr(damaged, { now: NOW })
    expect(verdict).toMatchObject({ valid: false, code: 'crc_mismatch' })
    expect(verdict.valid === false && verdict.message).toMatch(/damaged or was altered/)
  })

  test('a clock that is not a number is reported, not thrown', () => {
    expect(verifyKhqr(payload, { now: Number.NaN })).toMatchObject({ valid: false, code: 'clock_invalid' })
    expect(verifyKhqr(payload, { now: '1' as unknown as number })).toMatchObject({
      valid: false,
      code: 'clock_invalid',
    })
  })
})
