/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR) over the UTF-8 bytes
 * of a JavaScript string, computed without materialising the bytes. The same pass also tells whether
 * the text is plain (see NEEDS_CARE), so the encoder and decoder read each character once.
 */

/**
 * String.prototype.charCodeAt through a fixed reference: every character loop of the engine calls
 * `charCodeAt.call(text, i)`. `text.charCodeAt(i)` first looks the method up through an inline
 * cache keyed on the string's internal representation. KHQR text arrives as literals, flat one- and
 * two-byte strings, slices and ropes (anything built with `+`, our own payloads included), and once
 * that cache has seen more than a few of them V8 stops inlining the builtin: every loop ran ~40 %
 * slower. It must be a module-local constant; through an import V8 cannot inline it either.
 */
const charCodeAt = String.prototype.charCodeAt

const BYTE = new Uint16Array(256)
for (let n = 0; n < 256; n++) {
  let crc = n << 8
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1
  BYTE[n] = crc & 0xffff
}

/** Folds one byte into the register. */
export function crcByte(crc: number, byte: number): number {
  return step(crc, byte)
}

function step(crc: number, byte: number): number {
  return ((crc << 8) ^ (BYTE[((crc >>> 8) ^ byte) & 0xff] as number)) & 0xffff
}

/** A 16-bit register clocked through sixteen zero bits. */
function sixteenZeroBits(register: number): number {
  return step(step(register, 0), 0)
}

/*
 * Slicing-by-4. The CRC is linear, so after four bytes b0..b3 the register is
 *   Z(Z(r ^ b0b1) ^ b2b3) = ZZ(hi(r ^ b0b1)) ^ ZZ(lo(r ^ b0b1)) ^ Z(b2 << 8) ^ Z(b3)
 * where Z clocks sixteen zero bits: four independent lookups in 256-entry tables that stay in L1.
 */
const Z_HIGH = new Uint16Array(256)
const Z_LOW = new Uint16Array(256)
const ZZ_HIGH = new Uint16Array(256)
const ZZ_LOW = new Uint16Array(256)
for (let n = 0; n < 256; n++) {
  Z_HIGH[n] = sixteenZeroBits(n << 8)
  Z_LOW[n] = sixteenZeroBits(n)
  ZZ_HIGH[n] = sixteenZeroBits(Z_HIGH[n] as number)
  ZZ_LOW[n] = sixteenZeroBits(Z_LOW[n] as number)
}

/** Folds four ASCII characters into the register in one step. */
export function crcAscii4(crc: number, c0: number, c1: number, c2: number, c3: number): number {
  const x = crc ^ ((c0 << 8) | c1)
  return (ZZ_HIGH[x >>> 8] as number) ^ (ZZ_LOW[x & 0xff] as number) ^ (Z_HIGH[c2] as number) ^ (Z_LOW[c3] as number)
}

/** Folds two bytes into the register in one step. */
function twoBytes(crc: number, b0: number, b1: number): number {
  const x = crc ^ ((b0 << 8) | b1)
  return (Z_HIGH[x >>> 8] as number) ^ (Z_LOW[x & 0xff] as number)
}

export const CRC_START = 0xffff

/**
 * Set by crcScan next to the CRC when the text holds something that needs a closer look: a control
 * character, a surrogate (a character outside the BMP, or half of one), or a character that NFC
 * normalisation might change. Plain ASCII and Khmer never set it.
 */
export const NEEDS_CARE = 0x10000

const FIRST_COMBINING_MARK = 0x300
const KHMER_FIRST = 0x1780
const KHMER_LAST = 0x17ff
const KHMER_SIGN_ATTHACAN = 0x17dd // canonical combining class 230
const KHMER_SIGN_COENG = 0x17d2 // canonical combining class 9

/**
 * Whether NFC could change text that contains `code` after `previous`. Below U+0300 nothing
 * composes or reorders. Khmer has no compositions and only two marks with a non-zero combining
 * class, so the only Khmer sequence NFC reorders is ATTHACAN followed by COENG. Anything else from
 * U+0300 up is left to String.prototype.normalize. (Checked exhaustively in the tests.)
 */
