import { KhqrError } from './errors.ts'

const charCodeAt = String.prototype.charCodeAt // a fixed reference: see crc.ts

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : String(n)))

/** The two-digit ID of a tag number: 5 → "05". */
export function tagId(tag: number): string {
  return TWO_DIGITS[tag] as string
}

/** One `ID LL VALUE` data object; the caller keeps values within 99 characters. */
export function tlv(id: string, value: string): string {
  return id + (TWO_DIGITS[value.length] as string) + value
}

/**
 * Where scanTlvs puts what it found: for object k, its tag at [3k], the index where its value
 * starts at [3k + 1] and where it ends at [3k + 2]. Every object takes at least five characters.
 */
export function tlvIndex(maxChars: number): Int32Array {
  return new Int32Array(3 * Math.ceil(maxChars / 5))
}

function digitPair(text: string, at: number): number {
  const high = charCodeAt.call(text, at) - 0x30
  const low = charCodeAt.call(text, at + 1) - 0x30
  if (!(high >= 0 && high <= 9 && low >= 0 && low <= 9)) return -1
  return high * 10 + low
}

function levelName(template: number): string {
  return template < 0 ? 'The payload' : `Tag ${tagId(template)}`
}

/**
 * Splits `text[from, to)` into data objects without copying them, and returns how many there are.
 * Total and linear: IDs and lengths must be two decimal digits, lengths at least 01, values must
 * fit, and an ID may appear only once per level. `template` is the enclosing tag, or -1 for the
 * top level (used in messages).
 */
export function scanTlvs(text: string, from: number, to: number, template: number, out: Int32Array): number {
  let count = 0
  let seenLow = 0
  let seenMid = 0
  let seenHigh = 0
  let seenTop = 0
  let at = from
  while (at < to) {
    if (at + 4 > to) {
      throw new KhqrError(
        'tlv_invalid',
        `${levelName(template)} ends with ${to - at} stray character(s) at position ${at + 1}.`,
      )
    }
    const tag = digitPair(text, at)
    if (tag < 0) {
      throw new KhqrError(
        'tlv_invalid',
        `${levelName(template)} has a tag that is not two digits at position ${at + 1}.`,
      )
    }
    const length = digitPair(text, at + 2)
    if (length < 0) {
      throw new KhqrError(
        'tlv_invalid',
        `${levelName(template)} has a length that is not two digits for tag ${tagId(tag)} at position ${at + 3}.`,
      )
    }
    if (length === 0) {
      throw new KhqrError('tlv_invalid', `${levelName(template)} has an empty tag ${tagId(tag)} at position ${at + 1}.`)
    }
    const end = at + 4 + length
    if (end > to) {
      throw new KhqrError(
        'tlv_invalid',
        `${levelName(template)}: tag ${tagId(tag)} at position ${at + 1} announces ${length} characters but only ${to - at - 4} remain.`,
      )
    }
    const bit = 1 << (tag & 31)
    const word = tag >>> 5
    const seen = word === 0 ? seenLow : word === 1 ? seenMid : word === 2 ? seenHigh : seenTop
    if (seen & bit) {
      throw new KhqrError(
        'tag_duplicate',
        `${levelName(template)} has tag ${tagId(tag)} twice (again at position ${at + 1}).`,
        tagId(tag),
      )
    }
    if (word === 0) seenLow |= bit
    else if (word === 1) seenMid |= bit
    else if (word === 2) seenHigh |= bit
    else seenTop |= bit
    out[3 * count] = tag
    out[3 * count + 1] = at + 4
    out[3 * count + 2] = end
    count++
    at = end
  }
  return count
}
