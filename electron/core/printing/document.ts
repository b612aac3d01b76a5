import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder'
import { create as createQr } from 'qrcode'
import { concatBytes } from './bytes.ts'
import { absolutePosition, alignCommand, feedDots, qrNative, reverseCommand } from './commands.ts'
import { type PictureOutput, PLAIN_PICTURES } from './pictures/session.ts'
import type { PrinterProfile } from './profiles.ts'
import { type Bitmap, needsRaster, renderBandedLine, wrapText } from './raster.ts'

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
  /** A solid black band across the paper with the text reversed out in white (printer text, not a picture of black). */
  | { kind: 'band'; text: string; size: 2 | 3 | 4 }
  | { kind: 'feed'; dots: number }
  | { kind: 'cut' }
  | { kind: 'pulse' }

/** Khmer body text at 24 dots (about 3 mm), large text at 34. */
const RASTER_SIZE = { 1: 24, 2: 34 } as const

/** Font A is 12 dots wide and 24 high per character (at size 1). */
const FONT_A_DOTS = 12
const FONT_A_HEIGHT = 24

export interface EncodeOptions {
  /** How pictures go to the printer: by key once it holds them, or plain raster (the default). */
  pictures?: PictureOutput
}

/**
 * Turns blocks into ESC/POS bytes for a printer profile. Native text (what the code page has: prices,
 * totals, English) goes through the encoder; anything else — Khmer, and Latin the code page lacks —
 * is drawn, wrapped at word boundaries, cropped to its ink and kept a line height apart; QR codes are
 * native `GS ( k` (UTF-8 exact) or, on printers without it, a raster image of the same symbol. Every
 * picture goes through `options.pictures`, which prints it by key where the printer keeps it.
 */
export function encodeDocument(
  blocks: readonly Block[],
  profile: PrinterProfile,
  options: EncodeOptions = {},
): Uint8Array {
  const pictures = options.pictures ?? PLAIN_PICTURES
  const out = new PaperWriter(profile)
  if (pictures.initialize) out.raw(Uint8Array.of(0x1b, 0x40)) // ESC @: a known state, whatever the last job left behind
  const picture = (bitmap: Bitmap, align: Align) => {
    out.raw(alignCommand(align))
    out.raw(pictures.print(bitmap))
    out.raw(alignCommand('left'))
  }
  // NV bit images are whole bytes high: on such a printer every drawn line is, stored or not.
  const heightMultiple = profile.pictures === 'nv-bit-image' ? 8 : 1
  const rasterText = (value: string, align: Align, bold: boolean, size: 1 | 2) => {
    const textOptions = { width: profile.paperDots, size: RASTER_SIZE[size], bold, align }
    for (const line of wrapText(value, textOptions)) {
      const banded = renderBandedLine(line, textOptions, heightMultiple)
      out.feed(banded.above)
      picture(banded.picture, align)
      out.feed(banded.below)
    }
  }
  const native = (value: string) => !needsRaster(value, profile.codepage)
  for (const block of blocks) {
    switch (block.kind) {
      case 'text': {
        const align = block.align ?? 'left'
        // Khmer papers: the Khmer words drawn above the English (a picture the printer keeps).
        if (block.km) rasterText(block.km, align, block.bold ?? false, block.size ?? 1)
        if (block.text === '') break
        if (!native(block.text)) rasterText(block.text, align, block.bold ?? false, block.size ?? 1)
        else out.line(block.text, align, block.bold ?? false, block.size ?? 1)
        break
      }
      case 'pair': {
        const size = block.size ?? 1
        const bold = block.bold ?? false
        // The label's Khmer words drawn above the line; the English label and its figure stay printer text.
        if (block.leftKm) rasterText(block.leftKm, 'left', bold, 1)
        if (native(block.left) && native(block.right)) {
          out.pair(block.left, block.right, bold, size)
          break
        }
        // A drawn label cannot share a line with printer text: the label, then the figure on the
        // next line, still against the right edge.
        if (native(block.left)) out.line(block.left, 'left', bold, size)
        else if (block.left.trim() !== '') rasterText(block.left, 'left', bold, size)
        if (block.right === '') break
        if (native(block.right)) out.line(block.right, 'right', bold, size)
        else rasterText(block.right, 'right', bold, size)
        break
      }
      case 'rule':
        out.line((block.double ? '=' : '-').repeat(profile.columns.A), 'left', false, 1)
        break
      case 'qr': {
        // As large as asked, but never so large that the quiet zone (4 modules each side) leaves the paper.
        const modules = createQr(block.payload, { errorCorrectionLevel: block.ecc }).modules.size
        const moduleSize = Math.max(
          1,
          Math.min(block.moduleSize ?? profile.qrModule.receipt, Math.floor(profile.paperDots / (modules + 8))),
        )
        if (profile.nativeQr) {
          out.raw(alignCommand('center'))
          out.raw(qrNative(block.payload, { moduleSize, ecc: block.ecc }))
          out.raw(alignCommand('left'))
        } else {
          picture(qrBitmap(block.payload, block.ecc, moduleSize), 'center')
        }
        out.feed(4 * moduleSize)
        break
      }
      case 'image':
        picture(block.bitmap, block.align ?? 'left')
        break
      case 'band':
        out.band(block.text, block.size)
        break
      case 'feed':
        out.feed(block.dots)
        break
      case 'cut':
        if (profile.cutter) out.encoder().cut('partial')
        else out.feed(96) // no cutter: feed the slip past the tear bar
        break
      case 'pulse':
        // ESC p m t1 t2: 100 ms on, 200 ms off (the encoder writes t = ms / 2).
        out.encoder().pulse(profile.drawerPin, 100, 200)
        break
    }
  }
  return out.bytes()
}

