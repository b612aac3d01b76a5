/**
 * Test helpers: reference arithmetic in BigInt, written independently of shared/money (different
 * formulas, no shared code), and the fast-check arbitraries the property tests share.
 */
import fc from 'fast-check'
import { expect } from 'vitest'
import {
  type Currency,
  type Discount,
  type LineInput,
  MAX_AMOUNT,
  MoneyError,
  type SaleTotalsInput,
  type SmallestNote,
  type Tender,
  type TenderKind,
} from '../../../shared/money/index.ts'

export const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
export const BIG_MAX_AMOUNT = BigInt(MAX_AMOUNT)

/** n / d rounded to nearest, ties away from zero: sign × floor((2|n| + d) / 2d). */
export function refRound(n: bigint, d: bigint): bigint {
  const sign = n < 0n ? -1n : 1n
  return sign * ((2n * n * sign + d) / (2n * d))
}

/** ceil(n / d) for d > 0. */
export function refCeil(n: bigint, d: bigint): bigint {
  const q = n / d
  return q * d < n ? q + 1n : q
}

export const abs = (x: bigint): bigint => (x < 0n ? -x : x)

/** Largest remainder by sorting every index by its exact fractional part, biggest first, then by index. */
export function refHamilton(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) return refHamilton(-total, weights).map((x) => -x)
  const used = weights.every((w) => w === 0n) ? weights.map(() => 1n) : weights
  const sum = used.reduce((a, b) => a + b, 0n)
  const shares = used.map((w) => (total * w) / sum)
  const ranked = used
    .map((w, index) => ({ index, fraction: (total * w) % sum }))
    .sort((a, b) => (a.fraction === b.fraction ? a.index - b.index : a.fraction > b.fraction ? -1 : 1))
  let left = total - shares.reduce((a, b) => a + b, 0n)
  for (const { index } of ranked) {
    if (left === 0n) break
    shares[index] = (shares[index] ?? 0n) + 1n
    left -= 1n
  }
  return shares
}

/** The code of the MoneyError `run` throws; fails the test if it throws anything else or nothing. */
export function codeOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(MoneyError)
    return (error as MoneyError).code
  }
  throw new Error('expected a MoneyError, but nothing was thrown')
}

/** Runs `run`; returns its result or the MoneyError code. Anything but a MoneyError propagates. */
export function outcome<T>(run: () => T): T | { error: string } {
  try {
    return run()
  } catch (error) {
    if (error instanceof MoneyError) return { error: error.code }
    throw error
  }
}

// ---- arbitraries ----

export const currency = fc.constantFrom<Currency>('USD', 'KHR')
/** Mostly street and NBC rates, sometimes anything in range. */
export const rate = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 3900, max: 4200 }) },
  { weight: 1, arbitrary: fc.constantFrom(1, 2, 99, 100, 101, 4000, 4100, 999_999, 1_000_000) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) },
)
/** Amounts anywhere in ±MAX_AMOUNT, with the small and the extreme well represented. */
export const amount = fc.oneof(
  fc.integer({ min: -10_000, max: 10_000 }),
  fc.integer({ min: -MAX_AMOUNT, max: MAX_AMOUNT }),
  fc.integer({ min: MAX_AMOUNT - 1000, max: MAX_AMOUNT }),
  fc.integer({ min: -MAX_AMOUNT, max: -MAX_AMOUNT + 1000 }),
)
export const note = fc.constantFrom<SmallestNote>(100, 500, 1000)
export const vatRate = fc.oneof(fc.constantFrom(0, 1000, 1000, 500, 10_000), fc.integer({ min: 0, max: 10_000 }))

const discount = (maxAmount: number): fc.Arbitrary<Discount | null | undefined> =>
  fc.oneof(
    fc.constantFrom(null, undefined),
    fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 10_000 }) }),
    fc.record({
      kind: fc.constant('amount' as const),
      amount: fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 2000 }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: maxAmount }) },
      ),
    }),
  )

/** Sale lines; `big` allows amounts near MAX_AMOUNT (so some sales are refused as too large). */
export function saleInput(big = false): fc.Arbitrary<SaleTotalsInput> {
  const quarter = MAX_AMOUNT / 4
  const price = big
    ? fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 0, max: quarter }) },
        { weight: 2, arbitrary: fc.integer({ min: quarter - 1000, max: quarter }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: MAX_AMOUNT }) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: MAX_AMOUNT / 100_000 }) },
      )
    : fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 10_000_000 }))
  const quantity = big
    ? fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 100_000 }) })
    : fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 100_000 }))
  const line: fc.Arbitrary<LineInput> = fc.record(
    {
      quantity,
      unitPrice: price,
      vatRateBasisPoints: vatRate,
      // Mostly none; the public lighting tax of a reseller (5 % of a 20 % base), or any rate.
      pltRateBasisPoints: fc.oneof(
        { weight: 3, arbitrary: fc.constant(0) },
        { weight: 2, arbitrary: fc.constant(100) },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: 10_000 }) },
      ),
      discount: discount(big ? MAX_AMOUNT : 50_000_000),
    },
    { requiredKeys: ['quantity', 'unitPrice', 'vatRateBasisPoints'] },
  )
  return fc.record(
    {
      lines: fc.array(line, { maxLength: big ? 4 : 8 }),
      saleDiscount: discount(big ? MAX_AMOUNT : 500_000_000),
      taxInclusive: fc.boolean(),
      currency,
      khrPerUsd: rate,
    },
    { requiredKeys: ['lines', 'taxInclusive', 'currency', 'khrPerUsd'] },
  )
}

