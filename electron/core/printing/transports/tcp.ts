/**
 * Network printers on the raw printing port (9100, "JetDirect"). One connection per job and per
 * status query: printers often take one client at a time, and a connection left open would lock out
 * the back office or a second till.
 *
 * - `write` connects (within `connectTimeoutMs`), sends the job, half-closes, and resolves once the
 *   OS has taken every byte (`finish`). The deadline is `tcpDeadlineMs`: at least 100 kB/s plus 3 s.
 * - `status` sends `DLE EOT 1, 2, 4` on a fresh connection. Many network printers answer; one that
 *   connects but stays silent is `unknown` (it may simply not support status over the network), one
 *   that cannot be reached is `offline`.
 * - Errors: ECONNREFUSED → `refused`; no connection or no progress in time → `timeout`; reset, broken
 *   pipe, unreachable network → `disconnected`; unknown host name → `not_found`; anything else `io`.
 */
import { connect, type Socket } from 'node:net'
import type { PrinterStatus, PrinterTransport, WriteOptions } from '../transport.ts'
import { TransportError } from '../transport.ts'
import { Attempt, OneAtATime, StatusReader } from './escpos-status.ts'
import { ESCPOS_STATUS, type StatusDialect } from './status-dialects.ts'

export interface TcpSettings {
  host: string
  /** Default 9100. */
  port?: number
}

export interface TcpTransportOptions {
  /** Default 3000 ms. */
  connectTimeoutMs?: number
  /** How long to wait for each `DLE EOT` answer. Default 500 ms. */
  statusTimeoutMs?: number
  /** How the printer is asked about itself: ESC/POS `DLE EOT` (default) or TSPL `ESC ! ?`. */
  dialect?: StatusDialect
}

/** Deadline for sending `byteCount` bytes: the time at 100 kB/s (the slowest network printer we expect) plus 3 s. */
export function tcpDeadlineMs(byteCount: number): number {
  if (!(byteCount >= 0)) throw new RangeError(`byte count must be >= 0, got ${byteCount}`)
  return Math.ceil((byteCount / 100_000) * 1000 + 3000)
}

/** Ends a socket we are done with: graceful close, destroyed if the printer does not close its side soon. */
const LINGER_MS = 5000

const CODES: Record<string, TransportError['code']> = {
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  ECONNRESET: 'disconnected',
  ECONNABORTED: 'disconnected',
  EPIPE: 'disconnected',
  ENETUNREACH: 'disconnected',
  EHOSTUNREACH: 'disconnected',
  EHOSTDOWN: 'disconnected',
  ENETDOWN: 'disconnected',
  ENOTFOUND: 'not_found',
  EAI_NONAME: 'not_found',
  EAI_AGAIN: 'not_found',
}

/** Maps a socket error to a TransportError by its errno code. */
export function tcpError(error: unknown, context: string): TransportError {
  if (error instanceof TransportError) return error
  const errno = (error as { code?: unknown } | null)?.code
  const code = (typeof errno === 'string' ? CODES[errno] : undefined) ?? 'io'
  const message = error instanceof Error ? error.message : String(error)
  return new TransportError(code, `${context}: ${message}`, { cause: error })
}

export class TcpTransport implements PrinterTransport {
  readonly label: string
  readonly host: string
  readonly port: number
  readonly #connectTimeoutMs: number
  readonly #statusTimeoutMs: number
  readonly #dialect: StatusDialect
  readonly #queue = new OneAtATime()
  readonly #sockets = new Set<Socket>()

  constructor(settings: TcpSettings, options: TcpTransportOptions = {}) {
    this.host = settings.host
    this.port = settings.port ?? 9100
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 3000
    this.#statusTimeoutMs = options.statusTimeoutMs ?? 500
    this.#dialect = options.dialect ?? ESCPOS_STATUS
    this.label = `tcp ${this.host}:${this.port}`
  }

