import type { TenderKind } from '../../../shared/money/index.ts'
import { TENDER_KINDS } from '../../../shared/money/index.ts'
import type { ShiftReport, ShiftSummary, TenderFigures } from '../../../shared/views.ts'
import { PosError } from '../errors.ts'
import type { SqliteDatabase } from './database.ts'

export interface ShiftRow {
  id: string
  number: number
  opened_by: string
  opened_at: number
  float_usd: number
  float_khr: number
  closed_by: string | null
  closed_at: number | null
  z_report: string | null
}

export function shiftSummary(row: ShiftRow): ShiftSummary {
  return {
    id: row.id,
    number: row.number,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    floatUsd: row.float_usd,
    floatKhr: row.float_khr,
  }
}

type ByCurrency = { usd: number; khr: number }

function emptyTenders(): Record<TenderKind, TenderFigures> {
  return Object.fromEntries(TENDER_KINDS.map((kind) => [kind, { count: 0, amount: 0 }])) as Record<
    TenderKind,
    TenderFigures
  >
}

function byCurrency(rows: { currency: string; value: number | null }[]): ByCurrency {
  const result = { usd: 0, khr: 0 }
  for (const row of rows) result[row.currency === 'USD' ? 'usd' : 'khr'] += row.value ?? 0
  return result
}

/**
 * The figures of one shift, by aggregate queries (a shift of 10 000 sales reports in a few ms).
 * Sales count where they were paid; voids and refunds count in the shift where they were made.
 * Cash expected in the drawer, per currency:
 *   float + cash in − cash out + cash taken on sales − change given
 *   − cash given back on voids (what the voided sale took in cash, less its change) − cash refunds.
 */
