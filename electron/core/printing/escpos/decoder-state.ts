/**
 * The state a printer keeps while it reads a stream — print modes, alignment, the line buffer, code
 * page, QR settings, its picture memory — and the bookkeeping every command handler shares: items
 * out, problems found, and how a command of a known (or unknowable) length is consumed.
 */
import { characterOf } from './code-pages.ts'
import {
  type Align,
  type DecodedItem,
  type DecodeOptions,
  emptyMemory,
  type PrinterFont,
  type PrinterMemory,
  type Problem,
  type ProblemCode,
  type QrItem,
  type RasterItem,
  type TextRun,
  type Understands,
} from './items.ts'

/** ESC 2: the default line spacing, in dots. */
export const DEFAULT_LINE_SPACING = 30

/** Character cell widths in dots (font A 12×24, font B 9×17), before the width multiplier. */
export const CELL_WIDTH: Record<PrinterFont, number> = { A: 12, B: 9 }

/** Height in dots of the strip one ESC * command prints (8-dot modes are printed at a third of the density). */
export const COLUMN_STRIP_DOTS = 24

/** The print modes in force: a run's attributes, with double-strike kept apart from emphasis. */
type Style = Omit<TextRun, 'text' | 'x'> & { doubleStrike: boolean }

const DEFAULT_STYLE: Readonly<Style> = {
  bold: false,
  doubleStrike: false,
  underline: false,
  width: 1,
  height: 1,
  font: 'A',
  invert: false,
  italic: false,
}

/** Where a raster piece came from: only pieces of the same kind are merged into one image. */
export type RasterSource = 'GS v 0' | 'ESC *' | 'stored'

export interface QrSettings {
  model: number
  size: number
  ecc: QrItem['ecc']
  data: Uint8Array | null
  /** Offset of the store command, for problems found when the symbol prints. */
  storedAt: number
}

export function defaultQr(): QrSettings {
  return { model: 2, size: 3, ecc: 'L', data: null, storedAt: -1 }
}

/** Thrown in streaming mode when a command is not complete yet: the caller waits for more bytes. */
export const NEED_MORE = Symbol('need more bytes')

const ALL_UNDERSTOOD: Understands = { nativeQr: true, downloadGraphics: true, nvGraphics: true, nvBitImage: true }

export class DecoderState {
  bytes: Uint8Array
  /** False while streaming: a command cut off by the end of the bytes waits for more instead of being unknown. */
  final = true
  readonly items: DecodedItem[] = []
  readonly problems: Problem[] = []
  readonly paperDots: number | null
  readonly memory: PrinterMemory
  readonly understands: Understands
  align: Align = 'left'
  style: Style = { ...DEFAULT_STYLE }
  lineSpacing = DEFAULT_LINE_SPACING
  codePage = 0
  /** FS &: bytes 0x80–0xFF start two-byte (Kanji/Chinese) characters. */
  kanji = false
  qr: QrSettings = defaultQr()
  /** Offset just after the last QR store, to notice a store whose length fell short of its data. */
  afterQrStore = -1
  /** The line buffer: text runs, and the strip of ESC * column images waiting for the LF that prints them. */
  runs: TextRun[] = []
  /** Print position on the current line in dots, and a position set by ESC $ / ESC \ for the next run. */
  lineX = 0
  movedTo: number | null = null
  /** Offset of the first byte of the line being built (for problems about it). */
  lineStart = -1
  strip: { width: number; bits: Uint8Array } | null = null
  /** The last item, when it is a raster that the next piece of the same image may extend. */
  openRaster: { item: RasterItem; source: RasterSource } | null = null

  constructor(bytes: Uint8Array, options: DecodeOptions = {}) {
    this.bytes = bytes
    this.paperDots = options.paperDots ?? null
    this.memory = options.memory ?? emptyMemory()
    this.understands = { ...ALL_UNDERSTOOD, ...options.understands }
  }

  byte(at: number): number {
    return this.bytes[at] ?? 0
  }

  has(at: number, length: number): boolean {
    return at + length <= this.bytes.length
  }

  problem(code: ProblemCode, offset: number, message: string): void {
    this.problems.push({ code, offset, message })
  }

  push(item: DecodedItem): void {
    this.items.push(item)
    this.openRaster = null
  }

