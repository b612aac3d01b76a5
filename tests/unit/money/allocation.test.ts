import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allocateProportionally, MAX_AMOUNT, shareOfUnits } from '../../../shared/money/index.ts'
import { abs, codeOf, refHamilton, refRound } from './helpers.ts'

const weights = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 12 }),
  fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 }),
  fc.array(fc.integer({ min: 0, max: MAX_AMOUNT }), { minLength: 1, maxLength: 12 }),
  fc.array(fc.constant(0), { minLength: 1, maxLength: 12 }),
)
const total = fc.oneof(
  fc.integer({ min: 0, max: 100 }),
  fc.integer({ min: -MAX_AMOUNT, max: MAX_AMOUNT }),
  fc.integer({ min: MAX_AMOUNT - 100, max: MAX_AMOUNT }),
)

describe('allocateProportionally', () => {
  it('splits by largest remainder, ties to the earlier index', () => {
    expect(allocateProportionally(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(allocateProportionally(2, [1, 1, 1])).toEqual([1, 1, 0])
    expect(allocateProportionally(10, [1, 2, 3, 4])).toEqual([1, 2, 3, 4])
    expect(allocateProportionally(5, [1, 3])).toEqual([1, 4]) // 1.25, 3.75
    expect(allocateProportionally(7, [0, 5, 0, 5])).toEqual([0, 4, 0, 3])
    expect(allocateProportionally(-100, [1, 1, 1])).toEqual([-34, -33, -33])
    expect(allocateProportionally(0, [3, 0])).toEqual([0, 0])
    expect(allocateProportionally(0, [])).toEqual([])
    expect(allocateProportionally(MAX_AMOUNT, [MAX_AMOUNT, MAX_AMOUNT, MAX_AMOUNT])).toEqual([
      33_333_333_333_334, 33_333_333_333_333, 33_333_333_333_333,
    ])
  })

  it('spreads evenly, earlier indices first, when every weight is 0', () => {
    expect(allocateProportionally(5, [0, 0, 0])).toEqual([2, 2, 1])
    expect(allocateProportionally(-5, [0, 0, 0])).toEqual([-2, -2, -1])
    expect(allocateProportionally(3, [0])).toEqual([3])
  })

  it('matches the Hamilton reference, sums exactly and stays within 1 of the exact share', () => {
    fc.assert(
      fc.property(total, weights, (t, ws) => {
        const shares = allocateProportionally(t, ws)
        expect(shares).toEqual(refHamilton(BigInt(t), ws.map(BigInt)).map(Number))
        expect(shares.reduce((a, b) => a + b, 0)).toBe(t)
        const sum = ws.reduce((a, b) => a + b, 0)
        shares.forEach((share, i) => {
          if (sum === 0) {
            expect(Math.abs(share * ws.length - t)).toBeLessThan(ws.length)
          } else {
            // |share − t × w / Σw| < 1
            expect(abs(BigInt(share) * BigInt(sum) - BigInt(t) * BigInt(ws[i] ?? 0)) < BigInt(sum)).toBe(true)
            if (ws[i] === 0) expect(share).toBe(0)
          }
        })
      }),
      { numRuns: 2000 },
    )
  })

  it('refuses what it cannot split', () => {
    expect(codeOf(() => allocateProportionally(1, []))).toBe('amount_invalid')
    expect(codeOf(() => allocateProportionally(1, [-1, 2]))).toBe('amount_invalid')
    expect(codeOf(() => allocateProportionally(1, [1.5]))).toBe('amount_invalid')
    expect(codeOf(() => allocateProportionally(0.5, [1]))).toBe('amount_invalid')
    expect(codeOf(() => allocateProportionally(MAX_AMOUNT + 1, [1]))).toBe('amount_invalid')
    expect(codeOf(() => allocateProportionally(1, Array(100).fill(MAX_AMOUNT)))).toBe('amount_invalid')
    expect(codeOf(() => allocateProportionally(1, 'abc' as never))).toBe('input_invalid')
  })
})

describe('shareOfUnits', () => {
  it('is round(total × units / quantity), whole at the ends', () => {
    expect(shareOfUnits(1000, 3, 1)).toBe(333)
    expect(shareOfUnits(1000, 3, 2)).toBe(667)
    expect(shareOfUnits(1000, 3, 3)).toBe(1000)
    expect(shareOfUnits(1000, 3, 0)).toBe(0)
    expect(shareOfUnits(5, 2, 1)).toBe(3)
    expect(shareOfUnits(MAX_AMOUNT, 100_000, 99_999)).toBe(99_999_000_000_000)
  })

  it('refunds in parts add up exactly to the whole, each part non-negative', () => {
    const quantityAndParts = fc
      .integer({ min: 1, max: 100_000 })
      .chain((q) => fc.tuple(fc.constant(q), fc.array(fc.integer({ min: 0, max: q }), { maxLength: 6 })))
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT }), quantityAndParts, (t, [q, cuts]) => {
        const points = [0, ...cuts.sort((a, b) => a - b), q]
        let refunded = 0
        for (let k = 1; k < points.length; k++) {
          const part = shareOfUnits(t, q, points[k] ?? 0) - shareOfUnits(t, q, points[k - 1] ?? 0)
          expect(part).toBeGreaterThanOrEqual(0)
          refunded += part
        }
        expect(refunded).toBe(t)
        for (const units of cuts) {
          expect(shareOfUnits(t, q, units)).toBe(Number(refRound(BigInt(t) * BigInt(units), BigInt(q))))
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('refuses bad quantities and units', () => {
    expect(codeOf(() => shareOfUnits(100, 0, 0))).toBe('quantity_invalid')
    expect(codeOf(() => shareOfUnits(100, 100_001, 1))).toBe('quantity_invalid')
    expect(codeOf(() => shareOfUnits(100, 3, 4))).toBe('quantity_invalid')
    expect(codeOf(() => shareOfUnits(100, 3, -1))).toBe('quantity_invalid')
    expect(codeOf(() => shareOfUnits(100.5, 3, 1))).toBe('amount_invalid')
  })
})
