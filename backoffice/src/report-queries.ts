import type { Currency } from './report-rows.ts'
import type { SqlRunner, SqlValue } from './store/types.ts'

/**
 * The owner's report figures, each one query grouped in SQL over the indexed business day (sales
 * and refunds by day and terminal), so a month of a busy shop is read without a row reaching
 * JavaScript. Practice sales (demo = 1) never count. A sale counts on its shift's business day;
 * a void on its sale's; a refund on its own shift's. Riel figures are each document's own (its
 * total_khr at its own rate), never converted at today's rate.
 */

export interface ReportScope {
  from: string
  to: string
  terminalId: string | null
  /** Minutes east of UTC of the shop's clock, for the hour of day. */
  offsetMinutes: number
}

/** What sales, voids and refunds add up to, in one currency: amounts in its minor units and in riel. */
export interface Figures {
  sales: number
  grossMinor: number
  grossKhr: number
  vatMinor: number
  vatKhr: number
  voids: number
  voidedMinor: number
  voidedKhr: number
  voidedVatMinor: number
  voidedVatKhr: number
  refunds: number
  refundedMinor: number
  refundedKhr: number
  refundedVatMinor: number
  refundedVatKhr: number
}

export const CURRENCIES: readonly Currency[] = ['USD', 'KHR']

export function noFigures(): Figures {
  return {
    sales: 0,
    grossMinor: 0,
    grossKhr: 0,
    vatMinor: 0,
    vatKhr: 0,
    voids: 0,
    voidedMinor: 0,
    voidedKhr: 0,
    voidedVatMinor: 0,
    voidedVatKhr: 0,
    refunds: 0,
    refundedMinor: 0,
    refundedKhr: 0,
    refundedVatMinor: 0,
    refundedVatKhr: 0,
  }
}

/** Figures of each currency of a group (a day, a terminal, a cashier, or everything). */
export type CurrencyFigures = Record<Currency, Figures>

export function emptyCurrencyFigures(): CurrencyFigures {
  return { USD: noFigures(), KHR: noFigures() }
}

/** Net = sales − voids − refunds, in the currency and in riel; VAT likewise. */
export function netOf(figures: Figures): { minor: number; khr: number; vatMinor: number; vatKhr: number } {
  return {
    minor: figures.grossMinor - figures.voidedMinor - figures.refundedMinor,
    khr: figures.grossKhr - figures.voidedKhr - figures.refundedKhr,
    vatMinor: figures.vatMinor - figures.voidedVatMinor - figures.refundedVatMinor,
    vatKhr: figures.vatKhr - figures.voidedVatKhr - figures.refundedVatKhr,
  }
}

/** The riel figures of both currencies added up: the shop's whole business in one unit. */
export function inRiel(figures: CurrencyFigures): {
  grossKhr: number
  voidedKhr: number
  refundedKhr: number
  netKhr: number
  vatKhr: number
} {
  const usd = netOf(figures.USD)
  const khr = netOf(figures.KHR)
  return {
    grossKhr: figures.USD.grossKhr + figures.KHR.grossKhr,
    voidedKhr: figures.USD.voidedKhr + figures.KHR.voidedKhr,
    refundedKhr: figures.USD.refundedKhr + figures.KHR.refundedKhr,
    netKhr: usd.khr + khr.khr,
    vatKhr: usd.vatKhr + khr.vatKhr,
  }
}

/** `alias.business_day` within the period, not practice, and of the one terminal if chosen. */
export function scopeOf(alias: string, scope: ReportScope): { sql: string; params: SqlValue[] } {
  const terminal = scope.terminalId === null ? '' : ` AND ${alias}.terminal_id = ?`
  return {
    sql: `${alias}.business_day >= ? AND ${alias}.business_day <= ? AND ${alias}.demo = 0${terminal}`,
    params: scope.terminalId === null ? [scope.from, scope.to] : [scope.from, scope.to, scope.terminalId],
  }
}

/** One group of the period's documents: a business day, a terminal, a person and a currency. */
export interface FigureFact {
  day: string
  terminalId: string
  /** The cashier of the sales, or who gave the refunds; null when the terminal did not say. */
  person: string | null
  currency: Currency
  figures: Figures
}

const voided = (column: string) => `SUM(CASE WHEN s.void_id IS NULL THEN 0 ELSE ${column} END)`

/**
 * The period's sales, voids and refunds grouped once by business day, terminal, person and
 * currency: one read of the sales index and one of the refunds index, from which the totals, the
 * days (or months), the terminals and the cashiers are all added up.
 */
