import { type Currency, formatMoney, formatRate, ownCurrencyAmount, quantityText } from '../../../shared/money/index.ts'
import type { KhqrRequestView, SaleLineView, SaleView, Settings, ShiftReport } from '../../../shared/views.ts'
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

/** Sen (hundredths of a riel, the settling unit) as riel with two decimals, by integer arithmetic. */
function senAsRiel(sen: number): string {
  const abs = Math.abs(sen)
  return `${sen < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

const TENDER_LABELS = {
  cash_usd: 'Cash USD',
  cash_khr: 'Cash KHR',
  khqr_usd: 'KHQR USD',
  khqr_khr: 'KHQR KHR',
} as const

export interface SlipContext {
  settings: Settings
  terminalLabel: string
  /** Shown on the slip; the shop's local time zone. */
  timeZone: string
}

export function paperTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(at)
}

function header(context: SlipContext): Block[] {
  const { settings } = context
  const blocks: Block[] = []
  if (settings.shopNameKm)
    blocks.push({ kind: 'text', text: settings.shopNameKm, align: 'center', bold: true, size: 2 })
  blocks.push({ kind: 'text', text: settings.shopNameEn, align: 'center', bold: true, size: 2 })
  for (const line of settings.shopAddress.split('\n').filter((text) => text.trim() !== ''))
    blocks.push({ kind: 'text', text: line, align: 'center' })
  if (settings.shopPhone) blocks.push({ kind: 'text', text: settings.shopPhone, align: 'center' })
  if (settings.vatTin) blocks.push({ kind: 'text', text: `VAT TIN ${settings.vatTin}`, align: 'center' })
  for (const line of settings.receiptHeader.split('\n').filter((text) => text.trim() !== ''))
    blocks.push({ kind: 'text', text: line, align: 'center' })
  if (settings.demo)
    blocks.push({ kind: 'text', text: '*** DEMO - NOT A TAX INVOICE ***', align: 'center', bold: true })
  return blocks
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
function lineBlocks(line: SaleLineView, name: string, saleCurrency: Currency): Block[] {
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
    blocks.push(
      { kind: 'pair', left: name, right: amount },
      { kind: 'text', text: `  ${howMany} @ ${unit}${line.priceOverridden ? ' (price changed)' : ''}` },
    )
  } else {
    blocks.push({ kind: 'pair', left: `${line.quantity > 1 ? `${howMany} x ` : ''}${name}`, right: amount })
    if (line.quantity > 1 || line.priceOverridden)
      blocks.push({ kind: 'text', text: `  @ ${unit}${line.priceOverridden ? ' (price changed)' : ''}` })
  }
  if (own) blocks.push({ kind: 'pair', left: '', right: `= ${money(line.gross)}` })
  return blocks
}

/**
 * A receipt (or refund slip) for a paid sale: header, number, time, terminal and cashier; each
 * line's name (Khmer or English as the shop chose), quantity, unit price and amount; discounts,
 * subtotal, VAT, the total in the sale currency and, as Cambodian tax invoices require, the
 * VAT-inclusive total in riel with the rate used; tenders with the KHQR reference (or UNVERIFIED
 * for a payment confirmed by hand); change in dollars and riel; the footer. A reprint says COPY.
 */
export function receiptBlocks(
  sale: SaleView,
  context: SlipContext,
  options: { copy: boolean; refundOfReceipt?: string | null; language: 'km' | 'en' },
): Block[] {
  const money = (amount: number) => paperMoney(amount, sale.currency)
  const blocks: Block[] = header(context)
  blocks.push({ kind: 'rule', double: true })
  if (options.copy) blocks.push({ kind: 'text', text: '*** COPY ***', align: 'center', bold: true, size: 2 })
  if (sale.kind === 'refund') {
    blocks.push({ kind: 'text', text: 'REFUND / CREDIT NOTE', align: 'center', bold: true, size: 2 })
    if (options.refundOfReceipt)
      blocks.push({ kind: 'text', text: `Refund of receipt ${options.refundOfReceipt}`, align: 'center' })
  }
  if (sale.voided) blocks.push({ kind: 'text', text: '*** VOIDED ***', align: 'center', bold: true, size: 2 })
  blocks.push(
    {
      kind: 'pair',
      left: `Receipt ${sale.receiptNo ?? '-'}`,
      right: paperTime(sale.completedAt ?? sale.openedAt, context.timeZone),
    },
    { kind: 'pair', left: `Terminal ${context.terminalLabel}`, right: `Cashier ${sale.cashier.name}` },
    { kind: 'rule' },
  )
  for (const line of sale.lines) {
    const name = options.language === 'km' && line.nameKm ? line.nameKm : line.nameEn
    blocks.push(...lineBlocks(line, name, sale.currency))
    if (line.lineDiscount > 0)
      blocks.push({
        kind: 'pair',
        left: `  Discount${line.discount?.kind === 'percent' ? ` ${percent(line.discount.basisPoints)}` : ''}`,
        right: money(-line.lineDiscount),
      })
  }
  blocks.push({ kind: 'rule' })
  const saleDiscount = sale.lines.reduce((sum, line) => sum + line.saleDiscountShare, 0)
  if (saleDiscount > 0)
    blocks.push({
      kind: 'pair',
      left: `Sale discount${sale.discount?.kind === 'percent' ? ` ${percent(sale.discount.basisPoints)}` : ''}`,
      right: money(-saleDiscount),
    })
  blocks.push({
    kind: 'pair',
    left: sale.taxInclusive ? 'Subtotal (VAT incl.)' : 'Subtotal',
    right: money(sale.totals.subtotal),
  })
  const rates = [...new Set(sale.lines.map((line) => line.vatRateBasisPoints))].sort((a, b) => b - a)
  blocks.push({
    kind: 'pair',
    left: `VAT ${rates.map(percent).join('/')}${sale.taxInclusive ? ' included' : ''}`,
    right: money(sale.totals.vatTotal),
  })
  blocks.push({
    kind: 'pair',
    left: sale.kind === 'refund' ? 'REFUND' : 'TOTAL',
    right: money(sale.totals.total),
    bold: true,
    size: 2,
  })
  blocks.push(
    { kind: 'pair', left: 'Total incl. VAT in KHR', right: paperMoney(sale.totals.totalKhr, 'KHR'), bold: true },
    { kind: 'pair', left: 'VAT in KHR', right: paperMoney(sale.totals.vatKhr, 'KHR') },
    { kind: 'text', text: `Rate ${formatRate(sale.khrPerUsd, 'en').replace('៛', '')} KHR` },
    { kind: 'rule' },
  )
  for (const tender of sale.tenders) {
    const currency = tender.kind.endsWith('usd') ? 'USD' : 'KHR'
    blocks.push({ kind: 'pair', left: TENDER_LABELS[tender.kind], right: paperMoney(tender.amount, currency) })
    if (tender.kind.startsWith('khqr') && sale.kind === 'sale') {
      const reference =
        tender.verified && tender.bakongHash ? `Ref ${tender.bakongHash.slice(0, 8)}` : 'UNVERIFIED (confirmed by hand)'
      blocks.push({ kind: 'text', text: `  ${reference}` })
    }
  }
  if (sale.payment.changeUsd > 0 || sale.payment.changeKhr > 0) {
    blocks.push({
      kind: 'pair',
      left: 'Change',
      right: [
        sale.payment.changeUsd > 0 ? paperMoney(sale.payment.changeUsd, 'USD') : null,
        sale.payment.changeKhr > 0 ? paperMoney(sale.payment.changeKhr, 'KHR') : null,
      ]
        .filter(Boolean)
        .join(' + '),
      bold: true,
    })
  }
  blocks.push({ kind: 'rule' })
  for (const line of context.settings.receiptFooter.split('\n').filter((text) => text.trim() !== ''))
    blocks.push({ kind: 'text', text: line, align: 'center' })
  blocks.push({ kind: 'cut' })
  return blocks
}

/** Bakong's answers during the shift; the problems stand out so an owner reading the Z report asks about them. */
function khqrCheckLines(checks: ShiftReport['khqrChecks']): Block[] {
  const problems = checks.mismatches + checks.notFound + checks.overPayments + checks.latePayments
  const lines: Block[] = [{ kind: 'pair', left: '  Verified by Bakong later', right: String(checks.verified) }]
  if (problems === 0) return lines
  const rows: [string, number][] = [
    ['  KHQR MISMATCH', checks.mismatches],
    ['  KHQR NOT FOUND AT BAKONG', checks.notFound],
    ['  KHQR PAID TWICE', checks.overPayments],
    ['  KHQR PAID LATE', checks.latePayments],
  ]
  for (const [left, count] of rows) if (count > 0) lines.push({ kind: 'pair', left, right: String(count), bold: true })
  lines.push({
    kind: 'pair',
    left: '  Still for a manager',
    right: String(checks.unresolved),
    bold: checks.unresolved > 0,
  })
  return lines
}

/** The X (mid-shift) or Z (closing) report on paper. */
export function shiftReportBlocks(report: ShiftReport, context: SlipContext): Block[] {
  const usd = (amount: number) => paperMoney(amount, 'USD')
  const khr = (amount: number) => paperMoney(amount, 'KHR')
  const blocks: Block[] = header(context)
  blocks.push(
    { kind: 'rule', double: true },
    {
      kind: 'text',
      text: `${report.kind} REPORT #${report.shift.number}`,
      align: 'center',
      bold: true,
      size: 2,
    },
    { kind: 'pair', left: 'Opened', right: paperTime(report.shift.openedAt, context.timeZone) },
    {
      kind: 'pair',
      left: report.kind === 'Z' ? 'Closed' : 'Printed',
      right: paperTime(report.shift.closedAt ?? report.generatedAt, context.timeZone),
    },
    { kind: 'pair', left: 'Terminal', right: context.terminalLabel },
    { kind: 'rule' },
    { kind: 'pair', left: `Sales (${report.sales.count})`, right: usd(report.sales.totalUsd) },
    { kind: 'pair', left: '', right: khr(report.sales.totalKhr) },
  )
  for (const [kind, label] of Object.entries(TENDER_LABELS) as [keyof typeof TENDER_LABELS, string][]) {
    const figures = report.tenders[kind]
    blocks.push({
      kind: 'pair',
      left: `  ${label} (${figures.count})`,
      right: paperMoney(figures.amount, kind.endsWith('usd') ? 'USD' : 'KHR'),
    })
  }
  blocks.push(
    { kind: 'pair', left: '  Change given', right: `${usd(report.changeGiven.usd)} + ${khr(report.changeGiven.khr)}` },
    { kind: 'pair', left: `Refunds (${report.refunds.count})`, right: usd(report.refunds.totalUsd) },
    { kind: 'pair', left: '', right: khr(report.refunds.totalKhr) },
    { kind: 'pair', left: `Voids (${report.voids.count})`, right: usd(report.voids.totalUsd) },
    { kind: 'pair', left: '', right: khr(report.voids.totalKhr) },
    { kind: 'pair', left: 'Discounts', right: `${usd(report.discounts.usd)} / ${khr(report.discounts.khr)}` },
    { kind: 'pair', left: 'VAT', right: `${usd(report.vat.usd)} / ${khr(report.vat.khr)}` },
    { kind: 'pair', left: 'Rounding kept (riel)', right: senAsRiel(report.roundingResidualSen) },
    { kind: 'pair', left: 'Cash in', right: `${usd(report.cashMovements.inUsd)} / ${khr(report.cashMovements.inKhr)}` },
    {
      kind: 'pair',
      left: 'Cash out',
      right: `${usd(report.cashMovements.outUsd)} / ${khr(report.cashMovements.outKhr)}`,
    },
    { kind: 'rule' },
    { kind: 'pair', left: 'Expected cash USD', right: usd(report.expectedCash.usd), bold: true },
    { kind: 'pair', left: 'Expected cash KHR', right: khr(report.expectedCash.khr), bold: true },
  )
  if (report.countedCash && report.variance) {
    blocks.push(
      { kind: 'pair', left: 'Counted USD', right: usd(report.countedCash.usd) },
      { kind: 'pair', left: 'Counted KHR', right: khr(report.countedCash.khr) },
      { kind: 'pair', left: 'Over/short USD', right: usd(report.variance.usd), bold: true },
      { kind: 'pair', left: 'Over/short KHR', right: khr(report.variance.khr), bold: true },
    )
  }
  blocks.push(
    { kind: 'rule' },
    { kind: 'pair', left: `KHQR confirmed by hand (${report.khqrManual.count})`, right: '' },
    {
      kind: 'pair',
      left: `  Unverified (${report.khqrManual.unverifiedCount})`,
      right: `${usd(report.khqrManual.unverifiedUsd)} / ${khr(report.khqrManual.unverifiedKhr)}`,
      bold: report.khqrManual.unverifiedCount > 0,
    },
    ...khqrCheckLines(report.khqrChecks),
    { kind: 'pair', left: 'Drawer opened without a sale', right: String(report.noSaleDrawerOpens) },
    { kind: 'pair', left: 'Receipt reprints', right: String(report.reprints) },
    { kind: 'cut' },
  )
  return blocks
}

