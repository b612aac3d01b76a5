/**
 * ESC, FS and DLE commands: print modes, alignment, spacing, positions, feeds, code pages, the
 * drawer, real-time status, and the FS p / FS q NV bit images (handled in graphics-commands.ts).
 * Each handler takes the decoder and the offset of the command and returns the offset after it.
 */
import { COLUMN_STRIP_DOTS, DEFAULT_LINE_SPACING, type DecoderState } from './decoder-state.ts'
import { defineNvBitImages, printNvBitImage } from './graphics-commands.ts'

export function escCommand(d: DecoderState, at: number): number {
  if (!d.has(at, 2)) return d.truncated(at)
  const command = d.byte(at + 1)
  switch (command) {
    case 0x40: // ESC @ initialize. The printer drops an unfinished line; it is reported anyway, so nothing vanishes
      d.initialize(at)
      d.push({ type: 'init' })
      return at + 2
    case 0x32: // ESC 2 default line spacing
      d.lineSpacing = DEFAULT_LINE_SPACING
      return at + 2
    case 0x69: // ESC i, ESC m: partial cut (older forms)
    case 0x6d:
      d.expectLineStart(at, 'cut')
      d.printLineBuffer(false)
      d.push({ type: 'cut', partial: true })
      return at + 2
    case 0x21: // ESC ! n print mode
      return d.withArgument(at, 3, (n) => {
        d.style.font = n & 0x01 ? 'B' : 'A'
        d.style.bold = (n & 0x08) !== 0
        d.style.height = n & 0x10 ? 2 : 1
        d.style.width = n & 0x20 ? 2 : 1
        d.style.underline = (n & 0x80) !== 0
        return true
      })
    case 0x45: // ESC E n emphasised
      return d.withArgument(at, 3, (n) => {
        d.style.bold = (n & 1) === 1
        return true
      })
    case 0x47: // ESC G n double-strike
      return d.withArgument(at, 3, (n) => {
        d.style.doubleStrike = (n & 1) === 1
        return true
      })
    case 0x34: // ESC 4 n italic (encoder)
      return d.withArgument(at, 3, (n) => {
        d.style.italic = (n & 1) === 1
        return true
      })
    case 0x2d: // ESC - n underline: 0/48 off, 1/49 one dot, 2/50 two dots
      return d.withArgument(at, 3, (n) => {
        const mode = n >= 0x30 ? n - 0x30 : n
        if (mode > 2) return false
        d.style.underline = mode > 0
        return true
      })
    case 0x4d: // ESC M n font
      return d.withArgument(at, 3, (n) => {
        const font = n >= 0x30 ? n - 0x30 : n
        if (font > 1) return false
        d.style.font = font === 1 ? 'B' : 'A'
        return true
      })
    case 0x61: // ESC a n justification: only at the beginning of a line
      return d.withArgument(at, 3, (n) => {
        const align = (['left', 'center', 'right'] as const)[n >= 0x30 ? n - 0x30 : n]
        if (!align) return false
        if (d.textPending() && align !== d.align) {
          d.problem('align_mid_line', at, `ESC a (${align}) in the middle of a line is ignored by the printer`)
        }
        d.align = align
        return true
      })
    case 0x74: // ESC t n code page
      return d.withArgument(at, 3, (n) => {
        d.codePage = n
        return true
      })
    case 0x52: // ESC R n international character set: only USA (0) is modelled
      return d.withArgument(at, 3, (n) => n === 0)
    case 0x33: // ESC 3 n line spacing
      return d.withArgument(at, 3, (n) => {
        d.lineSpacing = n
        return true
      })
    case 0x4a: // ESC J n print and feed n dots
      return d.withArgument(at, 3, (n) => {
        d.printLineBuffer(false)
        d.push({ type: 'feed', dots: n })
        return true
      })
    case 0x64: // ESC d n print and feed n lines
      return d.withArgument(at, 3, (n) => {
        d.printLineBuffer(false)
        d.push({ type: 'feed', dots: n * d.lineSpacing })
        return true
      })
    case 0x70: // ESC p m t1 t2 drawer kick pulse
      return d.known(at, 5, () => {
        const pin = d.byte(at + 2)
        if (pin !== 0 && pin !== 1 && pin !== 0x30 && pin !== 0x31) return false
        d.push({ type: 'pulse', pin: pin & 1 ? 1 : 0, onMs: d.byte(at + 3) * 2, offMs: d.byte(at + 4) * 2 })
        return true
      })
    case 0x2a: // ESC * m nL nH d1…dk column bit image
      return columnImage(d, at)
    case 0x63: {
      // ESC c 3 n / ESC c 4 n paper sensors, ESC c 5 n panel buttons: no effect on paper
      if (!d.has(at, 3)) return d.truncated(at)
      const sub = d.byte(at + 2)
      if (sub !== 0x33 && sub !== 0x34 && sub !== 0x35) return d.unknowable(at)
      return d.has(at, 4) ? at + 4 : d.truncated(at)
    }
    // Not modelled, length known: reported as unknown and skipped.
    case 0x0c: // ESC FF print in page mode
    case 0x4c: // ESC L page mode
    case 0x53: // ESC S standard mode
      return d.unknown(at, 2)
    case 0x20: // ESC SP character spacing
    case 0x25: // ESC % user-defined characters
    case 0x3d: // ESC = peripheral device
    case 0x3f: // ESC ? cancel user-defined character
    case 0x4b: // ESC K reverse feed
    case 0x54: // ESC T print direction (page mode)
    case 0x55: // ESC U unidirectional printing
    case 0x56: // ESC V 90° rotation
    case 0x65: // ESC e reverse feed lines
    case 0x72: // ESC r print colour
    case 0x7b: // ESC { upside down
      return d.unknown(at, 3)
    case 0x24: // ESC $ nL nH absolute print position (dots from the left margin)
      return d.withArgument(at, 4, () => {
        d.moveTo(d.byte(at + 2) | (d.byte(at + 3) << 8), at)
        return true
      })
    case 0x5c: {
      // ESC \ nL nH relative print position, signed
      return d.withArgument(at, 4, () => {
        const offset = ((d.byte(at + 2) | (d.byte(at + 3) << 8)) << 16) >> 16
        if (d.lineX + offset < 0) return false
        d.moveTo(d.lineX + offset, at)
        return true
      })
    }
    case 0x57: // ESC W print area in page mode
      return d.unknown(at, 10)
    case 0x28: // ESC ( x pL pH …
      return d.unknownCounted(at)
    case 0x44: {
      // ESC D n1 … nk NUL tab stops
      const end = d.bytes.indexOf(0, at + 2)
      return end < 0 ? d.truncated(at) : d.unknown(at, end + 1 - at)
    }
    default:
      return d.unknowable(at)
  }
}

