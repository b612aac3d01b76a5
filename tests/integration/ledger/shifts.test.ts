import { afterEach, describe, expect, test } from 'vitest'
import { BARCODES, codeOf, openTestPos, type TestPos } from '../../support/pos.ts'

const opened: TestPos[] = []
afterEach(() => {
  for (const test of opened.splice(0)) test.pos.close()
})

describe('shifts and X/Z reports', () => {
  test('expected cash per currency follows float, sales, change, cash moves, voids and refunds; the count is blind', async () => {
    const t = await openTestPos()
    opened.push(t)
    // Float: $50 and 200 000 riel (openTestPos).
    await t.api.scanBarcode(BARCODES.amok) // $4.50
    await t.api.payCash('USD', 1000) // change $5 + 2 100 riel? $5.50 → $5 + 2 050 → 2 100 riel
    await t.api.scanBarcode(BARCODES.icedCoffee) // $1.50
    const voided = await t.api.payCash('KHR', 10_000) // 3 850 riel change → 3 900
    await t.api.voidSale(voided.id, t.approval('rang twice'))
    const kept = await t.api.scanBarcode(BARCODES.rice) // $6.25 exempt
    await t.api.startKhqr('USD')
    await t.api.confirmKhqrByHand(t.approval('saw the app'))
    await t.api.refundSale(
      {
        saleId: kept.id,
        lines: [{ lineId: kept.lines[0]?.id as string, quantity: 1 }],
        tenders: [{ kind: 'cash_usd', amount: 625 }],
      },
      t.approval('bag torn'),
    )
    await t.api.moveCash({ direction: 'out', currency: 'KHR', amount: 50_000, reason: 'ice delivery' }, t.approval())
    await t.api.moveCash({ direction: 'in', currency: 'USD', amount: 2000, reason: 'change top-up' }, null)

    const x = t.pos.ledger.shifts.xReport()
    expect(x.countedCash).toBeNull()
    expect(x.sales).toEqual({ count: 3, totalUsd: 450 + 150 + 625, totalKhr: 0 })
    expect(x.voids).toEqual({ count: 1, totalUsd: 150, totalKhr: 0 })
    expect(x.refunds).toMatchObject({ count: 1, totalUsd: 625 })
    expect(x.tenders.cash_usd).toEqual({ count: 1, amount: 1000 })
    expect(x.tenders.cash_khr).toEqual({ count: 1, amount: 10_000 })
    expect(x.tenders.khqr_usd).toEqual({ count: 1, amount: 625 })
    expect(x.changeGiven).toEqual({ usd: 500, khr: 2100 + 3900 })
    expect(x.vat.usd).toBe(Math.round(450 / 11)) // 10 % inclusive in $4.50; the voided coffee's VAT is taken off
    // USD: 5 000 + 1 000 − 500 (change) + 2 000 (in) − 625 (refund) = 6 875
    // KHR: 200 000 − 2 100 (change) + 10 000 − 3 900 (change) − 6 100 (void gives back the net cash) − 50 000 (out) = 147 900
    expect(x.expectedCash).toEqual({ usd: 6875, khr: 147_900 })

    expect(await codeOf(t.api.closeShift({ usd: {}, khr: { '300': 1 } }))).toBe('denomination_unknown')
    await t.api.scanBarcode(BARCODES.water)
    expect(await codeOf(t.api.closeShift({ usd: {}, khr: {} }))).toBe('shift_has_open_sales')
    await t.api.cancelSale(null)
    const z = await t.api.closeShift({
      usd: { '5000': 1, '1000': 1, '500': 1, '100': 3 },
      khr: { '100000': 1, '20000': 2, '5000': 1, '1000': 2, '500': 1, '100': 4 },
    })
    expect(z.kind).toBe('Z')
    expect(z.countedCash).toEqual({ usd: 6800, khr: 147_900 })
    expect(z.variance).toEqual({ usd: -75, khr: 0 })
    expect(await t.api.getShift()).toBeNull()
    expect(await codeOf(t.api.scanBarcode(BARCODES.water))).toBe('shift_closed')
    await t.api.signOut()
    await t.api.signIn(t.manager.id, '1357')
    expect(await t.api.getZReport(z.shift.id)).toEqual(z)
  })
})
