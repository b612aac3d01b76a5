import type { Catalog } from './catalog.ts'
import type { LedgerContext } from './context.ts'
import type { ReportFacts } from './report-facts.ts'
import { KhqrSales } from './sales/khqr-sales.ts'
import { SaleReturns } from './sales/returns.ts'
import { RingUp } from './sales/ring-up.ts'
import { SaleRecords } from './sales/sale-records.ts'
import { SaleTenders } from './sales/tenders.ts'
import type { SettingsStore } from './settings.ts'
import type { Shifts } from './shifts.ts'

export type { Actor, KhqrRequestRecord } from './sales/sale-rows.ts'

const RECORDS = ['current', 'get', 'list', 'held', 'expireKhqr', 'nextKhqrExpiry'] as const
const RING_UP = [
  'addProduct',
  'addBarcode',
  'setQuantity',
  'removeLine',
  'setLineDiscount',
  'setSaleDiscount',
  'overridePrice',
  'setCurrency',
  'setBuyer',
  'hold',
  'recall',
  'cancel',
] as const
const TENDERS = ['completeWithoutPayment', 'payCash'] as const
const KHQR = [
  'startKhqr',
  'cancelKhqr',
  'confirmKhqrByHand',
  'khqrRequest',
  'saleOfBakongHash',
  'verifyManualKhqr',
  'recordBakongPayment',
] as const
const RETURNS = ['void', 'refund', 'quoteRefund'] as const

/** Puts `source`'s methods `names` on `target`, bound to `source`. */
function delegate<T extends object>(target: object, source: T, names: readonly (keyof T)[]): void {
  for (const name of names) {
    const method = source[name] as (...args: unknown[]) => unknown
    Object.defineProperty(target, name, { value: method.bind(source), enumerable: true })
  }
}

// The one face of the sales to the rest of the engine: the methods of its parts, by job.
export interface Sales
  extends Pick<SaleRecords, (typeof RECORDS)[number]>,
    Pick<RingUp, (typeof RING_UP)[number]>,
    Pick<SaleTenders, (typeof TENDERS)[number]>,
    Pick<KhqrSales, (typeof KHQR)[number]>,
    Pick<SaleReturns, (typeof RETURNS)[number]> {}

/**
 * Sales from the first scanned item to the paid, numbered document; voids and refunds as new
 * linked records. A sale being rung up is a draft, saved on every change so a restart loses
 * nothing; once paid, triggers make it read-only. Completing a sale is one transaction: the
 * receipt number, totals, tenders, audit entry and `sale.completed` event commit together.
 *
 * It is made of one part per job (electron/core/ledger/sales/): the records and their views,
 * ringing up, tenders and completion, the KHQR, and voids and refunds.
 */
export class Sales {
  constructor(context: LedgerContext, catalog: Catalog, settings: SettingsStore, shifts: Shifts, facts: ReportFacts) {
    const records = new SaleRecords(context, settings, facts)
    const tenders = new SaleTenders(context, records)
    delegate(this, records, RECORDS)
    delegate(this, new RingUp(context, catalog, settings, shifts, records), RING_UP)
    delegate(this, tenders, TENDERS)
    delegate(this, new KhqrSales(context, settings, records, tenders), KHQR)
    delegate(this, new SaleReturns(context, shifts, records), RETURNS)
  }
}
