import { type BakongTransaction, matchPayment } from '../../../shared/bakong/index.ts'
import { decodeKhqr, encodeKhqr } from '../../../shared/khqr/index.ts'
import { formatMoney } from '../../../shared/money/format.ts'
import {
  type Currency,
  computeSaleTotals,
  convert,
  type Discount,
  isCashTender,
  MoneyError,
  type SaleTotals,
  type Settlement,
  type SmallestNote,
  settle,
  shareOfUnits,
  type Tender,
  type TenderKind,
  tenderCurrency,
  toSen,
} from '../../../shared/money/index.ts'
import type {
  KhqrRequestView,
  SaleLineView,
  SaleSummary,
  SaleView,
  Settings,
  TenderView,
} from '../../../shared/views.ts'
import { PosError } from '../errors.ts'
import { uuidv7 } from '../ids.ts'
import { khqrMd5 } from '../payments/khqr-md5.ts'
import type { Catalog } from './catalog.ts'
import type { LedgerContext } from './context.ts'
import { enqueuePrintJob } from './print-jobs.ts'
import type { SettingsStore } from './settings.ts'
import type { Shifts } from './shifts.ts'
import { formatReceiptNo } from './terminal.ts'

interface SaleRow {
  id: string
  kind: 'sale' | 'refund'
  state: SaleView['state']
  refund_of: string | null
  receipt_no: number | null
  shift_id: string | null
  cashier_id: string
  currency: Currency
  khr_per_usd: number
  tax_inclusive: number
  smallest_note: SmallestNote
  discount_kind: Discount['kind'] | null
  discount_value: number | null
  gross_total: number | null
  discount_total: number | null
  subtotal: number | null
  vat_total: number | null
  total: number | null
  total_khr: number | null
  vat_khr: number | null
  change_usd: number | null
  change_khr: number | null
  residual_sen: number | null
  opened_at: number
  completed_at: number | null
}

interface LineRow {
  id: string
  sale_id: string
  position: number
  product_id: string | null
  refund_of_line: string | null
  sku: string
  name_en: string
  name_km: string
  quantity: number
  list_price: number
  list_currency: Currency
  unit_price: number
  price_overridden_by: string | null
  vat_class: string
  vat_rate_bp: number
  discount_kind: Discount['kind'] | null
  discount_value: number | null
  gross: number
  line_discount: number
  sale_discount_share: number
  amount: number
  vat: number
}

interface TenderRow {
  id: string
  kind: TenderKind
  amount: number
  confirmation: 'bakong' | 'manual' | null
  verified: number | null
  bakong_hash: string | null
  at: number
}

interface KhqrRow {
  id: string
  sale_id: string
  currency: Currency
  amount: number
  payload: string
  md5: string
  created_at: number
  expires_at: number
  state: KhqrRequestView['state']
}

/** A QR as the payment checks need it: what it asks for, where the money must go, and when. */
export interface KhqrRequestRecord {
  id: string
  saleId: string
  md5: string
  amount: number
  currency: Currency
  /** The Bakong account encoded in the QR that was shown. */
  toAccountId: string
  createdAt: number
  expiresAt: number
  state: KhqrRequestView['state']
  endedAt: number | null
}

const MISMATCH_WORDS = {
  amount: 'amount',
  currency: 'currency',
  account: 'account',
  too_early: 'time: sent before the QR was made',
  too_late: 'time: sent after the QR expired',
} as const

export interface Actor {
  userId: string
  approverId?: string | null
  reason?: string
}

function discountOf(kind: Discount['kind'] | null, value: number | null): Discount | null {
  if (kind === null || value === null) return null
  return kind === 'percent' ? { kind, basisPoints: value } : { kind, amount: value }
}

function discountValue(discount: Discount | null): number | null {
  if (discount === null) return null
  return discount.kind === 'percent' ? discount.basisPoints : discount.amount
}

/** A discount's stored value in another currency: an amount is converted, a percentage stays. */
function convertedDiscountValue(
  kind: Discount['kind'] | null,
  value: number | null,
  from: Currency,
  to: Currency,
  khrPerUsd: number,
): number | null {
  if (kind !== 'amount' || value === null) return value
  return money(() => convert(value, from, to, khrPerUsd))
}

/** Money rule violations (a discount larger than the line, say) reach the cashier as ledger errors. */
function money<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof MoneyError) throw new PosError(error.code, error.message, { cause: error })
    throw error
  }
}

/**
 * Sales from the first scanned item to the paid, numbered document; voids and refunds as new
 * linked records. A sale being rung up is a draft, saved on every change so a restart loses
 * nothing; once paid, triggers make it read-only. Completing a sale is one transaction: the
 * receipt number, totals, tenders, audit entry and `sale.completed` event commit together.
 */
export class Sales {
  private readonly context: LedgerContext
  private readonly catalog: Catalog
  private readonly settings: SettingsStore
  private readonly shifts: Shifts
  private readonly statements

