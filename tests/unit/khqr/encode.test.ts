import { afterEach, describe, expect, test, vi } from 'vitest'
import { decodeKhqr, encodeKhqr, KhqrError, type KhqrInput } from '../../../shared/khqr/index.ts'
import { codeOf, NOW, referenceCrc, saleInput } from './helpers.ts'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('amounts: integer minor units in, EMV text out', () => {
  test('USD always has two decimals; KHR is a whole number', () => {
    expect(decodeKhqr(encodeKhqr(saleInput({ amount: 100 }))).amount).toBe(100)
    expect(encodeKhqr(saleInput({ amount: 100 }))).toContain('54041.00')
    expect(encodeKhqr(saleInput({ amount: 5 }))).toContain('54040.05')
    expect(encodeKhqr(saleInput({ amount: 999_999_999_999 }))).toContain('54139999999999.99')
    expect(encodeKhqr(saleInput({ currency: 'KHR', amount: 6500 }))).toContain('54046500')
    expect(encodeKhqr(saleInput({ currency: 'KHR', amount: 9_999_999_999_999 }))).toContain('54139999999999999')
  })

  test.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['negative', -150],
    ['fractional', 1.5],
    ['zero (a static QR that could never be confirmed)', 0],
    ['over 13 characters', 1_000_000_000_000],
    ['a string', '1.50'],
  ])('refuses an amount that is %s', (_label, amount) => {
    expect(codeOf(() => encodeKhqr(saleInput({ amount: amount as number })))).toBe('amount_invalid')
  })

  test('KHR over 13 digits is refused too', () => {
    expect(codeOf(() => encodeKhqr(saleInput({ currency: 'KHR', amount: 10_000_000_000_000 })))).toBe('amount_invalid')
  })
})

describe('static and dynamic', () => {
  test('without an amount the QR is static: no amount, no timestamps', () => {
    const payload = encodeKhqr({ kind: 'individual', accountId: 'shop@aclb', merchantName: 'Shop', currency: 'KHR' })
    expect(payload.startsWith('000201010211')).toBe(true)
    expect(decodeKhqr(payload)).toMatchObject({ pointOfInitiation: 'static', merchantCity: 'Phnom Penh', mcc: '5999' })
    expect(decodeKhqr(payload).expiresAt).toBeUndefined()
  })

  test('a static QR refuses timestamps instead of silently dropping them', () => {
    const base: KhqrInput = { kind: 'individual', accountId: 'shop@aclb', merchantName: 'Shop', currency: 'KHR' }
    expect(codeOf(() => encodeKhqr({ ...base, expiresAt: NOW }))).toBe('field_not_allowed')
    expect(codeOf(() => encodeKhqr({ ...base, createdAt: NOW }))).toBe('field_not_allowed')
  })

  test('a dynamic QR needs a 13-digit expiry no earlier than its creation', () => {
    expect(codeOf(() => encodeKhqr(saleInput({ expiresAt: undefined })))).toBe('expiry_required')
    expect(codeOf(() => encodeKhqr(saleInput({ expiresAt: Math.floor(NOW / 1000) })))).toBe('expiry_invalid')
    expect(codeOf(() => encodeKhqr(saleInput({ expiresAt: NOW + 0.5 })))).toBe('expiry_invalid')
    expect(codeOf(() => encodeKhqr(saleInput({ expiresAt: NOW - 1 })))).toBe('expiry_before_creation')
    expect(codeOf(() => encodeKhqr(saleInput({ createdAt: 17672256 })))).toBe('created_at_invalid')
  })

  test('the creation time defaults to the clock', () => {
    vi.spyOn(Date, 'now').mockReturnValue(NOW + 42)
    const fields = decodeKhqr(encodeKhqr(saleInput({ createdAt: undefined })))
    expect(fields.createdAt).toBe(NOW + 42)
    expect(fields.pointOfInitiation).toBe('dynamic')
  })

  test('timestamps are written digit for digit', () => {
    for (const createdAt of [1_000_000_000_000, 1_767_225_600_007, 1_767_225_012_345, 9_999_999_999_000]) {
      const payload = encodeKhqr(saleInput({ createdAt, expiresAt: createdAt + 999 }))
      expect(payload).toContain(`99340013${createdAt}0113${createdAt + 999}`)
      expect(decodeKhqr(payload)).toMatchObject({ createdAt, expiresAt: createdAt + 999 })
    }
  })
})

