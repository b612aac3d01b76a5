/**
 * Reads a TSPL program the way a label printer does and draws each printed label into a bitmap:
 * SIZE, CLS, TEXT (the built-in fonts, drawn with the shipped Latin font in their cells), BITMAP
 * (a 0 bit burns; overwrite, OR, XOR), BAR, BOX, REVERSE, ERASE, QRCODE (the printer's own QR,
 * model 2, from the exact data bytes) and PRINT m,n. Settings that do not change the picture
 * (GAP, DIRECTION, SPEED, DENSITY, CODEPAGE, SET …) are taken and ignored; anything else is kept as
 * unknown. `ESC ! ?` status requests are counted (the virtual printer answers them). Used for label
 * previews and by the virtual label printer in the tests.
 */
import { createCanvas } from '@napi-rs/canvas'
import { create as createQr } from 'qrcode'
import { RECEIPT_FONT_FAMILY, registerReceiptFonts } from '../fonts.ts'
import { DOTS_PER_MM, TSPL_FONTS, type TsplFont } from './encode.ts'

/** One printed label: `bits[y * width + x]` is 1 where it burned. */
export interface PrintedLabel {
  width: number
  height: number
  bits: Uint8Array
}

export interface TsplEvents {
  labels: PrintedLabel[]
  /** `ESC ! ?` requests read, in order. */
  statusRequests: number
  /** Commands the printer did not know, as text. */
  unknown: string[]
}

const IGNORED = new Set([
  'GAP',
  'DIRECTION',
  'REFERENCE',
  'SPEED',
  'DENSITY',
  'CODEPAGE',
  'SET',
  'OFFSET',
  'SHIFT',
  'BLINE',
  'HOME',
  'SOUND',
])

const glyphs = new Map<string, PrintedLabel>()

/** A built-in font's character, drawn once with the shipped Latin font into its cell. */
function glyph(font: TsplFont, character: string): PrintedLabel {
  const key = `${font}:${character}`
  const known = glyphs.get(key)
  if (known) return known
  registerReceiptFonts()
  const cell = TSPL_FONTS[font]
  const canvas = createCanvas(cell.width, cell.height)
  const context = canvas.getContext('2d')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, cell.width, cell.height)
  context.fillStyle = '#000'
  context.font = `bold ${Math.round(cell.height * 0.85)}px ${RECEIPT_FONT_FAMILY}`
  const width = context.measureText(character).width
  const scale = width > cell.width ? cell.width / width : 1
  context.setTransform(scale, 0, 0, 1, (cell.width - width * scale) / 2, Math.round(cell.height * 0.8))
  context.fillText(character, 0, 0)
  const { data } = context.getImageData(0, 0, cell.width, cell.height)
  const bits = new Uint8Array(cell.width * cell.height)
  for (let i = 0; i < bits.length; i++) bits[i] = (data[i * 4] ?? 255) < 128 ? 1 : 0
  const drawn = { width: cell.width, height: cell.height, bits }
  glyphs.set(key, drawn)
  return drawn
}

/** Splits `a,b,"c, d",e` at commas outside quotes; quotes kept. */
function splitArguments(text: string): string[] {
  const out: string[] = []
  let current = ''
  let inQuote = false
  for (const character of text) {
    if (character === '"') inQuote = !inQuote
    if (character === ',' && !inQuote) {
      out.push(current.trim())
      current = ''
    } else current += character
  }
  out.push(current.trim())
  return out
}

const unquote = (text: string): string => text.replace(/^"|"$/g, '').replaceAll('\\["]', '"')

/** A length in dots: `50 mm`, `2` (inches) or `400 dot`. */
function dots(text: string): number {
  const value = Number.parseFloat(text)
  if (/mm/i.test(text)) return Math.round(value * DOTS_PER_MM)
  if (/dot/i.test(text)) return Math.round(value)
  return Math.round(value * 203)
}

export class TsplInterpreter {
  #buffer = new Uint8Array(0)
  #width = 0
  #height = 0
  #image = new Uint8Array(0)

