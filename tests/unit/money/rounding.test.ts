import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { divideCeil, divideRoundHalfUp, MAX_AMOUNT, multiplyDivideRoundHalfUp } from '../../../shared/money/index.ts'
import { codeOf, MAX_SAFE, refCeil, refRound } from './helpers.ts'

const safe = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: Number.MAX_SAFE_INTEGER - 1000, max: Number.MAX_SAFE_INTEGER }),
)
const denominator = fc.oneof(
  fc.integer({ min: 1, max: 20 }),
  fc.integer({ min: 1, max: 1_000_000 }),
  fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
)
/** numerator = q × d + r with r near d / 2, so ties and near-ties come up often. */
const nearTie = fc
  .tuple(
    fc.integer({ min: 1, max: 1_000_000 }),
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.integer({ min: -2, max: 2 }),
  )
  .map(([d, q, delta]) => ({ d: 2 * d, n: q * 2 * d + d + delta }))

describe('divideRoundHalfUp', () => {
  it('rounds to nearest, ties away from zero', () => {
    expect(divideRoundHalfUp(5, 2)).toBe(3)
    expect(divideRoundHalfUp(-5, 2)).toBe(-3)
    expect(divideRoundHalfUp(7, 2)).toBe(4)
    expect(divideRoundHalfUp(4, 3)).toBe(1)
    expect(divideRoundHalfUp(5, 3)).toBe(2)
    expect(divideRoundHalfUp(-4, 3)).toBe(-1)
    expect(divideRoundHalfUp(-5, 3)).toBe(-2)
    expect(divideRoundHalfUp(0, 7)).toBe(0)
    expect(divideRoundHalfUp(-1, 3)).toBe(0) // +0, not -0
    expect(divideRoundHalfUp(Number.MAX_SAFE_INTEGER, 1)).toBe(Number.MAX_SAFE_INTEGER)
    expect(divideRoundHalfUp(Number.MAX_SAFE_INTEGER, 2)).toBe(4503599627370496)
  })

  it('equals the exact rational rounded half away from zero', () => {
    fc.assert(
      fc.property(safe, denominator, (n, d) => divideRoundHalfUp(n, d) === Number(refRound(BigInt(n), BigInt(d)))),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(nearTie, ({ n, d }) => divideRoundHalfUp(n, d) === Number(refRound(BigInt(n), BigInt(d)))),
      { numRuns: 1000 },
    )
  })
})

describe('divideCeil', () => {
  it('rounds up', () => {
    expect(divideCeil(5, 2)).toBe(3)
    expect(divideCeil(4, 2)).toBe(2)
    expect(divideCeil(-5, 2)).toBe(-2)
    expect(divideCeil(1, 4100)).toBe(1)
    expect(divideCeil(0, 3)).toBe(0)
  })

  it('equals the exact ceiling', () => {
    fc.assert(
      fc.property(safe, denominator, (n, d) => divideCeil(n, d) === Number(refCeil(BigInt(n), BigInt(d)))),
      { numRuns: 2000 },
    )
  })
})

describe('multiplyDivideRoundHalfUp', () => {
  it('is exact when a × b is beyond 2^53', () => {
    expect(multiplyDivideRoundHalfUp(MAX_AMOUNT, MAX_AMOUNT, MAX_AMOUNT)).toBe(MAX_AMOUNT)
    // the product, 10^20 − 10^6, is far beyond 2^53: floating point would lose its low digits
    expect(multiplyDivideRoundHalfUp(99_999_999_999_999, 1_000_000, 999_999_999)).toBe(
      Number(refRound(99_999_999_999_999n * 1_000_000n, 999_999_999n)),
    )
    expect(multiplyDivideRoundHalfUp(MAX_AMOUNT + 1, 3, 2)).toBe(150_000_000_000_002) // 150_000_000_000_001.5
    expect(multiplyDivideRoundHalfUp(-(MAX_AMOUNT + 1), 3, 2)).toBe(-150_000_000_000_002)
    expect(multiplyDivideRoundHalfUp(-5, 0, 3)).toBe(0)
  })

  it('equals round(a × b / d) computed in BigInt, or refuses a result beyond 2^53', () => {
    fc.assert(
      fc.property(safe, safe, denominator, (a, b, d) => {
        const exact = refRound(BigInt(a) * BigInt(b), BigInt(d))
        if (exact > MAX_SAFE || exact < -MAX_SAFE)
          return codeOf(() => multiplyDivideRoundHalfUp(a, b, d)) === 'amount_invalid'
        return multiplyDivideRoundHalfUp(a, b, d) === Number(exact)
      }),
      { numRuns: 2000 },
    )
  })

  it('stays exact for money-sized operands', () => {
    const money = fc.integer({ min: -MAX_AMOUNT, max: MAX_AMOUNT })
    const small = fc.integer({ min: 0, max: 1_000_000 })
    fc.assert(
      fc.property(money, small, fc.integer({ min: 1, max: 1_000_000 }), (a, b, d) => {
        const exact = refRound(BigInt(a) * BigInt(b), BigInt(d))
        if (exact > MAX_SAFE || exact < -MAX_SAFE) return true
        return multiplyDivideRoundHalfUp(a, b, d) === Number(exact)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('invalid operands', () => {
  it('throw amount_invalid', () => {
    for (const bad of [0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '3' as unknown as number]) {
      expect(codeOf(() => divideRoundHalfUp(bad, 3))).toBe('amount_invalid')
      expect(codeOf(() => divideCeil(3, bad))).toBe('amount_invalid')
      expect(codeOf(() => multiplyDivideRoundHalfUp(bad, 1, 1))).toBe('amount_invalid')
    }
    expect(codeOf(() => divideRoundHalfUp(1, 0))).toBe('amount_invalid')
    expect(codeOf(() => divideCeil(1, -2))).toBe('amount_invalid')
    expect(codeOf(() => multiplyDivideRoundHalfUp(1, 1, 0))).toBe('amount_invalid')
  })
})
