import {
  type Currency,
  convert,
  type Discount,
  MAX_LINE_QUANTITY,
  type SoldBy,
} from '../../../../shared/money/index.ts'
import { looksLikeScaleLabel, readScaleLabel } from '../../../../shared/scale-label.ts'
import type { ProductView, SaleView } from '../../../../shared/views.ts'
import { PosError } from '../../errors.ts'
import { uuidv7 } from '../../ids.ts'
import type { Catalog } from '../catalog.ts'
import type { LedgerContext } from '../context.ts'
import type { SettingsStore } from '../settings.ts'
import type { Shifts } from '../shifts.ts'
import type { SaleRecords } from './sale-records.ts'
import {
  type Actor,
  convertedDiscountValue,
  discountValue,
  type LineRow,
  money,
  type SaleRow,
  type TenderRow,
} from './sale-rows.ts'

/**
 * Ringing up the sale at the counter: items, quantities, discounts, price overrides, the sale's
 * currency, holding and recalling, cancelling. Every change is saved at once and totals recomputed.
 */
export class RingUp {
  private readonly context: LedgerContext
  private readonly catalog: Catalog
  private readonly settings: SettingsStore
  private readonly shifts: Shifts
  private readonly records: SaleRecords

  constructor(context: LedgerContext, catalog: Catalog, settings: SettingsStore, shifts: Shifts, records: SaleRecords) {
    this.context = context
    this.catalog = catalog
    this.settings = settings
    this.shifts = shifts
    this.records = records
  }

  /** Adds `quantity` of a product: units, or grams for a product sold by weight (each weighing its own line). */
  addProduct(productId: string, quantity: number, cashierId: string): SaleView {
    const product = this.catalog.product(productId)
    return this.addLine(product, quantity, cashierId, {
      soldBy: product.soldBy,
      listPrice: product.price,
      fromLabel: false,
    })
  }

  /**
   * Rings up a scanned code: a product's own barcode first; otherwise a label from the shop's scale
   * (in-store EAN-13, settings `scaleLabels`), its item code naming the product and the weight or
   * price on it making the line.
   */
  addBarcode(barcode: string, quantity: number, cashierId: string): SaleView {
    const product = this.catalog.findByBarcode(barcode)
    if (product) return this.addProduct(product.id, quantity, cashierId)
    if (!looksLikeScaleLabel(barcode)) throw new PosError('barcode_unknown', `No product has barcode ${barcode}.`)
    const label = readScaleLabel(barcode, this.settings.get().scaleLabels)
    if ('problem' in label) {
      if (label.problem === 'check_digit')
        throw new PosError('scale_label_misread', `Scale label ${barcode} has a wrong check digit; scan it again.`)
      if (label.problem === 'zero_value')
        throw new PosError('scale_label_empty', `Scale label ${barcode} carries no weight or price.`)
      throw new PosError('barcode_unknown', `No product has barcode ${barcode}.`)
    }
    const labelled = this.catalog.findByScaleCode(label.itemCode)
    if (!labelled)
      throw new PosError('scale_item_unknown', `No product has scale item code ${label.itemCode} (label ${barcode}).`)
    if (label.kind === 'price') {
      // A price label says what this pack costs; it is one pack at that price, whatever the kilo price.
      return this.addLine(labelled, 1, cashierId, { soldBy: 'count', listPrice: label.price, fromLabel: true })
    }
    if (labelled.soldBy !== 'weight')
      throw new PosError(
        'not_sold_by_weight',
        `${labelled.nameEn} is sold by count, but label ${barcode} carries a weight.`,
      )
    return this.addLine(labelled, label.grams, cashierId, {
      soldBy: 'weight',
      listPrice: labelled.price,
      fromLabel: false,
    })
  }

