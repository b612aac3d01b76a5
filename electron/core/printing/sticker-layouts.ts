/**
 * The shop's static KHQR stickers, as NBC's dual-currency guideline asks (cambodia.md §6): a pair of
 * codes of the same account, one in riel and one in dollars, riel first, each marked with its
 * currency in the band above the code and in Khmer, so a customer scans the one for the money in
 * their app. The same faces print on receipt paper (ESC/POS) and on label printers (TSPL).
 */

import { encodeKhqr } from '../../../shared/khqr/index.ts'
import type { Currency } from '../../../shared/money/index.ts'
import type { Settings } from '../../../shared/views.ts'
import type { Block } from './document.ts'
import type { PrinterProfile } from './profiles.ts'

/** One code of the pair: what a sticker face shows. */
export interface StickerFace {
  currency: Currency
  /** The static KHQR (no amount) for this currency. */
  payload: string
  serial: string
  merchantNameKm: string
  merchantNameEn: string
  account: string
}

export const CURRENCY_WORDS: Record<Currency, { km: string; code: string }> = {
  KHR: { km: 'ប្រាក់រៀល', code: 'KHR' },
  USD: { km: 'ប្រាក់ដុល្លារ', code: 'USD' },
}

export const SCAN_WORDS = { km: 'ស្កេនដើម្បីទូទាត់', en: 'Scan to pay with any KHQR app' }

/** Riel first, as the Ministry of Commerce asks of prices; only the currencies the account takes. */
export function stickerCurrencies(settings: Settings): Currency[] {
  const accepted = settings.merchant.currencies
  return (['KHR', 'USD'] as const).filter((currency) => accepted.includes(currency))
}

/** The shop's static KHQR (no amount) in one currency: what a sticker face carries. */
export function stickerPayload(settings: Settings, currency: Currency): string {
  const merchant = settings.merchant
  return encodeKhqr({
    kind: merchant.kind,
    accountId: merchant.bakongAccountId,
    merchantName: merchant.merchantNameEn,
    merchantCity: merchant.city,
    ...(merchant.kind === 'merchant' ? { merchantId: merchant.merchantId, acquiringBank: merchant.acquiringBank } : {}),
    ...(merchant.merchantNameKm
      ? { alternateLanguage: { language: 'km', merchantName: merchant.merchantNameKm } }
      : {}),
    mcc: merchant.mcc,
    currency,
  })
}

/** The faces of `serials.length` sticker sets: for each serial, one face per currency the account takes. */
export function stickerFaces(
  settings: Settings,
  payloads: ReadonlyArray<{ currency: Currency; payload: string }>,
  serials: readonly string[],
): StickerFace[] {
  const { merchant } = settings
  return serials.flatMap((serial) =>
    payloads.map(({ currency, payload }) => ({
      currency,
      payload,
      serial,
      merchantNameKm: merchant.merchantNameKm,
      merchantNameEn: merchant.merchantNameEn,
      account: merchant.bakongAccountId,
    })),
  )
}

/** The account with its last four characters set apart, so staff can check a sticker at a glance. */
export function accountMark(account: string): string {
  return `${account.slice(0, -4)}[${account.slice(-4)}]`
}

/**
 * Sticker faces on receipt paper (docs/security.md T1): a black band with KHQR and the currency
 * reversed out (printer text, not a picture of black), the currency in Khmer, the merchant name in
 * Khmer and English, the code, the account, how to pay, and the serial from the sticker register.
 */
export function stickerBlocks(faces: readonly StickerFace[], profile: PrinterProfile, ecc: 'M' | 'Q'): Block[] {
  const blocks: Block[] = []
  const bandSize = profile.paperDots >= 576 ? 3 : 2
  for (const face of faces) {
    const words = CURRENCY_WORDS[face.currency]
    blocks.push(
      { kind: 'band', text: `KHQR  ${words.code}`, size: bandSize },
      { kind: 'feed', dots: 12 },
      { kind: 'text', text: words.km, align: 'center', bold: true, size: 2 },
    )
    if (face.merchantNameKm)
      blocks.push({ kind: 'text', text: face.merchantNameKm, align: 'center', bold: true, size: 2 })
    blocks.push(
      { kind: 'text', text: face.merchantNameEn, align: 'center', bold: true, size: 2 },
      { kind: 'feed', dots: 8 },
      { kind: 'qr', payload: face.payload, ecc, moduleSize: profile.qrModule.sticker },
      { kind: 'text', text: accountMark(face.account), align: 'center', bold: true },
      { kind: 'text', text: SCAN_WORDS.km, align: 'center' },
      { kind: 'text', text: SCAN_WORDS.en, align: 'center' },
      { kind: 'text', text: `Sticker ${face.serial} ${words.code}`, align: 'center' },
      { kind: 'cut' },
    )
  }
  return blocks
}
