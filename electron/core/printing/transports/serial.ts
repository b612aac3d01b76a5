/**
 * Serial printers (RS-232, USB-serial adapters, USB CDC) through `serialport` 13.
 *
 * - The port opens lazily, on the first write or status query, and again after it was lost.
 * - One operation at a time: a job and a status query never interleave on the wire.
 * - `write` hands the job to the OS in chunks, waits for `drain` (tcdrain), then, unless
 *   `confirmDelivery` is off, sends `DLE EOT 1` and resolves only when the printer answers it.
 *   The printer answers real-time requests as it receives them, in order, so the answer means the
 *   whole job reached the printer. This matters because `drain` alone proves little: PTYs, USB-serial
 *   adapters and socat accept tens of kilobytes at once (escpos-printing.md §3.2-3.3), so a small job
 *   to a switched-off printer would otherwise "succeed" instantly. A printer without a return line
 *   (TX-only cable) needs `confirmDelivery: false`.
 * - The whole write, probe included, must finish within `serialDeadlineMs`. On the deadline the port
 *   is flushed (discarding what the OS still holds) and closed, and the write rejects `timeout`.
 * - If the port goes away (USB unplugged, socat gone: `close`/`error` events, ENOENT/EIO) pending
 *   operations reject `disconnected`; the next call reopens, polling the path for up to
 *   `reopenWaitMs` (every 100 ms) in case the cable is being plugged back in.
 * - While the port is open, its device node is checked every 250 ms (not on Windows, where COM
 *   ports are not files). serialport 13 does not always notice a hang-up: when read() on the hung-up
 *   tty returns 0 it retries at once, forever, and never emits `close` (@serialport/bindings-cpp
 *   unix-read.js). A vanished node therefore counts as a disconnect, which closes the port and
 *   ends that loop. A port that vanished and came back within one check fails its next job with
 *   `disconnected` (EIO); the job after that reopens.
 */
import { existsSync } from 'node:fs'
import { SerialPort } from 'serialport'
import type { PrinterStatus, PrinterTransport, WriteOptions } from '../transport.ts'
import { TransportError } from '../transport.ts'
import { Attempt, asTransportError, OneAtATime, StatusReader, sleep } from './escpos-status.ts'
import { ESCPOS_STATUS, type StatusDialect } from './status-dialects.ts'

export interface SerialSettings {
  /** `/dev/ttyUSB0`, `/dev/serial/by-id/...`, `COM3`. */
  path: string
  baudRate: number
  dataBits: 7 | 8
  parity: 'none' | 'even' | 'odd'
  stopBits: 1 | 2
  /** `rtscts`: the printer's busy line wired to the PC's CTS. `xonxoff`: the printer sends XOFF/XON. */
  flowControl: 'none' | 'rtscts' | 'xonxoff'
}

export interface SerialTransportOptions {
  /** How long to wait for each `DLE EOT` answer. Default 500 ms. */
  statusTimeoutMs?: number
  /** How long write/status keep retrying to open a port whose path is missing. Default 1000 ms. */
  reopenWaitMs?: number
  /** End every job with `DLE EOT 1` and resolve only once the printer answers it. Default true. */
  confirmDelivery?: boolean
  /** How the printer is asked about itself: ESC/POS `DLE EOT` (default) or TSPL `ESC ! ?`. */
  dialect?: StatusDialect
}

/** Bits on the wire per byte: start bit, data bits, parity bit if any, stop bits (8N1 = 10). */
export function serialFrameBits(settings: Pick<SerialSettings, 'dataBits' | 'parity' | 'stopBits'>): number {
  return 1 + settings.dataBits + (settings.parity === 'none' ? 0 : 1) + settings.stopBits
}

/**
 * Deadline for sending `byteCount` bytes at `baud`: the line time (`byteCount × bitsPerByte / baud`
 * seconds, 10 bits per byte for 8N1) × 1.5 for a printer that briefly holds the line busy, plus 2 s
 * for opening, the OS and the printer's answer. In milliseconds, rounded up.
 * Examples: 100 B @ 115200 → 2014 ms; 6 417 B @ 115200 → 2836 ms; 43 671 B @ 9600 → 70 236 ms.
 */
