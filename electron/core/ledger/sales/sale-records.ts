import {
  type Currency,
  computeSaleTotals,
  convert,
  type SaleTotals,
  type Settlement,
  settle,
  type Tender,
  tenderCurrency,
  toSen,
} from '../../../../shared/money/index.ts'
import type { SaleLineView, SaleSummary, SaleView, TenderView } from '../../../../shared/views.ts'
import { PosError } from '../../errors.ts'
import type { LedgerContext } from '../context.ts'
import type { ReportDocument, ReportFacts } from '../report-facts.ts'
import type { SettingsStore } from '../settings.ts'
import { formatInvoiceNo, formatReceiptNo } from '../terminal.ts'
import { discountOf, type KhqrRow, type LineRow, money, type SaleRow, type TenderRow } from './sale-rows.ts'

/**
 * The sales as stored: the rows and their views, totals kept current, what is still due, and the
 * shown KHQR cleared at its expiry. The other parts of the sale (ring-up, tenders, KHQR, returns)
 * read and write through it.
 */
export class SaleRecords {
  private readonly context: LedgerContext
  private readonly settings: SettingsStore
  readonly statements

  private readonly facts: ReportFacts

  constructor(context: LedgerContext, settings: SettingsStore, facts: ReportFacts) {
    this.context = context
    this.settings = settings
    this.facts = facts
    const db = context.db
    this.statements = {
      sale: db.prepare('SELECT * FROM sales WHERE id = ?'),
      active: db.prepare("SELECT * FROM sales WHERE state IN ('open', 'awaiting_payment')"),
      lines: db.prepare('SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY position'),
      tenders: db.prepare('SELECT * FROM sale_tenders WHERE sale_id = ? ORDER BY position'),
      shownKhqr: db.prepare("SELECT * FROM khqr_requests WHERE sale_id = ? AND state = 'shown'"),
      lastKhqr: db.prepare(
        'SELECT * FROM khqr_requests WHERE sale_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
      ),
      updateLineTotals: db.prepare(
        'UPDATE sale_lines SET gross = ?, line_discount = ?, sale_discount_share = ?, amount = ?, vat = ?, plt = ? WHERE id = ?',
      ),
      updateSaleTotals: db.prepare(
        'UPDATE sales SET gross_total = ?, discount_total = ?, subtotal = ?, vat_total = ?, total = ?, total_khr = ?, vat_khr = ?, plt_total = ?, plt_khr = ? WHERE id = ?',
      ),
      insertTender: db.prepare(
        `INSERT INTO sale_tenders (id, sale_id, position, kind, amount, khqr_request, confirmation, bakong_hash, verified, approver_id, reason, at)
         VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM sale_tenders WHERE sale_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      nextReceipt: db.prepare('SELECT coalesce(max(receipt_no), 0) + 1 AS next FROM sales'),
      complete: db.prepare(
        "UPDATE sales SET state = 'paid', receipt_no = ?, change_usd = ?, change_khr = ?, residual_sen = ?, completed_at = ?, invoice_no = ?, seller_tin = ? WHERE id = ?",
      ),
      nextInvoice: db.prepare('SELECT coalesce(max(invoice_no), 0) + 1 AS next FROM sales WHERE kind = ?').pluck(),
      cashierName: db.prepare('SELECT name FROM users WHERE id = ?').pluck(),
      voidOf: db.prepare('SELECT * FROM sale_voids WHERE sale_id = ?'),
    }
  }

  /**
   * The VAT invoice (or credit note) number a document takes as it is paid, in its own series, and
   * the seller's TIN it is issued under; nulls for a plain receipt. A sale is a VAT invoice while
   * the shop has a VAT TIN (never in the demo); a refund is a credit note when its sale was one.
   */
  invoiceFor(
    kind: 'sale' | 'refund',
    refundOf: SaleRow | null,
  ): { invoiceNo: number | null; sellerTin: string | null } {
    const settings = this.settings.get()
    const sellerTin =
      kind === 'sale'
        ? settings.demo || settings.vatTin === ''
          ? null
          : settings.vatTin
        : (refundOf?.seller_tin ?? null)
    if (sellerTin === null) return { invoiceNo: null, sellerTin: null }
    return { invoiceNo: this.statements.nextInvoice.get(kind) as number, sellerTin }
  }

  /** The owner's report figures of a document just paid or voided, in the shop's time zone (inside its transaction). */
  recordFacts(kind: ReportDocument, saleId: string, at: number, by?: string): void {
    this.facts.record(kind, saleId, at, this.settings.get().timeZone, by)
  }

  /** The sale at the counter, if any. A KHQR past its expiry is cleared first: a stale QR is never returned. */
  current(): SaleView | null {
    this.expireKhqr()
    const row = this.statements.active.get() as SaleRow | undefined
    return row ? this.view(row) : null
  }

  get(id: string): SaleView {
    return this.view(this.row(id))
  }

  list(range: { from: number; to: number }, limit: number): SaleSummary[] {
    const rows = this.context.db
      .prepare(
        `SELECT s.*, (SELECT count(*) FROM sale_lines WHERE sale_id = s.id) AS line_count, (SELECT 1 FROM sale_voids WHERE sale_id = s.id) AS voided
         FROM sales s WHERE s.state = 'paid' AND s.id NOT IN (SELECT sale_id FROM practice_sales) AND s.completed_at >= ? AND s.completed_at < ? ORDER BY s.completed_at DESC LIMIT ?`,
      )
      .all(range.from, range.to, limit) as (SaleRow & { line_count: number; voided: number | null })[]
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      state: row.state,
      receiptNo: row.receipt_no === null ? null : formatReceiptNo(this.context.terminal.label, row.receipt_no),
      currency: row.currency,
      total: row.total ?? 0,
      lineCount: row.line_count,
      openedAt: row.opened_at,
      completedAt: row.completed_at,
      voided: row.voided === 1,
    }))
  }

  held(): SaleSummary[] {
    // `state <> 'paid'` is redundant but lets SQLite use the partial index sales_by_state instead of scanning every sale.
    const rows = this.context.db
      .prepare(
        "SELECT s.*, (SELECT count(*) FROM sale_lines WHERE sale_id = s.id) AS line_count FROM sales s WHERE s.state = 'held' AND s.state <> 'paid' ORDER BY s.opened_at",
      )
      .all() as (SaleRow & { line_count: number })[]
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      state: row.state,
      receiptNo: null,
      currency: row.currency,
      total: row.total ?? 0,
      lineCount: row.line_count,
      openedAt: row.opened_at,
      completedAt: null,
      voided: false,
    }))
  }

  /** Clears every shown KHQR past its expiry; the sale goes back to open. */
  expireKhqr(): number {
    const now = this.context.now()
    const expired = this.context.db
      .prepare("SELECT id, sale_id FROM khqr_requests WHERE state = 'shown' AND expires_at <= ?")
      .all(now) as { id: string; sale_id: string }[]
    if (expired.length === 0) return 0
    this.context.db.transaction(() => {
      for (const request of expired) {
        this.endKhqr(request.sale_id, 'expired', now)
        this.context.journal.audit(
          { action: 'khqr.expired', objectType: 'sale', objectId: request.sale_id, detail: { request_id: request.id } },
          now,
        )
      }
    })()
    return expired.length
  }

  /** The earliest expiry of a shown KHQR, so the engine can clear it on time. */
  nextKhqrExpiry(): number | null {
    const row = this.context.db
      .prepare("SELECT min(expires_at) AS at FROM khqr_requests WHERE state = 'shown'")
      .get() as { at: number | null }
    return row.at
  }

  endKhqr(saleId: string, state: 'cancelled' | 'expired', now: number): boolean {
    const ended = this.context.db
      .prepare("UPDATE khqr_requests SET state = ?, ended_at = ? WHERE sale_id = ? AND state = 'shown'")
      .run(state, now, saleId)
    if (ended.changes > 0)
      this.context.db.prepare("UPDATE sales SET state = 'open' WHERE id = ? AND state = 'awaiting_payment'").run(saleId)
    return ended.changes > 0
  }

  recompute(sale: SaleRow): SaleTotals {
    const lines = this.statements.lines.all(sale.id) as LineRow[]
    const totals = money(() =>
      computeSaleTotals({
        lines: lines.map((line) => ({
          quantity: line.quantity,
          soldBy: line.sold_by,
          unitPrice: line.unit_price,
          vatRateBasisPoints: line.vat_rate_bp,
          pltRateBasisPoints: line.plt_rate_bp,
          discount: discountOf(line.discount_kind, line.discount_value),
        })),
        saleDiscount: discountOf(sale.discount_kind, sale.discount_value),
        taxInclusive: sale.tax_inclusive === 1,
        currency: sale.currency,
        khrPerUsd: sale.khr_per_usd,
      }),
    )
    lines.forEach((line, index) => {
      const figures = totals.lines[index]
      if (figures)
        this.statements.updateLineTotals.run(
          figures.gross,
          figures.lineDiscount,
          figures.saleDiscountShare,
          figures.amount,
          figures.vat,
          figures.plt,
          line.id,
        )
    })
    this.statements.updateSaleTotals.run(
      totals.grossTotal,
      totals.discountTotal,
      totals.subtotal,
      totals.vatTotal,
      totals.total,
      totals.totalKhr,
      totals.vatKhr,
      totals.pltTotal,
      totals.pltKhr,
      sale.id,
    )
    return totals
  }

  settlement(sale: SaleRow): Settlement {
    return this.paymentFor(sale, this.tendersOf(sale.id))
  }

  paymentFor(sale: SaleRow, tenders: Tender[]): Settlement {
    const settings = this.settings.get()
    return money(() =>
      settle({
        total: sale.total ?? 0,
        currency: sale.currency,
        khrPerUsd: sale.khr_per_usd,
        tenders,
        smallestNote: sale.smallest_note,
        changePreference: settings.changePreference,
      }),
    )
  }

  tendersOf(saleId: string): Tender[] {
    return (this.statements.tenders.all(saleId) as TenderRow[]).map((row) => ({ kind: row.kind, amount: row.amount }))
  }

  requireActive(): SaleRow {
    this.expireKhqr()
    const sale = this.statements.active.get() as SaleRow | undefined
    if (!sale) throw new PosError('sale_none', 'There is no sale at the counter.')
    return sale
  }

  requireNoTenders(sale: SaleRow): void {
    if ((this.statements.tenders.all(sale.id) as TenderRow[]).length > 0) {
      throw new PosError(
        'sale_has_tenders',
        'Money was already taken on this sale, so its items cannot change. Finish the payment, or cancel the sale with a manager.',
      )
    }
  }

  currentOrThrow(): SaleView {
    const sale = this.current()
    if (!sale) throw new PosError('sale_none', 'There is no sale at the counter.')
    return sale
  }

  row(id: string): SaleRow {
    const row = this.statements.sale.get(id) as SaleRow | undefined
    if (!row) throw new PosError('sale_unknown', `There is no sale ${id}.`)
    return row
  }

  view(sale: SaleRow): SaleView {
    const lines = this.statements.lines.all(sale.id) as LineRow[]
    const tenderRows = this.statements.tenders.all(sale.id) as TenderRow[]
    const khqr = (
      sale.state === 'awaiting_payment' ? this.statements.shownKhqr.get(sale.id) : this.statements.lastKhqr.get(sale.id)
    ) as KhqrRow | undefined
    const voidRow = this.statements.voidOf.get(sale.id) as
      | { at: number; reason: string; user_id: string; approver_id: string | null }
      | undefined
    const tenders = tenderRows.map((row) => ({ kind: row.kind, amount: row.amount }))
    const payment: Settlement =
      sale.state === 'paid'
        ? {
            ...this.paymentFor(sale, []),
            paidSen: tenders.reduce(
              (sum, tender) => sum + toSen(tender.amount, tenderCurrency(tender.kind), sale.khr_per_usd),
              0,
            ),
            settled: true,
            remainingSen: 0,
            stillDue: { usd: 0, khr: 0, khrCash: 0 },
            changeUsd: sale.change_usd ?? 0,
            changeKhr: sale.change_khr ?? 0,
            residualSen: sale.residual_sen ?? 0,
          }
        : this.paymentFor(sale, tenders)
    const other: Currency = sale.currency === 'USD' ? 'KHR' : 'USD'
    const total = sale.total ?? 0
    return {
      id: sale.id,
      kind: sale.kind,
      state: sale.state,
      receiptNo: sale.receipt_no === null ? null : formatReceiptNo(this.context.terminal.label, sale.receipt_no),
      invoice:
        sale.invoice_no === null || sale.seller_tin === null
          ? null
          : {
              number: formatInvoiceNo(this.context.terminal.label, sale.kind, sale.invoice_no),
              sellerTin: sale.seller_tin,
            },
      buyer: sale.buyer_name === null ? null : { name: sale.buyer_name, tin: sale.buyer_tin ?? '' },
      refundOf: sale.refund_of,
      currency: sale.currency,
      khrPerUsd: sale.khr_per_usd,
      taxInclusive: sale.tax_inclusive === 1,
      smallestNote: sale.smallest_note,
      discount: discountOf(sale.discount_kind, sale.discount_value),
      lines: lines.map(
        (line): SaleLineView => ({
          id: line.id,
          productId: line.product_id,
          sku: line.sku,
          nameEn: line.name_en,
          nameKm: line.name_km,
          quantity: line.quantity,
          soldBy: line.sold_by,
          unitPrice: line.unit_price,
          listPrice: line.list_price,
          listCurrency: line.list_currency,
          priceOverridden: line.price_overridden_by !== null,
          vatRateBasisPoints: line.vat_rate_bp,
          pltRateBasisPoints: line.plt_rate_bp,
          discount: discountOf(line.discount_kind, line.discount_value),
          gross: line.gross ?? 0,
          lineDiscount: line.line_discount ?? 0,
          saleDiscountShare: line.sale_discount_share ?? 0,
          amount: line.amount ?? 0,
          vat: line.vat ?? 0,
          plt: line.plt ?? 0,
          refundOfLine: line.refund_of_line,
        }),
      ),
      totals: {
        grossTotal: sale.gross_total ?? 0,
        discountTotal: sale.discount_total ?? 0,
        subtotal: sale.subtotal ?? 0,
        vatTotal: sale.vat_total ?? 0,
        pltTotal: sale.plt_total ?? 0,
        total,
        totalKhr: sale.total_khr ?? 0,
        vatKhr: sale.vat_khr ?? 0,
        pltKhr: sale.plt_khr ?? 0,
        equivalent: { currency: other, amount: convert(total, sale.currency, other, sale.khr_per_usd) },
      },
      tenders: tenderRows.map(
        (row): TenderView => ({
          id: row.id,
          kind: row.kind,
          amount: row.amount,
          confirmation: row.confirmation,
          verified: row.verified === null ? null : row.verified === 1,
          bakongHash: row.bakong_hash,
          at: row.at,
        }),
      ),
      payment: {
        paidSen: payment.paidSen,
        dueSen: payment.dueSen,
        settled: payment.settled,
        stillDue: payment.stillDue,
        changeUsd: payment.changeUsd,
        changeKhr: payment.changeKhr,
        residualSen: payment.residualSen,
      },
      khqr: khqr
        ? {
            id: khqr.id,
            payload: khqr.payload,
            md5: khqr.md5,
            currency: khqr.currency,
            amount: khqr.amount,
            createdAt: khqr.created_at,
            expiresAt: khqr.expires_at,
            state: khqr.state,
          }
        : null,
      cashier: {
        id: sale.cashier_id,
        name: (this.statements.cashierName.get(sale.cashier_id) as string | undefined) ?? '',
      },
      openedAt: sale.opened_at,
      completedAt: sale.completed_at,
      voided: voidRow
        ? { at: voidRow.at, reason: voidRow.reason, by: voidRow.user_id, approvedBy: voidRow.approver_id }
        : null,
    }
  }
}
