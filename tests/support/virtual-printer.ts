/**
 * A virtual ESC/POS printer on the printer end of a socat PTY pair (tests/support/socat.ts).
 *
 * - Interprets what it prints, command by command as the bytes arrive (the product's streaming
 *   decoder, with this printer's abilities): `paper()` is what came out, `paperImage()` the paper as
 *   pixels, `refused()` the commands it did not understand (a printer without picture memory does
 *   not understand `GS ( L`).
 * - Keeps pictures as a real one does: download graphics in RAM up to `downloadBytes` (gone at
 *   `powerCycle()`), NV graphics in flash up to `nvBytes` and NV bit images (kept); answers the key
 *   list and free-space queries from what it holds; a definition that does not fit is not kept.
 * - Reads at the pace of its baud rate (paced-line.ts), so the host sees a real line's speed.
 * - Records every byte it takes in, in order: `received()` raw, and `printed()` / `receivedWhile()`
 *   for the data (the `DLE EOT n` requests it answered are taken out, as a printer does not print them).
 * - Answers `DLE EOT n` (10 04 n, n = 1..4) as soon as it reads it, from its state, with the status
 *   bytes of escpos-printing.md §3.4 (`statusByte`).
 * - States: `ready`; `paper_out` and `cover_open` (keeps taking data in, but prints nothing: the data
 *   shows up in `receivedWhile(state)`, not in `printed()`); `off` (neither reads nor answers, like a
 *   switched-off printer behind hardware flow control).
 *
 * Not emulated: RTS/CTS or DTR/DSR handshaking (PTYs have no modem-control lines), XON/XOFF, a
 * finite receive buffer that drops data, the time it takes to print.
 */
import { execFileSync } from 'node:child_process'
import { PNG } from 'pngjs'
import {
  type DecodedItem,
  emptyMemory,
  type PrinterMemory,
  type Problem,
  StreamingDecoder,
  type Understands,
  type UnknownItem,
} from '../../electron/core/printing/decode.ts'
import { freeSpaceReply, keyListReply, storedSize } from '../../electron/core/printing/pictures/commands.ts'
import { renderPreview } from '../../electron/core/printing/preview.ts'
import { PacedLine } from './paced-line.ts'

export type VirtualPrinterState = 'ready' | 'paper_out' | 'cover_open' | 'off'

export interface VirtualPrinterOptions {
  /** The printer end of the PTY pair. */
  path: string
  baudRate: number
  state?: VirtualPrinterState
  /** Paper near end (reported by DLE EOT 4; the printer still prints). */
  paperLow?: boolean
  /** Drawer kick-out connector pin 3 high (DLE EOT 1 bit 0x04). */
  drawerPin3High?: boolean
  /** Pacing interval. Default 5 ms. */
  tickMs?: number
  /** Time the printer takes to answer each status request (answers stay in order). Default 0. */
  replyDelayMs?: number
  /** Printable width in dots (the paper and strict checks). Default 576. */
  paperDots?: 384 | 576
  /** Command families it understands. Default: native QR, no picture memory. */
  understands?: Partial<Understands>
  /** Room for download graphics (RAM). Default 64 KiB. */
  downloadBytes?: number
  /** Room for NV graphics (flash). Default 256 KiB. */
  nvBytes?: number
  /**
   * The host end of the pair. When set, the printer reads the speed the host opened it at (a PTY
   * keeps it in its termios) and hears only noise when it differs from its own, as a printer at the
   * wrong baud rate does: nothing it receives is a command, and it answers nothing.
   */
  hostPath?: string
}

/** A printer that keeps pictures in RAM (download graphics), as Epson TM models do. */
export const KEEPS_DOWNLOAD_GRAPHICS: Partial<Understands> = { downloadGraphics: true }
export const KEEPS_NV_GRAPHICS: Partial<Understands> = { nvGraphics: true }
export const KEEPS_NV_BIT_IMAGES: Partial<Understands> = { nvBitImage: true }
const NO_PICTURE_MEMORY: Understands = {
  nativeQr: true,
  downloadGraphics: false,
  nvGraphics: false,
  nvBitImage: false,
}

export interface StatusInputs {
  state: VirtualPrinterState
  paperLow: boolean
  drawerPin3High: boolean
}

/**
 * The reply to `DLE EOT n`: `0xx1xx10`, base 0x12.
 * n=1: 0x04 drawer pin 3 high, 0x08 offline (paper out or cover open).
 * n=2: 0x04 cover open, 0x20 stopped by paper end.
 * n=3: no error bits (this printer has no cutter or head errors).
 * n=4: 0x0C paper near end, 0x60 paper end (paper out sets both).
 * Ready `12 12 12 12`, paper out `1A 32 12 7E`, cover open `1A 16 12 12`, near end `12 12 12 1E`.
 */
