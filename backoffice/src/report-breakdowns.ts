import { type ReportScope, scopeOf } from './report-queries.ts'
import type { Currency } from './report-rows.ts'
import type { SqlRunner } from './store/types.ts'

/**
 * The report breakdowns: how the money came in (tender kinds, KHQR checks) and what was sold (by
 * product, by category), each one grouped query over the period's detail rows, which carry their
 * document's day and state. Voided sales are left out of all of them; refunds take their goods
 * and money back on their own day.
 */

export const TENDER_METHODS = ['cash_usd', 'cash_khr', 'khqr_usd', 'khqr_khr'] as const

export interface TenderRow {
  method: string
  /** Payments taken this way (a sale paid in two currencies counts in both). */
  payments: number
  /** What customers handed over, in the method's currency, and in riel. */
  tenderedMinor: number
  tenderedKhr: number
  /** Change given back in this currency (negative). */
  changeMinor: number
  changeKhr: number
  /** Refunds paid out this way (negative). */
  refundedMinor: number
  refundedKhr: number
  /** What the shop kept: tendered + change + refunded. */
  netMinor: number
  netKhr: number
}

/** The four tender kinds, always, then any other kind a terminal sent. */
export async function tenders(db: SqlRunner, scope: ReportScope): Promise<TenderRow[]> {
  const paid = scopeOf('p', scope)
  const rows = await db.all<{
    method: string
    role: 'tendered' | 'change' | 'refunded'
    payments: number
    amount_minor: number
    amount_khr: number
  }>(
    `SELECT p.method, p.role, COUNT(*) AS payments, SUM(p.amount_minor) AS amount_minor,
       SUM(p.amount_khr) AS amount_khr
     FROM payments p WHERE ${paid.sql} AND p.voided = 0 GROUP BY p.method, p.role`,
    paid.params,
  )
  const byMethod = new Map<string, TenderRow>()
  const rowOf = (method: string): TenderRow => {
    let row = byMethod.get(method)
    if (!row) {
      row = {
        method,
        payments: 0,
        tenderedMinor: 0,
        tenderedKhr: 0,
        changeMinor: 0,
        changeKhr: 0,
        refundedMinor: 0,
        refundedKhr: 0,
        netMinor: 0,
        netKhr: 0,
      }
      byMethod.set(method, row)
    }
    return row
  }
  for (const method of TENDER_METHODS) rowOf(method)
  for (const found of rows) {
    const row = rowOf(found.method)
    const minor = Number(found.amount_minor)
    const khr = Number(found.amount_khr)
    if (found.role === 'tendered') {
      row.payments = Number(found.payments)
      row.tenderedMinor = minor
      row.tenderedKhr = khr
    } else if (found.role === 'change') {
      row.changeMinor = minor
      row.changeKhr = khr
    } else {
      row.refundedMinor = minor
      row.refundedKhr = khr
    }
    row.netMinor += minor
    row.netKhr += khr
  }
  return [...byMethod.values()]
}

export type KhqrState = 'bakong' | 'verified_later' | 'unverified' | 'problem'
export const KHQR_STATES: readonly KhqrState[] = ['bakong', 'verified_later', 'unverified', 'problem']

export interface KhqrStateRow {
  state: KhqrState
  payments: number
  usdMinor: number
  khrMinor: number
}

/**
 * KHQR payments of the period's sales by how sure the shop is of them: confirmed by Bakong at the
 * till; confirmed by hand and verified by a later check; confirmed by hand and not checked yet;
 * confirmed by hand and the check found a problem (another amount, account, or no payment).
 */
export async function khqrStates(db: SqlRunner, scope: ReportScope): Promise<KhqrStateRow[]> {
  const sales = scopeOf('s', scope)
  const rows = await db.all<{ state: KhqrState; payments: number; usd_minor: number; khr_minor: number }>(
    `SELECT CASE WHEN k.source = 'bakong' THEN 'bakong'
              WHEN k.verification = 'verified' THEN 'verified_later'
              WHEN k.verification IS NULL THEN 'unverified'
              ELSE 'problem' END AS state,
       COUNT(*) AS payments,
       SUM(CASE WHEN k.currency = 'USD' THEN k.amount ELSE 0 END) AS usd_minor,
       SUM(CASE WHEN k.currency = 'KHR' THEN k.amount ELSE 0 END) AS khr_minor
     FROM sales s JOIN khqr_payments k ON k.sale_id = s.sale_id AND k.terminal_id = s.terminal_id
     WHERE ${sales.sql} AND s.void_id IS NULL AND k.demo = 0
     GROUP BY state`,
    sales.params,
  )
  const byState = new Map(rows.map((row) => [row.state, row]))
  return KHQR_STATES.map((state) => {
    const row = byState.get(state)
    return {
      state,
      payments: Number(row?.payments ?? 0),
      usdMinor: Number(row?.usd_minor ?? 0),
      khrMinor: Number(row?.khr_minor ?? 0),
    }
  })
}

/** What was sold of one thing (a product, or a category), net of what was refunded. */
export interface GoodsRow {
  /** The product's SKU or the category's id; '' for lines the till did not itemise, or goods without a category. */
  key: string
  nameEn: string | null
  nameKm: string | null
  /** Units sold and refunded (by count). */
  units: number
  unitsRefunded: number
  /** Grams sold and refunded (by weight). */
  grams: number
  gramsRefunded: number
  /** Net of refunds, in each sale currency and in riel at each sale's rate. */
  usdMinor: number
  khrMinor: number
  totalKhr: number
}

