import { describe, expect, test } from 'vitest'
import { fullJitterDelay, parseRetryAfter, retryDelay } from '../../../electron/core/sync/backoff.ts'
import { BatchSizer, takeWithinLimits } from '../../../electron/core/sync/batch-size.ts'
import { seededRandom } from '../../support/seeded-random.ts'

describe('backoff with full jitter', () => {
  test('the ceiling doubles from 1 s and stops at 60 s', () => {
    const top = () => 0.999_999
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map((failures) => fullJitterDelay(failures, top))).toEqual([
      999, 1999, 3999, 7999, 15_999, 31_999, 59_999, 59_999, 59_999,
    ])
    expect(fullJitterDelay(3, () => 0)).toBe(0)
  })

  test('delays are spread over the whole range, not clustered at the ceiling', () => {
    const random = seededRandom(7)
    const delays = Array.from({ length: 2000 }, () => fullJitterDelay(10, random))
    expect(Math.min(...delays)).toBeLessThan(3000)
    expect(Math.max(...delays)).toBeGreaterThan(57_000)
    const mean = delays.reduce((sum, delay) => sum + delay, 0) / delays.length
    expect(mean).toBeGreaterThan(27_000)
    expect(mean).toBeLessThan(33_000)
  })

  test('Retry-After is honoured in seconds or as a date, and never shortened by the jitter', () => {
    const now = Date.UTC(2026, 10, 24, 12, 0, 0)
    expect(parseRetryAfter('7', now)).toBe(7000)
    expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).toBe(90_000)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(undefined, now)).toBeNull()
    expect(retryDelay(0, () => 0.5, 7000)).toBe(7000)
    expect(retryDelay(6, () => 0.5, 7000)).toBe(30_000)
  })
})

describe('batch sizing', () => {
  test('halves down to one and grows back by a quarter per success up to 200', () => {
    const sizer = new BatchSizer()
    expect(sizer.limit).toBe(200)
    sizer.halve()
    expect(sizer.limit).toBe(100)
    sizer.halve(30)
    expect(sizer.limit).toBe(15)
    for (let n = 0; n < 10; n++) sizer.halve()
    expect(sizer.limit).toBe(1)
    const seen = [sizer.limit]
    for (let n = 0; n < 30; n++) {
      sizer.succeeded()
      seen.push(sizer.limit)
    }
    expect(seen.slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(seen.at(-1)).toBe(200)
    expect(Math.max(...seen)).toBe(200)
  })

  test('a batch stops at the event limit or the byte limit, and always carries at least one event', () => {
    expect(takeWithinLimits([10, 10, 10], 2, 1000)).toBe(2)
    expect(takeWithinLimits([400, 400, 400], 10, 1000)).toBe(2)
    expect(takeWithinLimits([5000, 1], 10, 1000)).toBe(1)
    expect(takeWithinLimits([], 10, 1000)).toBe(0)
  })
})
