import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  computeSaleTotals,
  type LineTotals,
  MAX_AMOUNT,
  MoneyError,
  type SaleTotalsInput,
} from '../../../shared/money/index.ts'
import { codeOf, outcome, refRound, refTotals, saleInput } from './helpers.ts'

const sale = (overrides: Partial<SaleTotalsInput>): SaleTotalsInput => ({
  lines: [],
  taxInclusive: false,
  currency: 'USD',
  khrPerUsd: 4100,
  ...overrides,
})

const errorOf = (run: () => unknown): MoneyError => {
  try {
    run()
  } catch (error) {
    if (error instanceof MoneyError) return error
    throw error
  }
  throw new Error('expected a MoneyError')
}

describe('computeSaleTotals: examples', () => {
  it('an empty sale is all zeros', () => {
    expect(computeSaleTotals(sale({}))).toEqual({
      lines: [],
      grossTotal: 0,
      discountTotal: 0,
      subtotal: 0,
      vatTotal: 0,
      pltTotal: 0,
      total: 0,
      vatGroups: [],
      totalKhr: 0,
      vatKhr: 0,
      pltKhr: 0,
    })
  })

  it('tax-exclusive USD: VAT once on the group, shared back to the lines by largest remainder', () => {
    const totals = computeSaleTotals(
      sale({
        lines: [
          { quantity: 2, unitPrice: 150, vatRateBasisPoints: 1000 },
          { quantity: 1, unitPrice: 333, vatRateBasisPoints: 1000 },
        ],
      }),
    )
    // base 633, VAT 63.3 → 63; shares 29.86 and 33.14 → 30 and 33
    expect(totals.vatGroups).toEqual([{ rateBasisPoints: 1000, pltRateBasisPoints: 0, base: 633, vat: 63, plt: 0 }])
    expect(totals.lines.map((line) => line.vat)).toEqual([30, 33])
    expect(totals.subtotal).toBe(633)
    expect(totals.total).toBe(696)
    expect(totals.totalKhr).toBe(28_536) // 6.96 × 4100
    expect(totals.vatKhr).toBe(2583) // 0.63 × 4100
  })

  it('tax-inclusive KHR: the VAT contained in the price', () => {
    const totals = computeSaleTotals(
      sale({
        currency: 'KHR',
        taxInclusive: true,
        lines: [{ quantity: 1, unitPrice: 11_000, vatRateBasisPoints: 1000 }],
      }),
    )
    expect(totals).toMatchObject({ subtotal: 11_000, vatTotal: 1000, total: 11_000, totalKhr: 11_000, vatKhr: 1000 })
  })

  it('line and sale discounts, allocated in proportion', () => {
    const totals = computeSaleTotals(
      sale({
        lines: [
          { quantity: 1, unitPrice: 1000, vatRateBasisPoints: 1000, discount: { kind: 'percent', basisPoints: 1000 } },
          { quantity: 3, unitPrice: 167, vatRateBasisPoints: 0, discount: { kind: 'amount', amount: 1 } },
        ],
        saleDiscount: { kind: 'percent', basisPoints: 500 },
      }),
    )
    // nets 900 and 500; sale discount 5 % of 1400 = 70 → 45 and 25
    expect(totals.lines).toEqual([
      { gross: 1000, lineDiscount: 100, saleDiscountShare: 45, amount: 855, vat: 86, plt: 0 },
      { gross: 501, lineDiscount: 1, saleDiscountShare: 25, amount: 475, vat: 0, plt: 0 },
    ])
    expect(totals.vatGroups).toEqual([
      { rateBasisPoints: 0, pltRateBasisPoints: 0, base: 475, vat: 0, plt: 0 },
      { rateBasisPoints: 1000, pltRateBasisPoints: 0, base: 855, vat: 86, plt: 0 }, // 85.5 → 86
    ])
    expect(totals).toMatchObject({ grossTotal: 1501, discountTotal: 171, subtotal: 1330, vatTotal: 86, total: 1416 })
  })

  it('beer with the public lighting tax: PLT (5 % of a 20 % base) before VAT, each on its own, VAT on both', () => {
    const line = { quantity: 1, unitPrice: 10_000, vatRateBasisPoints: 1000, pltRateBasisPoints: 100 }
    // Prices before tax: 10,000 riel, PLT 1 % = 100, VAT 10 % of 10,100 = 1,010.
    const exclusive = computeSaleTotals(sale({ currency: 'KHR', lines: [line] }))
    expect(exclusive).toMatchObject({ subtotal: 10_000, pltTotal: 100, vatTotal: 1010, total: 11_110, pltKhr: 100 })
    // The same beer with taxes in its shelf price of 11,110 riel: the same taxes come out of it.
    const inclusive = computeSaleTotals(
      sale({ currency: 'KHR', taxInclusive: true, lines: [{ ...line, unitPrice: 11_110 }] }),
    )
    expect(inclusive).toMatchObject({ subtotal: 11_110, pltTotal: 100, vatTotal: 1010, total: 11_110 })
    // Beer and water together: two groups, the water without PLT.
    const mixed = computeSaleTotals(
      sale({ currency: 'KHR', lines: [line, { quantity: 1, unitPrice: 1000, vatRateBasisPoints: 1000 }] }),
    )
    expect(mixed.vatGroups.map((group) => [group.pltRateBasisPoints, group.plt, group.vat])).toEqual([
      [0, 0, 100],
      [100, 100, 1010],
    ])
    expect(mixed.lines.map((each) => each.plt)).toEqual([100, 0])
  })

  it('refuses a discount bigger than what it applies to', () => {
    const line = errorOf(() =>
      computeSaleTotals(
        sale({
          lines: [{ quantity: 1, unitPrice: 100, vatRateBasisPoints: 0, discount: { kind: 'amount', amount: 101 } }],
        }),
      ),
    )
    expect(line.code).toBe('discount_too_large')
    expect(line.field).toBe('discount')
    expect(line.message).toContain('101')
    const whole = errorOf(() =>
      computeSaleTotals(
        sale({
          lines: [{ quantity: 1, unitPrice: 100, vatRateBasisPoints: 0, discount: { kind: 'amount', amount: 50 } }],
          saleDiscount: { kind: 'amount', amount: 51 },
        }),
      ),
    )
    expect(whole.code).toBe('discount_too_large')
    expect(whole.field).toBe('saleDiscount')
    expect(
      computeSaleTotals(
        sale({
          lines: [{ quantity: 1, unitPrice: 100, vatRateBasisPoints: 1000 }],
          saleDiscount: { kind: 'amount', amount: 100 },
        }),
      ).total,
    ).toBe(0)
  })

  it('refuses invalid input with a specific code and the bad value in the message', () => {
    const line = { quantity: 1, unitPrice: 100, vatRateBasisPoints: 1000 }
    const cases: [Partial<SaleTotalsInput>, string, string][] = [
      [{ lines: [{ ...line, quantity: 0 }] }, 'quantity_invalid', '(got 0)'],
      [{ lines: [{ ...line, quantity: 100_001 }] }, 'quantity_invalid', '100001'],
      [{ lines: [{ ...line, quantity: 1.5 }] }, 'quantity_invalid', '1.5'],
      [{ lines: [{ ...line, unitPrice: -1 }] }, 'amount_invalid', '-1'],
      [{ lines: [{ ...line, unitPrice: MAX_AMOUNT + 1 }] }, 'amount_invalid', '100000000000001'],
      [{ lines: [{ ...line, quantity: 2, unitPrice: MAX_AMOUNT }] }, 'amount_invalid', '2 × 100000000000000'],
      [{ lines: [{ ...line, vatRateBasisPoints: 10_001 }] }, 'vat_rate_invalid', '10001'],
      [{ lines: [{ ...line, discount: { kind: 'percent', basisPoints: 10_001 } }] }, 'discount_invalid', '10001'],
      [{ lines: [{ ...line, discount: { kind: 'fixed' } as never }] }, 'discount_invalid', '"fixed"'],
      [{ lines: [{ ...line, discount: { kind: 'amount', amount: -5 } }] }, 'discount_invalid', '-5'],
      [{ saleDiscount: 10 as never }, 'discount_invalid', '10'],
      [{ lines: [line, line], saleDiscount: { kind: 'amount', amount: 0.5 } }, 'discount_invalid', '0.5'],
      [{ currency: 'EUR' as never }, 'currency_invalid', '"EUR"'],
      [{ khrPerUsd: 0 }, 'rate_invalid', '0'],
      [{ taxInclusive: 'yes' as never }, 'input_invalid', '"yes"'],
      [{ lines: {} as never }, 'input_invalid', 'object'],
      [{ lines: [null as never] }, 'input_invalid', 'null'],
      [
        {
          lines: [
            { ...line, unitPrice: MAX_AMOUNT / 2 + 1 },
            { ...line, unitPrice: MAX_AMOUNT / 2 },
          ],
        },
        'amount_invalid',
        '100000000000001',
      ],
      [{ lines: [{ ...line, unitPrice: MAX_AMOUNT }] }, 'amount_invalid', 'total'],
    ]
    for (const [overrides, code, text] of cases) {
      const error = errorOf(() => computeSaleTotals(sale(overrides)))
      expect(error.code, JSON.stringify(overrides)).toBe(code)
      expect(error.message).toContain(text)
    }
    expect(codeOf(() => computeSaleTotals(null as never))).toBe('input_invalid')
  })

  it('stays exact at MAX_AMOUNT', () => {
    const totals = computeSaleTotals(
      sale({
        taxInclusive: true,
        currency: 'KHR',
        lines: [
          { quantity: 3, unitPrice: 33_333_333_333_333, vatRateBasisPoints: 1000 },
          { quantity: 1, unitPrice: 1, vatRateBasisPoints: 1000 },
        ],
        saleDiscount: { kind: 'percent', basisPoints: 1 },
      }),
    )
    expect(totals.grossTotal).toBe(MAX_AMOUNT)
    expect(totals.lines.map((l) => l.saleDiscountShare)).toEqual([10_000_000_000, 0]) // 0.01 % of 10^14
    expect(totals.vatTotal).toBe(9_090_000_000_000) // 99,990,000,000,000 × 1000 / 11,000, exactly
    expect(totals.total).toBe(MAX_AMOUNT - 10_000_000_000)
  })
})