type GoodsFigures = Omit<GoodsRow, 'key' | 'nameEn' | 'nameKm'>

function noGoods(key: string, nameEn: string | null, nameKm: string | null): GoodsRow {
  return {
    key,
    nameEn,
    nameKm,
    units: 0,
    unitsRefunded: 0,
    grams: 0,
    gramsRefunded: 0,
    usdMinor: 0,
    khrMinor: 0,
    totalKhr: 0,
  }
}

function addGoods(target: GoodsRow, figures: GoodsFigures): void {
  for (const name of Object.keys(figures) as (keyof GoodsFigures)[]) target[name] += figures[name]
}

function bestFirst(rows: Iterable<GoodsRow>): GoodsRow[] {
  return [...rows].sort((a, b) => b.totalKhr - a.totalKhr || a.key.localeCompare(b.key))
}

/**
 * What was sold (lines of the kept, not voided sales) and given back (lines of refunds, named by
 * the sale line they give back) in the period, by product (SKU, the same across terminals) and by
 * category, best sellers first: one query over the days' lines grouped by SKU and category, added
 * up both ways.
 */
export async function goods(
  db: SqlRunner,
  scope: ReportScope,
): Promise<{ products: GoodsRow[]; categories: GoodsRow[] }> {
  const sold = scopeOf('l', scope)
  const returned = scopeOf('r', scope)
  const category = (line: string) => `COALESCE(${line}.category_id, ${line}.category_en, ${line}.category_km, '')`
  const rows = await db.all<{
    sku: string
    category: string
    name_en: string | null
    name_km: string | null
    category_en: string | null
    category_km: string | null
    units: number
    units_refunded: number
    grams: number
    grams_refunded: number
    usd_minor: number
    khr_minor: number
    total_khr: number
  }>(
    `SELECT x.sku, x.category, MAX(x.name_en) AS name_en, MAX(x.name_km) AS name_km,
       MAX(x.category_en) AS category_en, MAX(x.category_km) AS category_km,
       SUM(CASE WHEN x.sold_by = 'weight' THEN 0 ELSE x.sold END) AS units,
       SUM(CASE WHEN x.sold_by = 'weight' THEN 0 ELSE x.returned END) AS units_refunded,
       SUM(CASE WHEN x.sold_by = 'weight' THEN x.sold ELSE 0 END) AS grams,
       SUM(CASE WHEN x.sold_by = 'weight' THEN x.returned ELSE 0 END) AS grams_refunded,
       SUM(CASE WHEN x.currency = 'USD' THEN x.total_minor ELSE 0 END) AS usd_minor,
       SUM(CASE WHEN x.currency = 'KHR' THEN x.total_minor ELSE 0 END) AS khr_minor,
       SUM(x.total_khr) AS total_khr
     FROM (
       SELECT l.sku, ${category('l')} AS category, l.name_en, l.name_km, l.category_en, l.category_km, l.sold_by,
         l.quantity AS sold, 0 AS returned, l.currency, l.total_minor, l.total_khr
       FROM sale_lines l WHERE ${sold.sql} AND l.voided = 0
       UNION ALL
       SELECT r.sku, ${category('o')} AS category, o.name_en, o.name_km, o.category_en, o.category_km, r.sold_by,
         0 AS sold, r.quantity AS returned, r.currency, 0 - r.total_minor, 0 - r.total_khr
       FROM refund_lines r LEFT JOIN sale_lines o ON o.line_id = r.refund_of_line AND o.terminal_id = r.terminal_id
       WHERE ${returned.sql}
     ) AS x GROUP BY x.sku, x.category`,
    [...sold.params, ...returned.params],
  )
  const products = new Map<string, GoodsRow>()
  const categories = new Map<string, GoodsRow>()
  for (const row of rows) {
    const figures: GoodsFigures = {
      units: Number(row.units),
      unitsRefunded: Number(row.units_refunded),
      grams: Number(row.grams),
      gramsRefunded: Number(row.grams_refunded),
      usdMinor: Number(row.usd_minor),
      khrMinor: Number(row.khr_minor),
      totalKhr: Number(row.total_khr),
    }
    const product = products.get(row.sku) ?? noGoods(row.sku, row.name_en, row.name_km)
    product.nameEn ??= row.name_en
    product.nameKm ??= row.name_km
    addGoods(product, figures)
    products.set(row.sku, product)
    const group = categories.get(row.category) ?? noGoods(row.category, row.category_en, row.category_km)
    addGoods(group, figures)
    categories.set(row.category, group)
  }
  return { products: bestFirst(products.values()), categories: bestFirst(categories.values()) }
}

/** The names the terminals sent for these cashiers (the tills do not send them yet: then none). */
export async function cashierNames(db: SqlRunner, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  for (let start = 0; start < ids.length; start += 500) {
    const chunk = ids.slice(start, start + 500)
    const rows = await db.all<{ cashier_id: string; name: string }>(
      `SELECT cashier_id, name FROM cashiers WHERE name IS NOT NULL AND cashier_id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    )
    for (const row of rows) names.set(row.cashier_id, row.name)
  }
  return names
}

export type { Currency }
