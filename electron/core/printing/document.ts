import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder'
import { create as createQr } from 'qrcode'
import { absolutePosition, alignCommand, feedDots, qrNative } from './commands.ts'
import type { PrinterProfile } from './profiles.ts'
import { type Bitmap, needsRaster, rasterCommand, renderTextLine, wrapText } from './raster.ts'

export type Align = 'left' | 'center' | 'right'

/** What a slip is made of, before it becomes printer bytes. Layouts build these; encodeDocument prints them. */
export type Block =
  /** `km`: the Khmer words, printed above the English `text` (Khmer papers, Instruction 1127). */
  | { kind: 'text'; text: string; km?: string; align?: Align; bold?: boolean; size?: 1 | 2 }
  /**
   * A label on the left and a figure on the right of one line, as on every receipt. `leftKm`: the
   * label's Khmer words, printed above the line, so the figure stays printer text at the right edge.
   */
  | { kind: 'pair'; left: string; leftKm?: string; right: string; bold?: boolean; size?: 1 | 2 }
  | { kind: 'rule'; double?: boolean }
  | { kind: 'qr'; payload: string; ecc: 'M' | 'Q'; moduleSize?: number }
  | { kind: 'image'; bitmap: Bitmap; align?: Align }
  | { kind: 'feed'; dots: number }
  | { kind: 'cut' }
  | { kind: 'pulse' }

/** Khmer body text at 24 dots (about 3 mm), large text at 34. */
const RASTER_SIZE = { 1: 24, 2: 34 } as const

/** Font A is 12 dots wide per character (at size 1). */
const FONT_A_DOTS = 12

/**
 * Turns blocks into ESC/POS bytes for a printer profile. Native text (ASCII: prices, totals,
 * English) goes through the encoder; anything with Khmer is drawn, wrapped at word boundaries and
 * sent as a cropped raster image; QR codes are native `GS ( k` (UTF-8 exact) or, on printers
 * without it, a raster image of the same symbol.
 */
export function encodeDocument(blocks: readonly Block[], profile: PrinterProfile): Uint8Array {
  const columns = profile.columns.A
  const parts: Uint8Array[] = []
  // The encoder lays out lines with spaces and keeps the line it is building; raw bytes pushed into
  // it would join that line. So each run of text gets its own encoder, and raw blocks go between runs.
  let encoder: ReceiptPrinterEncoder | null = null
  const text = (): ReceiptPrinterEncoder => {
    encoder ??= new ReceiptPrinterEncoder({
      language: 'esc-pos',
      columns,
      imageMode: 'raster',
      feedBeforeCut: 4,
      feedAfterBlock: false,
      codepageMapping: 'epson',
    })
    return encoder
  }
  const raw = (bytes: Uint8Array) => {
    if (encoder) parts.push(encoder.encode())
    encoder = null
    parts.push(bytes)
  }
  raw(Uint8Array.of(0x1b, 0x40)) // ESC @: a known state, whatever the last job left behind
  const image = (bitmap: Bitmap, align: Align) => {
    raw(alignCommand(align))
    raw(rasterCommand(bitmap))
    raw(alignCommand('left'))
  }
  const rasterText = (value: string, align: Align, bold: boolean, size: 1 | 2) => {
    const options = { width: profile.paperDots, size: RASTER_SIZE[size], bold, align }
    for (const line of wrapText(value, options)) image(renderTextLine(line, options), align)
  }
  for (const block of blocks) {
    switch (block.kind) {
      case 'text': {
        const align = block.align ?? 'left'
        if (block.km) rasterText(block.km, align, block.bold ?? false, block.size ?? 1)
        if (block.text === '') break
        if (needsRaster(block.text)) {
          rasterText(block.text, align, block.bold ?? false, block.size ?? 1)
          break
        }
        text()
          .align(align)
          .bold(block.bold ?? false)
          .size(block.size ?? 1, block.size ?? 1)
        text().line(block.text)
        text().size(1, 1).bold(false).align('left')
        break
      }
      case 'pair': {
        const size = block.size ?? 1
        if (block.leftKm) rasterText(block.leftKm, 'left', block.bold ?? false, 1)
        if (needsRaster(block.left) || needsRaster(block.right)) {
          rasterText(`${block.left}  ${block.right}`, 'left', block.bold ?? false, size)
          break
        }
        const room = Math.floor(columns / size)
        text()
          .bold(block.bold ?? false)
          .size(size, size)
        if (block.left.length + 1 + block.right.length > room) {
          text().line(block.left)
          text().text(' '.repeat(Math.max(0, room - block.right.length)))
        } else {
          text().text(block.left)
        }
        // The figure goes to the right edge by absolute position (ESC $), not by a run of spaces.
        text().raw(absolutePosition(profile.paperDots - block.right.length * FONT_A_DOTS * size))
        text().text(block.right).newline()
        text().size(1, 1).bold(false)
        break
      }
      case 'rule':
        text().line((block.double ? '=' : '-').repeat(columns))
        break
      case 'qr': {
        // As large as asked, but never so large that the quiet zone (4 modules each side) leaves the paper.
        const modules = createQr(block.payload, { errorCorrectionLevel: block.ecc }).modules.size
        const moduleSize = Math.max(
          1,
          Math.min(block.moduleSize ?? profile.qrModule.receipt, Math.floor(profile.paperDots / (modules + 8))),
        )
        if (profile.nativeQr) {
          raw(alignCommand('center'))
          raw(qrNative(block.payload, { moduleSize, ecc: block.ecc }))
          raw(alignCommand('left'))
        } else {
          image(qrBitmap(block.payload, block.ecc, moduleSize), 'center')
        }
        raw(feedDots(4 * moduleSize))
        break
      }
      case 'image':
        image(block.bitmap, block.align ?? 'left')
        break
      case 'feed':
        raw(feedDots(block.dots))
        break
      case 'cut':
        if (profile.cutter) text().cut('partial')
        else raw(feedDots(96)) // no cutter: feed the slip past the tear bar
        break
      case 'pulse':
        // ESC p m t1 t2: 100 ms on, 200 ms off (the encoder writes t = ms / 2).
        text().pulse(profile.drawerPin, 100, 200)
        break
    }
  }
  if (encoder) parts.push((encoder as ReceiptPrinterEncoder).encode())
  const total = parts.reduce((sum, part) => sum + part.length, 0)
  const out = new Uint8Array(total)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** The raster fallback for printers without native QR: the same symbol, module by module, with a 4-module quiet zone. */
export function qrBitmap(payload: string, ecc: 'M' | 'Q', moduleSize: number): Bitmap {
  const symbol = createQr(payload, { errorCorrectionLevel: ecc })
  const modules = symbol.modules.size
  const quiet = 4
  // Whole bytes across, so the image is exactly as wide as it is tall (the quiet zone grows a little).
  const width = Math.ceil(((modules + 2 * quiet) * moduleSize) / 8) * 8
  const offset = Math.floor((width - modules * moduleSize) / 2)
  const bits = new Uint8Array(width * width)
  for (let row = 0; row < modules; row++) {
    for (let column = 0; column < modules; column++) {
      if (!symbol.modules.get(row, column)) continue
      for (let dy = 0; dy < moduleSize; dy++) {
        const y = offset + row * moduleSize + dy
        bits.fill(1, y * width + offset + column * moduleSize, y * width + offset + (column + 1) * moduleSize)
      }
    }
  }
  return { width, height: width, bits }
}