export const tenderKind = fc.constantFrom<TenderKind>('cash_usd', 'cash_khr', 'khqr_usd', 'khqr_khr')
export const tender = (maxAmount: number): fc.Arbitrary<Tender> =>
  fc.record({ kind: tenderKind, amount: fc.integer({ min: 1, max: maxAmount }) })

// ---- reference sale totals, rule by rule (see the comment at the top of shared/money/totals.ts) ----

export interface RefTotals {
  lines: {
    gross: number
    lineDiscount: number
    saleDiscountShare: number
    amount: number
    vat: number
    plt: number
  }[]
  grossTotal: number
  discountTotal: number
  subtotal: number
  vatTotal: number
  pltTotal: number
  total: number
  vatGroups: { rateBasisPoints: number; pltRateBasisPoints: number; base: number; vat: number; plt: number }[]
  totalKhr: number
  vatKhr: number
  pltKhr: number
}

function refDiscount(d: Discount | null | undefined, base: bigint): bigint | 'discount_too_large' {
  if (!d) return 0n
  if (d.kind === 'percent') return refRound(base * BigInt(d.basisPoints), 10_000n)
  return BigInt(d.amount) > base ? 'discount_too_large' : BigInt(d.amount)
}

const sum = (xs: readonly bigint[]): bigint => xs.reduce((a, b) => a + b, 0n)

/** The rounding rule in BigInt; returns the error code where the rule refuses the sale. */
export function refTotals(input: SaleTotalsInput): RefTotals | { error: string } {
  const gross: bigint[] = []
  const lineDiscount: bigint[] = []
  for (const line of input.lines) {
    const g = BigInt(line.quantity) * BigInt(line.unitPrice)
    if (g > BIG_MAX_AMOUNT) return { error: 'amount_invalid' }
    const d = refDiscount(line.discount, g)
    if (d === 'discount_too_large') return { error: d }
    gross.push(g)
    lineDiscount.push(d)
  }
  const grossTotal = sum(gross)
  if (grossTotal > BIG_MAX_AMOUNT) return { error: 'amount_invalid' }
  const nets = gross.map((g, i) => g - (lineDiscount[i] ?? 0n))
  const saleDiscount = refDiscount(input.saleDiscount, sum(nets))
  if (saleDiscount === 'discount_too_large') return { error: saleDiscount }
  const shares = refHamilton(saleDiscount, nets)
  const amounts = nets.map((n, i) => n - (shares[i] ?? 0n))
  const vats = amounts.map(() => 0n)
  const plts = amounts.map(() => 0n)
  const pltOf = (line: (typeof input.lines)[number]) => line.pltRateBasisPoints ?? 0
  const pairs = [...new Set(input.lines.map((line) => `${line.vatRateBasisPoints}/${pltOf(line)}`))]
    .map((pair) => pair.split('/').map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const vatGroups = pairs.map(([rate, pltRate]) => {
    const members = input.lines.flatMap((line, i) =>
      line.vatRateBasisPoints === rate && pltOf(line) === pltRate ? [i] : [],
    )
    const memberAmounts = members.map((i) => amounts[i] ?? 0n)
    const base = sum(memberAmounts)
    const v = BigInt(rate)
    const p = BigInt(pltRate)
    // PLT first and VAT on top of it; inclusive prices hold both.
    const vat = input.taxInclusive
      ? refRound(base * v, 10_000n + v)
      : refRound((base + refRound(base * p, 10_000n)) * v, 10_000n)
    const plt = input.taxInclusive ? refRound((base - vat) * p, 10_000n + p) : refRound(base * p, 10_000n)
    refHamilton(vat, memberAmounts).forEach((share, k) => {
      vats[members[k] ?? 0] = share
    })
    refHamilton(plt, memberAmounts).forEach((share, k) => {
      plts[members[k] ?? 0] = share
    })
    return { rateBasisPoints: rate, pltRateBasisPoints: pltRate, base: Number(base), vat, plt }
  })
  const subtotal = sum(amounts)
  const vatTotal = sum(vatGroups.map((group) => group.vat))
  const pltTotal = sum(vatGroups.map((group) => group.plt))
  const total = input.taxInclusive ? subtotal : subtotal + pltTotal + vatTotal
  if (total > BIG_MAX_AMOUNT) return { error: 'amount_invalid' }
  const toKhr = (x: bigint) => (input.currency === 'KHR' ? x : refRound(x * BigInt(input.khrPerUsd), 100n))
  const totalKhr = toKhr(total)
  if (totalKhr > MAX_SAFE) return { error: 'amount_invalid' }
  return {
    lines: gross.map((g, i) => ({
      gross: Number(g),
      lineDiscount: Number(lineDiscount[i]),
      saleDiscountShare: Number(shares[i]),
      amount: Number(amounts[i]),
      vat: Number(vats[i]),
      plt: Number(plts[i]),
    })),
    grossTotal: Number(grossTotal),
    discountTotal: Number(sum(lineDiscount) + saleDiscount),
    subtotal: Number(subtotal),
    vatTotal: Number(vatTotal),
    pltTotal: Number(pltTotal),
    total: Number(total),
    vatGroups: vatGroups.map((group) => ({ ...group, vat: Number(group.vat), plt: Number(group.plt) })),
    totalKhr: Number(totalKhr),
    vatKhr: Number(toKhr(vatTotal)),
    pltKhr: Number(toKhr(pltTotal)),
  }
}
