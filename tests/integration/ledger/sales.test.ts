import Database from 'better-sqlite3'
import { describe, expect, test } from 'vitest'
import { DATABASE_FILE } from '../../../electron/core/pos.ts'
import { decodeKhqr } from '../../../shared/khqr/index.ts'
import { toSen } from '../../../shared/money/index.ts'
import type { SaleView } from '../../../shared/views.ts'
import { BARCODES, codeOf, openTestPosPerTest, type TestPos } from '../../support/pos.ts'

const till = openTestPosPerTest()

function outbox(t: TestPos): { seq: number; type: string; payload: Record<string, unknown> }[] {
  return (
    t.pos.ledger.context.db.prepare('SELECT seq, type, payload FROM outbox ORDER BY seq').all() as {
      seq: number
      type: string
      payload: string
    }[]
  ).map((row) => ({ ...row, payload: JSON.parse(row.payload) as Record<string, unknown> }))
}

/** tendered = total + change + residual, in the exact common unit (sen). */
function reconciles(sale: SaleView): boolean {
  const paid = sale.tenders.reduce(
    (sum, tender) => sum + toSen(tender.amount, tender.kind.endsWith('usd') ? 'USD' : 'KHR', sale.khrPerUsd),
    0,
  )
  const due = toSen(sale.totals.total, sale.currency, sale.khrPerUsd)
  return (
    paid === due + sale.payment.changeUsd * sale.khrPerUsd + sale.payment.changeKhr * 100 + sale.payment.residualSen
  )
}