export function serialDeadlineMs(byteCount: number, baud: number, bitsPerByte = 10): number {
  if (!(baud > 0)) throw new RangeError(`baud rate must be positive, got ${baud}`)
  if (!(byteCount >= 0)) throw new RangeError(`byte count must be >= 0, got ${byteCount}`)
  return Math.ceil(((byteCount * bitsPerByte) / baud) * 1000 * 1.5 + 2000)
}

/** Chunk size handed to the OS at a time; bounds what is queued in Node when a job is cut short. */
const CHUNK_BYTES = 4096
const REOPEN_POLL_MS = 100
const WATCH_MS = 250
/** COM ports are not files; everywhere else the port is a device node (or a link to one). */
const NODE_PATHS = process.platform !== 'win32'
/** Bound on flush/close when giving up on a port (a stuck close must not hold the queue). */
const RELEASE_WAIT_MS = 2000

const MISSING =
  /no such file|enoent|file not found|cannot find the file|no such device|enodev|enxio|eio\b|input\/output/i

/** An open failure: a missing device is `disconnected` (it may come back), anything else `io`. */
function openError(error: unknown, label: string): TransportError {
  const message = error instanceof Error ? error.message : String(error)
  const code = MISSING.test(message) || (error as { code?: unknown })?.code === 'ENOENT' ? 'disconnected' : 'io'
  return new TransportError(code, `${label}: cannot open: ${message}`, { cause: error })
}

function writeChunk(port: SerialPort, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    port.write(chunk, (error) => (error ? reject(error) : resolve()))
  })
}

function drain(port: SerialPort): Promise<void> {
  return new Promise((resolve, reject) => {
    port.drain((error) => (error ? reject(error) : resolve()))
  })
}

/** Calls `operation(callback)` and waits for the callback, at most `ms`; errors are ignored. */
function settle(operation: (done: () => void) => void, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    try {
      operation(() => {
        clearTimeout(timer)
        resolve()
      })
    } catch {
      clearTimeout(timer)
      resolve()
    }
  })
}

const statusOf = (state: PrinterStatus['state'], detail: string | null): PrinterStatus => ({
  state,
  paperLow: false,
  drawerOpen: null,
  detail,
})

export class SerialTransport implements PrinterTransport {
  readonly label: string
  readonly settings: Readonly<SerialSettings>
  readonly #statusTimeoutMs: number
  readonly #reopenWaitMs: number
  readonly #confirmDelivery: boolean
  readonly #dialect: StatusDialect
  readonly #queue = new OneAtATime()
  readonly #replies: StatusReader
  #port: SerialPort | null = null
  #watch: ReturnType<typeof setInterval> | undefined
  #attempt: Attempt | null = null
  /** While an exchange waits for its answer, what arrives is its (not a status reply). */
  #collector: ((chunk: Buffer) => void) | null = null

  constructor(settings: SerialSettings, options: SerialTransportOptions = {}) {
    this.settings = { ...settings }
    this.#statusTimeoutMs = options.statusTimeoutMs ?? 500
    this.#reopenWaitMs = options.reopenWaitMs ?? 1000
    this.#confirmDelivery = options.confirmDelivery ?? true
    this.#dialect = options.dialect ?? ESCPOS_STATUS
    this.#replies = new StatusReader(this.#dialect.isReply)
    const { path, baudRate, dataBits, parity, stopBits, flowControl } = settings
    const framing = `${dataBits}${parity[0]?.toUpperCase() ?? 'N'}${stopBits}`
    this.label =
      `serial ${path} @ ${baudRate}` +
      (framing === '8N1' ? '' : ` ${framing}`) +
      (flowControl === 'none' ? '' : ` ${flowControl}`)
  }

  write(bytes: Uint8Array, options: WriteOptions = {}): Promise<void> {
    return this.#queue.run(() => this.#write(bytes, options.busyMs ?? 0))
  }

