import {
  type Currency,
  convert,
  isCashTender,
  shareOfUnits,
  type Tender,
  tenderCurrency,
  toSen,
} from '../../../../shared/money/index.ts'
import type { SaleView } from '../../../../shared/views.ts'
import { PosError } from '../../errors.ts'
import { uuidv7 } from '../../ids.ts'
import type { LedgerContext } from '../context.ts'
import { enqueuePrintJob } from '../print-jobs.ts'
import type { Shifts } from '../shifts.ts'
import { formatInvoiceNo, formatReceiptNo } from '../terminal.ts'
import type { SaleRecords } from './sale-records.ts'
import { type Actor, type LineRow, money, type SaleRow } from './sale-rows.ts'

/** After the sale: voids and refunds, each a new linked record, never an edit of the paid sale. */
export class SaleReturns {
  private readonly context: LedgerContext
  private readonly shifts: Shifts
  private readonly records: SaleRecords

  constructor(context: LedgerContext, shifts: Shifts, records: SaleRecords) {
    this.context = context
    this.shifts = shifts
    this.records = records
  }

  /** A practice sale of the demo (named at endDemo). */
  private isPractice(saleId: string): boolean {
    return this.context.db.prepare('SELECT 1 FROM practice_sales WHERE sale_id = ?').get(saleId) !== undefined
  }