  private addLine(
    product: ProductView,
    quantity: number,
    cashierId: string,
    priced: { soldBy: SoldBy; listPrice: number; fromLabel: boolean },
  ): SaleView {
    if (!product.active) throw new PosError('product_inactive', `${product.nameEn} is not for sale (inactive).`)
    return this.change(cashierId, (sale) => {
      const lines = this.records.statements.lines.all(sale.id) as LineRow[]
      const same =
        priced.soldBy === 'count' &&
        !priced.fromLabel &&
        lines.find(
          (line) =>
            line.product_id === product.id &&
            line.sold_by === 'count' &&
            line.price_from_label === 0 &&
            line.price_overridden_by === null &&
            line.discount_kind === null,
        )
      if (same) {
        const merged = same.quantity + quantity
        if (merged > MAX_LINE_QUANTITY) throw new PosError('quantity_invalid', 'A line holds at most 100 000 units.')
        this.context.db.prepare('UPDATE sale_lines SET quantity = ? WHERE id = ?').run(merged, same.id)
        return
      }
      const unitPrice = money(() => convert(priced.listPrice, product.currency, sale.currency, sale.khr_per_usd))
      const rates = this.catalog.taxRates(product.vatClass)
      this.context.db
        .prepare(
          `INSERT INTO sale_lines (id, sale_id, position, product_id, sku, name_en, name_km, quantity, sold_by, price_from_label, list_price, list_currency, unit_price, vat_class, vat_rate_bp, plt_rate_bp)
           VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM sale_lines WHERE sale_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
          priced.soldBy,
          priced.fromLabel ? 1 : 0,
          priced.listPrice,
          product.currency,
          unitPrice,
          product.vatClass,
          rates.vat,
          rates.plt,
        )
    })
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
        for (const line of this.records.statements.lines.all(sale.id) as LineRow[]) {
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

  /**
   * The business customer a VAT invoice is made out to (name and VAT TIN), or null for none. Set
   * before payment; it changes no amount, so a KHQR on screen stays.
   */
  setBuyer(buyer: { name: string; tin: string } | null, cashierId: string): SaleView {
    const sale = this.records.requireActive()
    this.records.requireNoTenders(sale)
    this.context.db.transaction(() => {
      this.context.db
        .prepare('UPDATE sales SET buyer_name = ?, buyer_tin = ? WHERE id = ?')
        .run(buyer?.name ?? null, buyer?.tin ?? null, sale.id)
      this.context.journal.audit(
        {
          userId: cashierId,
          action: 'sale.buyer_set',
          objectType: 'sale',
          objectId: sale.id,
          detail: { buyer_name: buyer?.name ?? null, buyer_tin: buyer?.tin ?? null },
        },
        this.context.now(),
      )
    })()
    return this.records.get(sale.id)
  }

  hold(cashierId: string): SaleView {
    const sale = this.records.requireActive()
    this.records.requireNoTenders(sale)
    if (sale.state === 'awaiting_payment')
      throw new PosError('sale_awaiting_payment', 'Cancel the KHQR before putting the sale on hold.')
    if ((this.records.statements.lines.all(sale.id) as LineRow[]).length === 0)
      throw new PosError('sale_empty', 'There is nothing to hold.')
    this.context.db.transaction(() => {
      this.context.db.prepare("UPDATE sales SET state = 'held' WHERE id = ?").run(sale.id)
      this.context.journal.audit(
        { userId: cashierId, action: 'sale.held', objectType: 'sale', objectId: sale.id },
        this.context.now(),
      )
    })()
    return this.records.get(sale.id)
  }

  recall(saleId: string, cashierId: string): SaleView {
    this.context.db.transaction(() => {
      if (this.records.statements.active.get())
        throw new PosError('sale_in_progress', 'Finish or hold the current sale before recalling another.')
      const sale = this.records.row(saleId)
      if (sale.state !== 'held') throw new PosError('sale_not_held', 'That sale is not on hold.')
      const shift = this.shifts.requireOpen()
      this.context.db.prepare("UPDATE sales SET state = 'open', shift_id = ? WHERE id = ?").run(shift.id, saleId)
      this.context.journal.audit(
        { userId: cashierId, action: 'sale.recalled', objectType: 'sale', objectId: saleId },
        this.context.now(),
      )
    })()
    return this.records.get(saleId)
  }

  /**
   * Abandons the sale at the counter. Before any payment the cashier may; once money was taken
   * it is a void after tender, which needs a manager (the caller passes the approval).
   */
  cancel(actor: Actor): void {
    const sale = this.records.requireActive()
    const tenders = this.records.statements.tenders.all(sale.id) as TenderRow[]
    if (tenders.length > 0 && !actor.approverId)
      throw new PosError(
        'approval_required',
        'Money was already taken on this sale; a manager must approve cancelling it.',
      )
    const now = this.context.now()
    this.context.db.transaction(() => {
      this.records.endKhqr(sale.id, 'cancelled', now)
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

  /**
   * Applies a cart change to the active sale (making one if needed) and recomputes totals. While a QR is on
   * the customer's screen the cart is refused, not changed: the customer may be paying that QR this moment.
   */
  private change(cashierId: string, apply: (sale: SaleRow) => void, mayCreate = true): SaleView {
    const now = this.context.now()
    let saleId = ''
    this.records.expireKhqr() // a QR past its expiry no longer holds the cart
    this.context.db.transaction(() => {
      let sale = this.records.statements.active.get() as SaleRow | undefined
      if (!sale) {
        if (!mayCreate) throw new PosError('sale_none', 'There is no sale at the counter.')
        sale = this.open(cashierId, now)
      }
      if (sale.state === 'awaiting_payment')
        throw new PosError(
          'sale_awaiting_payment',
          'A KHQR is on the customer screen and may be being paid; cancel the QR before changing the sale.',
        )
      this.records.requireNoTenders(sale)
      apply(sale)
      this.records.recompute(this.records.row(sale.id))
      saleId = sale.id
    })()
    return this.records.get(saleId)
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
    return this.records.row(id)
  }
}