  constructor(context: LedgerContext, catalog: Catalog, settings: SettingsStore, shifts: Shifts) {
    this.context = context
    this.catalog = catalog
    this.settings = settings
    this.shifts = shifts
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
        'UPDATE sale_lines SET gross = ?, line_discount = ?, sale_discount_share = ?, amount = ?, vat = ? WHERE id = ?',
      ),
      updateSaleTotals: db.prepare(
        'UPDATE sales SET gross_total = ?, discount_total = ?, subtotal = ?, vat_total = ?, total = ?, total_khr = ?, vat_khr = ? WHERE id = ?',
      ),
      insertTender: db.prepare(
        `INSERT INTO sale_tenders (id, sale_id, position, kind, amount, khqr_request, confirmation, bakong_hash, verified, approver_id, reason, at)
         VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM sale_tenders WHERE sale_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      nextReceipt: db.prepare('SELECT coalesce(max(receipt_no), 0) + 1 AS next FROM sales'),
      complete: db.prepare(
        "UPDATE sales SET state = 'paid', receipt_no = ?, change_usd = ?, change_khr = ?, residual_sen = ?, completed_at = ? WHERE id = ?",
      ),
      cashierName: db.prepare('SELECT name FROM users WHERE id = ?').pluck(),
      voidOf: db.prepare('SELECT * FROM sale_voids WHERE sale_id = ?'),
    }
  }

  // ── reading ────────────────────────────────────────────────────────────────────────────────

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
         FROM sales s WHERE s.state = 'paid' AND s.completed_at >= ? AND s.completed_at < ? ORDER BY s.completed_at DESC LIMIT ?`,
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

  // ── ringing up ─────────────────────────────────────────────────────────────────────────────

  addProduct(productId: string, quantity: number, cashierId: string): SaleView {
    const product = this.catalog.product(productId)
    if (!product.active) throw new PosError('product_inactive', `${product.nameEn} is not for sale (inactive).`)
    return this.change(cashierId, (sale) => {
      const lines = this.statements.lines.all(sale.id) as LineRow[]
      const same = lines.find(
        (line) => line.product_id === product.id && line.price_overridden_by === null && line.discount_kind === null,
      )
      if (same) {
        const merged = same.quantity + quantity
        if (merged > 100_000) throw new PosError('quantity_invalid', 'A line holds at most 100 000 units.')
        this.context.db.prepare('UPDATE sale_lines SET quantity = ? WHERE id = ?').run(merged, same.id)
        return
      }
      const unitPrice = money(() => convert(product.price, product.currency, sale.currency, sale.khr_per_usd))
      this.context.db
        .prepare(
          `INSERT INTO sale_lines (id, sale_id, position, product_id, sku, name_en, name_km, quantity, list_price, list_currency, unit_price, vat_class, vat_rate_bp)
           VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM sale_lines WHERE sale_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          uuidv7(this.context.now()),
          sale.id,
          sale.id,
          product.id,
          product.sku,
          product.nameEn,
          product.nameKm,
          quantity,
          product.price,
          product.currency,
          unitPrice,
          product.vatClass,
          this.catalog.vatRate(product.vatClass),
        )
    })
  }

  addBarcode(barcode: string, quantity: number, cashierId: string): SaleView {
    const product = this.catalog.findByBarcode(barcode)
    if (!product) throw new PosError('barcode_unknown', `No product has barcode ${barcode}.`)
    return this.addProduct(product.id, quantity, cashierId)
  }

  setQuantity(lineId: string, quantity: number, cashierId: string): SaleView {
    return this.changeLine(lineId, cashierId, () => {
      this.context.db.prepare('UPDATE sale_lines SET quantity = ? WHERE id = ?').run(quantity, lineId)
    })
  }

  removeLine(lineId: string, cashierId: string): SaleView {
    return this.changeLine(lineId, cashierId, (sale) => {
      this.context.db.prepare('DELETE FROM sale_lines WHERE id = ?').run(lineId)
      this.context.journal.audit(
        {
          userId: cashierId,
          action: 'sale.line_removed',
          objectType: 'sale',
          objectId: sale.id,
          detail: { line_id: lineId },
        },
        this.context.now(),
      )
    })
  }

  setLineDiscount(lineId: string, discount: Discount | null, cashierId: string): SaleView {
    return this.changeLine(lineId, cashierId, (sale) => {
      this.context.db
        .prepare('UPDATE sale_lines SET discount_kind = ?, discount_value = ? WHERE id = ?')
        .run(discount?.kind ?? null, discountValue(discount), lineId)
      this.context.journal.audit(
        {
          userId: cashierId,
          action: 'sale.line_discount',
          objectType: 'sale',
          objectId: sale.id,
          detail: { line_id: lineId, discount },
        },
        this.context.now(),
      )
    })
  }

  setSaleDiscount(discount: Discount | null, cashierId: string): SaleView {
    return this.change(
      cashierId,
      (sale) => {
        this.context.db
          .prepare('UPDATE sales SET discount_kind = ?, discount_value = ? WHERE id = ?')
          .run(discount?.kind ?? null, discountValue(discount), sale.id)
        this.context.journal.audit(
          { userId: cashierId, action: 'sale.discount', objectType: 'sale', objectId: sale.id, detail: { discount } },
          this.context.now(),
        )
      },
      false,
    )
  }

  /** A manager-approved price for one line, in the sale currency. */
  overridePrice(lineId: string, unitPrice: number, actor: Required<Actor>): SaleView {
    return this.changeLine(lineId, actor.userId, (sale, line) => {
      this.context.db
        .prepare('UPDATE sale_lines SET unit_price = ?, price_overridden_by = ? WHERE id = ?')
        .run(unitPrice, actor.approverId, lineId)
      this.context.journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: 'sale.price_override',
          objectType: 'sale',
          objectId: sale.id,
          detail: { line_id: lineId, before: line.unit_price, after: unitPrice, reason: actor.reason },
        },
        this.context.now(),
      )
    })
  }

  /** Switches the currency the sale is charged in; prices are converted at the sale's rate. */
  setCurrency(currency: Currency, cashierId: string): SaleView {
    return this.change(
      cashierId,
      (sale) => {
        if (sale.currency === currency) return
        const db = this.context.db
        for (const line of this.statements.lines.all(sale.id) as LineRow[]) {
          const unitPrice =
            line.price_overridden_by === null
              ? money(() => convert(line.list_price, line.list_currency, currency, sale.khr_per_usd))
              : money(() => convert(line.unit_price, sale.currency, currency, sale.khr_per_usd))
          const discountAmount = convertedDiscountValue(
            line.discount_kind,
            line.discount_value,
            sale.currency,
            currency,
            sale.khr_per_usd,
          )
          db.prepare('UPDATE sale_lines SET unit_price = ?, discount_value = ? WHERE id = ?').run(
            unitPrice,
            discountAmount,
            line.id,
          )
        }
        const saleDiscountValue = convertedDiscountValue(
          sale.discount_kind,
          sale.discount_value,
          sale.currency,
          currency,
          sale.khr_per_usd,
        )
        db.prepare('UPDATE sales SET currency = ?, discount_value = ? WHERE id = ?').run(
          currency,
          saleDiscountValue,
          sale.id,
        )
      },
      false,
    )
  }

  hold(cashierId: string): SaleView {
    const sale = this.requireActive()
    this.requireNoTenders(sale)
    if (sale.state === 'awaiting_payment')
      throw new PosError('sale_awaiting_payment', 'Cancel the KHQR before putting the sale on hold.')
    if ((this.statements.lines.all(sale.id) as LineRow[]).length === 0)
      throw new PosError('sale_empty', 'There is nothing to hold.')
    this.context.db.transaction(() => {
      this.context.db.prepare("UPDATE sales SET state = 'held' WHERE id = ?").run(sale.id)
      this.context.journal.audit(
        { userId: cashierId, action: 'sale.held', objectType: 'sale', objectId: sale.id },
        this.context.now(),
      )
    })()
    return this.get(sale.id)
  }

  recall(saleId: string, cashierId: string): SaleView {
    this.context.db.transaction(() => {
      if (this.statements.active.get())
        throw new PosError('sale_in_progress', 'Finish or hold the current sale before recalling another.')
      const sale = this.row(saleId)
      if (sale.state !== 'held') throw new PosError('sale_not_held', 'That sale is not on hold.')
      const shift = this.shifts.requireOpen()
      this.context.db.prepare("UPDATE sales SET state = 'open', shift_id = ? WHERE id = ?").run(shift.id, saleId)
      this.context.journal.audit(
        { userId: cashierId, action: 'sale.recalled', objectType: 'sale', objectId: saleId },
        this.context.now(),
      )
    })()
    return this.get(saleId)
  }

  /**
   * Abandons the sale at the counter. Before any payment the cashier may; once money was taken
   * it is a void after tender, which needs a manager (the caller passes the approval).
   */
  cancel(actor: Actor): void {
    const sale = this.requireActive()
    const tenders = this.statements.tenders.all(sale.id) as TenderRow[]
    if (tenders.length > 0 && !actor.approverId)
      throw new PosError(
        'approval_required',
        'Money was already taken on this sale; a manager must approve cancelling it.',
      )
    const now = this.context.now()
    this.context.db.transaction(() => {
      this.endKhqr(sale.id, 'cancelled', now)
      this.context.db.prepare("UPDATE sales SET state = 'cancelled', completed_at = ? WHERE id = ?").run(now, sale.id)
      this.context.journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId ?? null,
          action: tenders.length > 0 ? 'sale.cancelled_after_tender' : 'sale.cancelled',
          objectType: 'sale',
          objectId: sale.id,
          detail: {
            total: sale.total ?? 0,
            currency: sale.currency,
            tenders: tenders.map((t) => ({ kind: t.kind, amount: t.amount })),
            reason: actor.reason ?? null,
          },
        },
        now,
      )
    })()
  }

  // ── payment ────────────────────────────────────────────────────────────────────────────────

  /**
   * Completes a sale that is settled with nothing paid: a total of zero (a full discount) or less
   * than half the smallest note, which the shop absorbs as rounding, exactly as it does for change.
   */
  completeWithoutPayment(cashierId: string): SaleView {
    const sale = this.requireActive()
    const now = this.context.now()
    this.context.db.transaction(() => {
      const lines = this.statements.lines.all(sale.id) as LineRow[]
      if (lines.length === 0) throw new PosError('sale_empty', 'Add an item first.')
      if (this.tendersOf(sale.id).length > 0)
        throw new PosError('sale_has_tenders', 'Money was already taken; finish the payment instead.')
      const payment = this.paymentFor(sale, [])
      if (!payment.settled) throw new PosError('payment_required', 'This sale has an amount to pay.')
      this.endKhqr(sale.id, 'cancelled', now)
      this.complete(this.row(sale.id), lines, payment, cashierId, now)
    })()
    return this.get(sale.id)
  }

  payCash(currency: Currency, amount: number, cashierId: string): SaleView {
    const sale = this.requireActive()
    if (sale.state === 'awaiting_payment')
      throw new PosError('sale_awaiting_payment', 'A KHQR is on the customer screen; cancel it before taking cash.')
    const kind: TenderKind = currency === 'USD' ? 'cash_usd' : 'cash_khr'
    return this.addTender(sale, { kind, amount }, { userId: cashierId })
  }

  /**
   * Shows a per-sale KHQR for what is still due, in the currency asked. The exact string, its
   * md5 and its lifetime are stored before it is returned, so the QR on screen is always on record.
   */
  startKhqr(currency: Currency, cashierId: string): SaleView {
    const settings = this.settings.get()
    if (!settings.merchant.currencies.includes(currency))
      throw new PosError('khqr_currency_off', `This shop does not take KHQR payments in ${currency}.`)
    const now = this.context.now()
    this.context.db.transaction(() => {
      const sale = this.requireActive()
      if (sale.state === 'awaiting_payment')
        throw new PosError('sale_awaiting_payment', 'A KHQR is already on the customer screen.')
      const payment = this.settlement(sale)
      if (payment.settled)
        throw new PosError('sale_settled', 'Nothing is left to pay; complete the sale without payment.')
      const amount = currency === 'USD' ? payment.stillDue.usd : payment.stillDue.khr
      const id = uuidv7(now)
      // Every QR gets its own creation time, a millisecond after the last at least, so no two QRs
      // are ever the same string: the md5 identifies one payment request.
      const { last } = this.context.db
        .prepare('SELECT coalesce(max(created_at), 0) AS last FROM khqr_requests')
        .get() as { last: number }
      const createdAt = Math.max(now, last + 1)
      const expiresAt = createdAt + settings.khqrLifetimeSeconds * 1000
      const payload = this.khqrPayload(settings, sale, currency, amount, createdAt, expiresAt)
      this.context.db
        .prepare(
          "INSERT INTO khqr_requests (id, sale_id, currency, amount, payload, md5, created_at, expires_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'shown')",
        )
        .run(id, sale.id, currency, amount, payload, khqrMd5(payload), createdAt, expiresAt)
      this.context.db.prepare("UPDATE sales SET state = 'awaiting_payment' WHERE id = ?").run(sale.id)
      this.context.journal.audit(
        {
          userId: cashierId,
          action: 'khqr.shown',
          objectType: 'sale',
          objectId: sale.id,
          detail: { request_id: id, currency, amount, expires_at: expiresAt },
        },
        now,
      )
    })()
    return this.currentOrThrow()
  }

  cancelKhqr(cashierId: string): SaleView {
    const sale = this.requireActive()
    const now = this.context.now()
    this.context.db.transaction(() => {
      if (!this.endKhqr(sale.id, 'cancelled', now))
        throw new PosError('khqr_not_shown', 'No KHQR is waiting for payment.')
      this.context.journal.audit(
        { userId: cashierId, action: 'khqr.cancelled', objectType: 'sale', objectId: sale.id },
        now,
      )
    })()
    return this.currentOrThrow()
  }

  /**
   * A KHQR payment confirmed by hand (the cashier saw the customer's banking app): manager PIN
   * and reason, recorded as unverified until a later Bakong check.
   */
  confirmKhqrByHand(actor: Required<Actor>): SaleView {
    const sale = this.requireActive()
    const request = this.statements.shownKhqr.get(sale.id) as KhqrRow | undefined
    if (!request) throw new PosError('khqr_not_shown', 'No KHQR is waiting for payment.')
    this.requireWithinManualLimits(sale, request, actor)
    return this.addTender(
      sale,
      { kind: request.currency === 'USD' ? 'khqr_usd' : 'khqr_khr', amount: request.amount },
      actor,
      { request, confirmation: 'manual', bakongHash: null },
    )
  }

  /**
   * The manager's caps on unverified hand confirmations (cambodia.md §2, "When the POS is
   * offline"): one sale's QR, and the shift's unverified total in that currency. A refusal is
   * audited, then reported to the cashier.
   */
  private requireWithinManualLimits(sale: SaleRow, request: KhqrRow, actor: Required<Actor>): void {
    const limits = this.settings.get().khqrManualLimits
    const usd = request.currency === 'USD'
    const perSale = usd ? limits.perSaleUsd : limits.perSaleKhr
    const perShift = usd ? limits.perShiftUsd : limits.perShiftKhr
    const { pending } = this.context.db
      .prepare(
        `SELECT coalesce(sum(t.amount), 0) AS pending FROM sale_tenders t JOIN sales s ON s.id = t.sale_id
         WHERE s.shift_id = ? AND t.confirmation = 'manual' AND t.verified = 0 AND t.kind = ?`,
      )
      .get(sale.shift_id, usd ? 'khqr_usd' : 'khqr_khr') as { pending: number }
    const show = (amount: number) => formatMoney(amount, request.currency, 'en')
    let refusal: PosError | null = null
    if (request.amount > perSale)
      refusal = new PosError(
        'khqr_manual_sale_limit',
        perSale === 0
          ? `Confirming KHQR in ${request.currency} by hand is turned off; wait for Bakong or take another payment.`
          : `${show(request.amount)} is over the limit of ${show(perSale)} a sale for KHQR confirmed by hand; wait for Bakong or take another payment.`,
      )
    else if (pending + request.amount > perShift)
      refusal = new PosError(
        'khqr_manual_shift_limit',
        `This shift already has ${show(pending)} of KHQR confirmed by hand and not yet verified; the limit is ${show(perShift)}. Wait for Bakong or take another payment.`,
      )
    if (!refusal) return
    const now = this.context.now()
    this.context.db.transaction(() => {
      this.context.journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: 'khqr.confirm_by_hand_refused',
          objectType: 'sale',
          objectId: sale.id,
          result: 'refused',
          detail: {
            code: refusal.code,
            amount: request.amount,
            currency: request.currency,
            pending,
            perSale,
            perShift,
          },
        },
        now,
      )
    })()
    throw refusal
  }

  /** The QR with this md5, as the payment checks need it; null when this terminal never showed it. */
  khqrRequest(md5: string): KhqrRequestRecord | null {
    const row = this.context.db.prepare('SELECT * FROM khqr_requests WHERE md5 = ?').get(md5) as
      | (KhqrRow & { ended_at: number | null })
      | undefined
    return row ? this.requestRecord(row) : null
  }

  private requestRecord(row: KhqrRow & { ended_at?: number | null }): KhqrRequestRecord {
    return {
      id: row.id,
      saleId: row.sale_id,
      md5: row.md5,
      amount: row.amount,
      currency: row.currency,
      toAccountId: decodeKhqr(row.payload).accountId,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      state: row.state,
      endedAt: row.ended_at ?? null,
    }
  }

  /** The sale a Bakong transaction already paid (or verified), if any: one transaction settles one sale. */
  saleOfBakongHash(hash: string): string | null {
    const row = this.context.db.prepare('SELECT sale_id FROM sale_tenders WHERE bakong_hash = ?').get(hash) as
      | { sale_id: string }
      | undefined
    return row?.sale_id ?? null
  }

  /**
   * Marks a hand-confirmed KHQR tender verified once Bakong reports the matching payment: the only
   * change a tender may ever see. The caller has matched the transaction to the QR (matchPayment).
   */
  verifyManualKhqr(tenderId: string, transaction: BakongTransaction, systemUserId: string): void {
    const now = this.context.now()
    this.context.db.transaction(() => {
      const tender = this.context.db
        .prepare(
          "SELECT t.*, r.md5 FROM sale_tenders t JOIN khqr_requests r ON r.id = t.khqr_request WHERE t.id = ? AND t.confirmation = 'manual'",
        )
        .get(tenderId) as (TenderRow & { sale_id: string; md5: string; khqr_request: string }) | undefined
      if (!tender) throw new PosError('tender_unknown', 'There is no hand-confirmed KHQR payment with that id.')
      if (tender.verified === 1) return
      const other = this.saleOfBakongHash(transaction.hash)
      if (other)
        throw new PosError(
          'bakong_hash_used',
          `This Bakong transaction already paid sale ${other}; it cannot verify another.`,
        )
      this.context.db
        .prepare('UPDATE sale_tenders SET verified = 1, bakong_hash = ?, verified_at = ? WHERE id = ? AND verified = 0')
        .run(transaction.hash, now, tenderId)
      this.context.journal.audit(
        {
          userId: systemUserId,
          action: 'khqr.verified',
          objectType: 'sale',
          objectId: tender.sale_id,
          detail: { tender_id: tenderId, md5: tender.md5, bakong_hash: transaction.hash },
        },
        now,
      )
      this.context.journal.appendEvent(
        'khqr.verified',
        {
          outcome: 'verified',
          sale_id: tender.sale_id,
          tender_id: tenderId,
          request_id: tender.khqr_request,
          md5: tender.md5,
          bakong_hash: transaction.hash,
          from_account_id: transaction.fromAccountId,
          to_account_id: transaction.toAccountId,
          amount: transaction.amount,
          currency: transaction.currency,
          created_date_ms: transaction.createdAtMs,
          at: now,
        },
        now,
      )
    })()
  }

  /**
   * A payment reported by Bakong for a shown QR, matched by md5. Counts only if amount, currency,
   * receiving account and time window all match (docs/security.md T5); one Bakong transaction
   * settles one sale at most.
   */
  recordBakongPayment(
    payment: { md5: string; hash: string; amount: number; currency: Currency; toAccountId: string; createdAt: number },
    systemUserId: string,
    options: { graceMs?: number; fromAccountId?: string } = {},
  ): SaleView {
    const row = this.context.db.prepare('SELECT * FROM khqr_requests WHERE md5 = ?').get(payment.md5) as
      | KhqrRow
      | undefined
    if (!row) throw new PosError('khqr_unknown', 'No KHQR with that md5 was shown on this terminal.')
    const request = this.requestRecord(row)
    const match = matchPayment(
      request,
      {
        hash: payment.hash,
        fromAccountId: options.fromAccountId ?? '',
        toAccountId: payment.toAccountId,
        currency: payment.currency,
        amount: payment.amount,
        createdAtMs: payment.createdAt,
        acknowledgedAtMs: null,
        description: null,
        externalRef: null,
      },
      { graceMs: options.graceMs ?? 0 },
    )
    if (!match.ok)
      throw new PosError(
        'khqr_mismatch',
        `The Bakong payment does not match the QR shown (${MISMATCH_WORDS[match.reason]}).`,
      )
    const other = this.saleOfBakongHash(payment.hash)
    if (other)
      throw new PosError(
        'bakong_hash_used',
        `This Bakong transaction already paid sale ${other}; it cannot pay another.`,
      )
    if (row.state !== 'shown')
      throw new PosError('khqr_not_shown', `This KHQR is ${row.state}; the payment needs a person to match it.`)
    const sale = this.row(row.sale_id)
    return this.addTender(
      sale,
      { kind: row.currency === 'USD' ? 'khqr_usd' : 'khqr_khr', amount: row.amount },
      { userId: systemUserId },
      {
        request: row,
        confirmation: 'bakong',
        bakongHash: payment.hash,
        paidBy: { fromAccountId: options.fromAccountId ?? null, createdAtMs: payment.createdAt },
      },
    )
  }

  private addTender(
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
      const fresh = this.row(sale.id)
      if (fresh.state !== 'open' && fresh.state !== 'awaiting_payment')
        throw new PosError('sale_not_open', 'This sale is no longer open.')
      const lines = this.statements.lines.all(sale.id) as LineRow[]
      if (lines.length === 0) throw new PosError('sale_empty', 'Add an item before taking payment.')
      const earlier = this.tendersOf(sale.id)
      // A sale worth nothing (or less than half the smallest note) is settled before any tender; it still completes on one.
      if (earlier.length > 0 && this.paymentFor(fresh, earlier).settled)
        throw new PosError('sale_settled', 'Nothing is left to pay.')
      const tenders = [...earlier, tender]
      if (!isCashTender(tender.kind) && !khqr)
        throw new PosError('khqr_not_shown', 'A KHQR payment is recorded only against the QR shown.')
      const after = this.paymentFor(fresh, tenders)
      this.statements.insertTender.run(
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
    return this.get(sale.id)
  }

  private complete(sale: SaleRow, lines: LineRow[], payment: Settlement, userId: string, now: number): void {
    const { next } = this.statements.nextReceipt.get() as { next: number }
    this.statements.complete.run(next, payment.changeUsd, payment.changeKhr, payment.residualSen, now, sale.id)
    const tenders = this.tendersOf(sale.id)
    // The receipt (and, when cash changed hands, the drawer kick) is owed in the same transaction as the sale.
    if (tenders.some((tender) => isCashTender(tender.kind)))
      enqueuePrintJob(this.context.db, { kind: 'drawer', objectId: sale.id, now })
    enqueuePrintJob(this.context.db, { kind: 'receipt', objectId: sale.id, now })
    const completed = this.row(sale.id)
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
        cashier_id: sale.cashier_id,
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
          qty: line.quantity,
          unit_price_minor: line.unit_price,
          list_price_minor: line.list_price,
          list_currency: line.list_currency,
          price_overridden_by: line.price_overridden_by,
          discount: discountOf(line.discount_kind, line.discount_value),
          amount_minor: line.amount,
          vat_minor: line.vat,
          vat_rate_bp: line.vat_rate_bp,
        })),
        totals: {
          gross_minor: completed.gross_total,
          discount_minor: completed.discount_total,
          subtotal_minor: completed.subtotal,
          vat_minor: completed.vat_total,
          total_minor: completed.total,
          total_khr: completed.total_khr,
          vat_khr: completed.vat_khr,
        },
        tenders: tenders.map((tender) => ({ method: tender.kind, amount_minor: tender.amount })),
        change: { usd_minor: payment.changeUsd, khr: payment.changeKhr, residual_sen: payment.residualSen },
      },
      now,
    )
  }

  // ── after the sale ─────────────────────────────────────────────────────────────────────────

  /** Voids a paid sale: a new void record in the current shift, never an edit of the sale. */
  void(saleId: string, actor: Required<Actor>): SaleView {
    const now = this.context.now()
    this.context.db.transaction(() => {
      const sale = this.row(saleId)
      if (sale.state !== 'paid' || sale.kind !== 'sale')
        throw new PosError('sale_not_voidable', 'Only a paid sale can be voided.')
      if (this.statements.voidOf.get(saleId)) throw new PosError('sale_already_voided', 'This sale is already voided.')
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
    return this.get(saleId)
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
      const sale = this.row(input.saleId)
      if (sale.state !== 'paid' || sale.kind !== 'sale')
        throw new PosError('sale_not_refundable', 'Only a paid sale can be refunded.')
      if (this.statements.voidOf.get(sale.id))
        throw new PosError('sale_already_voided', 'This sale was voided; there is nothing to refund.')
      const shift = this.shifts.requireOpen()
      const { parts, subtotal, vatTotal, gross, total } = this.refundFigures(sale, input.lines)
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
      const { next } = this.statements.nextReceipt.get() as { next: number }
      const db = this.context.db
      db.prepare(
        `INSERT INTO sales (id, kind, state, refund_of, receipt_no, shift_id, cashier_id, approver_id, reason, currency, khr_per_usd, tax_inclusive, smallest_note,
                            gross_total, discount_total, subtotal, vat_total, total, total_khr, vat_khr, change_usd, change_khr, residual_sen, opened_at, completed_at)
         VALUES (?, 'refund', 'open', ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, NULL)`,
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
        payment.residualSen,
        now,
      )
      const insertLine = db.prepare(
        `INSERT INTO sale_lines (id, sale_id, position, product_id, refund_of_line, sku, name_en, name_km, quantity, list_price, list_currency, unit_price, vat_class, vat_rate_bp, gross, line_discount, sale_discount_share, amount, vat)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
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
          line.list_price,
          line.list_currency,
          line.unit_price,
          line.vat_class,
          line.vat_rate_bp,
          part.gross,
          part.gross - part.amount,
          part.amount,
          part.vat,
        )
      })
      for (const tender of input.tenders) {
        this.statements.insertTender.run(
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
      db.prepare("UPDATE sales SET state = 'paid', receipt_no = ?, completed_at = ? WHERE id = ?").run(
        next,
        now,
        refundId,
      )
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
          currency: sale.currency,
          rate_khr_per_usd: sale.khr_per_usd,
          lines: parts.map((part) => ({
            refund_of_line: part.original.id,
            sku: part.original.sku,
            qty: part.quantity,
            amount_minor: part.amount,
            vat_minor: part.vat,
          })),
          totals: { subtotal_minor: subtotal, vat_minor: vatTotal, total_minor: total },
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
    return this.get(refundId)
  }

  /** What refunding these units would give back: each line's exact share, so parts add up to the whole. */
  private refundFigures(sale: SaleRow, lines: { lineId: string; quantity: number }[]) {
    if (lines.length === 0) throw new PosError('refund_empty', 'Choose at least one item to refund.')
    const originals = new Map((this.statements.lines.all(sale.id) as LineRow[]).map((line) => [line.id, line]))
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
        gross:
          shareOfUnits(original.gross, original.quantity, already + part.quantity) -
          shareOfUnits(original.gross, original.quantity, already),
      }
    })
    if (new Set(lines.map((part) => part.lineId)).size !== lines.length)
      throw new PosError('refund_line_twice', 'Each item may appear once in a refund.')
    const subtotal = parts.reduce((sum, part) => sum + part.amount, 0)
    const vatTotal = parts.reduce((sum, part) => sum + part.vat, 0)
    const gross = parts.reduce((sum, part) => sum + part.gross, 0)
    const total = sale.tax_inclusive === 1 ? subtotal : subtotal + vatTotal
    return { parts, subtotal, vatTotal, gross, total }
  }

