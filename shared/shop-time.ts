/**
 * Times as the shop reads them: in its own time zone (Settings `timeZone`, Asia/Phnom_Penh by
 * default), whatever the machine's clock zone is set to, written day/month/year as on the papers.
 */

import { latinDigits } from './money/format.ts'

/** One formatter per zone: making one costs far more than using it, and a sale's commit uses it. */
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, format)
  }
  return format
}

function parts(at: number, timeZone: string): Record<string, string> {
  const found: Record<string, string> = {}
  for (const part of formatterFor(timeZone).formatToParts(at)) found[part.type] = part.value
  return found
}

/** The hour of the shop's day, 0–23. */
export function shopHour(at: number, timeZone: string): number {
  return Number(parts(at, timeZone).hour)
}

/** "14:05" */
export function shopClock(at: number, timeZone: string): string {
  const p = parts(at, timeZone)
  return `${p.hour}:${p.minute}`
}

/** "06/12/2026" */
export function shopDate(at: number, timeZone: string): string {
  const p = parts(at, timeZone)
  return `${p.day}/${p.month}/${p.year}`
}

/** "06/12/2026 14:05" (with seconds when asked: two backups a second apart read apart). */
export function shopDateTime(at: number, timeZone: string, withSeconds = false): string {
  const p = parts(at, timeZone)
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}${withSeconds ? `:${p.second}` : ''}`
}

/** "24/11/2026, 16:00:00": the time on the papers, to the second. */
export function paperTime(at: number, timeZone: string): string {
  const p = parts(at, timeZone)
  return `${p.day}/${p.month}/${p.year}, ${p.hour}:${p.minute}:${p.second}`
}

/** The shop's calendar day of an instant, "2026-12-06" (what a date field holds). */
export function shopDay(at: number, timeZone: string): string {
  const p = parts(at, timeZone)
  return `${p.year}-${p.month}-${p.day}`
}

/** Minutes the shop's clock is ahead of UTC at that instant (+420 in Cambodia). */
export function offsetMinutes(at: number, timeZone: string): number {
  const p = parts(at, timeZone)
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute))
  return Math.round((asUtc - (at - (at % 60_000))) / 60_000)
}

/** The instants a shop's calendar day "YYYY-MM-DD" starts and ends: [from, to). Null for a day that is not one. */
export function shopDayRange(day: string, timeZone: string): { from: number; to: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!match) return null
  const midnightUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  if (Number.isNaN(midnightUtc) || shopDay(midnightUtc, 'UTC') !== day) return null
  const startOf = (utcMidnight: number) => utcMidnight - offsetMinutes(utcMidnight, timeZone) * 60_000
  return { from: startOf(midnightUtc), to: startOf(midnightUtc + 86_400_000) }
}

/** A shop day "YYYY-MM-DD" written as the papers write dates: "06/12/2026". */
export function dayAsDate(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`
}

/**
 * A date as a person types it, day/month/year ("6/12/2026", "06-12-2026", Khmer digits too), to the
 * shop day "2026-12-06"; null when it is not a real date.
 */
export function parseDayInput(text: string): string | null {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(latinDigits(text.trim()))
  if (!match) return null
  const [, date = '', month = '', year = ''] = match
  const day = `${year}-${month.padStart(2, '0')}-${date.padStart(2, '0')}`
  return shopDayRange(day, 'UTC') ? day : null
}
