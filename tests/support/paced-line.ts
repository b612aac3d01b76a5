/**
 * The printer end of a socat PTY pair, read at the pace of a serial line: a PTY moves data at
 * memory speed, so a token bucket refilled at baudRate / 10 bytes per second (8N1) decides how much
 * is read every `tickMs`, with at most 50 ms of burst after idling. Unread bytes stay in the kernel
 * and socat buffers, so the host sees back-pressure the way it would with hardware flow control once
 * those buffers (~38 KB) are full. The virtual printers read their bytes through it.
 */
import { existsSync } from 'node:fs'
import { SerialPort } from 'serialport'

export interface PacedLineOptions {
  path: string
  baudRate: number
  /** Pacing interval. Default 5 ms. */
  tickMs?: number
  /** False while the device reads nothing (switched off behind flow control). */
  reading: () => boolean
  /** Every chunk read, in order. */
  onChunk: (chunk: Buffer) => void
}

export class PacedLine {
  readonly path: string
  readonly baudRate: number
  readonly #options: PacedLineOptions
  #port: SerialPort | null = null
  #timer: ReturnType<typeof setInterval> | undefined
  #tokens = 0
  #lastTick = 0
  #connected = false
  #nextNodeCheck = 0

  constructor(options: PacedLineOptions) {
    this.path = options.path
    this.baudRate = options.baudRate
    this.#options = options
  }

  /** Bytes per second the device takes in (8N1). */
  get bytesPerSecond(): number {
    return this.baudRate / 10
  }

  /** Most bytes taken at once after idling (50 ms of line time). */
  get burstBytes(): number {
    return Math.max(1, Math.floor(this.bytesPerSecond * 0.05))
  }

  /** False once the PTY went away (socat killed) until `open()` again. */
  get connected(): boolean {
    return this.#connected
  }

  /** Sends bytes to the host. */
  write(bytes: Uint8Array): void {
    if (this.#port?.isOpen) this.#port.write(Buffer.from(bytes))
  }

  /** Opens (again) the device end. */
  async open(): Promise<void> {
    await this.close()
    // A small buffer: the stream must not read ahead of the pacing on our behalf.
    const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false, highWaterMark: 1024 })
    port.on('error', () => undefined)
    port.on('close', () => {
      if (port === this.#port) this.#connected = false
    })
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())))
    port.pause()
    this.#port = port
    this.#connected = true
    this.#tokens = 0
    this.#lastTick = performance.now()
    this.#timer = setInterval(() => this.#tick(), this.#options.tickMs ?? 5)
  }

  async close(): Promise<void> {
    clearInterval(this.#timer)
    this.#timer = undefined
    const port = this.#port
    this.#port = null
    this.#connected = false
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()))
    port?.destroy()
  }

  #tick(): void {
    const port = this.#port
    const now = performance.now()
    const elapsed = now - this.#lastTick
    this.#lastTick = now
    // serialport may not notice the hang-up when socat dies (it retries reads that return 0);
    // a vanished link means the cable is gone, so let go of the port (that also ends the retries).
    if (port && now >= this.#nextNodeCheck) {
      this.#nextNodeCheck = now + 100
      if (!existsSync(this.path)) {
        void this.close()
        return
      }
    }
    if (!port?.isOpen || !this.#options.reading()) {
      this.#tokens = 0
      return
    }
    this.#tokens += (elapsed / 1000) * this.bytesPerSecond
    while (this.#tokens >= 1) {
      const available = port.readableLength
      if (available === 0) {
        port.read(0) // ask the stream to fetch more from the OS
        break
      }
      const chunk: Buffer | null = port.read(Math.min(Math.floor(this.#tokens), available))
      if (!chunk) break
      this.#tokens -= chunk.length
      this.#options.onChunk(chunk)
    }
    // Idle: do not save up more than the burst allowance.
    if (port.readableLength === 0) this.#tokens = Math.min(this.#tokens, this.burstBytes)
  }
}