describe('ringing up and paying', () => {
  test('a USD sale paid with a $10 note: whole dollars then riel rounded to 100, the residual kept', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.icedCoffee)
    await t.api.scanBarcode(BARCODES.icedCoffee)
    let sale = await t.api.scanBarcode(BARCODES.porkRice)
    expect(sale.lines.map((line) => [line.sku, line.quantity, line.unitPrice])).toEqual([
      ['DEMO-001', 2, 150],
      ['DEMO-005', 1, 195], // 8 000 riel at 4 100 = $1.951… → 195 cents
    ])
    expect(sale.totals).toMatchObject({
      subtotal: 495,
      total: 495,
      vatTotal: 45,
      totalKhr: 20_295,
      equivalent: { currency: 'KHR', amount: 20_295 },
    })
    sale = await t.api.payCash('USD', 1000)
    expect(sale.state).toBe('paid')
    expect(sale.receiptNo).toBe('T1-000001')
    // $5.05 change at 4 100: $5 + 205 riel → 200 riel; the shop keeps 5 riel (500 sen).
    expect(sale.payment).toMatchObject({ changeUsd: 500, changeKhr: 200, residualSen: 500 })
    expect(reconciles(sale)).toBe(true)
  })

  test('dual-currency cash: part in riel, the rest in dollars', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.amok) // $4.50
    let sale = await t.api.payCash('KHR', 10_000)
    expect(sale.state).toBe('open')
    // $4.50 at 4 100 is 18 450 riel; 8 450 riel are left: $2.0609… (asked as $2.07), or 8 500 riel in notes.
    expect(sale.payment.stillDue).toEqual({ usd: 207, khr: 8450, khrCash: 8500 })
    sale = await t.api.payCash('USD', 500)
    expect(sale.state).toBe('paid')
    // 12 050 riel over: $2 (8 200 riel), then 3 850 riel rounded half up to 3 900; the shop gives 50 riel extra.
    expect(sale.payment).toMatchObject({ changeUsd: 200, changeKhr: 3900, residualSen: -5000 })
    expect(reconciles(sale)).toBe(true)
  })

  test('a KHR cash payment short by less than half the smallest note settles, the shortfall recorded', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.rice) // $6.25 = 25 625 riel
    expect((await t.api.getCurrentSale())?.payment.stillDue.khrCash).toBe(25_600)
    const sale = await t.api.payCash('KHR', 25_600)
    expect(sale.state).toBe('paid')
    expect(sale.payment.residualSen).toBe(-2500)
    expect(reconciles(sale)).toBe(true)
  })

  test('receipt numbers are gapless even when sales are cancelled between them', async () => {
    const t = await till()
    const numbers: (string | null)[] = []
    for (let i = 0; i < 3; i++) {
      await t.api.scanBarcode(BARCODES.water)
      if (i === 1) {
        await t.api.cancelSale(null)
        await t.api.scanBarcode(BARCODES.water)
      }
      numbers.push((await t.api.payCash('KHR', 1000)).receiptNo)
    }
    expect(numbers).toEqual(['T1-000001', 'T1-000002', 'T1-000003'])
  })

  test('a completed sale is one transaction: sale, lines, tenders, audit entry and outbox event', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.water)
    const sale = await t.api.payCash('KHR', 5000)
    const events = outbox(t)
    const completed = events.find((event) => event.type === 'sale.completed')
    expect(completed?.payload).toMatchObject({
      sale_id: sale.id,
      receipt_no: 'T1-000001',
      currency: 'USD',
      rate_khr_per_usd: 4100,
      tenders: [{ method: 'cash_khr', amount_minor: 5000 }],
    })
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1))
    const audit = t.pos.ledger.context.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'sale.completed' AND object_id = ?")
      .get(sale.id) as { n: number }
    expect(audit.n).toBe(1)
  })

  test('a paid sale, its lines and tenders cannot be edited or deleted, even with SQL', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.water)
    const sale = await t.api.payCash('KHR', 1000)
    const raw = new Database(`${t.dataDirectory}/${DATABASE_FILE}`)
    try {
      expect(() => raw.prepare('UPDATE sales SET total = 1 WHERE id = ?').run(sale.id)).toThrow(/cannot be changed/)
      expect(() => raw.prepare('DELETE FROM sales WHERE id = ?').run(sale.id)).toThrow(/never deleted/)
      expect(() => raw.prepare('UPDATE sale_lines SET quantity = 9 WHERE sale_id = ?').run(sale.id)).toThrow(
        /cannot be changed/,
      )
      expect(() => raw.prepare('UPDATE sale_tenders SET amount = 1 WHERE sale_id = ?').run(sale.id)).toThrow(
        /cannot be changed/,
      )
      expect(() => raw.prepare('DELETE FROM outbox').run()).toThrow(/unsynced/)
      expect(() => raw.prepare('UPDATE outbox SET payload = ? WHERE seq = 1').run('{}')).toThrow(/immutable/)
      expect(() => raw.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
    } finally {
      raw.close()
    }
  })

  test('items cannot change once money was taken; cancelling then needs a manager', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.amok)
    await t.api.payCash('USD', 100)
    expect(await codeOf(t.api.scanBarcode(BARCODES.water))).toBe('sale_has_tenders')
    expect(await codeOf(t.api.cancelSale(null))).toBe('approval_required')
    await t.api.cancelSale(t.approval('customer changed their mind'))
    expect(await t.api.getCurrentSale()).toBeNull()
    const audit = t.pos.ledger.context.db
      .prepare("SELECT approver_id FROM audit_log WHERE action = 'sale.cancelled_after_tender'")
      .get() as { approver_id: string }
    expect(audit.approver_id).toBe(t.manager.id)
  })

  test('line and sale discounts, and a manager price override, reconcile to the cent', async () => {
    const t = await till()
    let sale = await t.api.scanBarcode(BARCODES.icedCoffee)
    await t.api.setLineQuantity(sale.lines[0]?.id as string, 3)
    sale = await t.api.scanBarcode(BARCODES.rice)
    sale = await t.api.setLineDiscount(
      sale.lines[0]?.id as string,
      { kind: 'percent', basisPoints: 1000 }, // 10 % off $4.50
      t.approval('loyal customer'),
    )
    sale = await t.api.setSaleDiscount({ kind: 'amount', amount: 100 }, t.approval('loyal customer'))
    expect(sale.totals.discountTotal).toBe(45 + 100)
    expect(sale.totals.subtotal).toBe(450 + 625 - 145)
    expect(sale.lines.reduce((sum, line) => sum + line.amount, 0)).toBe(sale.totals.subtotal)
    expect(
      await codeOf(t.api.overrideLinePrice(sale.lines[1]?.id as string, 500, t.approval(undefined, { pin: '9999' }))),
    ).toBe('pin_wrong')
    sale = await t.api.overrideLinePrice(sale.lines[1]?.id as string, 500, t.approval('damaged bag'))
    expect(sale.lines[1]).toMatchObject({ unitPrice: 500, priceOverridden: true })
    expect(
      await codeOf(t.api.setLineDiscount(sale.lines[0]?.id as string, { kind: 'amount', amount: 10_000 }, null)),
    ).toBe('discount_too_large')
  })

  test('switching the sale to riel converts every price at the sale rate', async () => {
    const t = await till()
    const amok = await t.api.scanBarcode(BARCODES.amok)
    await t.api.setLineDiscount(amok.lines[0]?.id as string, { kind: 'percent', basisPoints: 1000 }, t.approval())
    await t.api.setSaleDiscount({ kind: 'amount', amount: 50 }, t.approval())
    const sale = await t.api.setSaleCurrency('KHR')
    expect(sale.currency).toBe('KHR')
    expect(sale.lines[0]?.unitPrice).toBe(18_450)
    expect(sale.lines[0]?.discount).toEqual({ kind: 'percent', basisPoints: 1000 }) // a percentage stays
    expect(sale.discount).toEqual({ kind: 'amount', amount: 2050 }) // 50 cents at 4 100
    expect(sale.totals.total).toBe(18_450 - 1845 - 2050)
  })

  test('a sale keeps the rate it was opened with when the rate changes', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.amok)
    await t.api.setExchangeRate(4000, 'nbc', t.approval('NBC rate today'))
    const sale = await t.api.payCash('USD', 450)
    expect(sale.khrPerUsd).toBe(4100)
    await t.api.scanBarcode(BARCODES.amok)
    expect((await t.api.getCurrentSale())?.khrPerUsd).toBe(4000)
    expect((await t.api.listExchangeRates()).map((rate) => rate.khrPerUsd)).toEqual([4000, 4100])
  })

  test('a changed VAT rate applies to items added afterwards; lines already rung up keep theirs', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.amok)
    await t.api.saveVatClass(
      { id: 'standard', nameEn: 'VAT 12%', nameKm: 'អាករ ១២%', rateBasisPoints: 1200 },
      t.approval('test rate'),
    )
    const sale = await t.api.scanBarcode(BARCODES.icedCoffee)
    expect(sale.lines.map((line) => line.vatRateBasisPoints)).toEqual([1000, 1200])
    expect(sale.totals.vatTotal).toBe(Math.round((450 * 1000) / 11000) + Math.round((150 * 1200) / 11200))
  })

  test('hold and recall', async () => {
    const t = await till()
    const held = await t.api.scanBarcode(BARCODES.water)
    await t.api.holdSale()
    expect(await t.api.getCurrentSale()).toBeNull()
    await t.api.scanBarcode(BARCODES.amok)
    expect(await codeOf(t.api.recallSale(held.id))).toBe('sale_in_progress')
    await t.api.payCash('USD', 500)
    expect((await t.api.listHeldSales()).map((sale) => sale.id)).toEqual([held.id])
    expect((await t.api.recallSale(held.id)).state).toBe('open')
  })
})

