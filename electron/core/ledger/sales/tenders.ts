import {
  type Currency,
  isCashTender,
  type Settlement,
  type Tender,
  type TenderKind,
} from '../../../../shared/money/index.ts'
import type { SaleView } from '../../../../shared/views.ts'
import { PosError } from '../../errors.ts'
import { uuidv7 } from '../../ids.ts'
import type { LedgerContext } from '../context.ts'
import { enqueuePrintJob } from '../print-jobs.ts'
import { formatInvoiceNo, formatReceiptNo } from '../terminal.ts'
import type { SaleRecords } from './sale-records.ts'
import { type Actor, discountOf, type KhqrRow, type LineRow, type SaleRow } from './sale-rows.ts'

/**
 * Taking the money: cash in either currency, a KHQR payment once confirmed, and completing the sale
 * when it is settled. Completing is one transaction: receipt number, totals, tenders, the printer's
 * jobs, the audit entry and the `sale.completed` event commit together.
 */
export class SaleTenders {
  private readonly context: LedgerContext
  private readonly records: SaleRecords

  constructor(context: LedgerContext, records: SaleRecords) {
    this.context = context
    this.records = records
  }

  /**
   * Completes a sale that is settled with nothing paid: a total of zero (a full discount) or less
   * than half the smallest note, which the shop absorbs as rounding, exactly as it does for change.
   */
  completeWithoutPayment(cashierId: string): SaleView {
    const sale = this.records.requireActive()
    const now = this.context.now()
    this.context.db.transaction(() => {
      const lines = this.records.statements.lines.all(sale.id) as LineRow[]
      if (lines.length === 0) throw new PosError('sale_empty', 'Add an item first.')
      if (this.records.tendersOf(sale.id).length > 0)
        throw new PosError('sale_has_tenders', 'Money was already taken; finish the payment instead.')
      const payment = this.records.paymentFor(sale, [])
      if (!payment.settled) throw new PosError('payment_required', 'This sale has an amount to pay.')
      this.records.endKhqr(sale.id, 'cancelled', now)
      this.complete(this.records.row(sale.id), lines, payment, cashierId, now)
    })()
    return this.records.get(sale.id)
  }

  payCash(currency: Currency, amount: number, cashierId: string): SaleView {
    const sale = this.records.requireActive()
    if (sale.state === 'awaiting_payment')
      throw new PosError('sale_awaiting_payment', 'A KHQR is on the customer screen; cancel it before taking cash.')
    const kind: TenderKind = currency === 'USD' ? 'cash_usd' : 'cash_khr'
    return this.addTender(sale, { kind, amount }, { userId: cashierId })
  }

  addTender(
    sale: SaleRow,
    tender: Tender,
    actor: Actor,
    khqr?: {
      request: KhqrRow
      confirmation: 'bakong' | 'manual'
      bakongHash: string | null
      paidBy?: { fromAccountId: string | null; createdAtMs: number }
    },
  ): SaleView {
    const now = this.context.now()
    this.context.db.transaction(() => {
      const fresh = this.records.row(sale.id)
      if (fresh.state !== 'open' && fresh.state !== 'awaiting_payment')
        throw new PosError('sale_not_open', 'This sale is no longer open.')
      const lines = this.records.statements.lines.all(sale.id) as LineRow[]
      if (lines.length === 0) throw new PosError('sale_empty', 'Add an item before taking payment.')
      const earlier = this.records.tendersOf(sale.id)
      // A sale worth nothing (or less than half the smallest note) is settled before any tender; it still completes on one.
      if (earlier.length > 0 && this.records.paymentFor(fresh, earlier).settled)
        throw new PosError('sale_settled', 'Nothing is left to pay.')
      const tenders = [...earlier, tender]
      if (!isCashTender(tender.kind) && !khqr)
        throw new PosError('khqr_not_shown', 'A KHQR payment is recorded only against the QR shown.')
      const after = this.records.paymentFor(fresh, tenders)
      this.records.statements.insertTender.run(
        uuidv7(now),
        sale.id,
        sale.id,
        tender.kind,
        tender.amount,
        khqr?.request.id ?? null,
        khqr?.confirmation ?? null,
        khqr?.bakongHash ?? null,
        khqr ? (khqr.confirmation === 'bakong' ? 1 : 0) : null,
        actor.approverId ?? null,
        actor.reason ?? null,
        now,
      )
      if (khqr) {
        this.context.db
          .prepare("UPDATE khqr_requests SET state = 'paid', ended_at = ? WHERE id = ?")
          .run(now, khqr.request.id)
        this.context.db.prepare("UPDATE sales SET state = 'open' WHERE id = ?").run(sale.id)
        this.context.journal.audit(
          {
            userId: actor.userId,
            approverId: actor.approverId ?? null,
            action: `khqr.confirmed_${khqr.confirmation}`,
            objectType: 'sale',
            objectId: sale.id,
            detail: {
              request_id: khqr.request.id,
              md5: khqr.request.md5,
              amount: tender.amount,
              currency: khqr.request.currency,
              reason: actor.reason ?? null,
            },
          },
          now,
        )
        this.context.journal.appendEvent(
          'khqr.confirmed',
          {
            sale_id: sale.id,
            request_id: khqr.request.id,
            md5: khqr.request.md5,
            amount: tender.amount,
            currency: khqr.request.currency,
            source: khqr.confirmation,
            bakong_hash: khqr.bakongHash,
            from_account_id: khqr.paidBy?.fromAccountId ?? null,
            created_date_ms: khqr.paidBy?.createdAtMs ?? null,
            verified: khqr.confirmation === 'bakong',
            confirmed_by: actor.userId,
            approved_by: actor.approverId ?? null,
            reason: actor.reason ?? null,
            at: now,
          },
          now,
        )
      }
      if (after.settled) this.complete(fresh, lines, after, actor.userId, now)
    })()
    return this.records.get(sale.id)
  }

