import { insertRefundDetails, insertSaleDetails } from './report-models.ts'
import { type Currency, refundDetails, saleDetails } from './report-rows.ts'
import type { BackofficeStore } from './store/types.ts'

const DONE_KEY = 'report_models_filled'
const PER_TRANSACTION = 500

interface StoredSale {
  sale_id: string
  event_id: string
  terminal_id: string
  business_day: string
  demo: number
  void_id: string | null
  payload: string
  currency: Currency
  rate_khr_per_usd: number
  subtotal_minor: number
  vat_minor: number
  total_minor: number
  total_khr: number
}

interface StoredRefund {
  refund_id: string
  event_id: string
  terminal_id: string
  business_day: string
  demo: number
  payload: string
  currency: Currency
  total_minor: number
  sale_rate: number | null
}

/**
 * Fills the report read models of version 7 for the sales and refunds projected before it, from
 * their stored events: once, at start, 500 documents a transaction. Each step is idempotent, so a
 * back office stopped halfway simply carries on at its next start.
 */
export async function backfillReportModels(store: BackofficeStore, log: (message: string) => void): Promise<void> {
  if (await store.get('SELECT value FROM meta WHERE key = ?', [DONE_KEY])) return
  let filled = 0
  for (let after = ''; ; ) {
    const sales = await store.all<StoredSale>(
      `SELECT s.sale_id, s.event_id, s.terminal_id, s.business_day, s.demo, s.void_id, e.payload, s.currency,
         s.rate_khr_per_usd, s.subtotal_minor,
         s.vat_minor, s.total_minor, s.total_khr
       FROM sales s JOIN sync_events e ON e.event_id = s.event_id
       WHERE s.sale_id > ? AND s.vat_khr IS NULL ORDER BY s.sale_id LIMIT ?`,
      [after, PER_TRANSACTION],
    )
    if (sales.length === 0) break
    await store.transaction(async (tx) => {
      const kept = sales.map((sale) => ({
        state: {
          eventId: sale.event_id,
          terminalId: sale.terminal_id,
          businessDay: sale.business_day,
          currency: sale.currency,
          demo: Number(sale.demo),
          voided: sale.void_id === null ? 0 : 1,
        },
        saleId: sale.sale_id,
        details: saleDetails(JSON.parse(sale.payload), {
          currency: sale.currency,
          rate: Number(sale.rate_khr_per_usd),
          subtotal: Number(sale.subtotal_minor),
          vat: Number(sale.vat_minor),
          total: Number(sale.total_minor),
          totalKhr: Number(sale.total_khr),
        }),
      }))
      await insertSaleDetails(tx, kept)
      const table = tx.rowsTable(
        [
          ['sale_id', 'text'],
          ['cashier_id', 'text'],
          ['cashier_name', 'text'],
          ['vat_khr', 'bigint'],
        ],
        kept.map(({ saleId, details }) => [saleId, details.cashierId, details.cashierName, details.vatKhr]),
      )
      await tx.run(
        `UPDATE sales SET cashier_id = r.cashier_id, cashier_name = r.cashier_name, vat_khr = r.vat_khr
         FROM ${table.sql} AS r WHERE sales.sale_id = r.sale_id`,
        table.params,
      )
    })
    filled += sales.length
    after = sales.at(-1)?.sale_id ?? after
  }
  for (let after = ''; ; ) {
    const refunds = await store.all<StoredRefund>(
      `SELECT f.refund_id, f.event_id, f.terminal_id, f.business_day, f.demo, e.payload, f.currency, f.total_minor,
         (SELECT s.rate_khr_per_usd FROM sales s WHERE s.sale_id = f.sale_id AND s.terminal_id = f.terminal_id) AS sale_rate
       FROM refunds f JOIN sync_events e ON e.event_id = f.event_id
       WHERE f.refund_id > ? AND f.vat_minor IS NULL ORDER BY f.refund_id LIMIT ?`,
      [after, PER_TRANSACTION],
    )
    if (refunds.length === 0) break
    await store.transaction(async (tx) => {
      const kept = refunds.map((refund) => {
        const payload = JSON.parse(refund.payload) as Record<string, unknown>
        const rate = Number.isSafeInteger(payload.rate_khr_per_usd) ? (payload.rate_khr_per_usd as number) : null
        return {
          state: {
            eventId: refund.event_id,
            terminalId: refund.terminal_id,
            businessDay: refund.business_day,
            currency: refund.currency,
            demo: Number(refund.demo),
            voided: 0,
          },
          refundId: refund.refund_id,
          details: refundDetails(payload, {
            currency: refund.currency,
            rate: rate ?? (refund.sale_rate === null ? null : Number(refund.sale_rate)),
            total: Number(refund.total_minor),
          }),
        }
      })
      await insertRefundDetails(tx, kept)
      const table = tx.rowsTable(
        [
          ['refund_id', 'text'],
          ['vat_minor', 'bigint'],
          ['total_khr', 'bigint'],
          ['vat_khr', 'bigint'],
          ['refunded_by', 'text'],
        ],
        kept.map(({ refundId, details }) => [
          refundId,
          details.vatMinor,
          details.totalKhr,
          details.vatKhr,
          details.refundedBy,
        ]),
      )
      await tx.run(
        `UPDATE refunds SET vat_minor = r.vat_minor, total_khr = r.total_khr, vat_khr = r.vat_khr, refunded_by = r.refunded_by
         FROM ${table.sql} AS r WHERE refunds.refund_id = r.refund_id`,
        table.params,
      )
    })
    filled += refunds.length
    after = refunds.at(-1)?.refund_id ?? after
  }
  await store.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING', [DONE_KEY, '1'])
  if (filled > 0)
    log(`back office: the reports' lines and payments were filled in for ${filled} stored sales and refunds`)
}