  /** ESC @: modes back to their power-on values (the picture memory is kept). */
  initialize(at: number): void {
    if (this.runs.some((run) => run.text.trim() !== '') || this.strip) {
      this.problem('text_lost_at_init', at, 'ESC @ discards text that was never printed (no LF before it)')
    }
    this.printLineBuffer(false)
    this.align = 'left'
    this.style = { ...DEFAULT_STYLE }
    this.lineSpacing = DEFAULT_LINE_SPACING
    this.codePage = 0
    this.kanji = false
    this.qr = defaultQr()
  }

  /** A command of `length` bytes whose last byte is its argument; `apply` returns false for values it does not model. */
  withArgument(at: number, length: number, apply: (n: number) => boolean): number {
    return this.known(at, length, () => apply(this.byte(at + length - 1)))
  }

  /** A command of known length: applied, or reported as unknown when `apply` does not model it. */
  known(at: number, length: number, apply: () => boolean): number {
    if (!this.has(at, length)) return this.truncated(at)
    return apply() ? at + length : this.unknown(at, length)
  }

  /** x pL pH … commands (ESC (, GS (, FS (): 5 + pL + 256 pH bytes. */
  unknownCounted(at: number): number {
    if (!this.has(at, 5)) return this.truncated(at)
    return this.unknown(at, 5 + (this.byte(at + 3) | (this.byte(at + 4) << 8)))
  }

  unknown(at: number, length: number): number {
    if (!this.has(at, length)) return this.truncated(at)
    this.push({ type: 'unknown', offset: at, bytes: Array.from(this.bytes.subarray(at, at + length)) })
    return at + length
  }

  /** The stream ends inside this command: unknown when the stream is complete, wait for more while streaming. */
  truncated(at: number): number {
    if (!this.final) throw NEED_MORE
    return this.unknown(at, this.bytes.length - at)
  }

  /**
   * A command whose length cannot be known. A complete stream cannot be read past it (the rest is
   * one unknown item); while streaming, the printer skips the two command bytes and reads on.
   */
  unknowable(at: number): number {
    if (this.final) return this.unknown(at, this.bytes.length - at)
    if (!this.has(at, 2)) throw NEED_MORE
    return this.unknown(at, 2)
  }

  /** Text is waiting in the line buffer: a command that needs the beginning of a line would not print as sent. */
  textPending(): boolean {
    return this.runs.some((run) => run.text.length > 0)
  }

  /** Before a graphic, code or cut: reports text left in the line buffer, which a printer drops or mixes in. */
  expectLineStart(at: number, what: string): void {
    if (!this.textPending()) return
    const pending = this.runs.map((run) => run.text).join('')
    const code = what === 'cut' ? 'text_at_cut' : 'text_before_graphic'
    this.problem(code, at, `${what} with "${pending.slice(0, 40)}" still in the line buffer (no LF before it)`)
  }

  character(byte: number, at: number): string {
    const character = characterOf(this.codePage, byte)
    if (character === '\ufffd') {
      this.problem(
        'character_not_in_code_page',
        at,
        `byte 0x${byte.toString(16)} has no character in code page ${this.codePage}`,
      )
    }
    return character
  }

  /** ESC $ / ESC \: spaces stand for the gap in the text; the next run records the exact position. */
  moveTo(x: number, at: number): void {
    if (this.paperDots !== null && x >= this.paperDots) {
      this.problem('position_outside_line', at, `print position ${x} is outside the ${this.paperDots}-dot line`)
    }
    this.noteLineStart(at)
    const cell = CELL_WIDTH[this.style.font] * this.style.width
    const gap = Math.round((x - this.lineX) / cell)
    if (gap > 0) {
      this.runs.push({
        text: ' '.repeat(gap),
        bold: false,
        underline: false,
        width: this.style.width,
        height: this.style.height,
        font: this.style.font,
        invert: false,
        italic: false,
      })
    }
    this.lineX = x
    this.movedTo = x
  }

  noteLineStart(at: number): void {
    if (this.lineStart < 0) this.lineStart = at
  }

