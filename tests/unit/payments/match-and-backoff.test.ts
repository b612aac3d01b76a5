import { describe, expect, test } from 'vitest'
import { backoffDelay, KHQR_POLL_BACKOFF } from '../../../electron/core/payments/backoff.ts'
import type { BakongTransaction } from '../../../shared/bakong/checker.ts'
import { matchPayment } from '../../../shared/bakong/match.ts'
import { seededRandom } from '../../support/seeded-random.ts'

const request = {
  md5: 'a'.repeat(32),
  amount: 450,
  currency: 'USD' as const,
  toAccountId: 'shop@aclb',
  createdAt: 1_000_000,
  expiresAt: 1_300_000,
}
const paid: BakongTransaction = {
  hash: 'c'.repeat(64),
  fromAccountId: 'payer@aba',
  toAccountId: 'shop@aclb',
  currency: 'USD',
  amount: 450,
  createdAtMs: 1_100_000,
  acknowledgedAtMs: 1_100_500,
  description: null,
  externalRef: null,
}

describe('matchPayment: amount, currency, account and time window must all match (security.md T5)', () => {
  const grace = { graceMs: 5_000 }
  test('a matching payment', () => {
    expect(matchPayment(request, paid, grace)).toEqual({ ok: true })
    expect(matchPayment(request, { ...paid, createdAtMs: request.expiresAt + 5_000 }, grace)).toEqual({ ok: true })
    expect(matchPayment(request, { ...paid, createdAtMs: request.createdAt - 5_000 }, grace)).toEqual({ ok: true })
  })

  test('each mismatch has its reason', () => {
    expect(matchPayment(request, { ...paid, amount: 449 }, grace)).toEqual({ ok: false, reason: 'amount' })
    expect(matchPayment(request, { ...paid, amount: 0 }, grace)).toEqual({ ok: false, reason: 'amount' })
    expect(matchPayment(request, { ...paid, currency: 'KHR', amount: 1_845 }, grace)).toEqual({
      ok: false,
      reason: 'currency',
    })
    expect(matchPayment(request, { ...paid, toAccountId: 'thief@aba' }, grace)).toEqual({
      ok: false,
      reason: 'account',
    })
    expect(matchPayment(request, { ...paid, toAccountId: 'SHOP@aclb' }, grace)).toEqual({
      ok: false,
      reason: 'account',
    })
    expect(matchPayment(request, { ...paid, createdAtMs: request.createdAt - 5_001 }, grace)).toEqual({
      ok: false,
      reason: 'too_early',
    })
    expect(matchPayment(request, { ...paid, createdAtMs: request.expiresAt + 5_001 }, grace)).toEqual({
      ok: false,
      reason: 'too_late',
    })
  })
})

describe('polling backoff: from 2 s, doubling, full jitter, capped at 10 s, Retry-After honoured', () => {
  test('every delay lies under its ceiling and above the floor; the ceilings grow 2, 4, 8, 10, 10 s', () => {
    const random = seededRandom(42)
    const ceilings = [2_000, 4_000, 8_000, 10_000, 10_000, 10_000]
    for (let round = 0; round < 200; round++) {
      ceilings.forEach((ceiling, attempt) => {
        const delay = backoffDelay(attempt, random)
        expect(delay).toBeGreaterThanOrEqual(KHQR_POLL_BACKOFF.floorMs)
        expect(delay).toBeLessThanOrEqual(ceiling)
      })
    }
  })

  test('the jitter spreads delays over the whole range (full jitter, not a fixed step)', () => {
    const random = seededRandom(7)
    const delays = Array.from({ length: 500 }, () => backoffDelay(5, random))
    expect(Math.min(...delays)).toBeLessThan(2_000)
    expect(Math.max(...delays)).toBeGreaterThan(9_000)
  })

  test('the extremes of the random draw', () => {
    expect(backoffDelay(0, () => 0)).toBe(KHQR_POLL_BACKOFF.floorMs)
    expect(backoffDelay(1, () => 0.999_999)).toBe(3_999)
    expect(backoffDelay(40, () => 0.5)).toBe(5_000)
  })

  test('a Retry-After longer than the cap is a minimum', () => {
    expect(backoffDelay(0, () => 0.5, KHQR_POLL_BACKOFF, 30_000)).toBe(30_000)
    expect(backoffDelay(3, () => 0.9, KHQR_POLL_BACKOFF, 1_000)).toBe(9_000)
  })
})
