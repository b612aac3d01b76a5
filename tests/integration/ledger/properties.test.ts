import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { computeSaleTotals, toSen } from '../../../shared/money/index.ts'
import type { SaleView } from '../../../shared/views.ts'
import { openTestPos, type TestPos } from '../../support/pos.ts'

let t: TestPos
beforeAll(async () => {
  t = await openTestPos({ signIn: 'manager' })
})
afterAll(() => t.pos.close())

const discount = fc.option(
  fc.oneof(
    fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 10_000 }) }),
    fc.record({ kind: fc.constant('amount' as const), amount: fc.integer({ min: 0, max: 300 }) }),
  ),
  { nil: null },
)

const saleScenario = fc.record({
  currency: fc.constantFrom('USD' as const, 'KHR' as const),
  taxInclusive: fc.boolean(),
  smallestNote: fc.constantFrom(100 as const, 500 as const, 1000 as const),
  changePreference: fc.constantFrom('usd_then_khr' as const, 'khr_only' as const),
  lines: fc.array(fc.record({ product: fc.nat(9), quantity: fc.integer({ min: 1, max: 12 }), discount }), {
    minLength: 1,
    maxLength: 6,
  }),
  saleDiscount: discount,
  tenders: fc.array(
    fc.record({
      kind: fc.constantFrom('cash_usd', 'cash_khr', 'khqr_usd', 'khqr_khr'),
      fraction: fc.integer({ min: 1, max: 150 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
})

function paidSen(sale: SaleView): number {
  return sale.tenders.reduce(
    (sum, tender) => sum + toSen(tender.amount, tender.kind.endsWith('usd') ? 'USD' : 'KHR', sale.khrPerUsd),
    0,
  )
}

describe('the ledger keeps the money rules on real sales', () => {
  test('random sales: totals reconcile, tendered = total + change + residual, and the drawer adds up', async () => {
    const products = (await t.api.listProducts({ categoryId: null, offset: 0, limit: 50 })).map((product) => product.id)
    const completed: SaleView[] = []
    await fc.assert(
      fc.asyncProperty(saleScenario, async (scenario) => {
        const { ledger } = t.pos
        const actor = { userId: t.manager.id, approverId: t.manager.id, reason: 'property test' }
        ledger.settings.update(
          {
            saleCurrency: scenario.currency,
            taxInclusive: scenario.taxInclusive,
            smallestNote: scenario.smallestNote,
            changePreference: scenario.changePreference,
          },
          actor,
        )
        // A run that failed (while fast-check shrinks) may leave its sale behind; each run starts clean.
        if (ledger.sales.current()) ledger.sales.cancel(actor)
        let sale: SaleView | null = null
        try {
          for (const line of scenario.lines) {
            sale = ledger.sales.addProduct(
              products[line.product % products.length] as string,
              line.quantity,
              t.manager.id,
            )
            const added = sale.lines.at(-1)
            if (line.discount && added && !added.discount)
              sale = ledger.sales.setLineDiscount(added.id, line.discount, t.manager.id)
          }
          if (scenario.saleDiscount) sale = ledger.sales.setSaleDiscount(scenario.saleDiscount, t.manager.id)
        } catch (error) {
          // A discount larger than what it applies to is refused; the sale is left as it was.
          expect((error as { code?: string }).code).toBe('discount_too_large')
          sale = ledger.sales.current()
        }
        if (!sale) return
        let index = 0
        if (sale.payment.settled) sale = ledger.sales.completeWithoutPayment(t.manager.id)
        while (sale.state !== 'paid') {
          // The scenario's tenders in turn, then whatever is still due in riel notes.
          const step = scenario.tenders[index] ?? { kind: 'cash_khr', fraction: 100 }
          index++
          const due = sale.payment.stillDue
          if (step.kind === 'cash_usd')
            sale = ledger.sales.payCash('USD', Math.max(1, Math.ceil((due.usd * step.fraction) / 100)), t.manager.id)
          else if (step.kind === 'cash_khr')
            sale = ledger.sales.payCash(
              'KHR',
              Math.max(100, Math.ceil((due.khrCash * step.fraction) / 10_000) * 100),
              t.manager.id,
            )
          else {
            const shown = ledger.sales.startKhqr(step.kind === 'khqr_usd' ? 'USD' : 'KHR', t.manager.id).khqr
            if (!shown) throw new Error('no QR')
            const fields = {
              md5: shown.md5,
              hash: shown.md5.repeat(2),
              amount: shown.amount,
              currency: shown.currency,
              toAccountId: 'demo_shop@demo',
              createdAt: shown.createdAt,
            }
            sale = ledger.sales.recordBakongPayment(fields, t.manager.id)
          }
          if (index > scenario.tenders.length + 1) throw new Error('the sale did not settle on the cash asked for')
        }
        completed.push(sale)
        const totals = computeSaleTotals({
          lines: sale.lines.map((line) => ({
            quantity: line.quantity,
            unitPrice: line.unitPrice,
            vatRateBasisPoints: line.vatRateBasisPoints,
            pltRateBasisPoints: line.pltRateBasisPoints,
            discount: line.discount,
          })),
          saleDiscount: sale.discount,
          taxInclusive: sale.taxInclusive,
          currency: sale.currency,
          khrPerUsd: sale.khrPerUsd,
        })
        expect(sale.totals).toMatchObject({
          subtotal: totals.subtotal,
          vatTotal: totals.vatTotal,
          pltTotal: totals.pltTotal,
          total: totals.total,
          totalKhr: totals.totalKhr,
        })
        expect(sale.lines.reduce((sum, line) => sum + line.amount, 0)).toBe(sale.totals.subtotal)
        expect(sale.lines.reduce((sum, line) => sum + line.vat, 0)).toBe(sale.totals.vatTotal)
        expect(sale.lines.reduce((sum, line) => sum + line.plt, 0)).toBe(sale.totals.pltTotal)
        expect(sale.totals.total).toBe(
          sale.taxInclusive ? sale.totals.subtotal : sale.totals.subtotal + sale.totals.pltTotal + sale.totals.vatTotal,
        )
        const { changeUsd, changeKhr, residualSen } = sale.payment
        expect(paidSen(sale)).toBe(
          toSen(sale.totals.total, sale.currency, sale.khrPerUsd) +
            changeUsd * sale.khrPerUsd +
            changeKhr * 100 +
            residualSen,
        )
        expect(changeUsd % 100).toBe(0)
        expect(changeKhr % sale.smallestNote).toBe(0)
        expect(Math.abs(residualSen)).toBeLessThanOrEqual((sale.smallestNote * 100) / 2)
        if (scenario.changePreference === 'khr_only') expect(changeUsd).toBe(0)
      }),
      { numRuns: 300 },
    )
    const report = t.pos.ledger.shifts.xReport()
    const cash = (kind: string) =>
      completed
        .flatMap((sale) => sale.tenders)
        .filter((tender) => tender.kind === kind)
        .reduce((sum, tender) => sum + tender.amount, 0)
    const change = {
      usd: completed.reduce((sum, sale) => sum + sale.payment.changeUsd, 0),
      khr: completed.reduce((sum, sale) => sum + sale.payment.changeKhr, 0),
    }
    expect(report.sales.count).toBe(completed.length)
    expect(report.expectedCash).toEqual({
      usd: 5000 + cash('cash_usd') - change.usd,
      khr: 200_000 + cash('cash_khr') - change.khr,
    })
    expect(report.roundingResidualSen).toBe(completed.reduce((sum, sale) => sum + sale.payment.residualSen, 0))
  }, 60_000)
})
