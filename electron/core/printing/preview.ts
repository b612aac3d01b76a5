/**
 * A picture of what the paper would look like for a decoded ESC/POS stream (escpos-printing.md §4):
 * white paper `paperDots` wide at one pixel per dot, native text in the printer's character cells
 * (font A 12×24, font B 9×17, times the GS ! multipliers), raster images 1:1, native QR codes redrawn
 * with `qrcode`, feeds as blank paper. Things that are not ink are annotated so a reviewer sees them:
 * cuts as a dashed line, drawer pulses as a grey note, barcodes as a labelled box, and anything the
 * decoder did not understand as a red band with its bytes. Deterministic: the fonts come from
 * resources/fonts, never from the system, and nothing depends on time.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas'
import { create as createQr } from 'qrcode/lib/core/qrcode.js'
import {
  type BarcodeItem,
  type CutItem,
  DEFAULT_LINE_SPACING,
  type DecodedItem,
  decodeEscPos,
  type PrinterFont,
  type PulseItem,
  type QrItem,
  type RasterItem,
  type TextItem,
  type TextRun,
  type UnknownItem,
} from './decode.ts'
import { fontDirectory } from './fonts.ts'

export interface PreviewOptions {
  /** Printable width in dots: 384 (58 mm), 576 (80 mm) or 512 (80 mm at 180 dpi, Epson TM-T88 class). */
  paperDots: 384 | 576 | 512
  /** Folder holding NotoSans-Regular.ttf and NotoSans-Bold.ttf; default resources/fonts (see fontDirectory). */
  fontDirectory?: string
}

/** Character cells in dots, and where the drawn glyphs sit in them. */
const FONTS: Record<PrinterFont, { width: number; height: number; px: number; baseline: number }> = {
  A: { width: 12, height: 24, px: 22, baseline: 19 },
  B: { width: 9, height: 17, px: 16, baseline: 13 },
}

const INK = '#000000'
const PAPER = '#ffffff'
const NOTE = '#808080'
const ALERT = '#ff0000'
const FAMILY = 'EscPosPreview'
const NOTE_FONT = `14px ${FAMILY}`
const QR_QUIET_MODULES = 4

interface Block {
  height: number
  draw(context: SKRSContext2D, top: number): void
}

/** Renders decoded items as a PNG of the paper. */
export function renderPreview(items: readonly DecodedItem[], options: PreviewOptions): Buffer {
  registerPreviewFonts(options.fontDirectory ?? fontDirectory())
  const paper = options.paperDots
  const measuring = createCanvas(1, 1).getContext('2d')
  const blocks = items.flatMap((item) => layout(item, paper, measuring))
  const height = Math.max(
    1,
    blocks.reduce((sum, block) => sum + block.height, 0),
  )
  const canvas = createCanvas(paper, height)
  const context = canvas.getContext('2d')
  context.fillStyle = PAPER
  context.fillRect(0, 0, paper, height)
  let top = 0
  for (const block of blocks) {
    context.save()
    block.draw(context, top)
    context.restore()
    top += block.height
  }
  return canvas.toBuffer('image/png')
}

/** renderPreview(decodeEscPos(bytes)). */
export function previewPng(
  bytes: Uint8Array,
  paperDots: PreviewOptions['paperDots'],
  options: Omit<PreviewOptions, 'paperDots'> = {},
): Buffer {
  return renderPreview(decodeEscPos(bytes), { ...options, paperDots })
}

const registered = new Set<string>()

function registerPreviewFonts(directory: string): void {
  if (registered.has(directory)) return
  for (const file of ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf']) {
    const path = join(directory, file)
    if (!existsSync(path) || !GlobalFonts.registerFromPath(path, FAMILY)) {
      throw new Error(`cannot load the print preview font ${file} from ${directory}`)
    }
  }
  registered.add(directory)
}

function layout(item: DecodedItem, paper: number, measuring: SKRSContext2D): Block[] {
  switch (item.type) {
    case 'text':
      return textBlocks(item, paper)
    case 'raster':
      return rasterBlocks(item, paper, measuring)
    case 'qr':
      return qrBlocks(item, paper, measuring)
    case 'feed':
      return item.dots > 0 ? [{ height: item.dots, draw: () => {} }] : []
    case 'cut':
      return [cutBlock(item, paper)]
    case 'pulse':
      return [noteBlock(pulseLabel(item))]
    case 'barcode':
      return [barcodeBlock(item, paper)]
    case 'unknown':
      return [alertBlock(unknownLines(item, paper, measuring))]
    case 'init':
    case 'status_query':
    case 'memory_query':
    case 'store':
      return [] // nothing reaches the paper
  }
}

