import { describe, expect, test } from 'vitest'
import { crc16, crcHex } from '../../../shared/khqr/crc.ts'
import { encodeKhqr, readShopSticker } from '../../../shared/khqr/index.ts'
import { sdk } from '../../support/sdk-khqr.ts'

const NOW = Date.UTC(2026, 11, 6, 9)

/** A payload with its CRC made again after a hand edit (what an older encoder would have written). */
function withCrc(body: string): string {
  const text = `${body}6304`
  return text + crcHex(crc16(text))
}
/** The payload without its CRC object, for editing. */
const bodyOf = (payload: string) => payload.slice(0, -8)

const STICKER = encodeKhqr({
  kind: 'individual',
  accountId: 'sokha_shop@aclb',
  merchantName: 'SOKHA SHOP',
  merchantCity: 'Siem Reap',
  currency: 'KHR',
  mobileNumber: '85512345678',
  alternateLanguage: { language: 'km', merchantName: 'ហាងសុខា' },
})

describe("the shop's own KHQR sticker, scanned at setup", () => {
  test('gives the account, the names and the city as the customer’s bank app shows them', () => {
    const reading = readShopSticker(STICKER, NOW)
    expect(reading).toMatchObject({
      ok: true,
      identity: {
        kind: 'individual',
        accountId: 'sokha_shop@aclb',
        merchantName: 'SOKHA SHOP',
        merchantNameKm: 'ហាងសុខា',
        merchantCity: 'Siem Reap',
        mobileNumber: '85512345678',
        currency: 'KHR',
      },
    })
  })

  test('reads what the official SDK writes for a merchant sticker', () => {
    const info = new sdk.MerchantInfo('coffee_corner@wing', 'Coffee Corner', 'Phnom Penh', '1234567', 'Wing Bank', {
      currency: 840,
    })
    const made = new sdk.BakongKHQR().generateMerchant(info)
    const payload = (made.data?.qr ?? '') as string
    const reading = readShopSticker(payload, NOW)
    expect(reading).toMatchObject({
      ok: true,
      identity: {
        kind: 'merchant',
        accountId: 'coffee_corner@wing',
        merchantId: '1234567',
        acquiringBank: 'Wing Bank',
      },
    })
  })

  test('takes the Enter a wedge scanner sends, and spaces around a typed code', () => {
    expect(readShopSticker(`${STICKER}\r\n`, NOW).ok).toBe(true)
    expect(readShopSticker(`  ${STICKER} `, NOW).ok).toBe(true)
  })

  test('a static code with its creation time (tag 99, as newer SDKs write) and a legacy one without are both taken', () => {
    const info = new sdk.IndividualInfo('sokha_shop@aclb', 'SOKHA SHOP', 'Siem Reap', { currency: 116 })
    const legacy = (new sdk.BakongKHQR().generateIndividual(info).data?.qr ?? '') as string
    expect(legacy).not.toMatch(/99\d\d00/)
    const created = String(NOW - 86_400_000)
    const current = withCrc(`${bodyOf(legacy)}9917${'0013'}${created}`)
    expect(readShopSticker(current, NOW)).toMatchObject({ ok: true, notes: [] })
    expect(readShopSticker(legacy, NOW)).toMatchObject({
      ok: true,
      identity: { accountId: 'sokha_shop@aclb', merchantCity: 'Siem Reap' },
      notes: [{ code: 'no_timestamps' }],
    })
  })

  test('a bank sticker with a riel amount written "5000.0" is read as bank apps read it, the amount left for each sale', () => {
    const body = bodyOf(STICKER)
    const at = body.indexOf('5802KH')
    const withAmount = withCrc(`${body.slice(0, at)}54065000.0${body.slice(at)}`)
    const reading = readShopSticker(withAmount, NOW)
    expect(reading.ok).toBe(true)
    expect(reading.ok && reading.notes).toEqual(
      expect.arrayContaining([
        { code: 'amount_ignored', amount: 5000, written: '5000.0' },
        { code: 'amount_loose', written: '5000.0' },
      ]),
    )
    expect(reading.ok && reading.identity.accountId).toBe('sokha_shop@aclb')
  })

  test('refuses a one-sale (dynamic) QR, also one written with a loose amount', () => {
    const dynamic = encodeKhqr({
      kind: 'individual',
      accountId: 'sokha_shop@aclb',
      merchantName: 'SOKHA SHOP',
      currency: 'KHR',
      amount: 12_000,
      createdAt: NOW - 60_000,
      expiresAt: NOW + 60_000,
    })
    expect(readShopSticker(dynamic, NOW)).toMatchObject({ ok: false, code: 'sticker_dynamic' })
    const loose = withCrc(bodyOf(dynamic).replace('540512000', '54071200.00'))
    expect(readShopSticker(loose, NOW)).toMatchObject({ ok: false, code: 'sticker_dynamic' })
  })

  test('refuses one past its expiry', () => {
    const info = new sdk.IndividualInfo('sokha_shop@aclb', 'SOKHA SHOP', 'Siem Reap', { currency: 840 })
    const base = (new sdk.BakongKHQR().generateIndividual(info).data?.qr ?? '') as string
    const lapsed = withCrc(`${bodyOf(base)}99340013${NOW - 600_000}0113${NOW - 300_000}`)
    expect(readShopSticker(lapsed, NOW)).toMatchObject({ ok: false, code: 'sticker_expired' })
    const later = withCrc(`${bodyOf(base)}99340013${NOW - 600_000}0113${NOW + 86_400_000}`)
    expect(readShopSticker(later, NOW).ok).toBe(true)
  })

  test('refuses a damaged or altered code, saying why, and text that is no KHQR', () => {
    const altered = STICKER.replace('sokha_shop@aclb', 'thief_shop@aclb')
    const reading = readShopSticker(altered, NOW)
    expect(reading).toMatchObject({ ok: false, code: 'sticker_malformed' })
    expect(!reading.ok && reading.message).toMatch(/CRC|damaged|altered/)
    expect(readShopSticker('https://example.com/menu', NOW)).toMatchObject({ ok: false, code: 'sticker_malformed' })
    expect(readShopSticker('', NOW)).toMatchObject({ ok: false, code: 'sticker_malformed' })
  })
})
