import { type BakongTransaction, matchPayment } from '../../../../shared/bakong/index.ts'
import { decodeKhqr, encodeKhqr } from '../../../../shared/khqr/index.ts'
import { formatMoney } from '../../../../shared/money/format.ts'
import type { Currency } from '../../../../shared/money/index.ts'
import type { SaleView, Settings } from '../../../../shared/views.ts'
import { PosError } from '../../errors.ts'
import { uuidv7 } from '../../ids.ts'
import { khqrMd5 } from '../../payments/khqr-md5.ts'
import type { LedgerContext } from '../context.ts'
import type { SettingsStore } from '../settings.ts'
import type { SaleRecords } from './sale-records.ts'
import {
  type Actor,
  type KhqrRequestRecord,
  type KhqrRow,
  MISMATCH_WORDS,
  type SaleRow,
  type TenderRow,
} from './sale-rows.ts'
import type { SaleTenders } from './tenders.ts'

/**
 * The sale's KHQR: the per-sale QR shown for what is due, cancelled or run out, paid as Bakong
 * reports it or confirmed by hand within the manager's limits, and verified later.
 */
export class KhqrSales {
  private readonly context: LedgerContext
  private readonly settings: SettingsStore
  private readonly records: SaleRecords
  private readonly tenders: SaleTenders

  constructor(context: LedgerContext, settings: SettingsStore, records: SaleRecords, tenders: SaleTenders) {
    this.context = context
    this.settings = settings
    this.records = records
    this.tenders = tenders
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
      const sale = this.records.requireActive()
      if (sale.state === 'awaiting_payment')
        throw new PosError('sale_awaiting_payment', 'A KHQR is already on the customer screen.')
      const payment = this.records.settlement(sale)
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
    return this.records.currentOrThrow()
  }

  cancelKhqr(cashierId: string): SaleView {
    const sale = this.records.requireActive()
    const now = this.context.now()
    this.context.db.transaction(() => {
      if (!this.records.endKhqr(sale.id, 'cancelled', now))
        throw new PosError('khqr_not_shown', 'No KHQR is waiting for payment.')
      this.context.journal.audit(
        { userId: cashierId, action: 'khqr.cancelled', objectType: 'sale', objectId: sale.id },
        now,
      )
    })()
    return this.records.currentOrThrow()
  }

  /**
   * A KHQR payment confirmed by hand (the cashier saw the customer's banking app): manager PIN
   * and reason, recorded as unverified until a later Bakong check.
   */
  confirmKhqrByHand(actor: Required<Actor>): SaleView {
    const sale = this.records.requireActive()
    const request = this.records.statements.shownKhqr.get(sale.id) as KhqrRow | undefined
    if (!request) throw new PosError('khqr_not_shown', 'No KHQR is waiting for payment.')
    this.requireWithinManualLimits(sale, request, actor)
    return this.tenders.addTender(
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
    const sale = this.records.row(row.sale_id)
    return this.tenders.addTender(
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
}