describe('input is checked before anything is written', () => {
  test('an unknown field is refused by name, so a typo cannot turn a sale QR static', () => {
    const input = { ...saleInput({ amount: undefined, createdAt: undefined, expiresAt: undefined }), amout: 150 }
    const error = (() => {
      try {
        encodeKhqr(input as KhqrInput)
      } catch (caught) {
        return caught as KhqrError
      }
    })()
    expect(error).toBeInstanceOf(KhqrError)
    expect(error).toMatchObject({ code: 'input_invalid', field: 'amout' })
    expect(error?.message).toContain('amout')
  })

  test.each([null, undefined, 'text', 42, []])('refuses %s as input', (input) => {
    expect(codeOf(() => encodeKhqr(input as unknown as KhqrInput))).toBe('input_invalid')
  })

  test('kind and currency must be one of the names', () => {
    expect(codeOf(() => encodeKhqr(saleInput({ kind: 'person' as 'individual' })))).toBe('kind_invalid')
    expect(codeOf(() => encodeKhqr(saleInput({ currency: 'usd' as 'USD' })))).toBe('currency_invalid')
    expect(codeOf(() => encodeKhqr(saleInput({ currency: 840 as unknown as 'USD' })))).toBe('currency_invalid')
  })

  test('account id is name@bank', () => {
    for (const accountId of ['@', 'shop@', '@aclb', 'a@b@c', 'sok dara@aclb', 'shop']) {
      expect(codeOf(() => encodeKhqr(saleInput({ accountId })))).toBe('account_id_invalid')
    }
    expect(codeOf(() => encodeKhqr(saleInput({ accountId: `${'a'.repeat(28)}@aclb` })))).toBe('account_id_too_long')
  })

  test('a merchant QR needs its merchant id and acquiring bank; an individual has neither field', () => {
    const merchant = saleInput({ kind: 'merchant', merchantId: '012345678', acquiringBank: 'ACLEDA Bank' })
    expect(decodeKhqr(encodeKhqr(merchant))).toMatchObject({
      kind: 'merchant',
      merchantId: '012345678',
      acquiringBank: 'ACLEDA Bank',
    })
    expect(codeOf(() => encodeKhqr({ ...merchant, merchantId: undefined }))).toBe('merchant_id_required')
    expect(codeOf(() => encodeKhqr({ ...merchant, acquiringBank: undefined }))).toBe('acquiring_bank_required')
    expect(codeOf(() => encodeKhqr({ ...merchant, accountInformation: 'x' }))).toBe('field_not_allowed')
    expect(codeOf(() => encodeKhqr(saleInput({ merchantId: '1' })))).toBe('field_not_allowed')
  })

  test('merchant category code is exactly four digits', () => {
    for (const mcc of ['12', '59999', 'ABCD', '59.9'])
      expect(codeOf(() => encodeKhqr(saleInput({ mcc })))).toBe('mcc_invalid')
    expect(decodeKhqr(encodeKhqr(saleInput({ mcc: '5812' }))).mcc).toBe('5812')
  })

  test('UnionPay account only with KHR', () => {
    expect(codeOf(() => encodeKhqr(saleInput({ upiMerchantAccount: '1234' })))).toBe('field_not_allowed')
    const payload = encodeKhqr(saleInput({ currency: 'KHR', amount: 500, upiMerchantAccount: '1234' }))
    expect(payload.slice(12, 20)).toBe('15041234')
  })
})

