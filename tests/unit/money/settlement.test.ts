import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type ChangePreference,
  type Currency,
  isCashTender,
  MAX_AMOUNT,
  type Settlement,
  type SettlementInput,
  type SmallestNote,
  settle,
  TENDER_KINDS,
  type Tender,
  tenderCurrency,
} from '../../../shared/money/index.ts'
import { codeOf, currency, MAX_SAFE, note, outcome, rate, refCeil, refRound, tender, tenderKind } from './helpers.ts'

const input = (overrides: Partial<SettlementInput>): SettlementInput => ({
  total: 2328,
  currency: 'USD',
  khrPerUsd: 4000,
  tenders: [],
  smallestNote: 100,
  ...overrides,
})

/** The settlement rules in BigInt, straight from the comment at the top of settlement.ts. */
function refSettle(s: SettlementInput): Settlement | { error: string } {
  const rate = BigInt(s.khrPerUsd)
  const sen = (amount: number, c: Currency) => BigInt(amount) * (c === 'USD' ? rate : 100n)
  const due = sen(s.total, s.currency)
  if (due > MAX_SAFE) return { error: 'amount_invalid' }
  let paid = 0n
  for (const t of s.tenders) {
    paid += sen(t.amount, t.kind.endsWith('usd') ? 'USD' : 'KHR')
    if (paid > MAX_SAFE) return { error: 'amount_invalid' }
  }
  const noteValue = BigInt(s.smallestNote)
  const h = noteValue * 50n
  const zero = { usd: 0, khr: 0, khrCash: 0 }
  const base = { dueSen: Number(due), paidSen: Number(paid), changeUsd: 0, changeKhr: 0 }
  if (paid < due) {
    const short = due - paid
    if (short < h) return { ...base, settled: true, remainingSen: 0, stillDue: zero, residualSen: Number(paid - due) }
    const cash = refRound(short, 100n * noteValue) * noteValue
    return {
      ...base,
      settled: false,
      remainingSen: Number(short),
      stillDue: {
        usd: Number(refCeil(short, rate)),
        khr: Number(refCeil(short, 100n)),
        khrCash: Number(cash < noteValue ? noteValue : cash),
      },
      residualSen: 0,
    }
  }
  const over = paid - due
  const changeUsd = (s.changePreference ?? 'usd_then_khr') === 'usd_then_khr' ? (over / (100n * rate)) * 100n : 0n
  const rest = over - changeUsd * rate
  const changeKhr = refRound(rest, 100n * noteValue) * noteValue
  if (changeUsd + changeKhr > 0n && !s.tenders.some((t) => t.kind.startsWith('cash'))) {
    return { error: 'change_without_cash' }
  }
  return {
    ...base,
    settled: true,
    remainingSen: 0,
    stillDue: zero,
    changeUsd: Number(changeUsd),
    changeKhr: Number(changeKhr),
    residualSen: Number(rest - changeKhr * 100n),
  }
}

const preference = fc.constantFrom<ChangePreference | undefined>('usd_then_khr', 'khr_only', undefined)

/** Sales with tenders of every size, and tenders that pay close to the total, to hit the tolerance edges. */
const settlementInput: fc.Arbitrary<SettlementInput> = fc
  .record({
    total: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 100_000_000 })),
    currency,
    khrPerUsd: rate,
    smallestNote: note,
    changePreference: preference,
    tenders: fc.array(fc.oneof(tender(1000), tender(100_000), tender(100_000_000)), { maxLength: 3 }),
    close: fc.option(
      fc.record({
        kind: tenderKind,
        free: fc.option(fc.integer({ min: -1500, max: 1500 })),
        halfNotes: fc.oneof(fc.constantFrom(-1, 1), fc.integer({ min: -4, max: 4 })),
        jitter: fc.oneof(fc.constant(0), fc.integer({ min: -2, max: 2 })),
      }),
    ),
  })
  .map(({ close, changePreference, ...rest }) => {
    const sale: SettlementInput = { ...rest, ...(changePreference ? { changePreference } : {}) }
    if (!close) return sale
    // a last tender that pays what the others leave, off by a few units or by whole half notes
    // give or take a riel: the edges of the tolerance
    const rate = BigInt(sale.khrPerUsd)
    const sen = (amount: number, c: Currency) => BigInt(amount) * (c === 'USD' ? rate : 100n)
    const left = sale.tenders.reduce(
      (acc, t) => acc - sen(t.amount, tenderCurrency(t.kind)),
      sen(sale.total, sale.currency),
    )
    if (left <= 0n) return sale
    const c = tenderCurrency(close.kind)
    const exact = Number(refRound(left, c === 'USD' ? rate : 100n))
    let delta = close.halfNotes + close.jitter
    if (close.free !== null) delta = c === 'USD' ? Math.trunc(close.free / 30) : close.free
    else if (c === 'KHR') delta = (close.halfNotes * sale.smallestNote) / 2 + close.jitter
    return { ...sale, tenders: [...sale.tenders, { kind: close.kind, amount: Math.max(1, exact + delta) }] }
  })

