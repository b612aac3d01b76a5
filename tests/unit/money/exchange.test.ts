import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CURRENCIES,
  checkRate,
  convert,
  isCurrency,
  khrToUsd,
  MAX_AMOUNT,
  SEN_PER_RIEL,
  toSen,
  usdToKhr,
} from '../../../shared/money/index.ts'
import { abs, amount, codeOf, MAX_SAFE, outcome, rate, refRound } from './helpers.ts'

describe('currencies and rates', () => {
  it('knows USD and KHR only', () => {
    expect(CURRENCIES).toEqual(['USD', 'KHR'])
    expect(isCurrency('USD')).toBe(true)
    expect(isCurrency('KHR')).toBe(true)
    for (const other of ['usd', 'EUR', '', null, undefined, 840, {}]) expect(isCurrency(other)).toBe(false)
  })

  it('checkRate takes whole riel per dollar, 1..1,000,000', () => {
    expect(checkRate(4100)).toBe(4100)
    expect(checkRate(1)).toBe(1)
    expect(checkRate(1_000_000)).toBe(1_000_000)
    for (const bad of [0, -4100, 4100.5, 1_000_001, Number.NaN, '4100', null, undefined]) {
      expect(codeOf(() => checkRate(bad))).toBe('rate_invalid')
    }
    expect(() => checkRate(4100.5)).toThrow('(got 4100.5)')
  })
})

describe('toSen', () => {
  it('counts 100 sen per riel and khrPerUsd sen per cent', () => {
    expect(SEN_PER_RIEL).toBe(100)
    expect(toSen(1, 'KHR', 4100)).toBe(100)
    expect(toSen(1, 'USD', 4100)).toBe(4100)
    expect(toSen(2328, 'USD', 4000)).toBe(9_312_000)
    expect(toSen(0, 'USD', 4000)).toBe(0)
  })

  it('is exact up to 2^53 and refuses what is beyond', () => {
    fc.assert(
      fc.property(amount, fc.constantFrom('USD' as const, 'KHR' as const), rate, (value, currency, khrPerUsd) => {
        const exact = BigInt(value) * BigInt(currency === 'KHR' ? 100 : khrPerUsd)
        if (abs(exact) > MAX_SAFE) return codeOf(() => toSen(value, currency, khrPerUsd)) === 'amount_invalid'
        return toSen(value, currency, khrPerUsd) === Number(exact)
      }),
      { numRuns: 2000 },
    )
    expect(toSen(90_071_992_547_409, 'KHR', 4100)).toBe(9_007_199_254_740_900)
    expect(codeOf(() => toSen(90_071_992_547_410, 'KHR', 4100))).toBe('amount_invalid')
  })
})

describe('usdToKhr and khrToUsd', () => {
  it('round half up to 1 riel or 1 cent', () => {
    expect(usdToKhr(2328, 4000)).toBe(93_120)
    expect(usdToKhr(1, 4150)).toBe(42) // 41.5 riel
    expect(usdToKhr(1, 4149)).toBe(41) // 41.49
    expect(usdToKhr(-1, 4150)).toBe(-42)
    expect(khrToUsd(4100, 4100)).toBe(100)
    expect(khrToUsd(2050, 4100)).toBe(50)
    expect(khrToUsd(20, 4000)).toBe(1) // 0.5 cent
    expect(khrToUsd(19, 4000)).toBe(0)
    expect(khrToUsd(-20, 4000)).toBe(-1)
    expect(usdToKhr(MAX_AMOUNT, 4100)).toBe(4_100_000_000_000_000)
  })

  it('equal the exact rational rounded half up (BigInt reference), or refuse an unsafe result', () => {
    fc.assert(
      fc.property(amount, rate, (value, khrPerUsd) => {
        const riel = refRound(BigInt(value) * BigInt(khrPerUsd), 100n)
        const cents = refRound(BigInt(value) * 100n, BigInt(khrPerUsd))
        const toKhr = outcome(() => usdToKhr(value, khrPerUsd))
        const toUsd = outcome(() => khrToUsd(value, khrPerUsd))
        expect(toKhr).toEqual(abs(riel) > MAX_SAFE ? { error: 'amount_invalid' } : Number(riel))
        expect(toUsd).toEqual(abs(cents) > MAX_SAFE ? { error: 'amount_invalid' } : Number(cents))
      }),
      { numRuns: 2000 },
    )
  })

  it('round trip USD → KHR → USD is exact from 100 riel per dollar up, and within bounds below', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), rate, (cents, khrPerUsd) => {
        const back = khrToUsd(usdToKhr(cents, khrPerUsd), khrPerUsd)
        // error ≤ 0.5 riel = 50 / rate cents, then ≤ 0.5 cent more
        if (khrPerUsd >= 100) return back === cents
        return 2 * khrPerUsd * Math.abs(back - cents) <= khrPerUsd + 100
      }),
      { numRuns: 2000 },
    )
  })

  it('round trip KHR → USD → KHR is within half a cent plus half a riel', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), rate, (riel, khrPerUsd) => {
        const back = usdToKhr(khrToUsd(riel, khrPerUsd), khrPerUsd)
        return 200 * Math.abs(back - riel) <= khrPerUsd + 100
      }),
      { numRuns: 2000 },
    )
  })
})

describe('convert', () => {
  it('is the identity within a currency and a conversion across', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_AMOUNT, max: MAX_AMOUNT }), rate, (value, khrPerUsd) => {
        expect(convert(value, 'USD', 'USD', khrPerUsd)).toBe(value)
        expect(convert(value, 'KHR', 'KHR', khrPerUsd)).toBe(value)
        expect(outcome(() => convert(value, 'USD', 'KHR', khrPerUsd))).toEqual(
          outcome(() => usdToKhr(value, khrPerUsd)),
        )
        expect(outcome(() => convert(value, 'KHR', 'USD', khrPerUsd))).toEqual(
          outcome(() => khrToUsd(value, khrPerUsd)),
        )
      }),
      { numRuns: 1000 },
    )
  })

  it('refuses bad amounts, currencies and rates', () => {
    expect(codeOf(() => convert(1.5, 'USD', 'USD', 4100))).toBe('amount_invalid')
    expect(codeOf(() => convert(MAX_AMOUNT + 1, 'USD', 'KHR', 4100))).toBe('amount_invalid')
    expect(codeOf(() => convert(1, 'EUR' as never, 'USD', 4100))).toBe('currency_invalid')
    expect(codeOf(() => convert(1, 'USD', 'usd' as never, 4100))).toBe('currency_invalid')
    expect(codeOf(() => convert(1, 'USD', 'USD', 0))).toBe('rate_invalid')
    expect(codeOf(() => toSen(1, 'KHR', 0))).toBe('rate_invalid')
    expect(codeOf(() => usdToKhr(MAX_AMOUNT, 1_000_000))).toBe('amount_invalid') // 10^18 riel
  })
})
