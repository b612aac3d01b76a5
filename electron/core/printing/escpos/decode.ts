/**
 * A small ESC/POS stream decoder for tests, previews and the virtual printers (escpos-printing.md §4):
 * turns the bytes a printer would receive into checkable items — printed text lines, raster images,
 * stored pictures, native QR codes, barcodes, feeds, cuts, drawer pulses, status and memory queries.
 * Every command it does not model is reported as `unknown` with its offset and bytes, never skipped:
 * decoding resumes after it when its length follows from the ESC/POS command format, otherwise the rest
 * of the stream is one unknown item.
 *
 * Read strictly (`checkEscPos`), it also reports every command that is out of spec or would not print as
 * sent: images, codes and lines wider than the paper, positions outside the line, QR data that is not
 * UTF-8 or whose length was counted in characters, text left in the line buffer at a cut or before a
 * graphic, characters the code page lacks, and pictures printed that the printer does not hold.
 *
 * Conventions (Epson TM semantics): dots at 203 dpi, one motion unit = one dot, code pages numbered as
 * Epson's `ESC t` table (the encoder's default `codepageMapping: 'epson'`).
 */
import { DecoderState, NEED_MORE } from './decoder-state.ts'
import { dataLinkEscape, escCommand, fileSeparator } from './esc-commands.ts'
import { groupSeparator } from './gs-commands.ts'
import type { DecodedItem, DecodeOptions, Problem } from './items.ts'

const ESC = 0x1b
const GS = 0x1d
const FS = 0x1c
const DLE = 0x10
const LF = 0x0a
const CR = 0x0d
const HT = 0x09

function step(d: DecoderState, at: number): number {
  const byte = d.byte(at)
  if (at === d.afterQrStore && byte >= 0x80 && byte < 0xc0 && !d.kanji) {
    d.problem(
      'qr_length_short',
      at,
      'the QR data stops inside a character: the store length was counted in characters, not UTF-8 bytes',
    )
  }
  if (byte === LF) {
    d.printLineBuffer(true)
    return at + 1
  }
  if (byte === CR) return at + 1 // ignored without auto line feed (the encoder ends lines with LF CR)
  if (byte === HT) {
    const column = d.runs.reduce((sum, run) => sum + run.text.length, 0)
    d.addText(' '.repeat(8 - (column % 8)), at) // default tab stops every 8 characters
    return at + 1
  }
  if (byte === ESC) return escCommand(d, at)
  if (byte === GS) return groupSeparator(d, at)
  if (byte === FS) return fileSeparator(d, at)
  if (byte === DLE) return dataLinkEscape(d, at)
  if (byte < 0x20) return d.unknown(at, 1)
  if (byte >= 0x80 && d.kanji) {
    if (!d.has(at, 2)) return d.truncated(at)
    d.addText('\ufffd', at)
    return at + 2
  }
  d.addText(d.character(byte, at), at)
  return at + 1
}

function decodeAll(bytes: Uint8Array, options: DecodeOptions): DecoderState {
  const d = new DecoderState(bytes, options)
  let at = 0
  while (at < bytes.length) at = step(d, at)
  d.printLineBuffer(false)
  return d
}

/**
 * Decodes an ESC/POS byte stream into items in stream order. Never throws: malformed or truncated
 * commands become `unknown` items.
 */
export function decodeEscPos(bytes: Uint8Array, options: DecodeOptions = {}): DecodedItem[] {
  return decodeAll(bytes, options).items
}

/** The strict reading: the items, and every problem that would make the paper differ from what was meant. */
export function checkEscPos(
  bytes: Uint8Array,
  options: DecodeOptions = {},
): { items: DecodedItem[]; problems: Problem[] } {
  const d = decodeAll(bytes, options)
  return { items: d.items, problems: d.problems }
}

/** The printed text lines, trailing spaces trimmed (leading alignment padding kept). */
export function decodedText(items: readonly DecodedItem[]): string[] {
  return items.flatMap((item) => (item.type === 'text' ? [item.text.trimEnd()] : []))
}

/**
 * Reads a stream as it arrives, the way a printer does: each complete command is decoded as soon as
 * its last byte is in, a command cut off waits for the rest, and the printer's memory carries over.
 * The virtual printers use it to answer queries in order and to keep what they printed.
 */
export class StreamingDecoder {
  #state: DecoderState
  #buffer = new Uint8Array(4096)
  #length = 0
  #at = 0
  #reported = 0

  constructor(options: DecodeOptions = {}) {
    this.#state = StreamingDecoder.#fresh(options)
  }

  static #fresh(options: DecodeOptions): DecoderState {
    const state = new DecoderState(new Uint8Array(0), options)
    state.final = false
    return state
  }

  /** Everything decoded so far (an image that continues is still being extended). */
  get items(): readonly DecodedItem[] {
    return this.#state.items
  }

  get problems(): readonly Problem[] {
    return this.#state.problems
  }

  /** Takes more bytes and returns the items they completed. Offsets count from the start of the stream. */
  feed(chunk: Uint8Array): DecodedItem[] {
    if (this.#length + chunk.length > this.#buffer.length) {
      const grown = new Uint8Array(Math.max(this.#buffer.length * 2, this.#length + chunk.length))
      grown.set(this.#buffer.subarray(0, this.#length))
      this.#buffer = grown
    }
    this.#buffer.set(chunk, this.#length)
    this.#length += chunk.length
    const d = this.#state
    d.bytes = this.#buffer.subarray(0, this.#length)
    try {
      while (this.#at < this.#length) this.#at = step(d, this.#at)
    } catch (error) {
      if (error !== NEED_MORE) throw error
    }
    const fresh = d.items.slice(this.#reported)
    this.#reported = d.items.length
    return fresh
  }

  /** The printer was switched off and on: modes, the line buffer and any half-read command are gone. */
  restart(options: DecodeOptions): void {
    this.#state = StreamingDecoder.#fresh(options)
    this.#length = 0
    this.#at = 0
    this.#reported = 0
  }
}
