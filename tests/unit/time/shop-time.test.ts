import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { shopClock, shopDate, shopDateTime, shopDay, shopDayRange } from '../../../shared/shop-time.ts'

const PP = 'Asia/Phnom_Penh'

describe('times in the shop’s own time zone', () => {
  it('writes an instant as the shop reads it, whatever zone the machine is in', () => {
    const at = Date.UTC(2026, 11, 6, 17, 30, 5) // 00:30:05 on 7 December in Phnom Penh
    expect(shopClock(at, PP)).toBe('00:30')
    expect(shopDate(at, PP)).toBe('07/12/2026')
    expect(shopDateTime(at, PP)).toBe('07/12/2026 00:30')
    expect(shopDateTime(at, PP, true)).toBe('07/12/2026 00:30:05')
    expect(shopDay(at, PP)).toBe('2026-12-07')
    expect(shopDay(at, 'UTC')).toBe('2026-12-06')
  })

  it('a shop day runs from its own midnight to the next (UTC+7: 17:00 UTC the day before)', () => {
    expect(shopDayRange('2026-12-07', PP)).toEqual({
      from: Date.UTC(2026, 11, 6, 17),
      to: Date.UTC(2026, 11, 7, 17),
    })
    expect(shopDayRange('2026-02-30', PP)).toBeNull()
    expect(shopDayRange('yesterday', PP)).toBeNull()
  })

  it('every instant falls in the range of its own shop day, in zones with and without summer time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(PP, 'UTC', 'Europe/Paris', 'America/New_York'),
        (at, zone) => {
          const range = shopDayRange(shopDay(at, zone), zone)
          expect(range).not.toBeNull()
          if (!range) return
          expect(at).toBeGreaterThanOrEqual(range.from)
          expect(at).toBeLessThan(range.to)
        },
      ),
      { numRuns: 500 },
    )
  })
})
