import { type Currency, formatMoney, ownCurrencyAmount, quantityText } from '../../../shared/money/index.ts'
import { type Bilingual, type PaperWord, paperLabel } from '../../../shared/paper-words.ts'
import { paperTime } from '../../../shared/shop-time.ts'
import type { KhqrRequestView, SaleView, Settings } from '../../../shared/views.ts'
import type { Block } from './document.ts'
import type { PrinterProfile } from './profiles.ts'
import { needsRaster } from './raster.ts'

/**
 * Native printer text is ASCII, so the riel sign (a Khmer character) is written as `KHR`; the
 * dollar stays `$`. Khmer text elsewhere is drawn as images.
 */
export function paperMoney(amount: number, currency: Currency): string {
  if (currency === 'USD') return formatMoney(amount, 'USD', 'en')
  const grouped = String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${amount < 0 ? '-' : ''}${grouped} KHR`
}

export interface SlipContext {
  settings: Settings
  terminalLabel: string
  /** Shown on the slip; the shop's local time zone. */
  timeZone: string
}

type PairOptions = { suffix?: string; bold?: boolean; size?: 1 | 2; indent?: boolean }

/** A label and its figure; on Khmer papers the label's Khmer words print above the line. */
export function labelledPair(
  word: PaperWord | Bilingual,
  language: 'km' | 'en',
  right: string,
  options: PairOptions = {},
): Extract<Block, { kind: 'pair' }> {
  const label = paperLabel(word, language)
  const indent = options.indent ? '  ' : ''
  return {
    kind: 'pair',
    left: `${indent}${label.en}${options.suffix ?? ''}`,
    ...(label.km ? { leftKm: `${indent}${label.km}` } : {}),
    right,
    ...(options.bold ? { bold: true } : {}),
    ...(options.size ? { size: options.size } : {}),
  }
}

/** A line of words (a title, a note); on Khmer papers the Khmer words print above the English. */
export function labelledText(
  word: PaperWord | Bilingual,
  language: 'km' | 'en',
  options: { align?: 'left' | 'center'; bold?: boolean; size?: 1 | 2; around?: (text: string) => string } = {},
): Extract<Block, { kind: 'text' }> {
  const label = paperLabel(word, language)
  const around = options.around ?? ((text: string) => text)
  return {
    kind: 'text',
    text: around(label.en),
    ...(label.km ? { km: around(label.km) } : {}),
    ...(options.align ? { align: options.align } : {}),
    ...(options.bold ? { bold: true } : {}),
    ...(options.size ? { size: options.size } : {}),
  }
}

/** The shop's name, address, phone and VAT TIN, and the shop's own header lines; DEMO while it is the demo. */
export function header(context: SlipContext, language: 'km' | 'en'): Block[] {
  const { settings } = context
  const blocks: Block[] = []
  if (settings.shopNameKm)
    blocks.push({ kind: 'text', text: settings.shopNameKm, align: 'center', bold: true, size: 2 })
  blocks.push({ kind: 'text', text: settings.shopNameEn, align: 'center', bold: true, size: 2 })
  for (const line of settings.shopAddress.split('\n').filter((text) => text.trim() !== ''))
    blocks.push({ kind: 'text', text: line, align: 'center' })
  if (settings.shopPhone) blocks.push({ kind: 'text', text: settings.shopPhone, align: 'center' })
  if (settings.vatTin) {
    const tin = labelledText('sellerTin', language, { align: 'center' })
    blocks.push({ ...tin, text: `${tin.text} ${settings.vatTin}` })
  }
  for (const line of settings.receiptHeader.split('\n').filter((text) => text.trim() !== ''))
    blocks.push({ kind: 'text', text: line, align: 'center' })
  if (settings.demo)
    blocks.push(labelledText('demo', language, { align: 'center', bold: true, around: (text) => `*** ${text} ***` }))
  return blocks
}

/** A test page for a new printer: both fonts' widths, Khmer, a QR, the cut, and the profile it was printed with. */
export function testPageBlocks(context: SlipContext, profile: PrinterProfile, at: number): Block[] {
  return [
    ...header(context, context.settings.receiptLanguage),
    { kind: 'text', text: 'PRINTER TEST PAGE', align: 'center', bold: true, size: 2 },
    { kind: 'text', text: profile.name, align: 'center' },
    { kind: 'text', text: paperTime(at, context.timeZone), align: 'center' },
    { kind: 'rule' },
    { kind: 'text', text: '0123456789'.repeat(Math.ceil(profile.columns.A / 10)).slice(0, profile.columns.A) },
    { kind: 'pair', left: 'Left', right: 'Right' },
    { kind: 'text', text: 'ព្រះរាជាណាចក្រកម្ពុជា ជាតិ សាសនា ព្រះមហាក្សត្រ', align: 'center' },
    { kind: 'qr', payload: `TEST ${context.terminalLabel} ${profile.id}`, ecc: 'M' },
    { kind: 'text', text: 'If the QR scans and the Khmer line is whole, this printer is ready.', align: 'center' },
    { kind: 'cut' },
  ]
}

/**
 * A bill with the sale's own KHQR, for a counter without a customer display: the exact QR string
 * stored with the sale (never rebuilt), the amount, and until when it can be paid.
 */
export function khqrBillBlocks(
  sale: SaleView,
  khqr: KhqrRequestView,
  context: SlipContext,
  language: 'km' | 'en',
): Block[] {
  const money = (amount: number) => paperMoney(amount, sale.currency)
  const blocks: Block[] = header(context, language)
  blocks.push({ kind: 'rule', double: true }, labelledText('bill', language, { align: 'center', bold: true }))
  for (const line of sale.lines) {
    const own = ownCurrencyAmount(line, sale.currency)
    const name = language === 'km' && line.nameKm ? line.nameKm : line.nameEn
    const howMany =
      line.soldBy === 'weight' || line.quantity > 1 ? `${quantityText(line.quantity, line.soldBy, 'en')} x ` : ''
    const figure = own ? `${paperMoney(own.amount, own.currency)} = ${money(line.amount)}` : money(line.amount)
    if (needsRaster(name))
      blocks.push({ kind: 'text', text: name }, { kind: 'pair', left: howMany ? `  ${howMany}` : '', right: figure })
    else blocks.push({ kind: 'pair', left: `${howMany}${name}`, right: figure })
  }
  const merchantName = language === 'km' && context.settings.merchant.merchantNameKm
  blocks.push(
    { kind: 'rule' },
    labelledPair('toPay', language, paperMoney(khqr.amount, khqr.currency), { bold: true, size: 2 }),
    { kind: 'qr', payload: khqr.payload, ecc: 'M' },
  )
  if (merchantName) blocks.push({ kind: 'text', text: merchantName, align: 'center', bold: true })
  blocks.push(
    { kind: 'text', text: context.settings.merchant.merchantNameEn, align: 'center', bold: true },
    labelledPair('validUntil', language, paperTime(khqr.expiresAt, context.timeZone)),
    { kind: 'cut' },
  )
  return blocks
}