  /** Reads what arrived; returns the labels printed, status requests and unknown commands in it. */
  feed(chunk: Uint8Array): TsplEvents {
    const joined = new Uint8Array(this.#buffer.length + chunk.length)
    joined.set(this.#buffer)
    joined.set(chunk, this.#buffer.length)
    const events: TsplEvents = { labels: [], statusRequests: 0, unknown: [] }
    let at = 0
    for (;;) {
      const used = this.#command(joined, at, events)
      if (used === null) break
      at = used
    }
    this.#buffer = joined.slice(at)
    return events
  }

  /** Reads one command at `at`; the offset after it, or null when it is not complete yet. */
  #command(bytes: Uint8Array, at: number, events: TsplEvents): number | null {
    if (at >= bytes.length) return null
    if (bytes[at] === 0x0d || bytes[at] === 0x0a) return at + 1
    if (bytes[at] === 0x1b) {
      if (at + 3 > bytes.length) return null
      if (bytes[at + 1] === 0x21 && bytes[at + 2] === 0x3f) events.statusRequests++
      else events.unknown.push(`ESC ${String.fromCharCode(bytes[at + 1] ?? 0, bytes[at + 2] ?? 0)}`)
      return at + 3
    }
    const end = bytes.indexOf(0x0a, at)
    const head = new TextDecoder('latin1').decode(bytes.subarray(at, Math.min(bytes.length, at + 64)))
    if (head.startsWith('BITMAP')) return this.#bitmap(bytes, at, events)
    if (end < 0) return null
    const line = bytes.subarray(at, end).at(-1) === 0x0d ? bytes.subarray(at, end - 1) : bytes.subarray(at, end)
    this.#line(line, events)
    return end + 1
  }

  #line(line: Uint8Array, events: TsplEvents): void {
    const text = new TextDecoder('latin1').decode(line)
    const space = text.indexOf(' ')
    const name = (space < 0 ? text : text.slice(0, space)).toUpperCase()
    const rest = space < 0 ? '' : text.slice(space + 1)
    const args = splitArguments(rest)
    const number = (index: number) => Number.parseInt(args[index] ?? '', 10)
    switch (name) {
      case 'SIZE':
        this.#width = dots(args[0] ?? '0')
        this.#height = dots(args[1] ?? '0')
        this.#image = new Uint8Array(this.#width * this.#height)
        return
      case 'CLS':
        this.#image = new Uint8Array(this.#width * this.#height)
        return
      case 'TEXT':
        this.#text(
          number(0),
          number(1),
          unquote(args[2] ?? '') as TsplFont,
          number(4),
          unquote(args.slice(6).join(',')),
          events,
        )
        return
      case 'BAR':
        this.#fill(number(0), number(1), number(2), number(3), () => 1)
        return
      case 'ERASE':
        this.#fill(number(0), number(1), number(2), number(3), () => 0)
        return
      case 'REVERSE':
        this.#fill(number(0), number(1), number(2), number(3), (old) => (old ? 0 : 1))
        return
      case 'BOX': {
        const [x1, y1, x2, y2, t] = [number(0), number(1), number(2), number(3), number(4)]
        this.#fill(x1, y1, x2 - x1, t, () => 1)
        this.#fill(x1, y2 - t, x2 - x1, t, () => 1)
        this.#fill(x1, y1, t, y2 - y1, () => 1)
        this.#fill(x2 - t, y1, t, y2 - y1, () => 1)
        return
      }
      case 'QRCODE':
        this.#qr(line, args, events)
        return
      case 'PRINT': {
        const sets = Math.max(1, number(0) || 1)
        const copies = Math.max(1, number(1) || 1)
        for (let n = 0; n < sets * copies; n++)
          events.labels.push({ width: this.#width, height: this.#height, bits: this.#image.slice() })
        return
      }
      default:
        if (!IGNORED.has(name)) events.unknown.push(text.slice(0, 60))
    }
  }

  #set(x: number, y: number, value: (old: number) => number): void {
    if (x < 0 || y < 0 || x >= this.#width || y >= this.#height) return
    const index = y * this.#width + x
    this.#image[index] = value(this.#image[index] ?? 0)
  }

  #fill(x: number, y: number, width: number, height: number, value: (old: number) => number): void {
    for (let dy = 0; dy < height; dy++) for (let dx = 0; dx < width; dx++) this.#set(x + dx, y + dy, value)
  }

  #text(x: number, y: number, font: TsplFont, scale: number, content: string, events: TsplEvents): void {
    const cell = TSPL_FONTS[font]
    if (!cell) {
      events.unknown.push(`TEXT font ${font}`)
      return
    }
    const times = Math.max(1, scale || 1)
    let left = x
    for (const character of content) {
      const drawn = glyph(font, character)
      for (let gy = 0; gy < drawn.height * times; gy++)
        for (let gx = 0; gx < drawn.width * times; gx++)
          if (drawn.bits[Math.floor(gy / times) * drawn.width + Math.floor(gx / times)])
            this.#set(left + gx, y + gy, () => 1)
      left += cell.width * times
    }
  }

