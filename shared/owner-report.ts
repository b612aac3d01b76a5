import type { Currency, TenderKind } from './money/index.ts'

/**
 * The owner's report on the till for a range of the shop's days (both ends included): the same
 * figures as the X and Z reports, summed over days, with what sold, when, how it was paid and who
 * sold it. Riel figures ("…Khr") are each document at its own rate, never today's.
 */
export interface OwnerReportView {
  from: string
  to: string
  /** Per currency of sale: sales, refunds and voids with their totals; net = sales − refunds − voids. */
  currencies: {
    currency: Currency
    sales: number
    salesTotal: number
    refunds: number
    refundsTotal: number
    voids: number
    voidsTotal: number
    net: number
    gross: number
    discounts: number
    vat: number
    plt: number
  }[]
  /** All currencies together, in riel at each document's rate. */
  inRiel: { sales: number; refunds: number; voids: number; net: number; vat: number; plt: number }
  /** Every day of the range, in order, with its sales (less voids) and net in riel. */
  days: { day: string; sales: number; netKhr: number }[]
  /** Hours of the day 0–23. */
  hours: { hour: number; sales: number; netKhr: number }[]
  /** Money that changed hands per kind: taken, less change, refunds and voids given back. */
  tenders: { kind: TenderKind; uses: number; amount: number }[]
  /** Best sellers first (net riel), the first 50; quantities in units, or grams when sold by weight. */
  products: {
    sku: string
    nameEn: string
    nameKm: string
    soldBy: 'count' | 'weight'
    quantity: number
    amountKhr: number
  }[]
  categories: { id: string | null; nameEn: string; nameKm: string; amountKhr: number }[]
  cashiers: { id: string; name: string; sales: number; amountKhr: number }[]
}