// ---- text

interface Cell {
  character: string
  run: TextRun
  /** Left edge in dots from the left margin (before alignment). */
  x: number
  width: number
  height: number
}

function textBlocks(item: TextItem, paper: number): Block[] {
  const runs: TextRun[] = item.runs ?? [
    {
      text: item.text,
      bold: item.bold,
      underline: item.underline,
      width: item.width,
      height: item.height,
      font: item.font,
      invert: false,
      italic: false,
    },
  ]
  // Characters go left to right; ESC $ positions a run; a full line prints and the rest continues
  // on the next line, as on the printer.
  let row: Cell[] = []
  const rows: Cell[][] = [row]
  let cursor = 0
  for (const run of runs) {
    const width = FONTS[run.font].width * run.width
    const height = FONTS[run.font].height * run.height
    if (run.x !== undefined && run.x + width <= paper) cursor = run.x // out of the print area: ignored
    for (const character of run.text) {
      if (row.length > 0 && cursor + width > paper) {
        row = []
        rows.push(row)
        cursor = 0
      }
      row.push({ character, run, x: cursor, width, height })
      cursor += width
    }
  }
  const spacing = item.lineSpacing ?? DEFAULT_LINE_SPACING
  return rows.map((cells) => {
    const charHeight =
      cells.length > 0 ? Math.max(...cells.map((cell) => cell.height)) : FONTS[item.font].height * item.height
    const width = Math.max(0, ...cells.map((cell) => cell.x + cell.width))
    return {
      height: Math.max(spacing, charHeight),
      draw: (context, top) => {
        const left = alignedX(item.align, width, paper)
        // characters of different heights share the bottom of the line
        for (const cell of cells) drawCell(context, cell, left + cell.x, top + charHeight - cell.height)
      },
    }
  })
}

function drawCell(context: SKRSContext2D, cell: Cell, x: number, top: number): void {
  const { run, width, height } = cell
  if (run.invert) {
    context.fillStyle = INK
    context.fillRect(x, top, width, height)
  }
  context.fillStyle = run.invert ? PAPER : INK
  if (!drawGraphicCharacter(context, cell.character, x, top, width, height) && cell.character.trim() !== '') {
    const font = FONTS[run.font]
    context.font = `${run.bold ? 'bold ' : ''}${font.px * run.height}px ${FAMILY}`
    const natural = context.measureText(cell.character).width
    if (natural > 0) {
      // monospace look: the glyph is stretched with the width multiplier and squeezed into its cell
      let scale = run.width / run.height
      const room = width - run.width
      if (natural * scale > room) scale = room / natural
      context.setTransform(
        scale,
        0,
        run.italic ? -0.2 : 0,
        1,
        x + (width - natural * scale) / 2,
        top + font.baseline * run.height,
      )
      context.fillText(cell.character, 0, 0)
      context.resetTransform()
    }
  }
  if (run.underline) context.fillRect(x, top + height - 2, width, 2)
}

/**
 * Box-drawing arms per character: up, right, down, left; 1 single, 2 double (rounded corners drawn
 * square). The code pages' line and block characters are drawn as shapes so rules and boxes join up
 * whatever the font has.
 */
const BOX_ARMS: Record<string, string> = {
  '─': '0101',
  '│': '1010',
  '┌': '0110',
  '┐': '0011',
  '└': '1100',
  '┘': '1001',
  '├': '1110',
  '┤': '1011',
  '┬': '0111',
  '┴': '1101',
  '┼': '1111',
  '═': '0202',
  '║': '2020',
  '╔': '0220',
  '╗': '0022',
  '╚': '2200',
  '╝': '2002',
  '╠': '2220',
  '╣': '2022',
  '╦': '0222',
  '╩': '2202',
  '╬': '2222',
  '╒': '0210',
  '╓': '0120',
  '╕': '0012',
  '╖': '0021',
  '╘': '1200',
  '╙': '2100',
  '╛': '1002',
  '╜': '2001',
  '╞': '1210',
  '╟': '2120',
  '╡': '1012',
  '╢': '2021',
  '╤': '0212',
  '╥': '0121',
  '╧': '1202',
  '╨': '2101',
  '╪': '1212',
  '╫': '2121',
  '╭': '0110',
  '╮': '0011',
  '╯': '1001',
  '╰': '1100',
}