describe('KHQR at the counter', () => {
  test('the QR is made for what is due, stored exactly as shown, and the cart is held while it is up', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.amok)
    const sale = await t.api.startKhqr('KHR')
    expect(sale.state).toBe('awaiting_payment')
    const khqr = sale.khqr
    expect(khqr).toMatchObject({ currency: 'KHR', amount: 18_450, state: 'shown', expiresAt: t.clock.now + 300_000 })
    const fields = decodeKhqr(khqr?.payload as string)
    expect(fields).toMatchObject({
      accountId: 'demo_shop@demo',
      currency: 'KHR',
      amount: 18_450,
      pointOfInitiation: 'dynamic',
    })
    // The customer may be paying this QR: no change to the cart until the cashier takes it down.
    expect(await codeOf(t.api.scanBarcode(BARCODES.water))).toBe('sale_awaiting_payment')
    const line = sale.lines[0]?.id as string
    expect(await codeOf(t.api.setLineQuantity(line, 3))).toBe('sale_awaiting_payment')
    expect(await codeOf(t.api.removeLine(line))).toBe('sale_awaiting_payment')
    expect(await codeOf(t.api.setSaleDiscount({ kind: 'percent', basisPoints: 1000 }, null))).toBe(
      'sale_awaiting_payment',
    )
    const held = await t.api.getCurrentSale()
    expect(held).toMatchObject({ state: 'awaiting_payment', khqr: { state: 'shown', payload: khqr?.payload } })
    expect(held?.lines).toHaveLength(1)
    const after = await t.api.cancelKhqr()
    expect(after.khqr?.state).toBe('cancelled')
    expect((await t.api.scanBarcode(BARCODES.water)).lines).toHaveLength(2)
    expect(await codeOf(t.api.confirmKhqrByHand(t.approval()))).toBe('khqr_not_shown')
  })

  test('an expired QR is cleared on time and announced, never returned as shown', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.amok)
    await t.api.startKhqr('USD')
    t.clock.advance(300_000)
    const sale = await t.api.getCurrentSale()
    expect(sale?.state).toBe('open')
    expect(sale?.khqr?.state).toBe('expired')
  })

  test('confirming by hand needs a manager, is unverified, and counts on the shift report', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.amok)
    await t.api.startKhqr('USD')
    expect(
      await codeOf(t.api.confirmKhqrByHand(t.approval('saw the app', { managerId: t.cashier.id, pin: '2468' }))),
    ).toBe('approval_not_manager')
    const sale = await t.api.confirmKhqrByHand(t.approval('customer showed ABA success screen'))
    expect(sale.state).toBe('paid')
    expect(sale.tenders).toEqual([
      expect.objectContaining({ kind: 'khqr_usd', amount: 450, confirmation: 'manual', verified: false }),
    ])
    const report = t.pos.ledger.shifts.xReport()
    expect(report.khqrManual).toEqual({ count: 1, unverifiedCount: 1, unverifiedUsd: 450, unverifiedKhr: 0 })
    expect(outbox(t).find((event) => event.type === 'khqr.confirmed')?.payload).toMatchObject({
      source: 'manual',
      verified: false,
      amount: 450,
    })
  })

  test('a Bakong payment counts only when amount, currency, account and time all match, and only once', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.amok)
    const khqr = (await t.api.startKhqr('USD')).khqr as NonNullable<SaleView['khqr']>
    const good = {
      md5: khqr.md5,
      hash: 'a'.repeat(64),
      amount: 450,
      currency: 'USD' as const,
      toAccountId: 'demo_shop@demo',
      createdAt: t.clock.now + 1000,
    }
    const sales = t.pos.ledger.sales
    expect(() => sales.recordBakongPayment({ ...good, amount: 449 }, t.cashier.id)).toThrow(/amount/)
    expect(() => sales.recordBakongPayment({ ...good, toAccountId: 'thief@aba' }, t.cashier.id)).toThrow(/account/)
    expect(() => sales.recordBakongPayment({ ...good, createdAt: khqr.createdAt - 1 }, t.cashier.id)).toThrow(/time/)
    const paid = sales.recordBakongPayment(good, t.cashier.id)
    expect(paid.tenders[0]).toMatchObject({ confirmation: 'bakong', verified: true, bakongHash: good.hash })
    expect(() => sales.recordBakongPayment(good, t.cashier.id)).toThrow(/paid/)
  })
})