describe('text', () => {
  test('lengths count UTF-16 units; the CRC is over UTF-8 bytes', () => {
    const khmer25 = 'ក'.repeat(25)
    const payload = encodeKhqr(saleInput({ alternateLanguage: { language: 'km', merchantName: khmer25 } }))
    expect(payload).toContain(`6435${'0002km'}0125${khmer25}`)
    expect(Number.parseInt(payload.slice(-4), 16)).toBe(referenceCrc(payload.slice(0, -4)))
    expect(
      codeOf(() => encodeKhqr(saleInput({ alternateLanguage: { language: 'km', merchantName: 'ក'.repeat(26) } }))),
    ).toBe('alternate_name_too_long')
  })

  test('text is NFC-normalised before it is measured and written', () => {
    const fields = decodeKhqr(encodeKhqr(saleInput({ merchantName: 'Cafe\u0301 Cre\u0300me' })))
    expect(fields.merchantName).toBe('Café Crème')
    // 25 characters once composed, 27 as typed: NFC first, then the limit.
    expect(
      decodeKhqr(encodeKhqr(saleInput({ merchantName: `${'x'.repeat(23)}e\u0301e\u0301` }))).merchantName,
    ).toHaveLength(25)
  })

  test('characters outside the BMP and control characters are refused with the field named', () => {
    expect(codeOf(() => encodeKhqr(saleInput({ merchantName: 'Noodles 🍜' })))).toBe('merchant_name_invalid')
    expect(codeOf(() => encodeKhqr(saleInput({ billNumber: 'R-1\tA' })))).toBe('bill_number_invalid')
    expect(codeOf(() => encodeKhqr(saleInput({ storeLabel: 'Store\n1' })))).toBe('store_label_invalid')
    expect(codeOf(() => encodeKhqr(saleInput({ terminalLabel: 'T\u0085' })))).toBe('terminal_label_invalid')
    expect(codeOf(() => encodeKhqr(saleInput({ merchantCity: 'x\ud800' })))).toBe('merchant_city_invalid')
  })

  test('blank text is refused; text with inner and outer spaces is kept as written', () => {
    expect(codeOf(() => encodeKhqr(saleInput({ merchantName: '   ' })))).toBe('merchant_name_required')
    expect(codeOf(() => encodeKhqr(saleInput({ merchantName: '' })))).toBe('merchant_name_required')
    expect(codeOf(() => encodeKhqr(saleInput({ merchantCity: '' })))).toBe('merchant_city_required')
    expect(decodeKhqr(encodeKhqr(saleInput({ merchantName: '  spaced  ' }))).merchantName).toBe('  spaced  ')
  })

  test('Khmer goes in the alternate-language template, which always carries its language', () => {
    const payload = encodeKhqr(
      saleInput({ alternateLanguage: { language: 'km', merchantName: 'ហាងគុយទាវ', merchantCity: 'សៀមរាប' } }),
    )
    expect(decodeKhqr(payload).alternateLanguage).toEqual({
      language: 'km',
      merchantName: 'ហាងគុយទាវ',
      merchantCity: 'សៀមរាប',
    })
    const noLanguage = { merchantName: 'ហាង' } as unknown as KhqrInput['alternateLanguage']
    expect(codeOf(() => encodeKhqr(saleInput({ alternateLanguage: noLanguage })))).toBe('language_invalid')
    expect(codeOf(() => encodeKhqr(saleInput({ alternateLanguage: { language: 'khm', merchantName: 'ហាង' } })))).toBe(
      'language_invalid',
    )
    const extra = { language: 'km', merchantName: 'ហាង', city: 'x' } as unknown as KhqrInput['alternateLanguage']
    expect(codeOf(() => encodeKhqr(saleInput({ alternateLanguage: extra })))).toBe('input_invalid')
  })
})

describe('lengths never overflow two digits', () => {
  test('a template over 99 characters is an error, never a 3-digit length', () => {
    const full = 'x'.repeat(25)
    const error = codeOf(() =>
      encodeKhqr(
        saleInput({
          billNumber: full,
          mobileNumber: full,
          storeLabel: full,
          terminalLabel: full,
          purposeOfTransaction: full,
        }),
      ),
    )
    expect(error).toBe('template_too_long')
    const merchant = saleInput({
      kind: 'merchant',
      accountId: `${'a'.repeat(27)}@aclb`,
      merchantId: 'm'.repeat(32),
      acquiringBank: 'b'.repeat(32),
    })
    expect(codeOf(() => encodeKhqr(merchant))).toBe('template_too_long')
  })

  test('with every field at its limit the payload is 511 characters, within the EMV maximum of 512', () => {
    const longest: KhqrInput = {
      ...saleInput({ currency: 'KHR', amount: 9_999_999_999_999, upiMerchantAccount: 'u'.repeat(99) }),
      kind: 'merchant',
      accountId: `${'a'.repeat(27)}@aclb`,
      merchantId: 'm'.repeat(27),
      acquiringBank: 'b'.repeat(28),
      merchantName: 'n'.repeat(25),
      merchantCity: 'c'.repeat(15),
      billNumber: 'x'.repeat(25),
      mobileNumber: 'x'.repeat(25),
      storeLabel: 'x'.repeat(25),
      terminalLabel: 'x'.repeat(8),
      alternateLanguage: { language: 'km', merchantName: 'ក'.repeat(25), merchantCity: 'ខ'.repeat(15) },
    }
    const payload = encodeKhqr(longest)
    expect(payload).toHaveLength(511)
    expect(decodeKhqr(payload)).toMatchObject({ merchantId: longest.merchantId, terminalLabel: longest.terminalLabel })
    expect(codeOf(() => encodeKhqr({ ...longest, terminalLabel: 'x'.repeat(9) }))).toBe('template_too_long')
  })
})