describe('computeSaleTotals: properties', () => {
  it('equals the rule-by-rule BigInt reference (or refuses exactly where it does)', () => {
    fc.assert(
      fc.property(saleInput(), (input) => {
        expect(outcome(() => computeSaleTotals(input))).toEqual(refTotals(input))
      }),
      { numRuns: 2000 },
    )
  })

  it('equals the reference near MAX_AMOUNT too', () => {
    fc.assert(
      fc.property(saleInput(true), (input) => {
        expect(outcome(() => computeSaleTotals(input))).toEqual(refTotals(input))
      }),
      { numRuns: 1000 },
    )
  })

  it('reconciles exactly: the equalities of rule 6', () => {
    fc.assert(
      fc.property(fc.oneof(saleInput(), saleInput(true)), (input) => {
        const result = outcome(() => computeSaleTotals(input))
        if ('error' in result) return
        const sum = (f: (line: LineTotals) => number) => result.lines.reduce((acc, line) => acc + f(line), 0)
        expect(result.grossTotal).toBe(sum((line) => line.gross))
        expect(result.discountTotal).toBe(sum((line) => line.lineDiscount + line.saleDiscountShare))
        expect(result.subtotal).toBe(sum((line) => line.amount))
        expect(result.vatTotal).toBe(sum((line) => line.vat))
        expect(result.vatTotal).toBe(result.vatGroups.reduce((acc, group) => acc + group.vat, 0))
        expect(result.pltTotal).toBe(sum((line) => line.plt))
        expect(result.pltTotal).toBe(result.vatGroups.reduce((acc, group) => acc + group.plt, 0))
        expect(result.total).toBe(
          input.taxInclusive ? result.subtotal : result.subtotal + result.pltTotal + result.vatTotal,
        )
        // What the taxes leave of an inclusive price is never negative.
        if (input.taxInclusive) expect(result.subtotal - result.vatTotal - result.pltTotal).toBeGreaterThanOrEqual(0)
        expect(result.grossTotal - result.discountTotal).toBe(result.subtotal)
        for (const line of result.lines) {
          expect(line.amount).toBe(line.gross - line.lineDiscount - line.saleDiscountShare)
          expect(line.amount).toBeGreaterThanOrEqual(0)
          expect(line.vat).toBeGreaterThanOrEqual(0)
        }
        const khr = (x: number) =>
          input.currency === 'KHR' ? x : Number(refRound(BigInt(x) * BigInt(input.khrPerUsd), 100n))
        expect(result.totalKhr).toBe(khr(result.total))
        expect(result.vatKhr).toBe(khr(result.vatTotal))
        expect(result.pltKhr).toBe(khr(result.pltTotal))
      }),
      { numRuns: 2000 },
    )
  })

  it('VAT per group equals the formula on the group base, one group per rate, sorted', () => {
    fc.assert(
      // Without the public lighting tax, VAT is the plain rule on the group's base.
      fc.property(saleInput(), (withPlt) => {
        const input = { ...withPlt, lines: withPlt.lines.map((line) => ({ ...line, pltRateBasisPoints: 0 })) }
        const result = outcome(() => computeSaleTotals(input))
        if ('error' in result) return
        const rates = result.vatGroups.map((group) => group.rateBasisPoints)
        expect(rates).toEqual([...new Set(input.lines.map((line) => line.vatRateBasisPoints))].sort((a, b) => a - b))
        for (const group of result.vatGroups) {
          const members = result.lines.filter((_, i) => input.lines[i]?.vatRateBasisPoints === group.rateBasisPoints)
          expect(group.base).toBe(members.reduce((acc, line) => acc + line.amount, 0))
          const rate = BigInt(group.rateBasisPoints)
          const denominator = input.taxInclusive ? 10_000n + rate : 10_000n
          expect(group.plt).toBe(0)
          expect(group.vat).toBe(Number(refRound(BigInt(group.base) * rate, denominator)))
          expect(members.reduce((acc, line) => acc + line.vat, 0)).toBe(group.vat)
          for (const line of members) {
            // each line's VAT is within 1 of its exact share of the group's VAT
            if (group.base > 0)
              expect(Math.abs(line.vat * group.base - group.vat * line.amount)).toBeLessThan(group.base)
          }
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('line discounts follow rule 2 and the sale discount rule 3', () => {
    fc.assert(
      fc.property(saleInput(), (input) => {
        const result = outcome(() => computeSaleTotals(input))
        if ('error' in result) return
        let nets = 0
        result.lines.forEach((line, i) => {
          const source = input.lines[i]
          expect(line.gross).toBe((source?.quantity ?? 0) * (source?.unitPrice ?? 0))
          const discount = source?.discount
          const expected = !discount
            ? 0
            : discount.kind === 'amount'
              ? discount.amount
              : Number(refRound(BigInt(line.gross) * BigInt(discount.basisPoints), 10_000n))
          expect(line.lineDiscount).toBe(expected)
          nets += line.gross - line.lineDiscount
        })
        const sd = input.saleDiscount
        const saleDiscount = !sd
          ? 0
          : sd.kind === 'amount'
            ? sd.amount
            : Number(refRound(BigInt(nets) * BigInt(sd.basisPoints), 10_000n))
        expect(result.lines.reduce((acc, line) => acc + line.saleDiscountShare, 0)).toBe(saleDiscount)
      }),
      { numRuns: 2000 },
    )
  })
})
