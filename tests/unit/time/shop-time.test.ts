import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  dayAsDate,
  paperTime,
  parseDayInput,
  shopClock,
  shopDate,
  shopDateTime,
  shopDay,
  shopDayRange,
} from '../../../shared/shop-time.ts'

const PP = 'Asia/Phnom_Penh'

describe('times in the shop’s own time zone', () => {
  it('writes an instant as the shop reads it, whatever zone the machine is in', () => {
    const at = Date.UTC(2026, 11, 6, 17, 30, 5) // 00:30:05 on 7 December in Phnom Penh
    expect(shopClock(at, PP)).toBe('00:30')
    expect(shopDate(at, PP)).toBe('07/12/2026')
    expect(shopDateTime(at, PP)).toBe('07/12/2026 00:30')
    expect(shopDateTime(at, PP, true)).toBe('07/12/2026 00:30:05')
    expect(paperTime(at, PP)).toBe('07/12/2026, 00:30:05')
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

  it('reads a date typed day/month/year, as the papers write it, and refuses what is not one', () => {
    expect(parseDayInput('07/12/2026')).toBe('2026-12-07')
    expect(parseDayInput(' 7/12/2026 ')).toBe('2026-12-07')
    expect(parseDayInput('7-1-2026')).toBe('2026-01-07')
    expect(parseDayInput('០៧/១២/២០២៦')).toBe('2026-12-07')
    expect(parseDayInput('29/02/2028')).toBe('2028-02-29')
    for (const wrong of [
      '29/02/2027',
      '31/04/2026',
      '12/13/2026',
      '2026-12-07',
      '07/12/26',
      '',
      'today',
      '00/12/2026',
    ]) {
      expect(parseDayInput(wrong), wrong).toBeNull()
    }
  })

  it('writes a shop day back as it is typed (the two agree on every day)', () => {
    expect(dayAsDate('2026-12-07')).toBe('07/12/2026')
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }), (at) => {
        const day = shopDay(at, 'UTC')
        expect(parseDayInput(dayAsDate(day))).toBe(day)
      }),
    )
  })
})
