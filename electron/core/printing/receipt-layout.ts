import { type Currency, formatRate, ownCurrencyAmount, quantityText } from '../../../shared/money/index.ts'
import type { PaperWord } from '../../../shared/paper-words.ts'
import { paperTime } from '../../../shared/shop-time.ts'
import type { SaleLineView, SaleView, TenderView } from '../../../shared/views.ts'
import type { Block } from './document.ts'
import { header, labelledPair, labelledText, paperMoney, type SlipContext } from './layouts.ts'
import { needsRaster } from './raster.ts'

type Language = 'km' | 'en'

const TENDER_WORDS: Record<TenderView['kind'], PaperWord> = {
  cash_usd: 'cashUsd',
  cash_khr: 'cashKhr',
  khqr_usd: 'khqrUsd',
  khqr_khr: 'khqrKhr',
}

function percent(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100)
  const rest = basisPoints % 100
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`
}

/**
 * One sold line: its name and amount, and the unit price beneath when more than one was bought. A
 * product priced in the other currency (៛8,000 in a dollar sale) shows its own figures, as on its
 * tile, with what it counts for in the sale's currency beneath.
 */
function lineBlocks(line: SaleLineView, name: string, saleCurrency: Currency, language: Language): Block[] {
  const own = ownCurrencyAmount(line, saleCurrency)
  const money = (amount: number) => paperMoney(amount, saleCurrency)
  const byWeight = line.soldBy === 'weight'
  const unit = `${own ? paperMoney(line.listPrice, own.currency) : money(line.unitPrice)}${byWeight ? '/kg' : ''}`
  const amount = own ? paperMoney(own.amount, own.currency) : money(line.gross)
  const changed = line.priceOverridden ? ' *' : ''
  const howMany = quantityText(line.quantity, line.soldBy, 'en')
  const blocks: Block[] = []
  if (needsRaster(name)) {
    blocks.push({ kind: 'text', text: name }, { kind: 'pair', left: `  ${howMany} x ${unit}${changed}`, right: amount })
  } else if (byWeight) {
    blocks.push({ kind: 'pair', left: name, right: amount }, { kind: 'text', text: `  ${howMany} @ ${unit}${changed}` })
  } else {
    blocks.push({ kind: 'pair', left: `${line.quantity > 1 ? `${howMany} x ` : ''}${name}`, right: amount })
    if (line.quantity > 1 || line.priceOverridden) blocks.push({ kind: 'text', text: `  @ ${unit}${changed}` })
  }
  if (own) blocks.push({ kind: 'pair', left: '', right: `= ${money(line.gross)}` })
  // A price a manager changed is marked * and said in words once, under the line.
  if (line.priceOverridden) blocks.push(labelledText('priceChanged', language, { around: (text) => `  * ${text}` }))
  return blocks
}

/** What the paper is: a VAT invoice or credit note (the shop has a VAT TIN), else a receipt or refund slip. */
function titleWord(sale: SaleView): PaperWord {
  if (sale.kind === 'refund') return sale.invoice ? 'creditNote' : 'refundSlip'
  return sale.invoice ? 'taxInvoice' : 'receipt'
}

/**
 * A receipt for a paid sale, or its refund slip. With the shop's VAT TIN it is a VAT invoice
 * (Prakas 723): its own sequential number, the seller's TIN, the business customer's name and TIN
 * when given, the amount before tax and each tax on its own line, the total in riel with the rate
 * used; its refund is a credit note that names the invoice it corrects, at that invoice's rate.
 * Without a TIN it is a receipt (a commercial invoice), which still shows the riel total. On Khmer
 * papers every label is Khmer with the English beside it (Instruction 1127); the English paper
 * stays English. A reprint says COPY; a void slip says VOIDED.
 */
export function receiptBlocks(
  sale: SaleView,
  context: SlipContext,
  options: {
    copy: boolean
    language: Language
    /** For a refund: the number of what it refunds (the invoice number for a credit note). */
    refundOf?: string | null
  },
): Block[] {
  const { language } = options
  const pair = (word: PaperWord, right: string, more: Parameters<typeof labelledPair>[3] = {}) =>
    labelledPair(word, language, right, more)
  const money = (amount: number) => paperMoney(amount, sale.currency)
  const blocks: Block[] = header(context, language)
  if (sale.invoice && sale.invoice.sellerTin !== context.settings.vatTin)
    // The TIN the document was issued under, when the shop's has changed since.
    blocks.push(pair('sellerTin', sale.invoice.sellerTin))
  blocks.push(
    { kind: 'rule', double: true },
    labelledText(titleWord(sale), language, { align: 'center', bold: true, size: 2 }),
  )
  if (options.copy) blocks.push(labelledText('copy', language, { align: 'center', bold: true, around: stars }))
  if (sale.voided)
    blocks.push(labelledText('voided', language, { align: 'center', bold: true, size: 2, around: stars }))
  if (sale.kind === 'refund' && options.refundOf) blocks.push(pair('refundOf', options.refundOf))
  if (sale.invoice) blocks.push(pair(sale.kind === 'refund' ? 'creditNoteNo' : 'invoiceNo', sale.invoice.number))
  blocks.push(
    pair('receiptNo', sale.receiptNo ?? '-'),
    pair('date', paperTime(sale.completedAt ?? sale.openedAt, context.timeZone)),
    pair('terminal', context.terminalLabel),
    pair('cashier', sale.cashier.name),
  )
  if (sale.buyer) {
    blocks.push(pair('buyer', ''), { kind: 'text', text: `  ${sale.buyer.name}` })
    if (sale.buyer.tin) blocks.push(pair('buyerTin', sale.buyer.tin))
  }
  blocks.push({ kind: 'rule' })
  for (const line of sale.lines) {
    const name = language === 'km' && line.nameKm ? line.nameKm : line.nameEn
    blocks.push(...lineBlocks(line, name, sale.currency, language))
    if (line.lineDiscount > 0)
      blocks.push(
        pair('discount', money(-line.lineDiscount), {
          indent: true,
          suffix: line.discount?.kind === 'percent' ? ` ${percent(line.discount.basisPoints)}` : '',
        }),
      )
  }
  blocks.push({ kind: 'rule' }, ...totalBlocks(sale, language, money), { kind: 'rule' })
  blocks.push(...tenderBlocks(sale, language))
  blocks.push({ kind: 'rule' })
  for (const line of context.settings.receiptFooter.split('\n').filter((text) => text.trim() !== ''))
    blocks.push({ kind: 'text', text: line, align: 'center' })
  blocks.push({ kind: 'cut' })
  return blocks
}

const stars = (text: string) => `*** ${text} ***`

/**
 * Discount, the amount before tax, each tax, the total; then the riel total and VAT with the rate.
 * A VAT invoice always states the amount before tax, whether the shop's prices include VAT or not.
 */
function totalBlocks(sale: SaleView, language: Language, money: (amount: number) => string): Block[] {
  const pair = (word: PaperWord, right: string, more: Parameters<typeof labelledPair>[3] = {}) =>
    labelledPair(word, language, right, more)
  const blocks: Block[] = []
  const saleDiscount = sale.lines.reduce((sum, line) => sum + line.saleDiscountShare, 0)
  if (saleDiscount > 0)
    blocks.push(
      pair('saleDiscount', money(-saleDiscount), {
        suffix: sale.discount?.kind === 'percent' ? ` ${percent(sale.discount.basisPoints)}` : '',
      }),
    )
  const { totals } = sale
  const rates = [...new Set(sale.lines.map((line) => line.vatRateBasisPoints))].sort((a, b) => b - a)
  const vatSuffix = ` ${rates.map(percent).join('/')}`
  // The public lighting tax on its own line, before VAT (which is charged on it too).
  const plt = totals.pltTotal > 0 ? [pair('publicLightingTax', money(totals.pltTotal))] : []
  if (sale.invoice) {
    blocks.push(
      pair('subtotalBeforeTax', money(totals.total - totals.vatTotal - totals.pltTotal)),
      ...plt,
      pair('vat', money(totals.vatTotal), { suffix: vatSuffix }),
    )
  } else {
    blocks.push(
      pair(sale.taxInclusive ? 'subtotalInclusive' : 'subtotal', money(totals.subtotal)),
      ...plt,
      pair(sale.taxInclusive ? 'vatIncluded' : 'vat', money(totals.vatTotal), { suffix: vatSuffix }),
    )
  }
  blocks.push(
    pair(sale.kind === 'refund' ? 'refundTotal' : 'total', money(totals.total), { bold: true, size: 2 }),
    pair('totalKhr', paperMoney(totals.totalKhr, 'KHR'), { bold: true }),
    pair('vatKhr', paperMoney(totals.vatKhr, 'KHR')),
    pair('rate', `${formatRate(sale.khrPerUsd, 'en').replace('៛', '')} KHR`),
  )
  return blocks
}

/** How it was paid (a KHQR with its Bakong reference, or UNVERIFIED when confirmed by hand), and the change. */
function tenderBlocks(sale: SaleView, language: Language): Block[] {
  const blocks: Block[] = []
  for (const tender of sale.tenders) {
    const currency = tender.kind.endsWith('usd') ? 'USD' : 'KHR'
    blocks.push(labelledPair(TENDER_WORDS[tender.kind], language, paperMoney(tender.amount, currency)))
    if (tender.kind.startsWith('khqr') && sale.kind === 'sale') {
      blocks.push(
        tender.verified && tender.bakongHash
          ? labelledPair('bakongRef', language, tender.bakongHash.slice(0, 8), { indent: true })
          : labelledText('unverified', language, { around: (text) => `  ${text}` }),
      )
    }
  }
  if (sale.payment.changeUsd > 0 || sale.payment.changeKhr > 0) {
    const change = [
      sale.payment.changeUsd > 0 ? paperMoney(sale.payment.changeUsd, 'USD') : null,
      sale.payment.changeKhr > 0 ? paperMoney(sale.payment.changeKhr, 'KHR') : null,
    ]
      .filter(Boolean)
      .join(' + ')
    blocks.push(labelledPair('change', language, change, { bold: true }))
  }
  return blocks
}
