import { shopDay, shopHour } from '../../../shared/shop-time.ts'
import type { SqliteDatabase } from './database.ts'

const SALES_COLUMNS = [
  'sales',
  'sales_total',
  'sales_khr',
  'gross',
  'discounts',
  'refunds',
  'refunds_total',
  'refunds_khr',
  'voids',
  'voids_total',
  'voids_khr',
  'vat',
  'vat_khr',
  'plt',
  'plt_khr',
] as const

type SalesColumn = (typeof SALES_COLUMNS)[number]

/** Adds to a day's row what each kind of document brings (columns left out add nothing). */
const addTo = (columns: readonly string[]) =>
  columns.map((column) => `${column} = ${column} + excluded.${column}`).join(', ')

/**
 * One statement per kind of document: what it adds to (or takes from) its day and hour, read from
 * the document's own row. `s` is the sale, or for a void the voided sale.
 */
const SALES_EXPRESSIONS: Record<'sale' | 'refund' | 'void', Partial<Record<SalesColumn, string>>> = {
  sale: {
    sales: '1',
    sales_total: 's.total',
    sales_khr: 's.total_khr',
    gross: 's.gross_total',
    discounts: 's.discount_total',
    vat: 's.vat_total',
    vat_khr: 's.vat_khr',
    plt: 'coalesce(s.plt_total, 0)',
    plt_khr: 'coalesce(s.plt_khr, 0)',
  },
  refund: {
    refunds: '1',
    refunds_total: 's.total',
    refunds_khr: 's.total_khr',
    vat: '-s.vat_total',
    vat_khr: '-s.vat_khr',
    plt: '-coalesce(s.plt_total, 0)',
    plt_khr: '-coalesce(s.plt_khr, 0)',
  },
  void: {
    voids: '1',
    voids_total: 's.total',
    voids_khr: 's.total_khr',
    gross: '-s.gross_total',
    discounts: '-s.discount_total',
    vat: '-s.vat_total',
    vat_khr: '-s.vat_khr',
    plt: '-coalesce(s.plt_total, 0)',
    plt_khr: '-coalesce(s.plt_khr, 0)',
  },
}

/** An amount of a line in riel at its sale's rate, in integers (half up; amounts are never negative). */
const lineKhr = "CASE s.currency WHEN 'KHR' THEN l.amount ELSE (l.amount * s.khr_per_usd + 50) / 100 END"

export type ReportDocument = 'sale' | 'refund' | 'void'

/**
 * Keeps the report tables (migration 14) as documents are paid and voided, in the same transaction
 * as the document, and builds them whole from the ledger (an older database, a bulk import). The
 * shop's day and hour of a document are read in its time zone when it is written.
 */
export class ReportFacts {
  private readonly db: SqliteDatabase
  private readonly statements

