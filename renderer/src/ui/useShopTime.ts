import { useMemo } from 'react'
import { shopClock, shopDate, shopDateTime, shopDay, shopDayRange } from '../../../shared/shop-time.ts'
import { usePosQuery } from './usePosQuery.ts'

/** Cambodia's zone until the settings have answered (and when they cannot). */
const DEFAULT_ZONE = 'Asia/Phnom_Penh'

export interface ShopTime {
  zone: string
  clock(at: number): string
  date(at: number): string
  dateTime(at: number, withSeconds?: boolean): string
  /** The shop's calendar day of an instant, "YYYY-MM-DD". */
  day(at: number): string
  dayRange(day: string): { from: number; to: number } | null
}

/** Times on screen in the shop's time zone, as on its papers, whatever the machine's own zone. */
export function useShopTime(): ShopTime {
  const settings = usePosQuery(() => window.pos.getSettings())
  const zone = settings.status === 'ready' ? settings.value.timeZone : DEFAULT_ZONE
  return useMemo(
    () => ({
      zone,
      clock: (at: number) => shopClock(at, zone),
      date: (at: number) => shopDate(at, zone),
      dateTime: (at: number, withSeconds = false) => shopDateTime(at, zone, withSeconds),
      day: (at: number) => shopDay(at, zone),
      dayRange: (day: string) => shopDayRange(day, zone),
    }),
    [zone],
  )
}
