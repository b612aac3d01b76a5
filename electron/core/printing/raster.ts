import { createCanvas } from '@napi-rs/canvas'
import { fitsCodePage } from './escpos/code-pages.ts'
import { RECEIPT_FONT_FAMILY, registerReceiptFonts } from './fonts.ts'

/** A 1-bit image: `bits[y * width + x]` is 1 for a black dot. */
export interface Bitmap {
  width: number
  height: number
  bits: Uint8Array
}

/** Plain threshold suits text: error diffusion turns anti-aliased glyph edges into speckle (escpos-printing.md §2.5). */
export const TEXT_THRESHOLD = 160

const KHMER = /[\u1780-\u17ff\u19e0-\u19ff]/

/**
 * Text the printer cannot print as text is drawn: Khmer (no printer has a Khmer code page, and Khmer
 * needs shaping) and any character its code page lacks (—, curly quotes, €), which it would print as ?.
 */
export function needsRaster(text: string, codePage = 0): boolean {
  return KHMER.test(text) || !fitsCodePage(text, codePage)
}

export interface TextImageOptions {
  /** Paper width in dots. */
  width: number
  /** Font size in dots (24 is comfortable for Khmer at 203 dpi). */
  size: number
  bold?: boolean
  align?: 'left' | 'center' | 'right'
}

const segmenter = new Intl.Segmenter('km', { granularity: 'word' })

/**
 * Splits text into lines that fit `width` dots, breaking only between words (Intl.Segmenter knows
 * Khmer words, which have no spaces between them); a single word too wide is broken by grapheme.
 */
export function wrapText(text: string, options: TextImageOptions): string[] {
  const context = measuringContext(options)
  const fits = (candidate: string) => context.measureText(candidate).width <= options.width
  const lines: string[] = []
  let current = ''
  for (const { segment } of segmenter.segment(text)) {
    if (fits(current + segment)) {
      current += segment
      continue
    }
    if (current.trim() !== '') lines.push(current.trimEnd())
    current = segment.trimStart()
    while (!fits(current)) {
      const graphemes = [...new Intl.Segmenter('km', { granularity: 'grapheme' }).segment(current)].map(
        (part) => part.segment,
      )
      let head = ''
      while (graphemes.length > 0 && fits(head + (graphemes[0] ?? ''))) head += graphemes.shift()
      if (head === '') head = graphemes.shift() ?? ''
      lines.push(head)
      current = graphemes.join('')
    }
  }
  if (current.trim() !== '') lines.push(current.trimEnd())
  return lines
}

function fontOf(options: TextImageOptions): string {
  return `${options.bold ? 'bold ' : ''}${options.size}px ${RECEIPT_FONT_FAMILY}`
}

function measuringContext(options: TextImageOptions) {
  registerReceiptFonts()
  const context = createCanvas(1, 1).getContext('2d')
  context.font = fontOf(options)
  return context
}

/**
 * Draws one line of text (Khmer shaped by HarfBuzz inside Skia), binarises it at TEXT_THRESHOLD
 * and crops it to its ink on every side, so the printer receives as few bytes as possible; the
 * printer places it (ESC a applies to GS v 0 images), so alignment costs no blank dots.
 */
export function renderTextLine(text: string, options: TextImageOptions): Bitmap {
  return cropToInk(drawLine(text, options))
}

/** Generous room above and below (Khmer stacks vowels and subscripts beyond the font's nominal box). */
const CANVAS_HEIGHT = 2.2
const CANVAS_BASELINE = 1.4

function drawLine(text: string, options: TextImageOptions): Bitmap {
  registerReceiptFonts()
  const height = Math.ceil(options.size * CANVAS_HEIGHT)
  const baseline = Math.ceil(options.size * CANVAS_BASELINE)
  const canvas = createCanvas(options.width, height)
  const context = canvas.getContext('2d')
  context.fillStyle = '#fff'
  context.fillRect(0, 0, options.width, height)
  context.fillStyle = '#000'
  context.font = fontOf(options)
  context.fillText(text, 1, baseline)
  const { data } = context.getImageData(0, 0, options.width, height)
  return threshold(data, options.width, height)
}

/**
 * The height of one line of drawn text, baseline to baseline: room for Khmer's stacked vowels above
 * (1.05 × size) and subscript consonants below (0.55 × size), so wrapped lines never touch
 * (38 dots for 24-dot text, 55 for 34).
 */
export function rasterLineBand(size: number): { above: number; below: number } {
  return { above: Math.round(size * 1.05), below: Math.round(size * 0.55) }
}

/** A drawn line placed in its band: the picture (its ink), and the blank dots of the band above and below it. */
export interface BandedLine {
  picture: Bitmap
  above: number
  below: number
}

