import { csvDocument, plainText } from '../../../shared/csv-write.ts'
import type { Currency, TenderKind } from '../../../shared/money/index.ts'
import { TENDER_KINDS } from '../../../shared/money/index.ts'
import { shopDay } from '../../../shared/shop-time.ts'
import type { SalesExport } from '../../../shared/views.ts'
import type { LedgerContext } from './context.ts'
import { formatReceiptNo } from './terminal.ts'

/** Minor units as a plain decimal for spreadsheets: cents as `12.50`, riel as `5000`. Integer arithmetic only. */
function decimal(amount: number, currency: Currency): string {
  if (currency === 'KHR') return String(amount)
  const sign = amount < 0 ? '-' : ''
  const abs = Math.abs(amount)
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

interface ExportRow {
  id: string
  kind: 'sale' | 'refund'
  receipt_no: number
  refund_of_receipt: number | null
  completed_at: number
  cashier: string
  currency: Currency
  khr_per_usd: number
  discount_total: number
  subtotal: number
  vat_total: number
  total: number
  total_khr: number
  change_usd: number
  change_khr: number
  residual_sen: number
  voided_at: number | null
  tenders: string
}

/**
 * Paid sales and refunds completed in [from, to) (the demo's practice sales left out), as CSV (one
 * row per document) or JSON (with lines). The file is named by the shop's days in `timeZone`.
 */
export function exportSales(
  context: LedgerContext,
  range: { from: number; to: number },
  format: 'csv' | 'json',
  timeZone: string,
): SalesExport {
  const rows = context.db
    .prepare(
      `SELECT s.id, s.kind, s.receipt_no, o.receipt_no AS refund_of_receipt, s.completed_at, u.name AS cashier, s.currency, s.khr_per_usd,
              s.discount_total, s.subtotal, s.vat_total, s.total, s.total_khr, s.change_usd, s.change_khr, s.residual_sen, v.at AS voided_at,
              (SELECT json_group_array(json_object('kind', kind, 'amount', amount)) FROM sale_tenders WHERE sale_id = s.id) AS tenders
       FROM sales s JOIN users u ON u.id = s.cashier_id LEFT JOIN sales o ON o.id = s.refund_of LEFT JOIN sale_voids v ON v.sale_id = s.id
       WHERE s.state = 'paid' AND s.id NOT IN (SELECT sale_id FROM practice_sales) AND s.completed_at >= ? AND s.completed_at < ? ORDER BY s.receipt_no`,
    )
    .all(range.from, range.to) as ExportRow[]
  const label = context.terminal.label
  const day = (time: number) => shopDay(time, timeZone)
  const fileBase = `sales-${label}-${day(range.from)}-to-${day(Math.max(range.from, range.to - 1))}`
  if (format === 'json') {
    const lines = context.db.prepare(
      'SELECT sku, name_en, name_km, quantity, sold_by, unit_price, amount, vat, vat_rate_bp FROM sale_lines WHERE sale_id = ? ORDER BY position',
    )
    const documents = rows.map((row) => ({
      ...row,
      receipt_no: formatReceiptNo(label, row.receipt_no),
      refund_of_receipt: row.refund_of_receipt === null ? null : formatReceiptNo(label, row.refund_of_receipt),
      completed_at: new Date(row.completed_at).toISOString(),
      voided_at: row.voided_at === null ? null : new Date(row.voided_at).toISOString(),
      tenders: JSON.parse(row.tenders) as unknown,
      lines: lines.all(row.id),
    }))
    return {
      fileName: `${fileBase}.json`,
      mimeType: 'application/json',
      content: `${JSON.stringify({ terminal: context.terminal, amounts: 'integer minor units: USD cents, KHR riel', sales: documents }, null, 2)}\n`,
      sales: rows.length,
    }
  }
  const header = [
    'receipt_no',
    'kind',
    'refund_of',
    'completed_at',
    'cashier',
    'currency',
    'rate_khr_per_usd',
    'discount',
    'subtotal',
    'vat',
    'total',
    'total_khr',
    ...TENDER_KINDS,
    'change_usd',
    'change_khr',
    'rounding_residual_riel',
    'voided_at',
  ]
  const body = rows.map((row) => {
    const tenders = JSON.parse(row.tenders) as { kind: TenderKind; amount: number }[]
    const byKind = (kind: TenderKind) =>
      tenders.filter((tender) => tender.kind === kind).reduce((sum, tender) => sum + tender.amount, 0)
    return [
      formatReceiptNo(label, row.receipt_no),
      row.kind,
      row.refund_of_receipt === null ? '' : formatReceiptNo(label, row.refund_of_receipt),
      new Date(row.completed_at).toISOString(),
      plainText(row.cashier),
      row.currency,
      String(row.khr_per_usd),
      decimal(row.discount_total, row.currency),
      decimal(row.subtotal, row.currency),
      decimal(row.vat_total, row.currency),
      decimal(row.total, row.currency),
      String(row.total_khr),
      ...TENDER_KINDS.map((kind) => decimal(byKind(kind), kind.endsWith('usd') ? 'USD' : 'KHR')),
      decimal(row.change_usd, 'USD'),
      String(row.change_khr),
      decimal(row.residual_sen, 'USD'),
      row.voided_at === null ? '' : new Date(row.voided_at).toISOString(),
    ]
  })
  return { fileName: `${fileBase}.csv`, mimeType: 'text/csv', content: csvDocument(header, body), sales: rows.length }
}