export async function figureFacts(db: SqlRunner, scope: ReportScope): Promise<FigureFact[]> {
  const sales = scopeOf('s', scope)
  const refunds = scopeOf('f', scope)
  const saleRows = await db.all<{
    day: string
    terminal_id: string
    person: string | null
    currency: Currency
    sales: number
    gross_minor: number
    gross_khr: number
    vat_minor: number
    vat_khr: number
    voids: number
    voided_minor: number
    voided_khr: number
    voided_vat_minor: number
    voided_vat_khr: number
  }>(
    `SELECT s.business_day AS day, s.terminal_id, s.cashier_id AS person, s.currency, COUNT(*) AS sales,
       SUM(s.total_minor) AS gross_minor, SUM(s.total_khr) AS gross_khr, SUM(s.vat_minor) AS vat_minor,
       SUM(s.vat_khr) AS vat_khr, ${voided('1')} AS voids, ${voided('s.total_minor')} AS voided_minor,
       ${voided('s.total_khr')} AS voided_khr, ${voided('s.vat_minor')} AS voided_vat_minor,
       ${voided('s.vat_khr')} AS voided_vat_khr
     FROM sales s WHERE ${sales.sql} GROUP BY s.business_day, s.terminal_id, s.currency, s.cashier_id`,
    sales.params,
  )
  const refundRows = await db.all<{
    day: string
    terminal_id: string
    person: string | null
    currency: Currency
    refunds: number
    refunded_minor: number
    refunded_khr: number
    refunded_vat_minor: number
    refunded_vat_khr: number
  }>(
    `SELECT f.business_day AS day, f.terminal_id, f.refunded_by AS person, f.currency, COUNT(*) AS refunds,
       SUM(f.total_minor) AS refunded_minor, SUM(COALESCE(f.total_khr, 0)) AS refunded_khr,
       SUM(COALESCE(f.vat_minor, 0)) AS refunded_vat_minor, SUM(COALESCE(f.vat_khr, 0)) AS refunded_vat_khr
     FROM refunds f WHERE ${refunds.sql} GROUP BY f.business_day, f.terminal_id, f.currency, f.refunded_by`,
    refunds.params,
  )
  const fact = (row: { day: string; terminal_id: string; person: string | null; currency: Currency }) => ({
    day: row.day,
    terminalId: row.terminal_id,
    person: row.person ?? null,
    currency: row.currency,
  })
  return [
    ...saleRows.map((row) => ({
      ...fact(row),
      figures: {
        ...noFigures(),
        sales: Number(row.sales),
        grossMinor: Number(row.gross_minor),
        grossKhr: Number(row.gross_khr),
        vatMinor: Number(row.vat_minor),
        vatKhr: Number(row.vat_khr),
        voids: Number(row.voids),
        voidedMinor: Number(row.voided_minor),
        voidedKhr: Number(row.voided_khr),
        voidedVatMinor: Number(row.voided_vat_minor),
        voidedVatKhr: Number(row.voided_vat_khr),
      },
    })),
    ...refundRows.map((row) => ({
      ...fact(row),
      figures: {
        ...noFigures(),
        refunds: Number(row.refunds),
        refundedMinor: Number(row.refunded_minor),
        refundedKhr: Number(row.refunded_khr),
        refundedVatMinor: Number(row.refunded_vat_minor),
        refundedVatKhr: Number(row.refunded_vat_khr),
      },
    })),
  ]
}

/** The facts added up by `keyOf` (a day, a month, a terminal, a person, or null for all), per currency. */
export function foldFacts(
  facts: readonly FigureFact[],
  keyOf: (fact: FigureFact) => string | null,
): Map<string | null, CurrencyFigures> {
  const groups = new Map<string | null, CurrencyFigures>()
  for (const fact of facts) {
    const key = keyOf(fact)
    let group = groups.get(key)
    if (!group) {
      group = emptyCurrencyFigures()
      groups.set(key, group)
    }
    const target = group[fact.currency]
    for (const name of Object.keys(target) as (keyof Figures)[]) target[name] += fact.figures[name]
  }
  return groups
}

export interface HourRow {
  hour: number
  sales: number
  usdMinor: number
  khrMinor: number
  totalKhr: number
}

/** Sales (not voided) by the hour of the shop's clock they were completed in; all 24 hours. */
export async function salesByHour(db: SqlRunner, scope: ReportScope): Promise<HourRow[]> {
  const where = scopeOf('s', scope)
  const rows = await db.all<{
    hour_of_day: number
    sales: number
    usd_minor: number
    khr_minor: number
    total_khr: number
  }>(
    `SELECT ((s.completed_at + CAST(? AS BIGINT)) / 3600000) % 24 AS hour_of_day, COUNT(*) AS sales,
       SUM(CASE WHEN s.currency = 'USD' THEN s.total_minor ELSE 0 END) AS usd_minor,
       SUM(CASE WHEN s.currency = 'KHR' THEN s.total_minor ELSE 0 END) AS khr_minor,
       SUM(s.total_khr) AS total_khr
     FROM sales s WHERE ${where.sql} AND s.void_id IS NULL GROUP BY hour_of_day`,
    [scope.offsetMinutes * 60_000, ...where.params],
  )
  const byHour = new Map(rows.map((row) => [Number(row.hour_of_day), row]))
  return Array.from({ length: 24 }, (_, hour) => {
    const row = byHour.get(hour)
    return {
      hour,
      sales: Number(row?.sales ?? 0),
      usdMinor: Number(row?.usd_minor ?? 0),
      khrMinor: Number(row?.khr_minor ?? 0),
      totalKhr: Number(row?.total_khr ?? 0),
    }
  })
}