  constructor(db: SqliteDatabase) {
    this.db = db
    const sales = (kind: ReportDocument) => {
      const expressions = SALES_EXPRESSIONS[kind]
      const columns = SALES_COLUMNS.filter((column) => expressions[column] !== undefined)
      return db.prepare(
        `INSERT INTO report_sales (day, hour, currency, ${columns.join(', ')})
         SELECT @day, @hour, s.currency, ${columns.map((column) => expressions[column]).join(', ')}
         FROM sales s WHERE s.id = @sale
         ON CONFLICT (day, hour, currency) DO UPDATE SET ${addTo(columns)}`,
      )
    }
    this.statements = {
      sales: { sale: sales('sale'), refund: sales('refund'), void: sales('void') },
      // Money that changed hands: what was taken, less change given back (a sale); given back (a
      // refund); or handed back when a sale was voided (its tenders, less its change).
      tenders: db.prepare(
        `INSERT INTO report_tenders (day, kind, uses, amount)
         SELECT @day, kind, sum(uses), sum(amount) FROM (
           SELECT t.kind, @sign AS uses, @sign * t.amount AS amount FROM sale_tenders t WHERE t.sale_id = @sale
           UNION ALL SELECT 'cash_usd', 0, -@sign * coalesce(s.change_usd, 0) FROM sales s WHERE s.id = @sale AND coalesce(s.change_usd, 0) <> 0
           UNION ALL SELECT 'cash_khr', 0, -@sign * coalesce(s.change_khr, 0) FROM sales s WHERE s.id = @sale AND coalesce(s.change_khr, 0) <> 0
         ) GROUP BY kind
         ON CONFLICT (day, kind) DO UPDATE SET ${addTo(['uses', 'amount'])}`,
      ),
      products: db.prepare(
        `INSERT INTO report_products (day, sku, name_en, name_km, category_id, sold_by, quantity, amount_khr)
         SELECT @day, l.sku, max(l.name_en), max(l.name_km), max(p.category_id), max(l.sold_by),
                @sign * sum(l.quantity), @sign * sum(${lineKhr})
         FROM sale_lines l JOIN sales s ON s.id = l.sale_id LEFT JOIN products p ON p.id = l.product_id
         WHERE l.sale_id = @sale GROUP BY l.sku
         ON CONFLICT (day, sku) DO UPDATE SET name_en = excluded.name_en, name_km = excluded.name_km,
           category_id = coalesce(excluded.category_id, category_id), ${addTo(['quantity', 'amount_khr'])}`,
      ),
      cashiers: db.prepare(
        `INSERT INTO report_cashiers (day, cashier_id, sales, amount_khr)
         SELECT @day, @cashier, @count, @sign * s.total_khr FROM sales s WHERE s.id = @sale
         ON CONFLICT (day, cashier_id) DO UPDATE SET ${addTo(['sales', 'amount_khr'])}`,
      ),
      sale: db.prepare('SELECT cashier_id, kind FROM sales WHERE id = ?'),
    }
  }

  /**
   * A paid sale or refund, or a void, on the day and hour it happened in the shop's time zone
   * (`by`: who made the void, whose figures it takes from; the sale's cashier otherwise).
   */
  record(kind: ReportDocument, saleId: string, at: number, timeZone: string, by?: string): void {
    const day = shopDay(at, timeZone)
    const hour = shopHour(at, timeZone)
    const sale = this.statements.sale.get(saleId) as { cashier_id: string; kind: string } | undefined
    if (!sale) return
    const sign = kind === 'sale' ? 1 : -1
    const where = { day, sale: saleId }
    this.statements.sales[kind].run({ ...where, hour })
    this.statements.tenders.run({ ...where, sign })
    this.statements.products.run({ ...where, sign })
    this.statements.cashiers.run({
      ...where,
      sign,
      cashier: kind === 'void' ? (by ?? sale.cashier_id) : sale.cashier_id,
      count: kind === 'refund' ? 0 : sign,
    })
  }