/** Shades: which dots of a 2×2 tile are inked. */
const SHADES: Record<string, (x: number, y: number) => boolean> = {
  '░': (x, y) => x % 2 === 0 && y % 2 === 0,
  '▒': (x, y) => (x + y) % 2 === 0,
  '▓': (x, y) => !(x % 2 === 1 && y % 2 === 1),
}

function drawGraphicCharacter(
  context: SKRSContext2D,
  character: string,
  x: number,
  top: number,
  width: number,
  height: number,
): boolean {
  const arms = BOX_ARMS[character]
  if (arms) {
    const cx = x + Math.floor(width / 2)
    const cy = top + Math.floor(height / 2)
    const [up, right, down, left] = Array.from(arms, Number)
    const lines = (weight: number | undefined) => (weight === 2 ? [-3, 1] : weight === 1 ? [-1] : [])
    // each arm reaches past the centre just far enough to meet the lines across it
    const reachX = up === 2 || down === 2 ? 3 : 1
    const reachY = left === 2 || right === 2 ? 3 : 1
    for (const offset of lines(up)) context.fillRect(cx + offset, top, 2, cy - top + reachY)
    for (const offset of lines(down)) context.fillRect(cx + offset, cy - reachY, 2, top + height - cy + reachY)
    for (const offset of lines(left)) context.fillRect(x, cy + offset, cx - x + reachX, 2)
    for (const offset of lines(right)) context.fillRect(cx - reachX, cy + offset, x + width - cx + reachX, 2)
    return true
  }
  const shade = SHADES[character]
  if (shade) {
    for (let dy = 0; dy < height; dy++)
      for (let dx = 0; dx < width; dx++) if (shade(dx, dy)) context.fillRect(x + dx, top + dy, 1, 1)
    return true
  }
  const halfWidth = Math.floor(width / 2)
  const halfHeight = Math.floor(height / 2)
  switch (character) {
    case '█':
      context.fillRect(x, top, width, height)
      return true
    case '▀':
      context.fillRect(x, top, width, halfHeight)
      return true
    case '▄':
      context.fillRect(x, top + halfHeight, width, height - halfHeight)
      return true
    case '▌':
      context.fillRect(x, top, halfWidth, height)
      return true
    case '▐':
      context.fillRect(x + halfWidth, top, width - halfWidth, height)
      return true
    case '■':
      context.fillRect(
        x + Math.floor(width / 5),
        top + Math.floor(height / 3),
        width - 2 * Math.floor(width / 5),
        width - 2 * Math.floor(width / 5),
      )
      return true
    case '\ufffd': // a byte the code page has no character for: an empty box
      context.fillRect(x + 1, top + 4, width - 2, 1)
      context.fillRect(x + 1, top + height - 3, width - 2, 1)
      context.fillRect(x + 1, top + 4, 1, height - 6)
      context.fillRect(x + width - 2, top + 4, 1, height - 6)
      return true
    default:
      return false
  }
}

// ---- images and codes

function rasterBlocks(item: RasterItem, paper: number, measuring: SKRSContext2D): Block[] {
  const image: Block = {
    height: item.height,
    draw: (context, top) => {
      const pixels = context.createImageData(item.width, item.height)
      pixels.data.fill(255)
      item.bits.forEach((bit, index) => {
        if (bit) pixels.data.fill(0, index * 4, index * 4 + 3)
      })
      context.putImageData(pixels, item.width > paper ? 0 : alignedX(item.align, item.width, paper), top)
    },
  }
  if (item.width <= paper) return [image]
  return [
    image,
    alertBlock(wrapNote(`image ${item.width} dots wide does not fit ${paper}-dot paper`, paper, measuring)),
  ]
}

function qrBlocks(item: QrItem, paper: number, measuring: SKRSContext2D): Block[] {
  let modules: { size: number; data: Uint8Array }
  try {
    modules = createQr(item.payload, { errorCorrectionLevel: item.ecc }).modules
  } catch (error) {
    return [alertBlock(wrapNote(`QR cannot be drawn: ${(error as Error).message}`, paper, measuring))]
  }
  const module = item.moduleSize
  const side = modules.size * module
  const quiet = QR_QUIET_MODULES * module
  const left =
    side > paper
      ? Math.floor((paper - side) / 2)
      : item.align === 'center'
        ? Math.floor((paper - side) / 2)
        : item.align === 'right'
          ? Math.max(0, paper - quiet - side)
          : Math.min(quiet, paper - side)
  const blocks: Block[] = [
    {
      height: side + 2 * quiet,
      draw: (context, top) => {
        context.fillStyle = INK
        for (let row = 0; row < modules.size; row++) {
          for (let column = 0; column < modules.size; column++) {
            if (modules.data[row * modules.size + column]) {
              context.fillRect(left + column * module, top + quiet + row * module, module, module)
            }
          }
        }
      },
    },
  ]
  if (item.model !== 2) blocks.push(noteBlock(`QR model ${item.model} on paper; drawn here as model 2`))
  if (side > paper) {
    blocks.push(alertBlock(wrapNote(`QR ${side} dots wide does not fit ${paper}-dot paper`, paper, measuring)))
  }
  return blocks
}