export function statusByte(n: 1 | 2 | 3 | 4, inputs: StatusInputs): number {
  const paperOut = inputs.state === 'paper_out'
  const coverOpen = inputs.state === 'cover_open'
  let byte = 0x12
  if (n === 1) {
    if (inputs.drawerPin3High) byte |= 0x04
    if (paperOut || coverOpen) byte |= 0x08
  } else if (n === 2) {
    if (coverOpen) byte |= 0x04
    if (paperOut) byte |= 0x20
  } else if (n === 4) {
    if (inputs.paperLow || paperOut) byte |= 0x0c
    if (paperOut) byte |= 0x60
  }
  return byte
}

type DataState = Exclude<VirtualPrinterState, 'off'>

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export class VirtualPrinter {
  readonly path: string
  readonly baudRate: number
  state: VirtualPrinterState
  paperLow: boolean
  drawerPin3High: boolean
  /** Time taken to answer each status request; answers stay in order. */
  replyDelayMs: number
  /** Every `DLE EOT n` answered, in order. */
  readonly requests: number[] = []
  readonly paperDots: 384 | 576
  readonly understands: Understands
  readonly downloadBytes: number
  readonly nvBytes: number
  readonly #line: PacedLine
  /** What the printer keeps between jobs; download graphics are lost at `powerCycle()`. */
  readonly memory: PrinterMemory = emptyMemory()
  /** Definitions that did not fit and were not kept. */
  readonly overflowed: string[] = []
  #decoder: StreamingDecoder
  /** What printed before the last power cycle, and the problems found in it. */
  #earlier: DecodedItem[] = []
  #earlierProblems: Problem[] = []
  readonly #hostPath: string | null
  /** Bytes heard at the wrong speed. */
  noise = 0
  #raw: Buffer[] = []
  #rawLength = 0
  /** Data chunks in arrival order, each tagged with the state the printer was in. */
  #data: Array<{ state: DataState; bytes: Buffer }> = []
  /** A partial `10` or `10 04` waiting for its next byte to tell a request from data. */
  #held: number[] = []
  #nextReplyAt = 0

  private constructor(options: VirtualPrinterOptions) {
    this.path = options.path
    this.baudRate = options.baudRate
    this.state = options.state ?? 'ready'
    this.paperLow = options.paperLow ?? false
    this.drawerPin3High = options.drawerPin3High ?? false
    this.#line = new PacedLine({
      path: options.path,
      baudRate: options.baudRate,
      ...(options.tickMs === undefined ? {} : { tickMs: options.tickMs }),
      reading: () => this.state !== 'off',
      onChunk: (chunk) => this.#take(chunk),
    })
    this.replyDelayMs = options.replyDelayMs ?? 0
    this.paperDots = options.paperDots ?? 576
    this.understands = { ...NO_PICTURE_MEMORY, ...options.understands }
    this.downloadBytes = options.downloadBytes ?? 64 * 1024
    this.nvBytes = options.nvBytes ?? 256 * 1024
    this.#hostPath = options.hostPath ?? null
    this.#decoder = this.#newDecoder()
  }

  /** The host opened its end at this printer's speed (a PTY's termios says; stty reads it). */
  #sameSpeed(): boolean {
    if (!this.#hostPath) return true
    try {
      const speed = execFileSync('stty', ['-F', this.#hostPath, 'speed'], { encoding: 'utf8' }).trim()
      return Number(speed) === this.baudRate
    } catch {
      return false
    }
  }

  #newDecoder(): StreamingDecoder {
    return new StreamingDecoder({ paperDots: this.paperDots, memory: this.memory, understands: this.understands })
  }

  /** Everything printed, as decoded items (across power cycles). */
  paper(): DecodedItem[] {
    return [...this.#earlier, ...this.#decoder.items]
  }

  /** What a strict reading of everything printed found out of spec. */
  problems(): Problem[] {
    return [...this.#earlierProblems, ...this.#decoder.problems]
  }

  /** Commands the printer did not understand (and so did not print right). */
  refused(): UnknownItem[] {
    return this.paper().filter((item): item is UnknownItem => item.type === 'unknown')
  }

  /** The paper as pixels (RGBA, `paperDots` wide): what a person would see. */
  paperImage(): { width: number; height: number; data: Uint8Array } {
    const png = PNG.sync.read(renderPreview(this.paper(), { paperDots: this.paperDots }))
    return { width: png.width, height: png.height, data: png.data }
  }

  /** Switched off and on: the modes, the line buffer and download graphics (RAM) are gone; flash keeps its pictures. */
  powerCycle(): void {
    this.#earlier.push(...this.#decoder.items)
    this.#earlierProblems.push(...this.#decoder.problems)
    this.memory.download.clear()
    this.#decoder = this.#newDecoder()
  }

  /** Answers what the printer reads: memory queries from what it holds; keeps only the pictures that fit. */
  #interpret(items: readonly DecodedItem[]): void {
    for (const item of items) {
      if (item.type === 'store' && item.action === 'define') this.#enforceRoom(item.store, item.key)
      if (item.type !== 'memory_query') continue
      const reply =
        item.query === 'download-keys'
          ? keyListReply('download', [...this.memory.download.keys()])
          : item.query === 'nv-keys'
            ? keyListReply('nv', [...this.memory.nv.keys()])
            : item.query === 'download-free'
              ? freeSpaceReply('download', this.downloadBytes - used(this.memory.download))
              : freeSpaceReply('nv', this.nvBytes - used(this.memory.nv))
      this.#line.write(reply)
    }
  }

  #enforceRoom(store: string, key: string): void {
    const pictures = store === 'download' ? this.memory.download : store === 'nv' ? this.memory.nv : null
    const room = store === 'download' ? this.downloadBytes : this.nvBytes
    if (!pictures || used(pictures) <= room) return
    pictures.delete(key)
    this.overflowed.push(`${store}:${key}`)
  }

  static async open(options: VirtualPrinterOptions): Promise<VirtualPrinter> {
    const printer = new VirtualPrinter(options)
    await printer.reopen()
    return printer
  }

  /** Bytes per second the printer takes in (8N1). */
  get bytesPerSecond(): number {
    return this.#line.bytesPerSecond
  }

  /** Most bytes taken at once after idling (50 ms of line time). */
  get burstBytes(): number {
    return this.#line.burstBytes
  }

  /** False once the PTY went away (socat killed) until `reopen()`. */
  get connected(): boolean {
    return this.#line.connected
  }

  /** Every byte taken in, raw, in order (status requests included). */
  received(): Buffer {
    return Buffer.concat(this.#raw)
  }

  get receivedBytes(): number {
    return this.#rawLength
  }

  /** Data taken in while `ready` (what came out on paper), status requests removed. */
  printed(): Buffer {
    return this.receivedWhile('ready')
  }

  /** Data taken in while in `state` (`paper_out`/`cover_open`: buffered but never printed). */
  receivedWhile(state: DataState): Buffer {
    const chunks = this.#data.filter((chunk) => chunk.state === state).map((chunk) => chunk.bytes)
    if (state === this.state && this.#held.length > 0) chunks.push(Buffer.from(this.#held))
    return Buffer.concat(chunks)
  }

  /** Resolves with the elapsed ms once `count` bytes in all were taken in; rejects after `timeoutMs`. */
  async waitForBytes(count: number, timeoutMs: number): Promise<number> {
    const started = performance.now()
    while (this.#rawLength < count) {
      if (performance.now() - started > timeoutMs) {
        throw new Error(`virtual printer got ${this.#rawLength} of ${count} bytes in ${timeoutMs} ms`)
      }
      await sleep(2)
    }
    return performance.now() - started
  }

  /** Sends raw bytes to the host, unasked (noise, ASB packets). */
  inject(bytes: Uint8Array): void {
    this.#line.write(bytes)
  }

  /** Forgets everything recorded (what it printed too; its memory stays). */
  reset(): void {
    this.#raw = []
    this.#rawLength = 0
    this.#data = []
    this.#held = []
    this.requests.length = 0
    this.#earlier = []
    this.#earlierProblems = []
    this.#decoder = this.#newDecoder()
  }

  /** Opens (again) the printer end, for example after the socat pair was restarted. Keeps the recordings. */
  async reopen(): Promise<void> {
    await this.#line.open()
    this.#held = []
  }

  async close(): Promise<void> {
    await this.#line.close()
  }

  #answer(byte: number): void {
    if (this.replyDelayMs <= 0) {
      this.#line.write(Uint8Array.of(byte))
      return
    }
    const now = performance.now()
    this.#nextReplyAt = Math.max(now, this.#nextReplyAt) + this.replyDelayMs
    setTimeout(() => this.#line.write(Uint8Array.of(byte)), this.#nextReplyAt - now)
  }

  #take(chunk: Buffer): void {
    this.#raw.push(chunk)
    this.#rawLength += chunk.length
    if (!this.#sameSpeed()) {
      this.noise += chunk.length
      return
    }
    const data: number[] = []
    for (const byte of chunk) {
      const held = this.#held
      if (held.length === 0) {
        if (byte === 0x10) held.push(byte)
        else data.push(byte)
      } else if (held.length === 1) {
        if (byte === 0x04) {
          held.push(byte)
        } else {
          data.push(0x10)
          this.#held = byte === 0x10 ? [byte] : []
          if (byte !== 0x10) data.push(byte)
        }
      } else if (byte >= 1 && byte <= 4) {
        this.#held = []
        const n = byte as 1 | 2 | 3 | 4
        this.requests.push(n)
        this.#answer(statusByte(n, this))
      } else {
        data.push(0x10, 0x04)
        this.#held = byte === 0x10 ? [byte] : []
        if (byte !== 0x10) data.push(byte)
      }
    }
    if (data.length > 0 && this.state !== 'off') {
      this.#data.push({ state: this.state, bytes: Buffer.from(data) })
      if (this.state === 'ready') this.#interpret(this.#decoder.feed(Uint8Array.from(data)))
    }
  }
}

function used(pictures: ReadonlyMap<string, { width: number; height: number }>): number {
  let bytes = 0
  for (const picture of pictures.values()) bytes += storedSize(picture)
  return bytes
}
