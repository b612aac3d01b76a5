import type { TenderKind } from '../../../shared/money/index.ts'
import type { OwnerReportView } from '../../../shared/owner-report.ts'
import { PosError } from '../errors.ts'
import type { SqliteDatabase } from './database.ts'

const DAY = /^\d{4}-\d{2}-\d{2}$/
const DAY_MS = 86_400_000
/** Ten years of days is more than any owner asks for at once. */
const MAX_DAYS = 3660

/** Each day from `from` to `to`, both included ("YYYY-MM-DD"). */
function daysBetween(from: string, to: string): string[] {
  const start = Date.parse(`${from}T00:00:00Z`)
  const end = Date.parse(`${to}T00:00:00Z`)
  const days: string[] = []
  for (let at = start; at <= end; at += DAY_MS) days.push(new Date(at).toISOString().slice(0, 10))
  return days
}

/**
 * The owner's report for a range of the shop's days, read from the report tables (a few thousand
 * rows for a year of a million sales), never from the sales themselves.
 */
export function ownerReport(db: SqliteDatabase, range: { from: string; to: string }): OwnerReportView {
  const valid = (day: string) => DAY.test(day) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day)
  if (!valid(range.from) || !valid(range.to) || range.from > range.to)
    throw new PosError(
      'report_range_invalid',
      `A report runs from one day to a later one (got ${range.from} to ${range.to}).`,
    )
  const days = daysBetween(range.from, range.to)
  if (days.length > MAX_DAYS) throw new PosError('report_range_invalid', `A report covers at most ${MAX_DAYS} days.`)
  const span = { from: range.from, to: range.to }
  const inRange = 'day BETWEEN @from AND @to'
  const currencies = db
    .prepare(
      `SELECT currency, sum(sales) AS sales, sum(sales_total) AS salesTotal, sum(refunds) AS refunds,
              sum(refunds_total) AS refundsTotal, sum(voids) AS voids, sum(voids_total) AS voidsTotal,
              sum(gross) AS gross, sum(discounts) AS discounts, sum(vat) AS vat, sum(plt) AS plt
       FROM report_sales WHERE ${inRange} GROUP BY currency ORDER BY currency DESC`,
    )
    .all(span) as Omit<OwnerReportView['currencies'][number], 'net'>[]
  const riel = db
    .prepare(
      `SELECT coalesce(sum(sales_khr), 0) AS sales, coalesce(sum(refunds_khr), 0) AS refunds, coalesce(sum(voids_khr), 0) AS voids,
              coalesce(sum(vat_khr), 0) AS vat, coalesce(sum(plt_khr), 0) AS plt
       FROM report_sales WHERE ${inRange}`,
    )
    .get(span) as Omit<OwnerReportView['inRiel'], 'net'>
  const net = 'sum(sales_khr - refunds_khr - voids_khr)'
  const byDay = new Map(
    (
      db
        .prepare(
          `SELECT day, sum(sales - voids) AS sales, ${net} AS netKhr FROM report_sales WHERE ${inRange} GROUP BY day`,
        )
        .all(span) as { day: string; sales: number; netKhr: number }[]
    ).map((row) => [row.day, row]),
  )
  const byHour = new Map(
    (
      db
        .prepare(
          `SELECT hour, sum(sales - voids) AS sales, ${net} AS netKhr FROM report_sales WHERE ${inRange} GROUP BY hour`,
        )
        .all(span) as { hour: number; sales: number; netKhr: number }[]
    ).map((row) => [row.hour, row]),
  )
  return {
    from: range.from,
    to: range.to,
    currencies: currencies.map((row) => ({ ...row, net: row.salesTotal - row.refundsTotal - row.voidsTotal })),
    inRiel: { ...riel, net: riel.sales - riel.refunds - riel.voids },
    days: days.map((day) => byDay.get(day) ?? { day, sales: 0, netKhr: 0 }),
    hours: Array.from({ length: 24 }, (_, hour) => byHour.get(hour) ?? { hour, sales: 0, netKhr: 0 }),
    tenders: db
      .prepare(
        `SELECT kind, sum(uses) AS uses, sum(amount) AS amount FROM report_tenders WHERE ${inRange} GROUP BY kind
         ORDER BY CASE kind WHEN 'cash_usd' THEN 1 WHEN 'cash_khr' THEN 2 WHEN 'khqr_usd' THEN 3 ELSE 4 END`,
      )
      .all(span) as { kind: TenderKind; uses: number; amount: number }[],
    products: db
      .prepare(
        `SELECT sku, max(name_en) AS nameEn, max(name_km) AS nameKm, max(sold_by) AS soldBy,
                sum(quantity) AS quantity, sum(amount_khr) AS amountKhr
         FROM report_products WHERE ${inRange} GROUP BY sku HAVING sum(quantity) <> 0 OR sum(amount_khr) <> 0
         ORDER BY amountKhr DESC, sku LIMIT 50`,
      )
      .all(span) as OwnerReportView['products'],
    categories: db
      .prepare(
        `SELECT p.category_id AS id, coalesce(c.name_en, '') AS nameEn, coalesce(c.name_km, '') AS nameKm,
                sum(p.amount_khr) AS amountKhr
         FROM report_products p LEFT JOIN categories c ON c.id = p.category_id
         WHERE p.${inRange} GROUP BY p.category_id ORDER BY amountKhr DESC`,
      )
      .all(span) as OwnerReportView['categories'],
    cashiers: db
      .prepare(
        `SELECT r.cashier_id AS id, coalesce(u.name, '') AS name, sum(r.sales) AS sales, sum(r.amount_khr) AS amountKhr
         FROM report_cashiers r LEFT JOIN users u ON u.id = r.cashier_id
         WHERE r.${inRange} GROUP BY r.cashier_id ORDER BY amountKhr DESC`,
      )
      .all(span) as OwnerReportView['cashiers'],
  }
}