  /** The amount a refund of these units would come to, before anyone approves it. */
  quoteRefund(input: { saleId: string; lines: { lineId: string; quantity: number }[] }): {
    currency: Currency
    total: number
    totalKhr: number
  } {
    const sale = this.row(input.saleId)
    if (sale.state !== 'paid' || sale.kind !== 'sale')
      throw new PosError('sale_not_refundable', 'Only a paid sale can be refunded.')
    const { total } = this.refundFigures(sale, input.lines)
    return { currency: sale.currency, total, totalKhr: convert(total, sale.currency, 'KHR', sale.khr_per_usd) }
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

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

  private endKhqr(saleId: string, state: 'cancelled' | 'expired', now: number): boolean {
    const ended = this.context.db
      .prepare("UPDATE khqr_requests SET state = ?, ended_at = ? WHERE sale_id = ? AND state = 'shown'")
      .run(state, now, saleId)
    if (ended.changes > 0)
      this.context.db.prepare("UPDATE sales SET state = 'open' WHERE id = ? AND state = 'awaiting_payment'").run(saleId)
    return ended.changes > 0
  }

  private khqrPayload(
    settings: Settings,
    sale: SaleRow,
    currency: Currency,
    amount: number,
    now: number,
    expiresAt: number,
  ): string {
    const merchant = settings.merchant
    try {
      return encodeKhqr({
        kind: merchant.kind,
        accountId: merchant.bakongAccountId,
        merchantName: merchant.merchantNameEn,
        merchantCity: merchant.city,
        ...(merchant.kind === 'merchant'
          ? { merchantId: merchant.merchantId, acquiringBank: merchant.acquiringBank }
          : {}),
        ...(merchant.mobileNumber ? { mobileNumber: merchant.mobileNumber } : {}),
        ...(merchant.storeLabel ? { storeLabel: merchant.storeLabel } : {}),
        ...(merchant.merchantNameKm
          ? { alternateLanguage: { language: 'km', merchantName: merchant.merchantNameKm } }
          : {}),
        mcc: merchant.mcc,
        currency,
        amount,
        billNumber: sale.id.slice(-12).replaceAll('-', ''),
        terminalLabel: this.context.terminal.label,
        createdAt: now,
        expiresAt,
      })
    } catch (error) {
      const coded = error as { code?: string; message?: string }
      throw new PosError(
        'khqr_settings_invalid',
        `The shop's KHQR settings cannot make a QR: ${coded.message ?? String(error)}`,
        { cause: error },
      )
    }
  }

  /**
   * Applies a cart change to the active sale (making one if needed) and recomputes totals. While a QR is on
   * the customer's screen the cart is refused, not changed: the customer may be paying that QR this moment.
   */
  private change(cashierId: string, apply: (sale: SaleRow) => void, mayCreate = true): SaleView {
    const now = this.context.now()
    let saleId = ''
    this.expireKhqr() // a QR past its expiry no longer holds the cart
    this.context.db.transaction(() => {
      let sale = this.statements.active.get() as SaleRow | undefined
      if (!sale) {
        if (!mayCreate) throw new PosError('sale_none', 'There is no sale at the counter.')
        sale = this.open(cashierId, now)
      }
      if (sale.state === 'awaiting_payment')
        throw new PosError(
          'sale_awaiting_payment',
          'A KHQR is on the customer screen and may be being paid; cancel the QR before changing the sale.',
        )
      this.requireNoTenders(sale)
      apply(sale)
      this.recompute(this.row(sale.id))
      saleId = sale.id
    })()
    return this.get(saleId)
  }

  private changeLine(lineId: string, cashierId: string, apply: (sale: SaleRow, line: LineRow) => void): SaleView {
    return this.change(
      cashierId,
      (sale) => {
        const line = this.context.db
          .prepare('SELECT * FROM sale_lines WHERE id = ? AND sale_id = ?')
          .get(lineId, sale.id) as LineRow | undefined
        if (!line) throw new PosError('line_unknown', 'That item is not on the current sale.')
        apply(sale, line)
      },
      false,
    )
  }

  private open(cashierId: string, now: number): SaleRow {
    const shift = this.shifts.requireOpen()
    const settings = this.settings.get()
    const rate = this.settings.currentRate()
    const id = uuidv7(now)
    this.context.db
      .prepare(
        `INSERT INTO sales (id, state, shift_id, cashier_id, currency, khr_per_usd, tax_inclusive, smallest_note, opened_at)
         VALUES (?, 'open', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        shift.id,
        cashierId,
        settings.saleCurrency,
        rate.khrPerUsd,
        settings.taxInclusive ? 1 : 0,
        settings.smallestNote,
        now,
      )
    return this.row(id)
  }

  private recompute(sale: SaleRow): SaleTotals {
    const lines = this.statements.lines.all(sale.id) as LineRow[]
    const totals = money(() =>
      computeSaleTotals({
        lines: lines.map((line) => ({
          quantity: line.quantity,
          unitPrice: line.unit_price,
          vatRateBasisPoints: line.vat_rate_bp,
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
      sale.id,
    )
    return totals
  }

  private settlement(sale: SaleRow): Settlement {
    return this.paymentFor(sale, this.tendersOf(sale.id))
  }

  private paymentFor(sale: SaleRow, tenders: Tender[]): Settlement {
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

  private tendersOf(saleId: string): Tender[] {
    return (this.statements.tenders.all(saleId) as TenderRow[]).map((row) => ({ kind: row.kind, amount: row.amount }))
  }

  private requireActive(): SaleRow {
    this.expireKhqr()
    const sale = this.statements.active.get() as SaleRow | undefined
    if (!sale) throw new PosError('sale_none', 'There is no sale at the counter.')
    return sale
  }

  private requireNoTenders(sale: SaleRow): void {
    if ((this.statements.tenders.all(sale.id) as TenderRow[]).length > 0) {
      throw new PosError(
        'sale_has_tenders',
        'Money was already taken on this sale, so its items cannot change. Finish the payment, or cancel the sale with a manager.',
      )
    }
  }

  private currentOrThrow(): SaleView {
    const sale = this.current()
    if (!sale) throw new PosError('sale_none', 'There is no sale at the counter.')
    return sale
  }

  private row(id: string): SaleRow {
    const row = this.statements.sale.get(id) as SaleRow | undefined
    if (!row) throw new PosError('sale_unknown', `There is no sale ${id}.`)
    return row
  }

  private view(sale: SaleRow): SaleView {
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
          unitPrice: line.unit_price,
          listPrice: line.list_price,
          listCurrency: line.list_currency,
          priceOverridden: line.price_overridden_by !== null,
          vatRateBasisPoints: line.vat_rate_bp,
          discount: discountOf(line.discount_kind, line.discount_value),
          gross: line.gross ?? 0,
          lineDiscount: line.line_discount ?? 0,
          saleDiscountShare: line.sale_discount_share ?? 0,
          amount: line.amount ?? 0,
          vat: line.vat ?? 0,
          refundOfLine: line.refund_of_line,
        }),
      ),
      totals: {
        grossTotal: sale.gross_total ?? 0,
        discountTotal: sale.discount_total ?? 0,
        subtotal: sale.subtotal ?? 0,
        vatTotal: sale.vat_total ?? 0,
        total,
        totalKhr: sale.total_khr ?? 0,
        vatKhr: sale.vat_khr ?? 0,
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