  /**
   * Builds the report tables whole from the ledger: every paid sale and refund that is not a demo
   * practice, and every void, on its day at a fixed offset from UTC (the shop's now: Cambodia has no
   * summer time). For a database from before the reports, or rows written in bulk.
   */
  rebuild(offsetMinutes: number): void {
    const shift = offsetMinutes * 60
    const dayOf = (at: string) => `date(${at} / 1000 + ${shift}, 'unixepoch')`
    const hourOf = (at: string) => `CAST(strftime('%H', ${at} / 1000 + ${shift}, 'unixepoch') AS INTEGER)`
    const real = "s.state = 'paid' AND s.id NOT IN (SELECT sale_id FROM practice_sales)"
    // Each document once: a sale or refund at its completion, a void at the void.
    const documents = `
      SELECT s.id AS sale, CASE s.kind WHEN 'sale' THEN 'sale' ELSE 'refund' END AS doc, s.completed_at AS at, s.cashier_id AS cashier
      FROM sales s WHERE ${real}
      UNION ALL
      SELECT s.id, 'void', v.at, v.user_id FROM sale_voids v JOIN sales s ON s.id = v.sale_id WHERE ${real}`
    this.db.transaction(() => {
      for (const table of ['report_sales', 'report_tenders', 'report_products', 'report_cashiers'])
        this.db.prepare(`DELETE FROM ${table}`).run()
      for (const kind of ['sale', 'refund', 'void'] as const) {
        const expressions = SALES_EXPRESSIONS[kind]
        const columns = SALES_COLUMNS.filter((column) => expressions[column] !== undefined)
        this.db
          .prepare(
            `INSERT INTO report_sales (day, hour, currency, ${columns.join(', ')})
             SELECT ${dayOf('d.at')}, ${hourOf('d.at')}, s.currency, ${columns.map((column) => `sum(${expressions[column]})`).join(', ')}
             FROM (${documents}) d JOIN sales s ON s.id = d.sale WHERE d.doc = '${kind}'
             GROUP BY 1, 2, 3
             ON CONFLICT (day, hour, currency) DO UPDATE SET ${addTo(columns)}`,
          )
          .run()
      }
      const sign = "CASE d.doc WHEN 'sale' THEN 1 ELSE -1 END"
      this.db
        .prepare(
          `INSERT INTO report_tenders (day, kind, uses, amount)
           SELECT day, kind, sum(uses), sum(amount) FROM (
             SELECT ${dayOf('d.at')} AS day, t.kind, ${sign} AS uses, ${sign} * t.amount AS amount
             FROM (${documents}) d JOIN sale_tenders t ON t.sale_id = d.sale
             UNION ALL
             SELECT ${dayOf('d.at')}, 'cash_usd', 0, -${sign} * s.change_usd FROM (${documents}) d JOIN sales s ON s.id = d.sale
             WHERE coalesce(s.change_usd, 0) <> 0
             UNION ALL
             SELECT ${dayOf('d.at')}, 'cash_khr', 0, -${sign} * s.change_khr FROM (${documents}) d JOIN sales s ON s.id = d.sale
             WHERE coalesce(s.change_khr, 0) <> 0
           ) GROUP BY day, kind`,
        )
        .run()
      this.db
        .prepare(
          `INSERT INTO report_products (day, sku, name_en, name_km, category_id, sold_by, quantity, amount_khr)
           SELECT ${dayOf('d.at')}, l.sku, max(l.name_en), max(l.name_km), max(p.category_id), max(l.sold_by),
                  sum(${sign} * l.quantity), sum(${sign} * ${lineKhr})
           FROM (${documents}) d JOIN sales s ON s.id = d.sale JOIN sale_lines l ON l.sale_id = d.sale
           LEFT JOIN products p ON p.id = l.product_id
           GROUP BY 1, 2`,
        )
        .run()
      this.db
        .prepare(
          `INSERT INTO report_cashiers (day, cashier_id, sales, amount_khr)
           SELECT ${dayOf('d.at')}, CASE d.doc WHEN 'void' THEN d.cashier ELSE s.cashier_id END,
                  sum(CASE d.doc WHEN 'refund' THEN 0 ELSE ${sign} END), sum(${sign} * s.total_khr)
           FROM (${documents}) d JOIN sales s ON s.id = d.sale
           GROUP BY 1, 2`,
        )
        .run()
    })()
  }

  /** True when the ledger has real sales and the report tables are empty (built before they existed). */
  missing(): boolean {
    const hasFacts = this.db.prepare('SELECT 1 FROM report_sales LIMIT 1').get() !== undefined
    if (hasFacts) return false
    return (
      this.db
        .prepare("SELECT 1 FROM sales WHERE state = 'paid' AND id NOT IN (SELECT sale_id FROM practice_sales) LIMIT 1")
        .get() !== undefined
    )
  }

  /** The demo's practice leaves the shop's figures: at the end of the demo everything so far was practice. */
  forgetPractice(): void {
    for (const table of ['report_sales', 'report_tenders', 'report_products', 'report_cashiers'])
      this.db.prepare(`DELETE FROM ${table}`).run()
  }
}