/** Anything from tiny to MAX_AMOUNT; many of these are beyond 2^53 sen and must be refused. */
const hugeInput: fc.Arbitrary<SettlementInput> = fc.record({
  total: fc.oneof(fc.integer({ min: 0, max: MAX_AMOUNT }), fc.integer({ min: 0, max: 90_071_992_547_409 })),
  currency,
  khrPerUsd: rate,
  smallestNote: note,
  tenders: fc.array(fc.oneof(tender(MAX_AMOUNT), tender(2_000_000_000_000)), { maxLength: 3 }),
})

describe('tenders', () => {
  it('know their currency and whether they are cash', () => {
    expect(TENDER_KINDS).toEqual(['cash_usd', 'cash_khr', 'khqr_usd', 'khqr_khr'])
    expect(TENDER_KINDS.map(tenderCurrency)).toEqual(['USD', 'KHR', 'USD', 'KHR'])
    expect(TENDER_KINDS.map(isCashTender)).toEqual([true, true, false, false])
    expect(codeOf(() => tenderCurrency('card' as never))).toBe('tender_invalid')
    expect(codeOf(() => isCashTender('card' as never))).toBe('tender_invalid')
  })
})

describe('settle: examples', () => {
  it('$23.28 paid with $25 at 4,000, 1,000-riel notes, riel only: 7,000 riel change', () => {
    const result = settle(
      input({ tenders: [{ kind: 'cash_usd', amount: 2500 }], smallestNote: 1000, changePreference: 'khr_only' }),
    )
    expect(result).toEqual({
      dueSen: 9_312_000,
      paidSen: 10_000_000,
      settled: true,
      remainingSen: 0,
      stillDue: { usd: 0, khr: 0, khrCash: 0 },
      changeUsd: 0,
      changeKhr: 7000,
      residualSen: -12_000, // the shop gives up 120 riel
    })
  })

  it('the same with dollars first and 100-riel notes: $1 + 2,900 riel', () => {
    const result = settle(input({ tenders: [{ kind: 'cash_usd', amount: 2500 }] }))
    expect(result).toMatchObject({ settled: true, changeUsd: 100, changeKhr: 2900, residualSen: -2000 })
  })

  it('riel and dollars together, then what is still due', () => {
    const sale = input({ total: 1575, khrPerUsd: 4100 })
    const first = settle({
      ...sale,
      tenders: [
        { kind: 'cash_khr', amount: 29_000 },
        { kind: 'cash_usd', amount: 850 },
      ],
    })
    expect(first).toMatchObject({ settled: false, remainingSen: 72_500, stillDue: { usd: 18, khr: 725, khrCash: 700 } })
    const second = settle({
      ...sale,
      tenders: [
        { kind: 'cash_khr', amount: 29_000 },
        { kind: 'cash_usd', amount: 850 },
        { kind: 'cash_khr', amount: 700 },
      ],
    })
    expect(second).toMatchObject({ settled: true, changeUsd: 0, changeKhr: 0, residualSen: -2500 })
  })

  it('short by exactly half a note is not settled; by less, the shop absorbs it', () => {
    const khr = input({ total: 10_050, currency: 'KHR' })
    expect(settle({ ...khr, tenders: [{ kind: 'cash_khr', amount: 10_000 }] })).toMatchObject({
      settled: false,
      remainingSen: 5000,
      stillDue: { usd: 2, khr: 50, khrCash: 100 },
    })
    expect(settle({ ...khr, tenders: [{ kind: 'cash_khr', amount: 10_001 }] })).toMatchObject({
      settled: true,
      residualSen: -4900,
    })
  })

  it('nothing to pay, or less than half a note, is settled at once', () => {
    expect(settle(input({ total: 0 }))).toMatchObject({ settled: true, dueSen: 0, paidSen: 0, residualSen: 0 })
    expect(settle(input({ total: 1, khrPerUsd: 4150 }))).toMatchObject({ settled: true, residualSen: -4150 })
  })

  it('KHQR cannot give change', () => {
    expect(codeOf(() => settle(input({ total: 1000, tenders: [{ kind: 'khqr_usd', amount: 1100 }] })))).toBe(
      'change_without_cash',
    )
    // with some cash in the mix, change is fine
    expect(
      settle(
        input({
          total: 1000,
          tenders: [
            { kind: 'khqr_usd', amount: 1000 },
            { kind: 'cash_khr', amount: 4000 },
          ],
        }),
      ),
    ).toMatchObject({ settled: true, changeUsd: 100, changeKhr: 0 })
  })

  it('a KHQR riel payment for a USD sale keeps the part of a riel it cannot split', () => {
    // two cents at 4,125 riel per dollar are 82.5 riel: KHQR asks for 83 riel
    const sale = input({ total: 2, khrPerUsd: 4125 })
    expect(settle(sale).stillDue.khr).toBe(83)
    expect(settle({ ...sale, tenders: [{ kind: 'khqr_khr', amount: 83 }] })).toMatchObject({
      settled: true,
      changeKhr: 0,
      residualSen: 50,
    })
  })

  it('stays exact near 2^53 sen and refuses beyond', () => {
    const result = settle({
      total: 90_000_000_000_000,
      currency: 'KHR',
      khrPerUsd: 4100,
      smallestNote: 100,
      changePreference: 'khr_only',
      tenders: [{ kind: 'cash_khr', amount: 90_000_000_000_990 }],
    })
    expect(result).toMatchObject({ dueSen: 9_000_000_000_000_000, changeKhr: 1000, residualSen: -1000 })
    expect(codeOf(() => settle(input({ total: MAX_AMOUNT, currency: 'KHR' })))).toBe('amount_invalid')
    expect(
      codeOf(() =>
        settle(
          input({
            total: 1,
            tenders: [
              { kind: 'cash_khr', amount: 50_000_000_000_000 },
              { kind: 'cash_khr', amount: 50_000_000_000_000 },
            ],
          }),
        ),
      ),
    ).toBe('amount_invalid')
  })

  it('refuses invalid input with a specific code', () => {
    const cases: [Partial<SettlementInput>, string][] = [
      [{ smallestNote: 200 as SmallestNote }, 'note_invalid'],
      [{ smallestNote: '100' as never }, 'note_invalid'],
      [{ tenders: [{ kind: 'card', amount: 100 } as never] }, 'tender_invalid'],
      [{ tenders: [{ kind: 'cash_usd', amount: 0 }] }, 'amount_invalid'],
      [{ tenders: [{ kind: 'cash_usd', amount: 1.5 }] }, 'amount_invalid'],
      [{ tenders: [{ kind: 'cash_usd', amount: MAX_AMOUNT + 1 }] }, 'amount_invalid'],
      [{ tenders: [null as never] }, 'input_invalid'],
      [{ tenders: 'cash' as never }, 'input_invalid'],
      [{ changePreference: 'usd_only' as never }, 'input_invalid'],
      [{ total: -1 }, 'amount_invalid'],
      [{ currency: 'THB' as never }, 'currency_invalid'],
      [{ khrPerUsd: 4100.5 }, 'rate_invalid'],
    ]
    for (const [overrides, code] of cases)
      expect(
        codeOf(() => settle(input(overrides))),
        code,
      ).toBe(code)
  })
})