  /** The category a product is in as it is sold (for the owner's reports), or null. */
  private categoryOf(productId: string | null): { id: string; name_en: string; name_km: string } | null {
    if (productId === null) return null
    return (
      (this.context.db
        .prepare(
          'SELECT c.id, c.name_en, c.name_km FROM products p JOIN categories c ON c.id = p.category_id WHERE p.id = ?',
        )
        .get(productId) as { id: string; name_en: string; name_km: string } | undefined) ?? null
    )
  }

  private complete(sale: SaleRow, lines: LineRow[], payment: Settlement, userId: string, now: number): void {
    const { next } = this.records.statements.nextReceipt.get() as { next: number }
    const invoice = this.records.invoiceFor('sale', null)
    this.records.statements.complete.run(
      next,
      payment.changeUsd,
      payment.changeKhr,
      payment.residualSen,
      now,
      invoice.invoiceNo,
      invoice.sellerTin,
      sale.id,
    )
    const tenders = this.records.tendersOf(sale.id)
    this.records.recordFacts('sale', sale.id, now)
    // The receipt (and, when cash changed hands, the drawer kick) is owed in the same transaction as the sale.
    if (tenders.some((tender) => isCashTender(tender.kind)))
      enqueuePrintJob(this.context.db, { kind: 'drawer', objectId: sale.id, now })
    enqueuePrintJob(this.context.db, { kind: 'receipt', objectId: sale.id, now })
    const completed = this.records.row(sale.id)
    this.context.journal.audit(
      {
        userId,
        action: 'sale.completed',
        objectType: 'sale',
        objectId: sale.id,
        detail: { receipt_no: next, total: completed.total ?? 0, currency: sale.currency },
      },
      now,
    )
    this.context.journal.appendEvent(
      'sale.completed',
      {
        sale_id: sale.id,
        shift_id: sale.shift_id,
        receipt_no: formatReceiptNo(this.context.terminal.label, next),
        invoice_no:
          invoice.invoiceNo === null ? null : formatInvoiceNo(this.context.terminal.label, 'sale', invoice.invoiceNo),
        seller_tin: invoice.sellerTin,
        buyer: sale.buyer_name === null ? null : { name: sale.buyer_name, tin: sale.buyer_tin },
        cashier_id: sale.cashier_id,
        // Names as sold, so the owner's reports read without the till's own tables.
        cashier_name: this.records.statements.cashierName.get(sale.cashier_id) ?? null,
        currency: sale.currency,
        rate_khr_per_usd: sale.khr_per_usd,
        tax_inclusive: sale.tax_inclusive === 1,
        opened_at: sale.opened_at,
        completed_at: now,
        discount: discountOf(sale.discount_kind, sale.discount_value),
        lines: lines.map((line) => ({
          line_id: line.id,
          product_id: line.product_id,
          sku: line.sku,
          name_en: line.name_en,
          name_km: line.name_km,
          category: this.categoryOf(line.product_id),
          // Grams when sold by weight (the unit price is then per kilogram).
          qty: line.quantity,
          sold_by: line.sold_by,
          unit_price_minor: line.unit_price,
          list_price_minor: line.list_price,
          list_currency: line.list_currency,
          price_overridden_by: line.price_overridden_by,
          discount: discountOf(line.discount_kind, line.discount_value),
          amount_minor: line.amount,
          vat_minor: line.vat,
          vat_rate_bp: line.vat_rate_bp,
          plt_minor: line.plt ?? 0,
          plt_rate_bp: line.plt_rate_bp,
        })),
        totals: {
          gross_minor: completed.gross_total,
          discount_minor: completed.discount_total,
          subtotal_minor: completed.subtotal,
          vat_minor: completed.vat_total,
          plt_minor: completed.plt_total ?? 0,
          total_minor: completed.total,
          total_khr: completed.total_khr,
          vat_khr: completed.vat_khr,
          plt_khr: completed.plt_khr ?? 0,
        },
        tenders: tenders.map((tender) => ({ method: tender.kind, amount_minor: tender.amount })),
        change: { usd_minor: payment.changeUsd, khr: payment.changeKhr, residual_sen: payment.residualSen },
      },
      now,
    )
  }
}