/**
 * Collects a job's bytes. The encoder lays out lines with spaces and keeps the line it is building;
 * raw bytes pushed into it would join that line. So each run of text gets its own encoder, and raw
 * commands go between runs. Feeds in a row are merged into one.
 */
class PaperWriter {
  readonly #profile: PrinterProfile
  readonly #parts: Uint8Array[] = []
  #encoder: ReceiptPrinterEncoder | null = null
  #pendingFeed = 0

  constructor(profile: PrinterProfile) {
    this.#profile = profile
  }

  encoder(): ReceiptPrinterEncoder {
    this.#flushFeed()
    this.#encoder ??= new ReceiptPrinterEncoder({
      language: 'esc-pos',
      columns: this.#profile.columns.A,
      imageMode: 'raster',
      feedBeforeCut: 4,
      feedAfterBlock: false,
      codepageMapping: 'epson',
    })
    return this.#encoder
  }

  raw(bytes: Uint8Array): void {
    this.#closeEncoder()
    this.#flushFeed()
    this.#parts.push(bytes)
  }

  feed(dots: number): void {
    this.#closeEncoder()
    this.#pendingFeed += Math.max(0, dots)
  }

  line(text: string, align: Align, bold: boolean, size: 1 | 2): void {
    const encoder = this.encoder()
    encoder.align(align).bold(bold).size(size, size)
    encoder.line(text)
    encoder.size(1, 1).bold(false).align('left')
  }

  /** Label left, figure against the right edge by absolute position (ESC $), not by a run of spaces. */
  pair(left: string, right: string, bold: boolean, size: 1 | 2): void {
    const room = Math.floor(this.#profile.columns.A / size)
    const encoder = this.encoder()
    encoder.bold(bold).size(size, size)
    if (right === '') {
      encoder.line(left)
    } else {
      if (left.length + 1 + right.length > room) encoder.line(left)
      else encoder.text(left)
      encoder.raw(absolutePosition(this.#profile.paperDots - right.length * FONT_A_DOTS * size))
      encoder.text(right).newline()
    }
    encoder.size(1, 1).bold(false)
  }

  /** White text in a black band: reversed characters (GS B) at `size`, spaces included, across the line. */
  band(text: string, size: number): void {
    const cells = Math.floor(this.#profile.paperDots / (FONT_A_DOTS * size))
    const padded = text
      .slice(0, cells)
      .padStart(Math.floor((cells + text.length) / 2))
      .padEnd(cells)
    this.raw(alignCommand('center'))
    this.raw(Uint8Array.of(0x1b, 0x33, FONT_A_HEIGHT * size)) // line spacing = the band's height: no white gap
    this.raw(reverseCommand(true))
    const encoder = this.encoder()
    encoder.bold(true).size(size, size)
    encoder.line(padded)
    encoder.size(1, 1).bold(false)
    this.raw(reverseCommand(false))
    this.raw(Uint8Array.of(0x1b, 0x32)) // ESC 2: default line spacing
    this.raw(alignCommand('left'))
  }

  bytes(): Uint8Array {
    this.#closeEncoder()
    this.#flushFeed()
    return concatBytes(this.#parts)
  }

  #closeEncoder(): void {
    if (!this.#encoder) return
    this.#parts.push(this.#encoder.encode())
    this.#encoder = null
  }

  #flushFeed(): void {
    if (this.#pendingFeed === 0) return
    const dots = this.#pendingFeed
    this.#pendingFeed = 0
    this.#parts.push(feedDots(dots))
  }
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