/**
 * One line of drawn text as a picture cropped to its ink, with the feeds that keep it in its line
 * band: the printer gets only the ink (fewest bytes), and lines still sit a line height apart.
 * `heightMultiple` (8 for printers whose stored pictures are whole bytes high) grows the picture
 * into the band's blank rows, bottom first, so stored and plain pictures print alike.
 */
export function renderBandedLine(text: string, options: TextImageOptions, heightMultiple = 1): BandedLine {
  const canvas = drawLine(text, options)
  const ink = inkBox(canvas)
  const baseline = Math.ceil(options.size * CANVAS_BASELINE)
  const band = rasterLineBand(options.size)
  const bandTop = baseline - band.above
  const bandBottom = baseline + band.below // exclusive
  if (!ink)
    return { picture: { width: 8, height: 1, bits: new Uint8Array(8) }, above: band.above + band.below - 1, below: 0 }
  let top = ink.top
  let bottom = ink.bottom + 1 // exclusive
  const grow = (bottom - top) % heightMultiple === 0 ? 0 : heightMultiple - ((bottom - top) % heightMultiple)
  const down = Math.min(grow, Math.max(0, bandBottom - bottom), canvas.height - bottom)
  bottom += down
  const up = Math.min(grow - down, top)
  top -= up
  bottom += grow - down - up // beyond the band when it has no room left
  const picture = crop(canvas, { left: ink.left, right: ink.right, top, bottom: bottom - 1 })
  return { picture, above: Math.max(0, top - bandTop), below: Math.max(0, bandBottom - bottom) }
}

function threshold(rgba: Uint8ClampedArray, width: number, height: number): Bitmap {
  const bits = new Uint8Array(width * height)
  for (let i = 0, p = 0; i < bits.length; i++, p += 4) {
    // Integer luma (×1000) of the pixel flattened on white paper.
    const alpha = rgba[p + 3] ?? 255
    const luma =
      ((299 * (rgba[p] ?? 255) + 587 * (rgba[p + 1] ?? 255) + 114 * (rgba[p + 2] ?? 255)) * alpha +
        255_000 * (255 - alpha)) /
      255
    bits[i] = luma < TEXT_THRESHOLD * 1000 ? 1 : 0
  }
  return { width, height, bits }
}

interface Box {
  top: number
  bottom: number
  left: number
  right: number
}

/** The rows and columns that carry ink (inclusive), or null for a blank image. */
function inkBox(image: Bitmap): Box | null {
  let top = image.height
  let bottom = -1
  let left = image.width
  let right = -1
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (image.bits[y * image.width + x]) {
        if (y < top) top = y
        bottom = y
        if (x < left) left = x
        if (x > right) right = x
      }
    }
  }
  return bottom < 0 ? null : { top, bottom, left, right }
}

/** The part of `image` in `box` (rows may reach past the image: blank); the width rounded up to whole bytes. */
function crop(image: Bitmap, box: Box): Bitmap {
  const width = Math.min(image.width, Math.ceil((box.right - box.left + 1) / 8) * 8)
  const height = box.bottom - box.top + 1
  const bits = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    const row = box.top + y
    if (row < 0 || row >= image.height) continue
    const from = row * image.width + box.left
    bits.set(image.bits.subarray(from, from + Math.min(width, image.width - box.left)), y * width)
  }
  return { width, height, bits }
}

/** Drops the blank rows and columns around the ink; the width is rounded up to whole bytes (8 dots). */
export function cropToInk(image: Bitmap): Bitmap {
  const box = inkBox(image)
  return box ? crop(image, box) : { width: 8, height: 1, bits: new Uint8Array(8) }
}

/** `GS v 0` in bands of at most 255 rows (some printers' buffers overflow on one tall image). */
export function rasterCommand(image: Bitmap): Uint8Array {
  const widthBytes = Math.ceil(image.width / 8)
  const bands = Math.ceil(image.height / 255)
  const out = new Uint8Array(bands * 8 + widthBytes * image.height)
  let at = 0
  for (let y0 = 0; y0 < image.height; y0 += 255) {
    const rows = Math.min(255, image.height - y0)
    out.set([0x1d, 0x76, 0x30, 0x00, widthBytes & 0xff, widthBytes >> 8, rows & 0xff, rows >> 8], at)
    at += 8
    for (let y = y0; y < y0 + rows; y++) {
      const row = y * image.width
      for (let x = 0; x < image.width; x++)
        if (image.bits[row + x]) out[at + (x >> 3)] = (out[at + (x >> 3)] ?? 0) | (0x80 >> (x & 7))
      at += widthBytes
    }
  }
  return out
}
