import { allocateProportionally, convert, MAX_AMOUNT, MoneyError } from '../../shared/money/index.ts'

/**
 * The rows the owner's reports group by, read from a `sale.completed` or `refund.created` payload:
 * its lines and the money that changed hands. A sale is never refused for these details (its
 * totals are what counts): a field the till does not send yet (names, categories, the cashier's
 * name) is left empty, and lines that are missing or unreadable become one "not itemised" line
 * carrying what the readable lines leave of the total, so the lines of a document always add up
 * to its total, in its currency and in riel.
 */

type Payload = Record<string, unknown>

export type Currency = 'USD' | 'KHR'

export interface LineRow {
  lineNo: number
  lineId: string | null
  productId: string | null
  /** '' for the "not itemised" remainder. */
  sku: string
  nameEn: string | null
  nameKm: string | null
  categoryId: string | null
  categoryEn: string | null
  categoryKm: string | null
  soldBy: 'count' | 'weight'
  /** Units, or grams when sold by weight. */
  quantity: number
  /** What the customer paid for the line (VAT included), in the document's currency. */
  totalMinor: number
  /** Its share of the document's riel total. */
  totalKhr: number
}

export interface RefundLineRow {
  lineNo: number
  refundOfLine: string | null
  sku: string
  soldBy: 'count' | 'weight'
  quantity: number
  totalMinor: number
  totalKhr: number
}

/** Money in (tendered) is positive; change given back and refunds paid out are negative. */
export interface PaymentRow {
  position: number
  method: string
  role: 'tendered' | 'change' | 'refunded'
  /** In the method's own currency (cash_usd and khqr_usd in cents, the others in riel). */
  amountMinor: number
  /** The same money in riel at the document's rate. */
  amountKhr: number
}

export interface SaleDetails {
  cashierId: string | null
  cashierName: string | null
  vatKhr: number
  lines: LineRow[]
  payments: PaymentRow[]
}

export interface RefundDetails {
  refundedBy: string | null
  vatMinor: number
  /** null when neither the refund nor its sale says the rate of a dollar refund. */
  totalKhr: number | null
  vatKhr: number | null
  lines: RefundLineRow[]
  payments: PaymentRow[]
}

const MAX_MONEY = MAX_AMOUNT

function isObject(value: unknown): value is Payload {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
function textOf(value: unknown, max = 200): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : null
}
function integerOf(value: unknown, min = -MAX_MONEY, max = MAX_MONEY): number | null {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max ? (value as number) : null
}

/** A tender kind's currency: the kinds end in their currency (cash_usd, khqr_khr). */
export function methodCurrency(method: string): Currency {
  return method.endsWith('_usd') ? 'USD' : 'KHR'
}

function toKhr(amount: number, currency: Currency, rate: number | null): number | null {
  if (currency === 'KHR') return amount
  return rate === null ? null : convert(amount, 'USD', 'KHR', rate)
}

/**
 * The document's riel total split over its lines in proportion to their totals (largest
 * remainder), so the lines' riel adds up to the document's exactly; converted line by line, with
 * the difference on the last, when a total is negative.
 */
function rielShares(totalKhr: number, totals: readonly number[], currency: Currency, rate: number | null): number[] {
  if (totals.length === 0) return []
  if (totals.every((total) => total >= 0)) return allocateProportionally(totalKhr, totals)
  const shares = totals.map((total) => toKhr(total, currency, rate) ?? 0)
  const last = shares.length - 1
  shares[last] = (shares[last] ?? 0) + totalKhr - shares.reduce((sum, share) => sum + share, 0)
  return shares
}

interface ReadLine {
  line: Payload
  soldBy: 'count' | 'weight'
  quantity: number
  totalMinor: number
}

/**
 * The readable lines: an object with an integer amount; the line's total includes its VAT (and its
 * public lighting tax) when the prices do not.
 */
function readLines(lines: unknown, taxInclusive: boolean): ReadLine[] {
  if (!Array.isArray(lines)) return []
  const read: ReadLine[] = []
  for (const line of lines) {
    if (!isObject(line)) continue
    const amount = integerOf(line.amount_minor)
    if (amount === null) continue
    const vat = integerOf(line.vat_minor) ?? 0
    const plt = integerOf(line.plt_minor) ?? 0
    read.push({
      line,
      soldBy: line.sold_by === 'weight' ? 'weight' : 'count',
      quantity: integerOf(line.qty, 0) ?? 0,
      totalMinor: taxInclusive ? amount : amount + vat + plt,
    })
  }
  return read
}

/** The lines plus, when they do not add up to the document's total, the "not itemised" remainder. */
function withRemainder(lines: ReadLine[], total: number): ReadLine[] {
  const itemised = lines.reduce((sum, line) => sum + line.totalMinor, 0)
  if (itemised === total) return lines
  const remainder = { line: { sku: '' }, soldBy: 'count' as const, quantity: 0 }
  if (!Number.isSafeInteger(itemised)) return [{ ...remainder, totalMinor: total }]
  return [...lines, { ...remainder, totalMinor: total - itemised }]
}

/**
 * Amounts beyond what the till can hold (only a hostile or broken payload has them) cannot be
 * split or converted exactly: the document then counts as one "not itemised" line.
 */
function orNotItemised<T>(read: () => T, notItemised: () => T): T {
  try {
    return read()
  } catch (error) {
    if (error instanceof MoneyError) return notItemised()
    throw error
  }
}

function category(line: Payload): { id: string | null; en: string | null; km: string | null } {
  const nested = isObject(line.category) ? line.category : null
  return {
    id: textOf(nested ? nested.id : line.category_id, 128),
    en: textOf(nested ? nested.name_en : line.category_name_en),
    km: textOf(nested ? nested.name_km : line.category_name_km),
  }
}