  /** Voids a paid sale: a new void record in the current shift, never an edit of the sale. */
  void(saleId: string, actor: Required<Actor>): SaleView {
    const now = this.context.now()
    this.context.db.transaction(() => {
      const sale = this.records.row(saleId)
      if (sale.state !== 'paid' || sale.kind !== 'sale')
        throw new PosError('sale_not_voidable', 'Only a paid sale can be voided.')
      if (this.isPractice(sale.id)) throw practiceSale()
      if (this.records.statements.voidOf.get(saleId))
        throw new PosError('sale_already_voided', 'This sale is already voided.')
      const refunded = this.context.db
        .prepare("SELECT count(*) AS n FROM sales WHERE refund_of = ? AND state = 'paid'")
        .get(saleId) as { n: number }
      if (refunded.n > 0)
        throw new PosError('sale_has_refunds', 'Part of this sale was refunded; refund the rest instead of voiding it.')
      const shift = this.shifts.requireOpen()
      const id = uuidv7(now)
      this.context.db
        .prepare(
          'INSERT INTO sale_voids (id, sale_id, shift_id, user_id, approver_id, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(id, saleId, shift.id, actor.userId, actor.approverId, actor.reason, now)
      this.records.recordFacts('void', saleId, now, actor.userId)
      this.context.journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: 'sale.voided',
          objectType: 'sale',
          objectId: saleId,
          detail: { void_id: id, reason: actor.reason, total: sale.total ?? 0, currency: sale.currency },
        },
        now,
      )
      this.context.journal.appendEvent(
        'sale.voided',
        {
          void_id: id,
          sale_id: saleId,
          shift_id: shift.id,
          voided_by: actor.userId,
          approved_by: actor.approverId,
          reason: actor.reason,
          at: now,
        },
        now,
      )
    })()
    return this.records.get(saleId)
  }

  /**
   * Refunds some or all units of a paid sale as a new document with its own receipt number, at
   * the original sale's rate. Each line gives back its exact share, so refunds in parts add up
   * to the original to the riel; the money given back is recorded as tenders.
   */
  refund(
    input: { saleId: string; lines: { lineId: string; quantity: number }[]; tenders: Tender[] },
    actor: Required<Actor>,
  ): SaleView {
    const now = this.context.now()
    const refundId = uuidv7(now)
    this.context.db.transaction(() => {
      const sale = this.records.row(input.saleId)
      if (sale.state !== 'paid' || sale.kind !== 'sale')
        throw new PosError('sale_not_refundable', 'Only a paid sale can be refunded.')
      if (this.isPractice(sale.id)) throw practiceSale()
      if (this.records.statements.voidOf.get(sale.id))
        throw new PosError('sale_already_voided', 'This sale was voided; there is nothing to refund.')
      const shift = this.shifts.requireOpen()
      const { parts, subtotal, vatTotal, pltTotal, gross, total } = this.refundFigures(sale, input.lines)
      // The shop pays the nearest amount it can in notes: within half its smallest note of the refund, rounded half up.
      const dueSen = toSen(total, sale.currency, sale.khr_per_usd)
      const givenSen = input.tenders.reduce(
        (sum, tender) => sum + money(() => toSen(tender.amount, tenderCurrency(tender.kind), sale.khr_per_usd)),
        0,
      )
      const halfNote = (sale.smallest_note * 100) / 2
      if (givenSen - dueSen <= -halfNote)
        throw new PosError('refund_underpaid', 'The money given back is less than the refund.')
      if (givenSen - dueSen > halfNote)
        throw new PosError('refund_overpaid', 'The money given back is more than the refund.')
      const payment = { residualSen: dueSen - givenSen }
      const { next } = this.records.statements.nextReceipt.get() as { next: number }
      const db = this.context.db
      db.prepare(
        `INSERT INTO sales (id, kind, state, refund_of, receipt_no, shift_id, cashier_id, approver_id, reason, currency, khr_per_usd, tax_inclusive, smallest_note,
                            gross_total, discount_total, subtotal, vat_total, total, total_khr, vat_khr, plt_total, plt_khr, change_usd, change_khr, residual_sen, opened_at, completed_at)
         VALUES (?, 'refund', 'open', ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, NULL)`,
      ).run(
        refundId,
        sale.id,
        shift.id,
        actor.userId,
        actor.approverId,
        actor.reason,
        sale.currency,
        sale.khr_per_usd,
        sale.tax_inclusive,
        sale.smallest_note,
        gross,
        gross - subtotal,
        subtotal,
        vatTotal,
        total,
        convert(total, sale.currency, 'KHR', sale.khr_per_usd),
        convert(vatTotal, sale.currency, 'KHR', sale.khr_per_usd),
        pltTotal,
        convert(pltTotal, sale.currency, 'KHR', sale.khr_per_usd),
        payment.residualSen,
        now,
      )
      const insertLine = db.prepare(
        `INSERT INTO sale_lines (id, sale_id, position, product_id, refund_of_line, sku, name_en, name_km, quantity, sold_by, list_price, list_currency, unit_price, vat_class, vat_rate_bp, plt_rate_bp, gross, line_discount, sale_discount_share, amount, vat, plt)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
      )
      parts.forEach((part, index) => {
        const line = part.original
        insertLine.run(
          uuidv7(now),
          refundId,
          index + 1,
          line.product_id,
          line.id,
          line.sku,
          line.name_en,
          line.name_km,
          part.quantity,
          line.sold_by,
          line.list_price,
          line.list_currency,
          line.unit_price,
          line.vat_class,
          line.vat_rate_bp,
          line.plt_rate_bp,
          part.gross,
          part.gross - part.amount,
          part.amount,
          part.vat,
          part.plt,
        )
      })
      for (const tender of input.tenders) {
        this.records.statements.insertTender.run(
          uuidv7(now),
          refundId,
          refundId,
          tender.kind,
          tender.amount,
          null,
          null,
          null,
          null,
          actor.approverId,
          actor.reason,
          now,
        )
      }
      // A refund of a VAT invoice is a credit note: its own number, the original's TIN and rate.
      const creditNote = this.records.invoiceFor('refund', sale)
      db.prepare(
        "UPDATE sales SET state = 'paid', receipt_no = ?, completed_at = ?, invoice_no = ?, seller_tin = ? WHERE id = ?",
      ).run(next, now, creditNote.invoiceNo, creditNote.sellerTin, refundId)
      this.records.recordFacts('refund', refundId, now)
      if (input.tenders.some((tender) => isCashTender(tender.kind)))
        enqueuePrintJob(db, { kind: 'drawer', objectId: refundId, now })
      enqueuePrintJob(db, { kind: 'receipt', objectId: refundId, now })
      this.context.journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: 'refund.created',
          objectType: 'sale',
          objectId: sale.id,
          detail: { refund_id: refundId, total, currency: sale.currency, reason: actor.reason },
        },
        now,
      )
      this.context.journal.appendEvent(
        'refund.created',
        {
          refund_id: refundId,
          sale_id: sale.id,
          shift_id: shift.id,
          receipt_no: formatReceiptNo(this.context.terminal.label, next),
          credit_note_no:
            creditNote.invoiceNo === null
              ? null
              : formatInvoiceNo(this.context.terminal.label, 'refund', creditNote.invoiceNo),
          currency: sale.currency,
          rate_khr_per_usd: sale.khr_per_usd,
          lines: parts.map((part) => ({
            refund_of_line: part.original.id,
            sku: part.original.sku,
            qty: part.quantity,
            sold_by: part.original.sold_by,
            amount_minor: part.amount,
            vat_minor: part.vat,
            plt_minor: part.plt,
          })),
          totals: { subtotal_minor: subtotal, vat_minor: vatTotal, plt_minor: pltTotal, total_minor: total },
          tenders: input.tenders.map((tender) => ({ method: tender.kind, amount_minor: tender.amount })),
          residual_sen: payment.residualSen,
          refunded_by: actor.userId,
          approved_by: actor.approverId,
          reason: actor.reason,
          at: now,
        },
        now,
      )
    })()
    return this.records.get(refundId)
  }

  /** What refunding these units would give back: each line's exact share, so parts add up to the whole. */
  private refundFigures(sale: SaleRow, lines: { lineId: string; quantity: number }[]) {
    if (lines.length === 0) throw new PosError('refund_empty', 'Choose at least one item to refund.')
    const originals = new Map((this.records.statements.lines.all(sale.id) as LineRow[]).map((line) => [line.id, line]))
    const refundedUnits = this.context.db.prepare(
      "SELECT coalesce(sum(l.quantity), 0) AS n FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE l.refund_of_line = ? AND s.state = 'paid'",
    )
    const parts = lines.map((part) => {
      const original = originals.get(part.lineId)
      if (!original) throw new PosError('line_unknown', 'That item is not on this sale.')
      const already = (refundedUnits.get(part.lineId) as { n: number }).n
      if (already + part.quantity > original.quantity) {
        throw new PosError(
          'refund_too_many',
          `Only ${original.quantity - already} of ${original.name_en} can still be refunded.`,
        )
      }
      return {
        original,
        quantity: part.quantity,
        amount:
          shareOfUnits(original.amount, original.quantity, already + part.quantity) -
          shareOfUnits(original.amount, original.quantity, already),
        vat:
          shareOfUnits(original.vat, original.quantity, already + part.quantity) -
          shareOfUnits(original.vat, original.quantity, already),
        plt:
          shareOfUnits(original.plt ?? 0, original.quantity, already + part.quantity) -
          shareOfUnits(original.plt ?? 0, original.quantity, already),
        gross:
          shareOfUnits(original.gross, original.quantity, already + part.quantity) -
          shareOfUnits(original.gross, original.quantity, already),
      }
    })
    if (new Set(lines.map((part) => part.lineId)).size !== lines.length)
      throw new PosError('refund_line_twice', 'Each item may appear once in a refund.')
    const subtotal = parts.reduce((sum, part) => sum + part.amount, 0)
    const vatTotal = parts.reduce((sum, part) => sum + part.vat, 0)
    const pltTotal = parts.reduce((sum, part) => sum + part.plt, 0)
    const gross = parts.reduce((sum, part) => sum + part.gross, 0)
    const total = sale.tax_inclusive === 1 ? subtotal : subtotal + pltTotal + vatTotal
    return { parts, subtotal, vatTotal, pltTotal, gross, total }
  }

  /** The amount a refund of these units would come to, before anyone approves it. */
  quoteRefund(input: { saleId: string; lines: { lineId: string; quantity: number }[] }): {
    currency: Currency
    total: number
    totalKhr: number
  } {
    const sale = this.records.row(input.saleId)
    if (sale.state !== 'paid' || sale.kind !== 'sale')
      throw new PosError('sale_not_refundable', 'Only a paid sale can be refunded.')
    if (this.isPractice(sale.id)) throw practiceSale()
    const { total } = this.refundFigures(sale, input.lines)
    return { currency: sale.currency, total, totalKhr: convert(total, sale.currency, 'KHR', sale.khr_per_usd) }
  }
}

/** A practice sale of the demo gives no money back: it was never real. */
function practiceSale(): PosError {
  return new PosError('sale_practice', 'This was a practice sale in the demo; it cannot be refunded or voided.')
}