export function shiftReport(
  db: SqliteDatabase,
  shiftId: string,
  kind: 'X' | 'Z',
  now: number,
  counted: ByCurrency | null,
): ShiftReport {
  const shiftRow = db.prepare('SELECT * FROM shifts WHERE id = ?').get(shiftId) as
    | Parameters<typeof shiftSummary>[0]
    | undefined
  if (!shiftRow) throw new PosError('shift_unknown', `There is no shift ${shiftId}.`)
  const documents = db
    .prepare(
      `SELECT kind, currency, count(*) AS n, sum(total) AS total, sum(discount_total) AS discount, sum(vat_total) AS vat, sum(plt_total) AS plt,
              sum(change_usd) AS change_usd, sum(change_khr) AS change_khr, sum(residual_sen) AS residual
       FROM sales WHERE shift_id = ? AND state = 'paid' GROUP BY kind, currency`,
    )
    .all(shiftId) as {
    kind: 'sale' | 'refund'
    currency: string
    n: number
    total: number
    discount: number
    vat: number
    plt: number | null
    change_usd: number
    change_khr: number
    residual: number
  }[]
  const tenderRows = db
    .prepare(
      `SELECT s.kind AS doc, t.kind, count(*) AS n, sum(t.amount) AS amount FROM sales s JOIN sale_tenders t ON t.sale_id = s.id
       WHERE s.shift_id = ? AND s.state = 'paid' GROUP BY s.kind, t.kind`,
    )
    .all(shiftId) as { doc: 'sale' | 'refund'; kind: TenderKind; n: number; amount: number }[]
  const voidRows = db
    .prepare(
      `SELECT s.currency, count(*) AS n, sum(s.total) AS total, sum(s.vat_total) AS vat, sum(s.plt_total) AS plt, sum(s.discount_total) AS discount,
              sum(s.change_usd) AS change_usd, sum(s.change_khr) AS change_khr,
              sum((SELECT coalesce(sum(amount), 0) FROM sale_tenders WHERE sale_id = s.id AND kind = 'cash_usd')) AS cash_usd,
              sum((SELECT coalesce(sum(amount), 0) FROM sale_tenders WHERE sale_id = s.id AND kind = 'cash_khr')) AS cash_khr
       FROM sale_voids v JOIN sales s ON s.id = v.sale_id WHERE v.shift_id = ? GROUP BY s.currency`,
    )
    .all(shiftId) as {
    currency: string
    n: number
    total: number
    vat: number
    plt: number | null
    discount: number
    change_usd: number
    change_khr: number
    cash_usd: number
    cash_khr: number
  }[]
  const moves = db
    .prepare(
      'SELECT direction, currency, sum(amount) AS value FROM cash_movements WHERE shift_id = ? GROUP BY direction, currency',
    )
    .all(shiftId) as {
    direction: 'in' | 'out'
    currency: string
    value: number
  }[]
  const manual = db
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(t.verified = 0), 0) AS unverified,
              coalesce(sum(CASE WHEN t.verified = 0 AND t.kind = 'khqr_usd' THEN t.amount END), 0) AS usd,
              coalesce(sum(CASE WHEN t.verified = 0 AND t.kind = 'khqr_khr' THEN t.amount END), 0) AS khr
       FROM sales s JOIN sale_tenders t ON t.sale_id = s.id
       WHERE s.shift_id = ? AND s.state = 'paid' AND t.confirmation = 'manual'`,
    )
    .get(shiftId) as { n: number; unverified: number; usd: number; khr: number }

  // Bakong's answers found during this shift, whichever shift the sale was in: a hand confirmation
  // made offline is often verified (or found wrong) after its own Z report was printed.
  const checks = db
    .prepare(
      `SELECT coalesce(sum(kind = 'mismatch' OR kind = 'hash_used'), 0) AS mismatches, coalesce(sum(kind = 'not_found'), 0) AS not_found,
              coalesce(sum(kind = 'over_payment'), 0) AS over, coalesce(sum(kind = 'late_payment'), 0) AS late,
              coalesce(sum(resolved_at IS NULL), 0) AS unresolved
       FROM khqr_issues WHERE shift_id = ?`,
    )
    .get(shiftId) as { mismatches: number; not_found: number; over: number; late: number; unresolved: number }
  const verifiedLater = (
    db
      .prepare(
        "SELECT count(*) AS n FROM sale_tenders WHERE confirmation = 'manual' AND verified_at >= ? AND verified_at <= ?",
      )
      .get(shiftRow.opened_at, shiftRow.closed_at ?? now) as { n: number }
  ).n

  const noSaleDrawerOpens = (
    db.prepare('SELECT count(*) AS n FROM drawer_opens WHERE shift_id = ?').get(shiftId) as { n: number }
  ).n
  const reprints = (
    db
      .prepare(
        "SELECT count(*) AS n FROM print_jobs j JOIN sales s ON s.id = j.object_id WHERE j.kind = 'receipt' AND j.copy > 0 AND json_extract(j.detail, '$.slip') IS NULL AND s.shift_id = ?",
      )
      .get(shiftId) as { n: number }
  ).n
  const sales = documents.filter((row) => row.kind === 'sale')
  const refundDocs = documents.filter((row) => row.kind === 'refund')
  const tenders = emptyTenders()
  const refundTenders = emptyTenders()
  for (const row of tenderRows) {
    const target = row.doc === 'sale' ? tenders : refundTenders
    target[row.kind] = { count: row.n, amount: row.amount }
  }
  const changeGiven = {
    usd: sales.reduce((sum, row) => sum + (row.change_usd ?? 0), 0),
    khr: sales.reduce((sum, row) => sum + (row.change_khr ?? 0), 0),
  }
  const cashIn = byCurrency(moves.filter((row) => row.direction === 'in'))
  const cashOut = byCurrency(moves.filter((row) => row.direction === 'out'))
  const voidCash = {
    usd: voidRows.reduce((sum, row) => sum + row.cash_usd - row.change_usd, 0),
    khr: voidRows.reduce((sum, row) => sum + row.cash_khr - row.change_khr, 0),
  }
  const salesTotals = byCurrency(sales.map((row) => ({ currency: row.currency, value: row.total })))
  const refundTotals = byCurrency(refundDocs.map((row) => ({ currency: row.currency, value: row.total })))
  const voidTotals = byCurrency(voidRows.map((row) => ({ currency: row.currency, value: row.total })))
  const vatSales = byCurrency(sales.map((row) => ({ currency: row.currency, value: row.vat })))
  const vatRefunds = byCurrency(refundDocs.map((row) => ({ currency: row.currency, value: row.vat })))
  const vatVoids = byCurrency(voidRows.map((row) => ({ currency: row.currency, value: row.vat })))
  const pltSales = byCurrency(sales.map((row) => ({ currency: row.currency, value: row.plt })))
  const pltRefunds = byCurrency(refundDocs.map((row) => ({ currency: row.currency, value: row.plt })))
  const pltVoids = byCurrency(voidRows.map((row) => ({ currency: row.currency, value: row.plt })))
  const discounts = byCurrency(sales.map((row) => ({ currency: row.currency, value: row.discount })))
  const discountVoids = byCurrency(voidRows.map((row) => ({ currency: row.currency, value: row.discount })))
  const expectedCash = {
    usd:
      shiftRow.float_usd +
      cashIn.usd -
      cashOut.usd +
      tenders.cash_usd.amount -
      changeGiven.usd -
      voidCash.usd -
      refundTenders.cash_usd.amount,
    khr:
      shiftRow.float_khr +
      cashIn.khr -
      cashOut.khr +
      tenders.cash_khr.amount -
      changeGiven.khr -
      voidCash.khr -
      refundTenders.cash_khr.amount,
  }
  return {
    kind,
    shift: { ...shiftSummary(shiftRow), closedAt: shiftRow.closed_at, closedBy: shiftRow.closed_by },
    generatedAt: now,
    sales: { count: sales.reduce((sum, row) => sum + row.n, 0), totalUsd: salesTotals.usd, totalKhr: salesTotals.khr },
    tenders,
    changeGiven,
    refunds: {
      count: refundDocs.reduce((sum, row) => sum + row.n, 0),
      totalUsd: refundTotals.usd,
      totalKhr: refundTotals.khr,
      tenders: refundTenders,
    },
    voids: { count: voidRows.reduce((sum, row) => sum + row.n, 0), totalUsd: voidTotals.usd, totalKhr: voidTotals.khr },
    discounts: { usd: discounts.usd - discountVoids.usd, khr: discounts.khr - discountVoids.khr },
    vat: { usd: vatSales.usd - vatRefunds.usd - vatVoids.usd, khr: vatSales.khr - vatRefunds.khr - vatVoids.khr },
    plt: { usd: pltSales.usd - pltRefunds.usd - pltVoids.usd, khr: pltSales.khr - pltRefunds.khr - pltVoids.khr },
    roundingResidualSen: documents.reduce((sum, row) => sum + (row.residual ?? 0), 0),
    cashMovements: { inUsd: cashIn.usd, inKhr: cashIn.khr, outUsd: cashOut.usd, outKhr: cashOut.khr },
    expectedCash,
    countedCash: counted,
    variance: counted ? { usd: counted.usd - expectedCash.usd, khr: counted.khr - expectedCash.khr } : null,
    khqrManual: {
      count: manual.n,
      unverifiedCount: manual.unverified,
      unverifiedUsd: manual.usd,
      unverifiedKhr: manual.khr,
    },
    khqrChecks: {
      verified: verifiedLater,
      mismatches: checks.mismatches,
      notFound: checks.not_found,
      overPayments: checks.over,
      latePayments: checks.late,
      unresolved: checks.unresolved,
    },
    noSaleDrawerOpens,
    reprints,
  }
}