  addText(text: string, at: number): void {
    this.noteLineStart(at)
    const style = this.style
    const bold = style.bold || style.doubleStrike
    this.lineX += CELL_WIDTH[style.font] * style.width * text.length
    const last = this.runs[this.runs.length - 1]
    const movedTo = this.movedTo
    this.movedTo = null
    if (
      movedTo === null &&
      last &&
      last.bold === bold &&
      last.underline === style.underline &&
      last.width === style.width &&
      last.height === style.height &&
      last.font === style.font &&
      last.invert === style.invert &&
      last.italic === style.italic
    ) {
      last.text += text
      return
    }
    this.runs.push({
      text,
      bold,
      underline: style.underline,
      width: style.width,
      height: style.height,
      font: style.font,
      invert: style.invert,
      italic: style.italic,
      ...(movedTo === null ? {} : { x: movedTo }),
    })
  }

  /**
   * Prints the line buffer: column-image strips become (part of) a raster, text becomes a text item.
   * `lineFeed` (LF) prints a line even when the buffer is empty, which is a blank line on paper.
   */
  printLineBuffer(lineFeed: boolean): void {
    const strip = this.strip
    const runs = this.runs
    const lineWidth = this.lineX
    const lineStart = this.lineStart
    this.strip = null
    this.runs = []
    this.lineX = 0
    this.movedTo = null
    this.lineStart = -1
    if (strip) {
      this.addRaster('ESC *', strip.width, COLUMN_STRIP_DOTS, strip.bits, lineStart)
      // LF after a strip advances by the line spacing; the encoder sets it to 24 so the strips join
      if (lineFeed && runs.length === 0 && this.lineSpacing > COLUMN_STRIP_DOTS) {
        this.push({ type: 'feed', dots: this.lineSpacing - COLUMN_STRIP_DOTS })
      }
    }
    if (runs.length === 0 && !(lineFeed && !strip)) return
    const inked = runs.filter((run) => run.text.trim() !== '')
    if (this.paperDots !== null && inked.length > 0 && this.inkedWidth(runs) > this.paperDots) {
      this.problem(
        'line_too_wide',
        lineStart,
        `a line ${lineWidth} dots long does not fit ${this.paperDots}-dot paper: it wraps on paper`,
      )
    }
    const style = this.style
    const basis = inked.length > 0 ? inked : runs
    const first = basis[0]
    this.push({
      type: 'text',
      text: runs.map((run) => run.text).join(''),
      align: this.align,
      bold: first ? basis.some((run) => run.bold) : style.bold || style.doubleStrike,
      underline: first ? basis.some((run) => run.underline) : style.underline,
      width: first ? Math.max(...basis.map((run) => run.width)) : style.width,
      height: first ? Math.max(...basis.map((run) => run.height)) : style.height,
      font: first ? first.font : style.font,
      runs,
      lineSpacing: this.lineSpacing,
    })
  }

  /** Where the last inked character ends, in dots (trailing spaces do not print). */
  private inkedWidth(runs: TextRun[]): number {
    let x = 0
    let end = 0
    for (const run of runs) {
      if (run.x !== undefined) x = run.x
      const cell = CELL_WIDTH[run.font] * run.width
      for (const character of run.text) {
        x += cell
        if (character !== ' ') end = x
      }
    }
    return end
  }

  addRaster(
    source: RasterSource,
    width: number,
    height: number,
    bits: Uint8Array,
    at: number,
    stored?: RasterItem['stored'],
  ): void {
    if (this.paperDots !== null && width > this.paperDots) {
      this.problem('image_too_wide', at, `an image ${width} dots wide does not fit ${this.paperDots}-dot paper`)
    }
    const open = this.openRaster
    if (!stored && open && open.source === source && open.item.width === width && open.item.align === this.align) {
      const joined = new Uint8Array(open.item.bits.length + bits.length)
      joined.set(open.item.bits)
      joined.set(bits, open.item.bits.length)
      open.item.bits = joined
      open.item.height += height
      return
    }
    const item: RasterItem = { type: 'raster', width, height, bits, align: this.align, ...(stored ? { stored } : {}) }
    this.push(item)
    this.openRaster = stored ? null : { item, source }
  }
}

/** Scale factors of a print mode 0–3 / 48–51 (bit 0 double width, bit 1 double height); null when invalid. */
export function printScale(mode: number): { x: number; y: number } | null {
  const scale = mode <= 3 ? mode : mode >= 0x30 && mode <= 0x33 ? mode - 0x30 : -1
  if (scale < 0) return null
  return { x: scale & 1 ? 2 : 1, y: scale & 2 ? 2 : 1 }
}