/** A test page for a new printer: both fonts' widths, Khmer, a QR, the cut, and the profile it was printed with. */
export function testPageBlocks(context: SlipContext, profile: PrinterProfile, at: number): Block[] {
  return [
    ...header(context),
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
export function khqrBillBlocks(sale: SaleView, khqr: KhqrRequestView, context: SlipContext): Block[] {
  const money = (amount: number) => paperMoney(amount, sale.currency)
  const blocks: Block[] = header(context)
  blocks.push({ kind: 'rule', double: true }, { kind: 'text', text: 'BILL - PAY BY KHQR', align: 'center', bold: true })
  for (const line of sale.lines) {
    const own = ownCurrencyAmount(line, sale.currency)
    blocks.push({
      kind: 'pair',
      left: `${line.soldBy === 'weight' || line.quantity > 1 ? `${quantityText(line.quantity, line.soldBy, 'en')} x ` : ''}${line.nameEn}`,
      right: own ? `${paperMoney(own.amount, own.currency)} = ${money(line.amount)}` : money(line.amount),
    })
  }
  blocks.push(
    { kind: 'rule' },
    { kind: 'pair', left: 'TO PAY', right: paperMoney(khqr.amount, khqr.currency), bold: true, size: 2 },
    { kind: 'qr', payload: khqr.payload, ecc: 'M' },
    { kind: 'text', text: context.settings.merchant.merchantNameEn, align: 'center', bold: true },
    { kind: 'text', text: `Valid until ${paperTime(khqr.expiresAt, context.timeZone)}`, align: 'center' },
    { kind: 'cut' },
  )
  return blocks
}
