/**
 * Labels for the label printers shops use for stickers and shelf prices (TSC, Xprinter and their
 * kind), in TSPL: plain-text commands ended by CR LF, positions in dots (203 dpi: 8 dots a mm).
 * Latin text uses the printer's own fonts (TEXT), Khmer and anything else is drawn (BITMAP, where a
 * 0 bit burns), QR codes are the printer's own (QRCODE, exact UTF-8 data), solid areas are BAR and
 * white-on-black is REVERSE, never a picture of black.
 */
import { concatBytes } from '../bytes.ts'
import type { Bitmap } from '../raster.ts'

export const DOTS_PER_MM = 8

/** Built-in bitmap fonts "1"–"5": cell width and height in dots (TSPL manual). */
export const TSPL_FONTS = {
  '1': { width: 8, height: 12 },
  '2': { width: 12, height: 20 },
  '3': { width: 16, height: 24 },
  '4': { width: 24, height: 32 },
  '5': { width: 32, height: 48 },
} as const
export type TsplFont = keyof typeof TSPL_FONTS

export type LabelItem =
  | { kind: 'text'; x: number; y: number; font: TsplFont; scale?: 1 | 2 | 3; text: string }
  | { kind: 'bitmap'; x: number; y: number; bitmap: Bitmap }
  | { kind: 'bar'; x: number; y: number; width: number; height: number }
  | { kind: 'reverse'; x: number; y: number; width: number; height: number }
  | { kind: 'box'; x: number; y: number; width: number; height: number; thickness: number }
  | { kind: 'qr'; x: number; y: number; ecc: 'L' | 'M' | 'Q' | 'H'; cell: number; payload: string }

/** One label: the stock it prints on (mm), what is on it, and how many. */
export interface Label {
  widthMm: number
  heightMm: number
  gapMm: number
  items: LabelItem[]
  copies: number
}

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text)

/** A quoted string: `"` is written `\["]` (TSPL's escape for it). */
function quoted(text: string): string {
  return `"${text.replaceAll('"', '\\["]')}"`
}

/** Text the built-in fonts can print: printable ASCII. */
export function fitsTsplFont(text: string): boolean {
  return /^[\x20-\x7e]*$/.test(text)
}

/** BITMAP data: rows of whole bytes, most significant bit leftmost, 1 = no dot (TSPL burns 0 bits). */
function bitmapData(bitmap: Bitmap): Uint8Array {
  const rowBytes = Math.ceil(bitmap.width / 8)
  const out = new Uint8Array(rowBytes * bitmap.height).fill(0xff)
  for (let y = 0; y < bitmap.height; y++)
    for (let x = 0; x < bitmap.width; x++)
      if (bitmap.bits[y * bitmap.width + x])
        out[y * rowBytes + (x >> 3)] = (out[y * rowBytes + (x >> 3)] ?? 0) & ~(0x80 >> (x & 7))
  return out
}

function item(label: LabelItem): Uint8Array {
  const round = Math.round
  switch (label.kind) {
    case 'text': {
      if (!fitsTsplFont(label.text)) throw new RangeError(`TSPL fonts print ASCII only; draw "${label.text}"`)
      const scale = label.scale ?? 1
      return ascii(
        `TEXT ${round(label.x)},${round(label.y)},"${label.font}",0,${scale},${scale},${quoted(label.text)}\r\n`,
      )
    }
    case 'bitmap': {
      const rowBytes = Math.ceil(label.bitmap.width / 8)
      const head = ascii(`BITMAP ${round(label.x)},${round(label.y)},${rowBytes},${label.bitmap.height},0,`)
      return concatBytes([head, bitmapData(label.bitmap), ascii('\r\n')])
    }
    case 'bar':
      return ascii(`BAR ${round(label.x)},${round(label.y)},${round(label.width)},${round(label.height)}\r\n`)
    case 'reverse':
      return ascii(`REVERSE ${round(label.x)},${round(label.y)},${round(label.width)},${round(label.height)}\r\n`)
    case 'box':
      return ascii(
        `BOX ${round(label.x)},${round(label.y)},${round(label.x + label.width)},${round(label.y + label.height)},${label.thickness}\r\n`,
      )
    case 'qr':
      if (label.payload.includes('"')) throw new RangeError('a QR payload with a double quote cannot be sent to TSPL')
      return concatBytes([
        ascii(`QRCODE ${round(label.x)},${round(label.y)},${label.ecc},${label.cell},A,0,M2,S7,"`),
        new TextEncoder().encode(label.payload), // the data as UTF-8 bytes, as the bank apps read them
        ascii('"\r\n'),
      ])
  }
}

/** The TSPL program for labels: stock, a cleared buffer, what is on the label, PRINT. */
export function encodeLabels(labels: readonly Label[]): Uint8Array {
  const parts: Uint8Array[] = []
  let stock = ''
  for (const label of labels) {
    const size = `SIZE ${label.widthMm} mm,${label.heightMm} mm\r\nGAP ${label.gapMm} mm,0 mm\r\n`
    if (size !== stock) {
      parts.push(ascii(`${size}DIRECTION 1,0\r\nREFERENCE 0,0\r\n`))
      stock = size
    }
    parts.push(ascii('CLS\r\n'))
    for (const entry of label.items) parts.push(item(entry))
    parts.push(ascii(`PRINT ${label.copies},1\r\n`))
  }
  return concatBytes(parts)
}
