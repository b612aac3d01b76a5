/**
 * Barcodes printed by a shop's label scale: EAN-13 in the in-store range (first two digits 20–29,
 * GS1 "restricted circulation"), laid out as the shop's scale is set up:
 *
 *   2 P | item code (itemDigits) | weight in grams or price (10 − itemDigits digits) | check digit
 *
 * The check digit is verified, so a misread label is refused rather than rung up wrong.
 */

export interface ScaleLabelLayout {
  /** Digits of the item code after the two-digit prefix: 4, 5 (the usual) or 6. */
  itemDigits: 4 | 5 | 6
  /** What the rest carries: the weight in grams, or the price in the product's minor units. */
  embeds: 'weight' | 'price'
}

export const DEFAULT_SCALE_LABEL_LAYOUT: ScaleLabelLayout = { itemDigits: 5, embeds: 'weight' }

export type ScaleLabel =
  | { kind: 'weight'; itemCode: string; grams: number }
  | { kind: 'price'; itemCode: string; price: number }

export type ScaleLabelProblem = 'not_scale_label' | 'check_digit' | 'zero_value'

/** The EAN-13 check digit of the first 12 digits. */
export function ean13CheckDigit(first12: string): number {
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3)
  return (10 - (sum % 10)) % 10
}

/** True for a 13-digit code in the in-store range 20–29, whether or not its check digit is right. */
export function looksLikeScaleLabel(code: string): boolean {
  return /^2[0-9]{12}$/.test(code)
}

/**
 * Reads a scale label, or says why it is not one: 'not_scale_label' (not 13 digits from 20–29),
 * 'check_digit' (misread or damaged), 'zero_value' (a label with no weight or price).
 */
export function readScaleLabel(code: string, layout: ScaleLabelLayout): ScaleLabel | { problem: ScaleLabelProblem } {
  if (!looksLikeScaleLabel(code)) return { problem: 'not_scale_label' }
  if (ean13CheckDigit(code.slice(0, 12)) !== Number(code[12])) return { problem: 'check_digit' }
  const itemCode = code.slice(2, 2 + layout.itemDigits)
  const value = Number(code.slice(2 + layout.itemDigits, 12))
  if (value === 0) return { problem: 'zero_value' }
  return layout.embeds === 'weight'
    ? { kind: 'weight', itemCode, grams: value }
    : { kind: 'price', itemCode, price: value }
}

/** A label as the scale would print it (for tests, demo stickers and the settings preview). */
export function scaleLabelBarcode(prefix: number, itemCode: string, value: number, layout: ScaleLabelLayout): string {
  const valueDigits = 10 - layout.itemDigits
  const first12 = `${prefix}${itemCode.padStart(layout.itemDigits, '0')}${String(value).padStart(valueDigits, '0')}`
  if (!/^2[0-9]{11}$/.test(first12)) throw new RangeError(`Cannot lay out a scale label from ${first12}.`)
  return `${first12}${ean13CheckDigit(first12)}`
}
