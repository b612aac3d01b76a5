/** The periods an owner asks for, as ranges of the shop's days ("YYYY-MM-DD", both ends included). */
export type PeriodKind = 'day' | 'week' | 'month' | 'range'

export interface Period {
  kind: PeriodKind
  from: string
  to: string
}

const DAY_MS = 86_400_000
const asTime = (day: string) => Date.parse(`${day}T00:00:00Z`)
const asDay = (time: number) => new Date(time).toISOString().slice(0, 10)
const addDays = (day: string, days: number) => asDay(asTime(day) + days * DAY_MS)

/** The day, the week (Monday to Sunday) or the month around `day`. */
export function periodAround(kind: Exclude<PeriodKind, 'range'>, day: string): Period {
  if (kind === 'day') return { kind, from: day, to: day }
  if (kind === 'week') {
    const weekday = (new Date(asTime(day)).getUTCDay() + 6) % 7 // Monday 0 … Sunday 6
    const from = addDays(day, -weekday)
    return { kind, from, to: addDays(from, 6) }
  }
  const from = `${day.slice(0, 7)}-01`
  const next = new Date(asTime(from))
  next.setUTCMonth(next.getUTCMonth() + 1)
  return { kind, from, to: asDay(next.getTime() - DAY_MS) }
}

/** The period before (-1) or after (+1) this one, of the same kind and length. */
export function shiftPeriod(period: Period, step: -1 | 1): Period {
  if (period.kind === 'month') {
    const month = new Date(asTime(period.from))
    month.setUTCMonth(month.getUTCMonth() + step)
    return periodAround('month', asDay(month.getTime()))
  }
  const length = Math.round((asTime(period.to) - asTime(period.from)) / DAY_MS) + 1
  return { kind: period.kind, from: addDays(period.from, step * length), to: addDays(period.to, step * length) }
}
