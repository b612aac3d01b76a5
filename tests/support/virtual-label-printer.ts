/**
 * A virtual TSPL label printer (TSC, Xprinter) on the printer end of a socat PTY pair: it reads at
 * the pace of its baud rate, interprets the TSPL it receives into label bitmaps as it arrives, and
 * answers `ESC ! ?` with its status byte (0x00 ready, 0x04 out of paper, 0x01 head open). The host
 * end works as a serial port or as a device file. Each printed label can be scanned like paper.
 */
import jsQR from 'jsqr'
import { type PrintedLabel, TsplInterpreter } from '../../electron/core/printing/tspl/interpret.ts'
import { PacedLine } from './paced-line.ts'

export type LabelPrinterState = 'ready' | 'paper_out' | 'head_open' | 'off'

const STATUS: Record<Exclude<LabelPrinterState, 'off'>, number> = { ready: 0x00, paper_out: 0x04, head_open: 0x01 }

export class VirtualLabelPrinter {
  state: LabelPrinterState = 'ready'
  /** Every `ESC ! ?` answered. */
  statusRequests = 0
  readonly #line: PacedLine
  readonly #interpreter = new TsplInterpreter()
  readonly #labels: PrintedLabel[] = []
  readonly #unknown: string[] = []
  #received = 0

  private constructor(path: string, baudRate: number) {
    this.#line = new PacedLine({
      path,
      baudRate,
      reading: () => this.state !== 'off',
      onChunk: (chunk) => this.#take(chunk),
    })
  }

  static async open(options: { path: string; baudRate: number }): Promise<VirtualLabelPrinter> {
    const printer = new VirtualLabelPrinter(options.path, options.baudRate)
    await printer.#line.open()
    return printer
  }

  /** The labels printed, in order. */
  labels(): PrintedLabel[] {
    return [...this.#labels]
  }

  /** Commands it did not understand. */
  unknown(): string[] {
    return [...this.#unknown]
  }

  get receivedBytes(): number {
    return this.#received
  }

  async close(): Promise<void> {
    await this.#line.close()
  }

  #take(chunk: Buffer): void {
    this.#received += chunk.length
    const events = this.#interpreter.feed(chunk)
    for (let n = 0; n < events.statusRequests; n++) {
      this.statusRequests++
      if (this.state !== 'off') this.#line.write(Uint8Array.of(STATUS[this.state]))
    }
    this.#unknown.push(...events.unknown)
    // With the head open or no paper, a label printer keeps the job and prints nothing.
    if (this.state === 'ready') this.#labels.push(...events.labels)
  }
}

/** Scans a printed label for a QR code, as a phone would (the label's edge as the white around it). */
export function scanLabel(label: PrintedLabel): string | undefined {
  const margin = 24
  const width = label.width + 2 * margin
  const height = label.height + 2 * margin
  const rgba = new Uint8ClampedArray(width * height * 4).fill(255)
  for (let y = 0; y < label.height; y++)
    for (let x = 0; x < label.width; x++)
      if (label.bits[y * label.width + x])
        rgba.fill(0, ((y + margin) * width + x + margin) * 4, ((y + margin) * width + x + margin) * 4 + 3)
  return jsQR(rgba, width, height)?.data
}