/** ESC * m nL nH: a 24-dot strip (8-dot modes stretched 3× vertically, single density 2× horizontally). */
function columnImage(d: DecoderState, at: number): number {
  if (!d.has(at, 5)) return d.truncated(at)
  const mode = d.byte(at + 2)
  if (mode !== 0 && mode !== 1 && mode !== 32 && mode !== 33) return d.unknowable(at)
  const columns = d.byte(at + 3) | (d.byte(at + 4) << 8)
  const bytesPerColumn = mode >= 32 ? 3 : 1
  const length = 5 + columns * bytesPerColumn
  if (!d.has(at, length)) return d.truncated(at)
  const dotWidth = mode === 0 || mode === 32 ? 2 : 1
  const dotHeight = mode < 32 ? 3 : 1
  const width = columns * dotWidth
  const bits = new Uint8Array(width * COLUMN_STRIP_DOTS)
  for (let column = 0; column < columns; column++) {
    for (let k = 0; k < bytesPerColumn; k++) {
      const value = d.byte(at + 5 + column * bytesPerColumn + k)
      for (let bit = 0; bit < 8; bit++) {
        if (!(value & (0x80 >> bit))) continue
        const top = (k * 8 + bit) * dotHeight
        for (let y = top; y < top + dotHeight; y++)
          bits.fill(1, y * width + column * dotWidth, y * width + (column + 1) * dotWidth)
      }
    }
  }
  d.noteLineStart(at)
  const strip = d.strip
  if (!strip) d.strip = { width, bits }
  else {
    // a second image on the same line is printed to the right of the first
    const joined = new Uint8Array((strip.width + width) * COLUMN_STRIP_DOTS)
    for (let y = 0; y < COLUMN_STRIP_DOTS; y++) {
      joined.set(strip.bits.subarray(y * strip.width, (y + 1) * strip.width), y * (strip.width + width))
      joined.set(bits.subarray(y * width, (y + 1) * width), y * (strip.width + width) + strip.width)
    }
    d.strip = { width: strip.width + width, bits: joined }
  }
  return at + length
}

export function fileSeparator(d: DecoderState, at: number): number {
  if (!d.has(at, 2)) return d.truncated(at)
  switch (d.byte(at + 1)) {
    case 0x2e: // FS . cancel Kanji mode (the encoder sends it after ESC @)
      d.kanji = false
      return at + 2
    case 0x26: // FS & Kanji mode
      d.kanji = true
      return at + 2
    case 0x21: // FS !, FS -, FS C, FS W: Kanji print modes and code system
    case 0x2d:
    case 0x43:
    case 0x57:
      return d.withArgument(at, 3, () => true)
    case 0x53: // FS S n1 n2 Kanji spacing
      return d.has(at, 4) ? at + 4 : d.truncated(at)
    case 0x28: // FS ( x pL pH … (e.g. FS ( C: UTF-8 mode on some printers)
      return d.unknownCounted(at)
    case 0x70: // FS p n m print NV bit image
      return printNvBitImage(d, at)
    case 0x71: // FS q n [xL xH yL yH d…]… define NV bit images
      return defineNvBitImages(d, at)
    default:
      return d.unknowable(at)
  }
}

export function dataLinkEscape(d: DecoderState, at: number): number {
  if (!d.has(at, 3)) return d.truncated(at)
  const command = d.byte(at + 1)
  const n = d.byte(at + 2)
  if (command === 0x04) {
    // DLE EOT n real-time status; n = 7 and 8 take one more byte
    if (n >= 1 && n <= 4) {
      d.push({ type: 'status_query', n })
      return at + 3
    }
    if (n === 7 || n === 8) {
      if (!d.has(at, 4)) return d.truncated(at)
      d.push({ type: 'status_query', n })
      return at + 4
    }
    return d.unknown(at, 3)
  }
  if (command === 0x05) return d.unknown(at, 3) // DLE ENQ n real-time request
  if (command === 0x14) {
    // DLE DC4 fn …: fn 1 = real-time drawer pulse (m, t × 100 ms on and off)
    if (n === 1) {
      return d.known(at, 5, () => {
        const pin = d.byte(at + 3)
        if (pin > 1) return false
        const ms = d.byte(at + 4) * 100
        d.push({ type: 'pulse', pin: pin === 1 ? 1 : 0, onMs: ms, offMs: ms })
        return true
      })
    }
    if (n === 2) return d.unknown(at, 5) // power off
    if (n === 8) return d.unknown(at, 10) // clear buffers
  }
  return d.unknowable(at)
}