export function mayNeedNormalising(code: number, previous: number): boolean {
  if (code < FIRST_COMBINING_MARK) return false
  if (code >= KHMER_FIRST && code <= KHMER_LAST) return code === KHMER_SIGN_COENG && previous === KHMER_SIGN_ATTHACAN
  return true
}

/** CRC of `text.slice(0, end)` as UTF-8; lone surrogates count as U+FFFD, as TextEncoder does. */
export function crc16(text: string, end: number = text.length): number {
  return crcScan(CRC_START, text, end) & 0xffff
}

/**
 * Continues a CRC over the UTF-8 bytes of `text.slice(0, end)` and returns it in the low 16 bits,
 * with NEEDS_CARE set when the text is not plain (see NEEDS_CARE). One pass serves both.
 */
export function crcScan(start: number, text: string, end: number = text.length): number {
  let crc = start
  let care = 0
  let previous = 0
  let i = 0
  while (i < end) {
    if (i + 4 <= end) {
      const c0 = charCodeAt.call(text, i)
      const c1 = charCodeAt.call(text, i + 1)
      const c2 = charCodeAt.call(text, i + 2)
      const c3 = charCodeAt.call(text, i + 3)
      // All four printable ASCII: none below 0x20, none of 0x7F and above.
      if (
        ((c0 - 0x20) | (c1 - 0x20) | (c2 - 0x20) | (c3 - 0x20)) >= 0 &&
        ((c0 + 1) | (c1 + 1) | (c2 + 1) | (c3 + 1)) < 0x80
      ) {
        crc = crcAscii4(crc, c0, c1, c2, c3)
        i += 4
        previous = c3
        continue
      }
    }
    let c = charCodeAt.call(text, i++)
    if (c < 0x80) {
      if (c < 0x20 || c === 0x7f) care = NEEDS_CARE
      crc = step(crc, c)
      previous = c
      continue
    }
    if (c <= 0x9f) care = NEEDS_CARE
    else if (mayNeedNormalising(c, previous)) care = NEEDS_CARE
    previous = c
    if (c >= 0xd800 && c <= 0xdfff) {
      care = NEEDS_CARE
      const low = i < end ? charCodeAt.call(text, i) : 0
      if (c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        const point = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00)
        i++
        crc = twoBytes(crc, 0xf0 | (point >>> 18), 0x80 | ((point >>> 12) & 0x3f))
        crc = twoBytes(crc, 0x80 | ((point >>> 6) & 0x3f), 0x80 | (point & 0x3f))
        continue
      }
      c = 0xfffd
    }
    if (c < 0x800) {
      crc = twoBytes(crc, 0xc0 | (c >>> 6), 0x80 | (c & 0x3f))
    } else {
      crc = step(twoBytes(crc, 0xe0 | (c >>> 12), 0x80 | ((c >>> 6) & 0x3f)), 0x80 | (c & 0x3f))
    }
  }
  return crc | care
}

const HEX = '0123456789ABCDEF'

/** Always four upper-case hex digits, zero-padded. */
export function crcHex(crc: number): string {
  return (
    HEX.charAt((crc >>> 12) & 15) + HEX.charAt((crc >>> 8) & 15) + HEX.charAt((crc >>> 4) & 15) + HEX.charAt(crc & 15)
  )
}

/** Value of four hex digits (either case) starting at `from`, or -1. */
export function parseCrcHex(text: string, from: number): number {
  let value = 0
  for (let i = from; i < from + 4; i++) {
    const c = charCodeAt.call(text, i)
    let digit: number
    if (c >= 0x30 && c <= 0x39) digit = c - 0x30
    else if (c >= 0x41 && c <= 0x46) digit = c - 0x37
    else if (c >= 0x61 && c <= 0x66) digit = c - 0x57
    else return -1
    value = (value << 4) | digit
  }
  return value
}
