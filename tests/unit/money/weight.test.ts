import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  computeSaleTotals,
  formatWeight,
  lineGross,
  MoneyError,
  ownCurrencyAmount,
  parseWeightInput,
  quantityText,
  shareOfUnits,
} from '../../../shared/money/index.ts'

/** The reference: grams × price / 1000 rounded half away from zero, in BigInt so nothing is lost. */
function referenceGross(grams: number, pricePerKg: number): number {
  const product = BigInt(grams) * BigInt(pricePerKg)
  const quotient = product / 1000n
  return Number(product % 1000n >= 500n ? quotient + 1n : quotient)
}

describe('a line sold by weight', () => {
  it('is grams × price per kilogram / 1000, rounded half away from zero to the cent or riel', () => {
    expect(lineGross(450, 1299, 'weight')).toBe(585) // 584.55 cents → 585
    expect(lineGross(1250, 24_000, 'weight')).toBe(30_000) // 1.25 kg of ៛24,000/kg
    expect(lineGross(333, 1500, 'weight')).toBe(500) // 499.5 → 500: the half goes up
    expect(lineGross(1, 499, 'weight')).toBe(0) // 0.499 of a cent → 0
    expect(lineGross(3, 150)).toBe(450) // by count, unchanged
  })

  it('matches the exact reference for any weight up to 100 kg and any price', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 10_000_000_000 }), (g, price) => {
        expect(lineGross(g, price, 'weight')).toBe(referenceGross(g, price))
      }),
    )
  })

  it('flows through the sale totals like any line: subtotal, VAT and riel total add up', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ grams: fc.integer({ min: 1, max: 100_000 }), price: fc.integer({ min: 0, max: 500_000 }) }),
          {
            minLength: 1,
            maxLength: 10,
          },
        ),
        fc.boolean(),
        (lines, taxInclusive) => {
          const totals = computeSaleTotals({
            lines: lines.map((line) => ({
              quantity: line.grams,
              soldBy: 'weight',
              unitPrice: line.price,
              vatRateBasisPoints: 1000,
            })),
            taxInclusive,
            currency: 'USD',
            khrPerUsd: 4100,
          })
          expect(totals.lines.map((line) => line.gross)).toEqual(
            lines.map((line) => referenceGross(line.grams, line.price)),
          )
          expect(totals.subtotal).toBe(totals.lines.reduce((sum, line) => sum + line.amount, 0))
          expect(Number.isInteger(totals.totalKhr)).toBe(true)
        },
      ),
    )
  })

  it('refunds in parts of grams that add up exactly to the line', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 100_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (grams, amount, cut) => {
          const first = Math.floor(grams * cut)
          const a = shareOfUnits(amount, grams, first)
          const b = shareOfUnits(amount, grams, grams) - a
          expect(a + b).toBe(amount)
          expect(a).toBeGreaterThanOrEqual(0)
          expect(b).toBeGreaterThanOrEqual(0)
        },
      ),
    )
  })

  it('refuses more than 100 kg on one line, and a weight line of 0 g', () => {
    expect(() => lineGross(100_001, 100, 'weight')).toThrow(MoneyError)
    expect(() => lineGross(0, 100, 'weight')).toThrow(MoneyError)
  })

  it('shows a riel-priced weighed line in riel in a dollar sale', () => {
    expect(
      ownCurrencyAmount(
        {
          listPrice: 24_000,
          listCurrency: 'KHR',
          quantity: 450,
          soldBy: 'weight',
          priceOverridden: false,
          lineDiscount: 0,
        },
        'USD',
      ),
    ).toEqual({ amount: 10_800, currency: 'KHR' })
  })
})

describe('weights as the cashier types and reads them', () => {
  it('reads kilograms and grams to whole grams, Khmer digits too', () => {
    expect(parseWeightInput('0.45')).toBe(450)
    expect(parseWeightInput('1.250')).toBe(1250)
    expect(parseWeightInput('2')).toBe(2000)
    expect(parseWeightInput('450 g')).toBe(450)
    expect(parseWeightInput('1.2 kg')).toBe(1200)
    expect(parseWeightInput('០.៥')).toBe(500)
    expect(parseWeightInput('៣០០ ក្រាម')).toBe(300)
  })

  it('refuses what is not a whole number of grams, zero, or over 100 kg, naming the weight', () => {
    for (const typed of ['', 'abc', '0.4567', '1.5 g', '0', '-1', '100.001', '1e3', '1,5'])
      expect(() => parseWeightInput(typed), typed).toThrow(
        expect.objectContaining({ code: 'quantity_invalid', field: 'weight' }),
      )
  })

  it('any typed weight in grams reads back to itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (grams) => {
        expect(parseWeightInput(formatWeight(grams, 'en'))).toBe(grams)
        expect(parseWeightInput(formatWeight(grams, 'en').replace(' kg', ''))).toBe(grams)
      }),
    )
  })

  it('formats with three decimals of a kilogram, in Latin digits like every figure', () => {
    expect(formatWeight(450, 'en')).toBe('0.450 kg')
    expect(formatWeight(12_005, 'en')).toBe('12.005 kg')
    expect(formatWeight(450, 'km')).toBe('0.450 គីឡូ')
    expect(quantityText(3, 'count', 'km')).toBe('3')
    expect(quantityText(1500, 'weight', 'en')).toBe('1.500 kg')
  })
})
