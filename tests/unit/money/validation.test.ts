/**
 * Whatever arrives (from IPC, storage or a bug), the money functions either return a value or throw a
 * MoneyError: never a TypeError, RangeError or a wrong answer from a coerced input.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  allocateProportionally,
  checkRate,
  computeSaleTotals,
  convert,
  divideCeil,
  divideRoundHalfUp,
  formatMoney,
  formatRate,
  isCashTender,
  khrToUsd,
  MoneyError,
  multiplyDivideRoundHalfUp,
  parseMoneyInput,
  settle,
  shareOfUnits,
  tenderCurrency,
  toSen,
  usdToKhr,
} from '../../../shared/money/index.ts'

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: true,
  withObjectString: true,
})
/** Numbers of every awkward kind, and a few non-numbers. */
const oddNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 2 ** 53, -(2 ** 53), Number.NaN, Infinity, 1e21, 0.1, '5', null, undefined, 5n),
)

function onlyMoneyErrors(run: () => unknown): void {
  try {
    run()
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error
    expect(error.message.length).toBeGreaterThan(10)
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the point is to call with wrongly typed arguments
const loose = <F extends (...args: any[]) => unknown>(f: F) => f as unknown as (...args: unknown[]) => unknown

const validLine = { quantity: 2, unitPrice: 150, vatRateBasisPoints: 1000 }
const validSale = { lines: [validLine], taxInclusive: false, currency: 'USD', khrPerUsd: 4100 }
const validSettlement = {
  total: 1000,
  currency: 'USD',
  khrPerUsd: 4100,
  tenders: [{ kind: 'cash_usd', amount: 2000 }],
  smallestNote: 100,
}

/** A valid record with one field, possibly nested, replaced by something odd. */
function mutated(record: Record<string, unknown>, value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(fc.constantFrom(...Object.keys(record), 'extra'), value).map(([key, v]) => ({ ...record, [key]: v }))
}

describe('only MoneyError escapes', () => {
  it('from the arithmetic and conversions', () => {
    const fns = [
      divideRoundHalfUp,
      divideCeil,
      multiplyDivideRoundHalfUp,
      toSen,
      usdToKhr,
      khrToUsd,
      convert,
      shareOfUnits,
    ]
    fc.assert(
      fc.property(
        fc.constantFrom(...fns.map(loose)),
        fc.array(fc.oneof(oddNumber, anything, fc.constantFrom('USD', 'KHR')), { maxLength: 4 }),
        (f, args) => onlyMoneyErrors(() => f(...args)),
      ),
      { numRuns: 2000 },
    )
  })

  it('from the small helpers', () => {
    fc.assert(
      fc.property(fc.oneof(anything, oddNumber), anything, (a, b) => {
        onlyMoneyErrors(() => checkRate(a))
        onlyMoneyErrors(() => loose(tenderCurrency)(a))
        onlyMoneyErrors(() => loose(isCashTender)(a))
        onlyMoneyErrors(() => loose(formatMoney)(a, 'USD', b))
        onlyMoneyErrors(() => loose(formatMoney)(a, b, 'en'))
        onlyMoneyErrors(() => loose(formatRate)(a, 'km'))
        onlyMoneyErrors(() => loose(parseMoneyInput)(a, b))
        onlyMoneyErrors(() => loose(parseMoneyInput)(a, 'USD'))
        onlyMoneyErrors(() => loose(allocateProportionally)(a, b))
        onlyMoneyErrors(() => loose(allocateProportionally)(100, [a, 1]))
      }),
      { numRuns: 2000 },
    )
  })

  it('from computeSaleTotals', () => {
    const odd = fc.oneof(anything, oddNumber)
    const sale = fc.oneof(
      anything,
      mutated(validSale, odd),
      mutated(validLine, odd).map((line) => ({ ...validSale, lines: [validLine, line] })),
      fc
        .tuple(fc.constantFrom('discount', 'saleDiscount'), fc.constantFrom('percent', 'amount', 'other'), odd)
        .map(([where, kind, v]) => {
          const discount = { kind, basisPoints: v, amount: v }
          return where === 'discount'
            ? { ...validSale, lines: [{ ...validLine, discount }] }
            : { ...validSale, saleDiscount: discount }
        }),
    )
    fc.assert(
      fc.property(sale, (input) => onlyMoneyErrors(() => loose(computeSaleTotals)(input))),
      { numRuns: 2000 },
    )
  })

  it('from settle', () => {
    const odd = fc.oneof(anything, oddNumber)
    const input = fc.oneof(
      anything,
      mutated(validSettlement, odd),
      mutated({ kind: 'cash_khr', amount: 100 }, odd).map((tender) => ({ ...validSettlement, tenders: [tender] })),
    )
    fc.assert(
      fc.property(input, (s) => onlyMoneyErrors(() => loose(settle)(s))),
      { numRuns: 2000 },
    )
  })
})