  write(bytes: Uint8Array, options: WriteOptions = {}): Promise<void> {
    return this.#queue.run(async () => {
      const socket = await this.#connect()
      const deadlineMs = tcpDeadlineMs(bytes.length) + (options.busyMs ?? 0)
      const attempt = new Attempt(
        deadlineMs,
        () => new TransportError('timeout', `${this.label}: ${bytes.length} bytes not sent within ${deadlineMs} ms`),
      )
      const onError = (error: Error): void => attempt.fail(tcpError(error, this.label))
      const onClose = (): void =>
        attempt.fail(new TransportError('disconnected', `${this.label}: printer closed the connection mid-job`))
      socket.on('error', onError)
      socket.once('close', onClose)
      try {
        await attempt.race(
          new Promise<void>((resolve) => {
            socket.end(Buffer.from(bytes), () => resolve())
          }),
        )
      } catch (error) {
        socket.destroy()
        throw tcpError(error, this.label)
      } finally {
        attempt.dispose()
        socket.off('error', onError)
        socket.off('close', onClose)
      }
    })
  }

  status(): Promise<PrinterStatus> {
    return this.#queue.run(() => this.#status()).catch((error: unknown) => this.#statusOf('unknown', error))
  }

  /** A request on its own connection; what the printer answered before `complete` or the timeout. */
  exchange(request: Uint8Array, complete: (received: Uint8Array) => boolean, timeoutMs: number): Promise<Uint8Array> {
    return this.#queue.run(async () => {
      const socket = await this.#connect()
      const chunks: Buffer[] = []
      let received: Uint8Array = new Uint8Array(0)
      try {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, tcpDeadlineMs(request.length) + timeoutMs)
          const finish = (): void => {
            clearTimeout(timer)
            resolve()
          }
          socket.on('data', (chunk: Buffer) => {
            chunks.push(chunk)
            received = Buffer.concat(chunks)
            if (complete(received)) finish()
          })
          socket.once('close', finish)
          socket.write(request)
        })
        return received
      } finally {
        socket.end()
      }
    })
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
  }

  async #status(): Promise<PrinterStatus> {
    let socket: Socket
    try {
      socket = await this.#connect()
    } catch (error) {
      return this.#statusOf('offline', error)
    }
    const replies = new StatusReader(this.#dialect.isReply)
    socket.on('data', (chunk: Buffer) => replies.push(chunk))
    const attempt = new Attempt(
      4 * (this.#statusTimeoutMs + 250),
      () => new TransportError('timeout', `${this.label}: status request not sent`),
    )
    const onError = (error: Error): void => attempt.fail(tcpError(error, this.label))
    const onClose = (): void => attempt.fail(new TransportError('disconnected', `${this.label}: connection closed`))
    socket.on('error', onError)
    socket.once('close', onClose)
    const ask = (request: Uint8Array): Promise<number | null> =>
      attempt.race(
        replies.request(
          () => new Promise<void>((resolve, reject) => socket.write(request, (e) => (e ? reject(e) : resolve()))),
          this.#statusTimeoutMs,
        ),
      )
    try {
      const status = await this.#dialect.converse(ask)
      return (
        status ?? {
          state: 'unknown',
          paperLow: false,
          drawerOpen: null,
          detail: `${this.label}: connected, no answer to ${this.#dialect.name}`,
        }
      )
    } catch (error) {
      return this.#statusOf('unknown', error)
    } finally {
      attempt.dispose()
      socket.off('error', onError)
      socket.off('close', onClose)
      socket.end()
    }
  }

  #statusOf(state: PrinterStatus['state'], error: unknown): PrinterStatus {
    return { state, paperLow: false, drawerOpen: null, detail: tcpError(error, this.label).message }
  }

  /** A connected socket, within connectTimeoutMs. It cleans itself up once closed. */
  #connect(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      let linger: ReturnType<typeof setTimeout> | undefined
      const socket = connect({ host: this.host, port: this.port })
      this.#sockets.add(socket)
      socket.setNoDelay(true)
      // Always listening: errors after the operation are not fatal, and unread replies must not
      // sit in the receive buffer (closing with unread data sends a reset that can cut the job).
      socket.on('error', () => undefined)
      socket.on('data', () => undefined)
      socket.once('close', () => {
        clearTimeout(linger)
        this.#sockets.delete(socket)
      })
      socket.once('finish', () => {
        linger = setTimeout(() => socket.destroy(), LINGER_MS)
        linger.unref()
      })
      const timer = setTimeout(() => {
        socket.destroy()
        reject(new TransportError('timeout', `${this.label}: no connection within ${this.#connectTimeoutMs} ms`))
      }, this.#connectTimeoutMs)
      socket.once('connect', () => {
        clearTimeout(timer)
        socket.off('error', onConnectError)
        resolve(socket)
      })
      const onConnectError = (error: Error): void => {
        clearTimeout(timer)
        socket.destroy()
        reject(tcpError(error, this.label))
      }
      socket.once('error', onConnectError)
    })
  }
}