function barcodeBlock(item: BarcodeItem, paper: number): Block {
  return {
    height: 40,
    draw: (context, top) => {
      context.strokeStyle = NOTE
      context.lineWidth = 1
      context.strokeRect(0.5, top + 4.5, paper - 1, 31)
      context.fillStyle = NOTE
      context.font = NOTE_FONT
      context.fillText(`barcode (GS k ${item.symbology}): ${item.data}`, 6, top + 25)
    },
  }
}

// ---- annotations

function cutBlock(item: CutItem, paper: number): Block {
  const label = item.partial ? 'partial cut' : 'cut'
  return {
    height: 24,
    draw: (context, top) => {
      context.strokeStyle = NOTE
      context.lineWidth = 1
      context.setLineDash([8, 4])
      context.beginPath()
      context.moveTo(0, top + 12.5)
      context.lineTo(paper, top + 12.5)
      context.stroke()
      context.setLineDash([])
      context.font = NOTE_FONT
      const width = Math.ceil(context.measureText(label).width)
      context.fillStyle = PAPER
      context.fillRect(8, top + 2, width + 8, 20)
      context.fillStyle = NOTE
      context.fillText(label, 12, top + 17)
    },
  }
}

function pulseLabel(item: PulseItem): string {
  return `drawer pulse, pin ${item.pin === 0 ? '2' : '5'} (m=${item.pin}): ${item.onMs} ms on, ${item.offMs} ms off`
}

function noteBlock(text: string): Block {
  return {
    height: 20,
    draw: (context, top) => {
      context.fillStyle = NOTE
      context.font = NOTE_FONT
      context.fillText(text, 4, top + 15)
    },
  }
}

function alertBlock(lines: string[]): Block {
  return {
    height: 6 + 16 * lines.length,
    draw: (context, top) => {
      context.fillStyle = ALERT
      context.fillRect(0, top + 1, context.canvas.width, 4 + 16 * lines.length)
      context.fillStyle = PAPER
      context.font = NOTE_FONT
      lines.forEach((line, index) => {
        context.fillText(line, 4, top + 16 + 16 * index)
      })
    },
  }
}

/** At most three lines: a title, then as much of the hex as fits. */
function unknownLines(item: UnknownItem, paper: number, measuring: SKRSContext2D): string[] {
  const title = `unknown command at byte ${item.offset} (${item.bytes.length} byte${item.bytes.length === 1 ? '' : 's'}):`
  const hex = item.bytes.map((byte) => byte.toString(16).padStart(2, '0'))
  return [title, ...wrapWords(hex, paper, measuring, 2)]
}

function wrapNote(text: string, paper: number, measuring: SKRSContext2D): string[] {
  return wrapWords(text.split(' '), paper, measuring, 3)
}

function wrapWords(words: string[], paper: number, measuring: SKRSContext2D, maxLines: number): string[] {
  measuring.font = NOTE_FONT
  const fits = (line: string[]) => measuring.measureText(line.join(' ')).width <= paper - 8
  const lines: string[][] = []
  let next = 0
  while (next < words.length && lines.length < maxLines) {
    const line = [words[next++] ?? '']
    while (next < words.length && fits([...line, words[next] ?? ''])) line.push(words[next++] ?? '')
    lines.push(line)
  }
  const last = lines[lines.length - 1]
  if (last && next < words.length) {
    const marker = () => `… (${words.length - next} more)`
    while (last.length > 1 && !fits([...last, marker()])) {
      last.pop()
      next--
    }
    last.push(marker())
  }
  return lines.map((line) => line.join(' '))
}

function alignedX(align: TextItem['align'], width: number, paper: number): number {
  if (align === 'center') return Math.floor((paper - width) / 2)
  if (align === 'right') return paper - width
  return 0
}