  exchange(request: Uint8Array, complete: (received: Uint8Array) => boolean, timeoutMs: number): Promise<Uint8Array> {
    return this.#queue.run(() => this.#exchange(request, complete, timeoutMs))
  }

  status(): Promise<PrinterStatus> {
    return this.#queue
      .run(() => this.#status())
      .catch((error: unknown) => statusOf('unknown', error instanceof Error ? error.message : String(error)))
  }

  async close(): Promise<void> {
    this.#attempt?.fail(new TransportError('disconnected', `${this.label}: transport closed`))
    const port = this.#port
    this.#forget()
    if (port) await this.#release(port, false)
  }

  async #write(bytes: Uint8Array, busyMs: number): Promise<void> {
    const port = await this.#open()
    const data = Buffer.from(bytes) // a copy: the caller may reuse its buffer while the job is on the wire
    const probe = this.#confirmDelivery ? Buffer.from(this.#dialect.probe) : null
    const total = data.length + (probe?.length ?? 0)
    const deadlineMs = serialDeadlineMs(total, this.settings.baudRate, serialFrameBits(this.settings)) + busyMs
    const attempt = this.#begin(
      deadlineMs,
      () =>
        new TransportError(
          'timeout',
          `${this.label}: printer did not take ${total} bytes within ${deadlineMs} ms` +
            (probe ? ` (no answer to ${this.#dialect.name} after the job)` : ''),
        ),
    )
    try {
      for (let offset = 0; offset < data.length; offset += CHUNK_BYTES) {
        await attempt.race(writeChunk(port, data.subarray(offset, offset + CHUNK_BYTES)))
      }
      await attempt.race(drain(port))
      if (probe) {
        const reply = await attempt.race(this.#replies.request(() => writeChunk(port, probe), attempt.remainingMs))
        if (reply === null) {
          throw new TransportError(
            'timeout',
            `${this.label}: no answer to ${this.#dialect.name} within ${deadlineMs} ms`,
          )
        }
      }
    } catch (error) {
      this.#replies.abandon()
      const failure = attempt.error ?? asTransportError(error, 'disconnected', this.label)
      if (failure.code === 'timeout') {
        if (this.#port === port) this.#forget()
        await this.#release(port, true)
      } else if (this.#port === port) {
        this.#lost(port, error)
      }
      throw failure
    } finally {
      this.#end(attempt)
    }
  }

  async #exchange(
    request: Uint8Array,
    complete: (received: Uint8Array) => boolean,
    timeoutMs: number,
  ): Promise<Uint8Array> {
    const port = await this.#open()
    const sendMs = serialDeadlineMs(request.length, this.settings.baudRate, serialFrameBits(this.settings))
    const attempt = this.#begin(
      sendMs + timeoutMs,
      () => new TransportError('timeout', `${this.label}: no answer to a memory query`),
    )
    const chunks: Buffer[] = []
    let received: Uint8Array = new Uint8Array(0)
    try {
      const answered = new Promise<void>((resolve) => {
        this.#collector = (chunk) => {
          chunks.push(chunk)
          received = Buffer.concat(chunks)
          if (complete(received)) resolve()
        }
      })
      await attempt.race(writeChunk(port, Buffer.from(request)))
      await attempt.race(drain(port))
      await attempt.race(Promise.race([answered, sleep(timeoutMs)]))
      return received
    } catch (error) {
      const failure = attempt.error ?? asTransportError(error, 'disconnected', this.label)
      if (failure.code === 'timeout') return received
      throw failure
    } finally {
      this.#collector = null
      this.#end(attempt)
    }
  }

  async #status(): Promise<PrinterStatus> {
    let port: SerialPort
    try {
      port = await this.#open()
    } catch (error) {
      const failure = asTransportError(error, 'io', this.label)
      return statusOf(failure.code === 'disconnected' ? 'disconnected' : 'offline', failure.message)
    }
    // Up to four requests; the bound only matters if the OS will not even take the request bytes.
    const attempt = this.#begin(
      4 * (this.#statusTimeoutMs + 250),
      () => new TransportError('timeout', `${this.label}: status request not sent`),
    )
    const ask = async (request: Uint8Array): Promise<number | null> =>
      attempt.race(this.#replies.request(() => writeChunk(port, Buffer.from(request)), this.#statusTimeoutMs))
    try {
      const status = await this.#dialect.converse(ask)
      return status ?? statusOf('offline', `${this.label}: no answer to ${this.#dialect.name}`)
    } catch (error) {
      this.#replies.abandon()
      const failure = attempt.error ?? asTransportError(error, 'disconnected', this.label)
      if (failure.code === 'disconnected') return statusOf('disconnected', failure.message)
      return statusOf('offline', failure.message)
    } finally {
      this.#end(attempt)
    }
  }

  #begin(deadlineMs: number, onDeadline: () => TransportError): Attempt {
    const attempt = new Attempt(deadlineMs, onDeadline)
    this.#attempt = attempt
    return attempt
  }

  #end(attempt: Attempt): void {
    attempt.dispose()
    if (this.#attempt === attempt) this.#attempt = null
  }

  /** The open port, opening it (and waiting up to reopenWaitMs for a missing path) if needed. */
  async #open(): Promise<SerialPort> {
    if (this.#port) {
      if (this.#nodeExists()) return this.#port
      this.#lost(this.#port, new Error('device node disappeared'))
    }
    const giveUpAt = Date.now() + this.#reopenWaitMs
    for (;;) {
      try {
        return await this.#openOnce()
      } catch (error) {
        const failure = openError(error, this.label)
        const left = giveUpAt - Date.now()
        if (failure.code !== 'disconnected' || left <= 0) throw failure
        await sleep(Math.min(REOPEN_POLL_MS, left))
      }
    }
  }

  async #openOnce(): Promise<SerialPort> {
    const { path, baudRate, dataBits, parity, stopBits, flowControl } = this.settings
    const port = new SerialPort({
      path,
      baudRate,
      dataBits,
      parity,
      stopBits,
      rtscts: flowControl === 'rtscts',
      xon: flowControl === 'xonxoff',
      xoff: flowControl === 'xonxoff',
      autoOpen: false,
    })
    // A port we gave up on can still emit errors (a cancelled write); never let them go unhandled.
    port.on('error', (error: Error) => this.#lost(port, error))
    port.on('close', (error: Error | null) => this.#lost(port, error ?? new Error('port closed')))
    port.on('data', (chunk: Buffer) => {
      if (port !== this.#port) return
      if (this.#collector) this.#collector(chunk)
      else this.#replies.push(chunk)
    })
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())))
    this.#port = port
    if (NODE_PATHS) {
      this.#watch = setInterval(() => {
        if (!this.#nodeExists()) this.#lost(port, new Error('device node disappeared'))
      }, WATCH_MS)
      this.#watch.unref()
    }
    return port
  }

  #nodeExists(): boolean {
    return !NODE_PATHS || existsSync(this.settings.path)
  }

  /** Stops using the current port (the caller closes it). */
  #forget(): void {
    clearInterval(this.#watch)
    this.#watch = undefined
    this.#port = null
  }

  /** The port went away under us: forget it, fail the operation in flight. */
  #lost(port: SerialPort, cause: unknown): void {
    if (port !== this.#port) return
    this.#forget()
    this.#replies.reset()
    const message = cause instanceof Error ? cause.message : String(cause)
    this.#attempt?.fail(new TransportError('disconnected', `${this.label}: port lost: ${message}`, { cause }))
    if (port.isOpen) void this.#release(port, false)
  }

  /** Closes a port we no longer use; `flush` first discards what the OS has not sent yet. */
  async #release(port: SerialPort, flush: boolean): Promise<void> {
    if (flush && port.isOpen) await settle((done) => port.flush(done), RELEASE_WAIT_MS)
    if (port.isOpen) await settle((done) => port.close(done), RELEASE_WAIT_MS)
    port.destroy()
  }
}