describe('voids and refunds are new records linked to the sale', () => {
  async function paidSale(t: TestPos): Promise<SaleView> {
    let sale = await t.api.scanBarcode(BARCODES.icedCoffee)
    sale = await t.api.setLineQuantity(sale.lines[0]?.id as string, 3) // $4.50
    await t.api.scanBarcode(BARCODES.rice) // $6.25, exempt
    return t.api.payCash('USD', 1100)
  }

  test('a void needs a manager and leaves the sale untouched', async () => {
    const t = await till()
    const sale = await paidSale(t)
    expect(await codeOf(t.api.voidSale(sale.id, t.approval(undefined, { managerId: t.cashier.id, pin: '2468' })))).toBe(
      'approval_not_manager',
    )
    const voided = await t.api.voidSale(sale.id, t.approval('wrong customer'))
    expect(voided.voided).toMatchObject({ reason: 'wrong customer', approvedBy: t.manager.id })
    expect(voided.totals).toEqual(sale.totals)
    expect(await codeOf(t.api.voidSale(sale.id, t.approval()))).toBe('sale_already_voided')
    expect(outbox(t).at(-1)).toMatchObject({ type: 'sale.voided', payload: { sale_id: sale.id } })
  })

  test('partial refunds add up exactly to the original, never more', async () => {
    const t = await till()
    const sale = await paidSale(t)
    const coffee = sale.lines[0]?.id as string
    const first = await t.api.refundSale(
      { saleId: sale.id, lines: [{ lineId: coffee, quantity: 1 }], tenders: [{ kind: 'cash_usd', amount: 150 }] },
      t.approval('spilled'),
    )
    expect(first).toMatchObject({
      kind: 'refund',
      refundOf: sale.id,
      receiptNo: 'T1-000002',
      khrPerUsd: sale.khrPerUsd,
    })
    const second = await t.api.refundSale(
      {
        saleId: sale.id,
        lines: [
          { lineId: coffee, quantity: 2 },
          { lineId: sale.lines[1]?.id as string, quantity: 1 },
        ],
        tenders: [{ kind: 'cash_usd', amount: 925 }],
      },
      t.approval('returned'),
    )
    expect(first.totals.total + second.totals.total).toBe(sale.totals.total)
    expect(first.totals.vatTotal + second.totals.vatTotal).toBe(sale.totals.vatTotal)
    expect(
      await codeOf(
        t.api.refundSale(
          { saleId: sale.id, lines: [{ lineId: coffee, quantity: 1 }], tenders: [{ kind: 'cash_usd', amount: 150 }] },
          t.approval(),
        ),
      ),
    ).toBe('refund_too_many')
    expect(await codeOf(t.api.voidSale(sale.id, t.approval()))).toBe('sale_has_refunds')
  })

  test('the money given back must match the refund', async () => {
    const t = await till()
    const sale = await paidSale(t)
    const line = { lineId: sale.lines[0]?.id as string, quantity: 1 }
    expect(
      await codeOf(
        t.api.refundSale(
          { saleId: sale.id, lines: [line], tenders: [{ kind: 'cash_usd', amount: 100 }] },
          t.approval(),
        ),
      ),
    ).toBe('refund_underpaid')
    expect(
      await codeOf(
        t.api.refundSale(
          { saleId: sale.id, lines: [line], tenders: [{ kind: 'cash_usd', amount: 300 }] },
          t.approval(),
        ),
      ),
    ).toBe('refund_overpaid')
    // $1.50 is 6 150 riel: 6 100 is short by half a note, 6 200 is the nearest note amount.
    expect(
      await codeOf(
        t.api.refundSale(
          { saleId: sale.id, lines: [line], tenders: [{ kind: 'cash_khr', amount: 6100 }] },
          t.approval(),
        ),
      ),
    ).toBe('refund_underpaid')
    const refund = await t.api.refundSale(
      { saleId: sale.id, lines: [line], tenders: [{ kind: 'cash_khr', amount: 6200 }] },
      t.approval(),
    )
    expect(refund.payment.residualSen).toBe(150 * 4100 - 620_000)
  })
})