function paymentRows(
  tenders: unknown,
  given: readonly { method: string; amount: number }[],
  role: 'tendered' | 'refunded',
  rate: number | null,
): PaymentRow[] {
  const rows: PaymentRow[] = []
  // Money out is converted as the amount handed over, then signed: $0.50 of change is 2,050 riel either way.
  const add = (method: string, rowRole: PaymentRow['role'], amount: number) => {
    if (amount === 0) return
    const sign = rowRole === 'tendered' ? 1 : -1
    rows.push({
      position: rows.length + 1,
      method,
      role: rowRole,
      amountMinor: sign * amount,
      amountKhr: sign * (toKhr(amount, methodCurrency(method), rate) ?? 0),
    })
  }
  for (const tender of Array.isArray(tenders) ? tenders : []) {
    if (!isObject(tender)) continue
    const method = textOf(tender.method, 32)
    const amount = integerOf(tender.amount_minor, 0)
    if (method === null || amount === null) continue
    add(method, role, amount)
  }
  for (const change of given) add(change.method, 'change', change.amount)
  return rows
}

export interface SaleFigures {
  currency: Currency
  rate: number
  subtotal: number
  total: number
  vat: number
  totalKhr: number
}

const NOT_ITEMISED_LINE = {
  lineNo: 1,
  lineId: null,
  productId: null,
  sku: '',
  nameEn: null,
  nameKm: null,
  categoryId: null,
  categoryEn: null,
  categoryKm: null,
  soldBy: 'count',
  quantity: 0,
} as const

export function saleDetails(payload: Payload, sale: SaleFigures): SaleDetails {
  const totals = isObject(payload.totals) ? payload.totals : {}
  const change = isObject(payload.change) ? payload.change : {}
  const cashier = { cashierId: textOf(payload.cashier_id, 128), cashierName: textOf(payload.cashier_name) }
  const vatKhr =
    integerOf(totals.vat_khr) ??
    orNotItemised(
      () => toKhr(sale.vat, sale.currency, sale.rate) ?? 0,
      () => 0,
    )
  return orNotItemised(
    () => {
      const taxInclusive =
        typeof payload.tax_inclusive === 'boolean' ? payload.tax_inclusive : sale.total === sale.subtotal
      const lines = withRemainder(readLines(payload.lines, taxInclusive), sale.total)
      const riel = rielShares(
        sale.totalKhr,
        lines.map((line) => line.totalMinor),
        sale.currency,
        sale.rate,
      )
      return {
        ...cashier,
        vatKhr,
        lines: lines.map((read, index): LineRow => {
          const group = category(read.line)
          return {
            lineNo: index + 1,
            lineId: textOf(read.line.line_id, 128),
            productId: textOf(read.line.product_id, 128),
            sku: textOf(read.line.sku, 128) ?? '',
            nameEn: textOf(read.line.name_en),
            nameKm: textOf(read.line.name_km),
            categoryId: group.id,
            categoryEn: group.en,
            categoryKm: group.km,
            soldBy: read.soldBy,
            quantity: read.quantity,
            totalMinor: read.totalMinor,
            totalKhr: riel[index] ?? 0,
          }
        }),
        payments: paymentRows(
          payload.tenders,
          [
            { method: 'cash_usd', amount: integerOf(change.usd_minor, 0) ?? 0 },
            { method: 'cash_khr', amount: integerOf(change.khr, 0) ?? 0 },
          ],
          'tendered',
          sale.rate,
        ),
      }
    },
    () => ({
      ...cashier,
      vatKhr,
      lines: [{ ...NOT_ITEMISED_LINE, totalMinor: sale.total, totalKhr: sale.totalKhr }],
      payments: [],
    }),
  )
}

export interface RefundFigures {
  currency: Currency
  /** The refund's rate (the original sale's), else the sale's as stored here, else null. */
  rate: number | null
  total: number
}

export function refundDetails(payload: Payload, refund: RefundFigures): RefundDetails {
  const totals = isObject(payload.totals) ? payload.totals : {}
  const subtotal = integerOf(totals.subtotal_minor)
  const vatMinor = integerOf(totals.vat_minor) ?? 0
  const refundedBy = textOf(payload.refunded_by, 128)
  return orNotItemised(
    (): RefundDetails => {
      const totalKhr = toKhr(refund.total, refund.currency, refund.rate)
      const lines = withRemainder(readLines(payload.lines, subtotal === refund.total), refund.total)
      const riel =
        totalKhr === null
          ? lines.map(() => 0)
          : rielShares(
              totalKhr,
              lines.map((line) => line.totalMinor),
              refund.currency,
              refund.rate,
            )
      return {
        refundedBy,
        vatMinor,
        totalKhr,
        vatKhr: toKhr(vatMinor, refund.currency, refund.rate),
        lines: lines.map((read, index) => ({
          lineNo: index + 1,
          refundOfLine: textOf(read.line.refund_of_line, 128),
          sku: textOf(read.line.sku, 128) ?? '',
          soldBy: read.soldBy,
          quantity: read.quantity,
          totalMinor: read.totalMinor,
          totalKhr: riel[index] ?? 0,
        })),
        payments: paymentRows(payload.tenders, [], 'refunded', refund.rate),
      }
    },
    () => ({
      refundedBy,
      vatMinor,
      totalKhr: null,
      vatKhr: null,
      lines: [
        { lineNo: 1, refundOfLine: null, sku: '', soldBy: 'count', quantity: 0, totalMinor: refund.total, totalKhr: 0 },
      ],
      payments: [],
    }),
  )
}
