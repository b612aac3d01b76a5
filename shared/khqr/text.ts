import { mayNeedNormalising } from './crc.ts'
import { KhqrError } from './errors.ts'

const charCodeAt = String.prototype.charCodeAt // a fixed reference: see crc.ts

/** A text field of KHQR: its input name, the words used in messages, its limit in UTF-16 units. */
export interface TextRule<Field extends string = string> {
  readonly field: Field
  readonly label: string
  readonly code: string
  readonly max: number
}

export function textRule<Field extends string>(
  field: Field,
  label: string,
  code: string,
  max: number,
): TextRule<Field> {
  return { field, label, code, max }
}

/**
 * Checks one text value against its rule and returns it, NFC-normalised when `normalise` is set
 * (encoding) or exactly as written (decoding). Lengths are UTF-16 code units, as the official SDK
 * and the bank apps count them; characters outside the BMP, control characters and blank values
 * are refused.
 */
export function checkText(value: unknown, rule: TextRule, normalise: boolean): string {
  if (typeof value !== 'string') {
    throw new KhqrError(`${rule.code}_invalid`, `${rule.label} must be text.`, rule.field)
  }
  let text = value
  let needsNormalising = false
  let blank = true
  let previous = 0
  for (let i = 0; i < text.length; i++) {
    const c = charCodeAt.call(text, i)
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      throw new KhqrError(
        `${rule.code}_invalid`,
        `${rule.label} contains a control character (code ${c}) at position ${i + 1}; use plain printable text.`,
        rule.field,
      )
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      throw new KhqrError(
        `${rule.code}_invalid`,
        `${rule.label} contains a character outside the Basic Multilingual Plane (such as an emoji) at position ${i + 1}; bank apps cannot show it.`,
        rule.field,
      )
    }
    if (c !== 0x20) blank = false
    if (!needsNormalising && mayNeedNormalising(c, previous)) needsNormalising = true
    previous = c
  }
  if (blank) {
    throw new KhqrError(`${rule.code}_required`, `${rule.label} is required and cannot be blank.`, rule.field)
  }
  if (normalise && needsNormalising) text = text.normalize('NFC')
  if (text.length > rule.max) {
    throw new KhqrError(
      `${rule.code}_too_long`,
      `${rule.label} is ${text.length} characters long; KHQR allows at most ${rule.max}.`,
      rule.field,
    )
  }
  return text
}

/** Printable ASCII without spaces: the alphabet of account ids and codes. */
export function isPrintableAsciiWord(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = charCodeAt.call(text, i)
    if (c <= 0x20 || c >= 0x7f) return false
  }
  return true
}

export function isDigits(text: string, length: number): boolean {
  if (text.length !== length) return false
  for (let i = 0; i < length; i++) {
    const c = charCodeAt.call(text, i)
    if (c < 0x30 || c > 0x39) return false
  }
  return true
}
