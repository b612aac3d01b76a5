import { CRC_START, crcAscii4, crcByte, crcHex, crcScan, NEEDS_CARE } from './crc.ts'
import { KhqrError } from './errors.ts'
import { MAX_TEMPLATE_CHARS } from './rules.ts'
import { tagId } from './tlv.ts'

const charCodeAt = String.prototype.charCodeAt // a fixed reference: see crc.ts

const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'))

/** ASCII codes of the digits of a number below 1000. */
function hundreds(group: number): number {
  return 0x30 + ((group / 100) | 0)
}
function tens(group: number): number {
  return 0x30 + (((group / 10) | 0) % 10)
}
function units(group: number): number {
  return 0x30 + (group % 10)
}

/** The sub-objects of a template, flat: [ID, value, ID, value, …]. */
export type SubObjects = string[]

/**
 * Appends data objects to a KHQR payload and keeps its CRC up to date piece by piece, so the
 * finished text never has to be flattened and read again.
 */
export class PayloadWriter {
  private text = ''
  private crc = CRC_START
  private care = 0

  /** Whether some text written so far is not plain (see NEEDS_CARE). */
  get needsCare(): boolean {
    return this.care !== 0
  }

  put(piece: string): void {
    const scanned = crcScan(this.crc, piece)
    this.crc = scanned & 0xffff
    this.care |= scanned & NEEDS_CARE
    this.text += piece
  }

  object(id: string, value: string): void {
    this.header(id, value.length)
    this.put(value)
  }

  /** ID and two-digit length: four ASCII characters, folded into the CRC at once. */
  private header(id: string, length: number): void {
    const tens = (length / 10) | 0
    this.crc = crcAscii4(
      this.crc,
      charCodeAt.call(id, 0),
      charCodeAt.call(id, 1),
      0x30 + tens,
      0x30 + length - 10 * tens,
    )
    this.text += id
    this.text += tagId(length)
  }

  /** A template (29, 30, 62, 64) of sub-objects; refuses one longer than 99 characters. */
  template(id: string, objects: SubObjects, label: string, field: string): void {
    let length = 0
    for (let k = 1; k < objects.length; k += 2) length += 4 + (objects[k] as string).length
    if (length > MAX_TEMPLATE_CHARS) {
      throw new KhqrError(
        'template_too_long',
        `${label} (tag ${id}) would be ${length} characters; KHQR allows at most ${MAX_TEMPLATE_CHARS}. Shorten its fields.`,
        field,
      )
    }
    this.header(id, length)
    for (let k = 0; k < objects.length; k += 2) this.object(objects[k] as string, objects[k + 1] as string)
  }

  /**
   * 13-digit epoch milliseconds, as one digit and four 3-digit groups: String() of a 13-digit
   * double is slow, and reading back a 13-character concatenation would make V8 flatten it first.
   * The digits are folded into the CRC arithmetically.
   */
  timestamp(milliseconds: number): void {
    const thousands = Math.floor(milliseconds / 1000)
    const millions = Math.floor(thousands / 1000)
    const billions = Math.floor(millions / 1000)
    const trillions = Math.floor(billions / 1000)
    const g1 = billions - trillions * 1000
    const g2 = millions - billions * 1000
    const g3 = thousands - millions * 1000
    const g4 = milliseconds - thousands * 1000
    let crc = crcAscii4(this.crc, 0x30 + trillions, hundreds(g1), tens(g1), units(g1))
    crc = crcAscii4(crc, hundreds(g2), tens(g2), units(g2), hundreds(g3))
    crc = crcAscii4(crc, tens(g3), units(g3), hundreds(g4), tens(g4))
    this.crc = crcByte(crc, units(g4))
    this.text += String(trillions)
    this.text += THREE_DIGITS[g1] as string
    this.text += THREE_DIGITS[g2] as string
    this.text += THREE_DIGITS[g3] as string
    this.text += THREE_DIGITS[g4] as string
  }

  /**
   * Appends the CRC object and returns the payload. With every field at its limit a KHQR is 511
   * characters, within EMV's maximum of 512, so no length check is needed (a test holds that line).
   */
  finish(): string {
    this.put('6304')
    return this.text + crcHex(this.crc)
  }
}
