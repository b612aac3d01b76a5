import { formatWeight } from '../../shared/money/index.ts'
import type { CashierFigures } from './owner-reports.ts'

/**
 * How report figures read, the same on the page and in the CSV files: names of things that may
 * have none yet, quantities by count or by weight (grams shown as kilograms), and amounts as plain
 * decimal text for spreadsheets. Integer arithmetic only.
 */

/** A cashier as the owner can tell them apart: their name when the till sent it, else the end of their id. */
export function cashierLabel(cashier: Pick<CashierFigures, 'id' | 'name' | 'terminalLabel'>): {
  name: string | null
  shortId: string | null
} {
  return { name: cashier.name, shortId: cashier.id === null ? null : `…${cashier.id.slice(-6)}` }
}

/** "12", "1.250 kg", or both when a SKU was sold both ways. */
export function quantityText(units: number, grams: number, language: 'km' | 'en' = 'en'): string {
  const parts: string[] = []
  if (units !== 0 || grams === 0) parts.push(String(units))
  if (grams !== 0) parts.push(formatWeight(grams, language))
  return parts.join(' + ')
}

/** An amount as a spreadsheet reads it: dollars with two decimals ("-12.50"), riel whole ("12300"). */
export function csvAmount(amountMinor: number, currency: 'USD' | 'KHR'): string {
  if (currency === 'KHR') return String(amountMinor)
  const sign = amountMinor < 0 ? '-' : ''
  const digits = String(Math.abs(amountMinor)).padStart(3, '0')
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`
}