describe('settle: properties', () => {
  it('equals the BigInt reference of the rules, including what it refuses', () => {
    fc.assert(
      fc.property(settlementInput, (s) => {
        expect(outcome(() => settle(s))).toEqual(refSettle(s))
      }),
      { numRuns: 2000 },
    )
    fc.assert(
      fc.property(hugeInput, (s) => {
        expect(outcome(() => settle(s))).toEqual(refSettle(s))
      }),
      { numRuns: 1000 },
    )
  })

  it('paid = due + change + residual exactly, |residual| ≤ half a note, change in whole dollars and notes', () => {
    fc.assert(
      fc.property(fc.oneof(settlementInput, hugeInput), (s) => {
        const result = outcome(() => settle(s))
        if ('error' in result) return
        const { dueSen, paidSen, remainingSen, changeUsd, changeKhr, residualSen } = result
        // remainingSen is 0 once settled; before, there is no change and no residual
        expect(paidSen + remainingSen).toBe(dueSen + changeUsd * s.khrPerUsd + changeKhr * 100 + residualSen)
        if (result.settled) expect(paidSen).toBe(dueSen + changeUsd * s.khrPerUsd + changeKhr * 100 + residualSen)
        expect(Math.abs(residualSen)).toBeLessThanOrEqual(s.smallestNote * 50)
        expect(changeUsd % 100).toBe(0)
        expect(changeKhr % s.smallestNote).toBe(0)
        expect(changeUsd).toBeGreaterThanOrEqual(0)
        expect(changeKhr).toBeGreaterThanOrEqual(0)
        if (s.changePreference === 'khr_only') expect(changeUsd).toBe(0)
        // dollars first: what is left for riel is less than a dollar
        else expect(changeKhr * 100 + residualSen).toBeLessThan(100 * s.khrPerUsd)
      }),
      { numRuns: 2000 },
    )
  })

  it('settled and not settled agree with remainingSen and stillDue', () => {
    fc.assert(
      fc.property(settlementInput, (s) => {
        const result = outcome(() => settle(s))
        if ('error' in result) return
        const h = s.smallestNote * 50
        const { settled, remainingSen, stillDue, dueSen, paidSen } = result
        expect(settled).toBe(dueSen - paidSen < h)
        if (settled) {
          expect(remainingSen).toBe(0)
          expect(stillDue).toEqual({ usd: 0, khr: 0, khrCash: 0 })
          return
        }
        expect(remainingSen).toBe(dueSen - paidSen)
        expect(result).toMatchObject({ changeUsd: 0, changeKhr: 0, residualSen: 0 })
        // USD and KHQR riel cover the remainder, by less than one unit
        expect(stillDue.usd * s.khrPerUsd).toBeGreaterThanOrEqual(remainingSen)
        expect((stillDue.usd - 1) * s.khrPerUsd).toBeLessThan(remainingSen)
        expect(stillDue.khr * 100).toBeGreaterThanOrEqual(remainingSen)
        expect((stillDue.khr - 1) * 100).toBeLessThan(remainingSen)
        // cash riel is the nearest whole number of notes, at least one
        expect(stillDue.khrCash % s.smallestNote).toBe(0)
        expect(stillDue.khrCash).toBeGreaterThanOrEqual(s.smallestNote)
        expect(Math.abs(stillDue.khrCash * 100 - remainingSen)).toBeLessThanOrEqual(h)
      }),
      { numRuns: 2000 },
    )
  })

  it('paying stillDue in USD cash, riel cash or KHQR riel always settles', () => {
    fc.assert(
      fc.property(settlementInput, (s) => {
        const result = outcome(() => settle(s))
        if ('error' in result || result.settled) return
        const pay = (extra: Tender) => settle({ ...s, tenders: [...s.tenders, extra] })
        expect(pay({ kind: 'cash_usd', amount: result.stillDue.usd }).settled).toBe(true)
        expect(pay({ kind: 'cash_khr', amount: result.stillDue.khrCash }).settled).toBe(true)
        const byKhqr = pay({ kind: 'khqr_khr', amount: result.stillDue.khr })
        expect(byKhqr.settled).toBe(true)
        expect(byKhqr.residualSen).toBeGreaterThanOrEqual(0) // never more than a riel's fraction, kept by the shop
        expect(byKhqr.residualSen).toBeLessThan(100)
      }),
      { numRuns: 2000 },
    )
  })

  it('without cash there is either no change or change_without_cash', () => {
    const khqrOnly = settlementInput.map((s) => ({
      ...s,
      tenders: s.tenders.map((t) => ({
        ...t,
        kind: t.kind === 'cash_usd' ? ('khqr_usd' as const) : t.kind === 'cash_khr' ? ('khqr_khr' as const) : t.kind,
      })),
    }))
    fc.assert(
      fc.property(khqrOnly, (s) => {
        const result = outcome(() => settle(s))
        if ('error' in result) expect(result.error).toBe('change_without_cash')
        else expect(result.changeUsd + result.changeKhr).toBe(0)
      }),
      { numRuns: 1000 },
    )
  })
})
