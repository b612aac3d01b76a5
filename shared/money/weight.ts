/**
 * Selling by weight. A product sold by weight is priced per kilogram; a line's quantity is then an
 * integer number of grams (never a float), and its gross is grams × price-per-kg / 1,000 rounded
 * half away from zero to the cent or riel by the one rounding rule (rounding.ts).
 */
import { checkAmount } from './currency.ts'
import { checkInteger, MoneyError, shown } from './errors.ts'
import { latinDigits } from './format.ts'
import { multiplyDivideRoundHalfUp } from './rounding.ts'

/** How a product is counted: in units, or in grams with its price per kilogram. */
export type SoldBy = 'count' | 'weight'

export const SOLD_BY: readonly SoldBy[] = ['count', 'weight']
export const GRAMS_PER_KILOGRAM = 1000
/** A line holds at most 100,000 units, or 100 kg by weight (the ledger's quantity bound). */
export const MAX_LINE_QUANTITY = 100_000

export function checkSoldBy(value: unknown): SoldBy {
  if (value === 'count' || value === 'weight') return value
  throw new MoneyError('input_invalid', `Sold by must be "count" or "weight" (got ${shown(value)}).`, 'soldBy')
}

/** The gross of `quantity` (units, or grams by weight) at `unitPrice` (per unit, or per kilogram). */
export function lineGross(quantity: number, unitPrice: number, soldBy: SoldBy = 'count'): number {
  const q = checkInteger(quantity, 1, MAX_LINE_QUANTITY, 'quantity_invalid', 'Quantity', 'quantity')
  const price = checkAmount(unitPrice, 'Unit price', 'unitPrice', 0)
  if (checkSoldBy(soldBy) === 'weight') return multiplyDivideRoundHalfUp(q, price, GRAMS_PER_KILOGRAM)
  return q * price
}

/**
 * A weight as the cashier types it, in kilograms ("0.45", "1.250", "2", Khmer digits) or with its
 * unit ("450 g", "1.2 kg"), to whole grams. More than three decimals of a kilogram (below a gram),
 * zero, and more than 100 kg are refused with 'quantity_invalid'.
 */
export function parseWeightInput(text: string): number {
  if (typeof text !== 'string')
    throw new MoneyError('quantity_invalid', `Weight must be text (got ${shown(text)}).`, 'weight')
  const typed = latinDigits(text.trim().toLowerCase())
    .replace(/(គីឡូក្រាម|គីឡូ)$/u, 'kg')
    .replace(/ក្រាម$/u, 'g')
  const match = /^([0-9]{1,6})(?:\.([0-9]+))?\s*(kg|g)?$/.exec(typed)
  const refuse = (why: string) => new MoneyError('quantity_invalid', `Weight ${shown(text)} ${why}`, 'weight')
  if (!match) throw refuse('is not a weight; type kilograms such as 0.450, or grams such as 450 g.')
  const whole = Number(match[1])
  const decimals = match[2] ?? ''
  let grams: number
  if (match[3] === 'g') {
    if (decimals !== '') throw refuse('has part of a gram; the scale counts whole grams.')
    grams = whole
  } else {
    if (decimals.length > 3) throw refuse('has more than three decimals; a gram is the smallest weight.')
    grams = whole * GRAMS_PER_KILOGRAM + Number(decimals.padEnd(3, '0'))
  }
  if (grams < 1) throw refuse('is zero; put the goods on the scale.')
  if (grams > MAX_LINE_QUANTITY) throw refuse('is more than 100 kg, the most one line holds.')
  return grams
}

/** "0.450 kg" / "0.450 គីឡូ": whole grams, always as kilograms with three decimals (Latin digits, as all figures). */
export function formatWeight(grams: number, language: 'km' | 'en'): string {
  const g = checkInteger(grams, 0, Number.MAX_SAFE_INTEGER, 'quantity_invalid', 'Weight', 'weight')
  const text = `${Math.trunc(g / GRAMS_PER_KILOGRAM)}.${String(g % GRAMS_PER_KILOGRAM).padStart(3, '0')}`
  return language === 'en' ? `${text} kg` : `${text} គីឡូ`
}

/** How many, as papers and screens show it: "3", or "0.450 kg" by weight. */
export function quantityText(quantity: number, soldBy: SoldBy, language: 'km' | 'en'): string {
  return soldBy === 'weight' ? formatWeight(quantity, language) : String(quantity)
}
