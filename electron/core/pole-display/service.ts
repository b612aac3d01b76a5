/**
 * Keeps the pole display in step with the customer screen: every customer view becomes two lines
 * sent over the serial port the manager chose (8N1 at 9600 or 19200 baud). Only the newest screen
 * matters, so a screen that changes while one is being written replaces any waiting one. The port
 * opens on first use and after it was lost; a display that is unplugged or off is tried again every
 * few seconds with the screen it should be showing. Nothing here ever holds up a sale.
 */
import { SerialPort } from 'serialport'
import type { CustomerView } from '../../../shared/api.ts'
import type { PoleDisplaySettings } from '../../../shared/views.ts'
import { poleInit, poleScreen } from './commands.ts'
import { type PoleLines, type PoleMemory, poleScreenFor } from './text.ts'

const RETRY_MS = 3000

export class PoleDisplay {
  private before: PoleMemory | null = null
  private wanted: PoleLines | null = null
  private shown: PoleLines | null = null
  private port: SerialPort | null = null
  private portKey = ''
  private writing: Promise<void> | null = null
  private retry: ReturnType<typeof setTimeout> | undefined
  private closed = false
  /** The last failure to reach the display, in words (for the About page and tests); null once it answers. */
  lastError: string | null = null

  private readonly settings: () => PoleDisplaySettings

  constructor(settings: () => PoleDisplaySettings) {
    this.settings = settings
  }

  show(view: CustomerView): void {
    const { lines, memory } = poleScreenFor(view, this.before)
    this.before = memory
    this.wanted = lines
    this.kick()
  }

  /** Settles once everything asked of the display so far was written (or failed). */
  async settled(): Promise<void> {
    while (this.writing) await this.writing
  }

  close(): void {
    this.closed = true
    clearTimeout(this.retry)
    this.closePort()
  }

  private kick(): void {
    if (this.writing || this.closed) return
    this.writing = this.writeWanted().finally(() => {
      this.writing = null
    })
  }

  private async writeWanted(): Promise<void> {
    while (this.wanted && !this.closed) {
      const settings = this.settings()
      const lines = this.wanted
      this.wanted = null
      if (settings.port === '') {
        this.closePort()
        continue
      }
      const key = `${settings.port}|${settings.baudRate}|${settings.commandSet}`
      if (this.shown && key === this.portKey && this.port && sameLines(lines, this.shown)) continue
      try {
        const port = await this.open(settings, key)
        await write(port, poleScreen(settings.commandSet, lines))
        this.shown = lines
        this.lastError = null
      } catch (error) {
        this.lastError = (error as Error).message
        this.closePort()
        // Try again later with the newest screen, unless a newer one is already waiting.
        this.wanted ??= lines
        clearTimeout(this.retry)
        this.retry = setTimeout(() => this.kick(), RETRY_MS)
        this.retry.unref?.()
        return
      }
    }
  }

  private async open(settings: PoleDisplaySettings, key: string): Promise<SerialPort> {
    if (this.port && this.portKey === key) return this.port
    this.closePort()
    const port = new SerialPort({
      path: settings.port,
      baudRate: settings.baudRate,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      autoOpen: false,
    })
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())))
    port.on('error', () => this.forget(port))
    port.on('close', () => this.forget(port))
    this.port = port
    this.portKey = key
    this.shown = null
    await write(port, poleInit(settings.commandSet))
    return port
  }

  private forget(port: SerialPort): void {
    if (this.port !== port) return
    this.port = null
    this.shown = null
  }

  private closePort(): void {
    const port = this.port
    this.port = null
    this.shown = null
    if (port?.isOpen) port.close(() => undefined)
  }
}

function sameLines(a: PoleLines, b: PoleLines): boolean {
  return a[0] === b[0] && a[1] === b[1]
}

function write(port: SerialPort, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    port.write(bytes, (error) => {
      if (error) return reject(error)
      port.drain((drained) => (drained ? reject(drained) : resolve()))
    })
  })
}
