/**
 * The owner's choice of what the reports cover: a business day, a week (Monday to Sunday), a
 * calendar month or a range of days, all in the shop's business days (`YYYY-MM-DD`), and all
 * terminals or one. Read from the page's query string, written back into its links. Pure.
 */

export type PeriodKind = 'day' | 'week' | 'month' | 'range'

export interface ReportPeriod {
  kind: PeriodKind
  from: string
  to: string
  /** One terminal, or null for all of them. */
  terminalId: string | null
}

/** Why the period asked for was not the one shown: a date that cannot be read, or a range over ten years. */
export type PeriodProblem = 'date' | 'too_long'

/** Ten years: wider ranges are cut to their last ten years. */
export const MAX_PERIOD_DAYS = 3653
/** Up to this many days a chart has a bar a day; beyond, a bar a month. */
export const MAX_DAILY_BARS = 62

const DAY_MS = 86_400_000
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TERMINAL_ID = /^trm_[0-9a-z]{26}$/

function epochDay(day: string): number {
  const [, year, month, date] = DATE.exec(day) ?? []
  return Date.UTC(Number(year), Number(month) - 1, Number(date)) / DAY_MS
}
function dayOf(epoch: number): string {
  return new Date(epoch * DAY_MS).toISOString().slice(0, 10)
}

/** A real calendar day from 2000 to 2099 (2026-02-30 is not one). */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false
  const epoch = epochDay(value)
  return Number.isFinite(epoch) && dayOf(epoch) === value && value >= '2000-01-01' && value <= '2099-12-31'
}

export function addDays(day: string, days: number): string {
  return dayOf(epochDay(day) + days)
}

export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from)
}

/** Every day from `from` to `to`, both included. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = []
  for (let epoch = epochDay(from); epoch <= epochDay(to); epoch++) days.push(dayOf(epoch))
  return days
}

/** Every month (`YYYY-MM`) the days from `from` to `to` touch. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = []
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addDays(monthEnd(month), 1).slice(0, 7))
    months.push(month)
  return months
}

function monthEnd(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number]
  return dayOf(Date.UTC(year, number, 0) / DAY_MS)
}

function weekStart(day: string): string {
  // 1970-01-01 was a Thursday: (epoch + 3) mod 7 counts days since Monday.
  return addDays(day, -((((epochDay(day) + 3) % 7) + 7) % 7))
}

/** The day, week or month that holds `anchor`. */
export function periodAround(kind: 'day' | 'week' | 'month', anchor: string): { from: string; to: string } {
  if (kind === 'day') return { from: anchor, to: anchor }
  if (kind === 'week') return { from: weekStart(anchor), to: addDays(weekStart(anchor), 6) }
  return { from: `${anchor.slice(0, 7)}-01`, to: monthEnd(anchor.slice(0, 7)) }
}

/** The default: the last seven business days, today included, so the week's business shows at a glance. */
export function lastSevenDays(today: string, terminalId: string | null = null): ReportPeriod {
  return { kind: 'range', from: addDays(today, -6), to: today, terminalId }
}

/**
 * The period a query asks for: `period` (day, week, month) with the `date` it holds, or `from`
 * and `to` (a range; reversed ones are put right); `terminal`, one terminal's id. What cannot be
 * read is replaced by the default and said in `problem`.
 */
export function periodFromQuery(
  query: Record<string, string> | undefined,
  today: string,
): { period: ReportPeriod; problem: PeriodProblem | null } {
  const given = query ?? {}
  const terminalId = TERMINAL_ID.test(given.terminal ?? '') ? (given.terminal as string) : null
  const kind = given.period
  if (kind === 'day' || kind === 'week' || kind === 'month') {
    if (given.date !== undefined && !isDay(given.date))
      return { period: lastSevenDays(today, terminalId), problem: 'date' }
    return { period: { kind, ...periodAround(kind, given.date ?? today), terminalId }, problem: null }
  }
  if (given.from === undefined && given.to === undefined)
    return { period: lastSevenDays(today, terminalId), problem: null }
  const from = given.from ?? given.to
  const to = given.to ?? given.from
  if (!isDay(from) || !isDay(to)) return { period: lastSevenDays(today, terminalId), problem: 'date' }
  const [first, last] = from <= to ? [from, to] : [to, from]
  if (daysBetween(first, last) >= MAX_PERIOD_DAYS)
    return {
      period: { kind: 'range', from: addDays(last, 1 - MAX_PERIOD_DAYS), to: last, terminalId },
      problem: 'too_long',
    }
  return { period: { kind: 'range', from: first, to: last, terminalId }, problem: null }
}

/** The query string that asks for this period again (for links, the CSV downloads and the forms). */
export function periodQuery(period: ReportPeriod): string {
  const terminal = period.terminalId ? `&terminal=${period.terminalId}` : ''
  if (period.kind === 'range') return `from=${period.from}&to=${period.to}${terminal}`
  return `period=${period.kind}&date=${period.from}${terminal}`
}

/** The period just before (-1) or after (+1): the day, week or month next to it, or a range as long. */
export function periodBeside(period: ReportPeriod, direction: -1 | 1): ReportPeriod {
  if (period.kind === 'range') {
    const length = daysBetween(period.from, period.to) + 1
    return {
      ...period,
      from: addDays(period.from, direction * length),
      to: addDays(period.to, direction * length),
    }
  }
  const anchor = direction === -1 ? addDays(period.from, -1) : addDays(period.to, 1)
  return { ...period, ...periodAround(period.kind, anchor) }
}

/** Whether the charts over time have a bar a day or a bar a month. */
export function bucketOf(period: Pick<ReportPeriod, 'from' | 'to'>): 'day' | 'month' {
  return daysBetween(period.from, period.to) < MAX_DAILY_BARS ? 'day' : 'month'
}