  /** BITMAP x,y,width bytes,height,mode,data: read straight from the bytes (the data may hold CR and LF). */
  #bitmap(bytes: Uint8Array, at: number, events: TsplEvents): number | null {
    let commas = 0
    let dataStart = -1
    for (let i = at; i < bytes.length && i < at + 64; i++) {
      if (bytes[i] === 0x2c && ++commas === 5) {
        dataStart = i + 1
        break
      }
    }
    if (dataStart < 0) return bytes.length - at > 64 ? this.#skipLine(bytes, at, events) : null
    const args = new TextDecoder('latin1')
      .decode(bytes.subarray(at + 7, dataStart - 1))
      .split(',')
      .map(Number)
    const [x = 0, y = 0, rowBytes = 0, height = 0, mode = 0] = args
    const length = rowBytes * height
    if (dataStart + length > bytes.length) return null
    for (let row = 0; row < height; row++) {
      for (let column = 0; column < rowBytes * 8; column++) {
        const burns = ((bytes[dataStart + row * rowBytes + (column >> 3)] ?? 0xff) & (0x80 >> (column & 7))) === 0
        if (mode === 0) this.#set(x + column, y + row, () => (burns ? 1 : 0))
        else if (burns) this.#set(x + column, y + row, (old) => (mode === 2 ? old ^ 1 : 1))
      }
    }
    let next = dataStart + length
    if (bytes[next] === 0x0d) next++
    if (bytes[next] === 0x0a) next++
    return next
  }

  #skipLine(bytes: Uint8Array, at: number, events: TsplEvents): number | null {
    const end = bytes.indexOf(0x0a, at)
    if (end < 0) return null
    events.unknown.push('BITMAP (malformed)')
    return end + 1
  }

  /** QRCODE x,y,ECC,cell,mode,rotation,[M2,S7,]"data": the data bytes are taken as sent (UTF-8 for KHQR). */
  #qr(line: Uint8Array, args: string[], events: TsplEvents): void {
    const first = line.indexOf(0x22)
    const last = line.lastIndexOf(0x22)
    const ecc = args[2] as 'L' | 'M' | 'Q' | 'H'
    const cell = Number.parseInt(args[3] ?? '', 10)
    if (
      first < 0 ||
      last <= first ||
      !['L', 'M', 'Q', 'H'].includes(ecc) ||
      !(cell >= 1 && cell <= 10) ||
      args[5] !== '0'
    ) {
      events.unknown.push('QRCODE (not understood)')
      return
    }
    const data = Buffer.from(line.subarray(first + 1, last))
    const symbol = createQr([{ data, mode: 'byte' }], { errorCorrectionLevel: ecc })
    const x = Number.parseInt(args[0] ?? '', 10)
    const y = Number.parseInt(args[1] ?? '', 10)
    const size = symbol.modules.size
    for (let row = 0; row < size; row++)
      for (let column = 0; column < size; column++)
        if (symbol.modules.get(row, column)) this.#fill(x + column * cell, y + row * cell, cell, cell, () => 1)
  }
}

/** Every label a whole TSPL program prints. */
export function interpretTspl(bytes: Uint8Array): TsplEvents {
  return new TsplInterpreter().feed(bytes)
}
