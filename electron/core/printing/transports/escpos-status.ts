/**
 * ESC/POS real-time status (`DLE EOT n`) for the serial and TCP transports, plus the small helpers
 * they share: one operation at a time per printer, and an operation with a deadline that can be cut
 * short when the link goes away.
 *
 * Reply format (docs/escpos-printing.md §3.4): one byte `0xx1xx10`, so `(b & 0x93) === 0x12`.
 *   n=1 printer:       0x04 drawer kick-out pin 3 high · 0x08 offline · 0x20 waiting for recovery · 0x40 FEED pressed
 *   n=2 offline cause: 0x04 cover open · 0x08 feeding by button · 0x20 stopped by paper end · 0x40 error
 *   n=3 error cause:   0x08 autocutter error · 0x20 unrecoverable error · 0x40 auto-recoverable error
 *   n=4 paper sensor:  0x0C paper near end · 0x60 paper end
 * Examples: ready `12 12 12`, paper near end `12 12 1E`, paper out `1A 32 7E`, cover open `1A 16 12`.
 */
import type { PrinterStatus } from '../transport.ts'
import { TransportError } from '../transport.ts'

export type StatusRequest = 1 | 2 | 3 | 4

/** `DLE EOT n`: 10 04 n. */
export function dleEot(n: StatusRequest): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n)
}

/** Bits 1 and 4 set, bits 0 and 7 clear. Anything else (noise, ASB packets, XON/XOFF) is not a status reply. */
export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12
}

export const STATUS_BITS = {
  printer: { drawerPin3High: 0x04, offline: 0x08, waitingForRecovery: 0x20, feedButton: 0x40 },
  offlineCause: { coverOpen: 0x04, feedingByButton: 0x08, paperEndStop: 0x20, error: 0x40 },
  errorCause: { autocutter: 0x08, unrecoverable: 0x20, autoRecoverable: 0x40 },
  paper: { nearEnd: 0x0c, end: 0x60 },
} as const

/** The replies to `DLE EOT 1, 2, (3,) 4`; null where the printer did not answer. */
export interface StatusReplies {
  printer: number | null
  offlineCause: number | null
  errorCause: number | null
  paper: number | null
}

const hex = (byte: number | null): string => (byte === null ? '--' : byte.toString(16).padStart(2, '0'))

/**
 * Turns the raw replies into a PrinterStatus. No answer to `DLE EOT 1` is `offline` (powered off, wrong
 * port or baud rate). Cover open wins over paper out (with the cover open the paper sensor is not
 * trustworthy, and closing the cover is the first thing to do).
 *
 * `drawerOpen` reports drawer kick-out pin 3 high as open. That is the usual wiring, but the polarity
 * depends on the drawer's switch; a shop whose drawer reads the other way needs an inverted setting.
 */
export function decodeStatus(replies: StatusReplies): PrinterStatus {
  const { printer, offlineCause, errorCause, paper } = replies
  if (printer === null) return { state: 'offline', paperLow: false, drawerOpen: null, detail: 'no answer to DLE EOT 1' }
  const has = (byte: number | null, mask: number): boolean => byte !== null && (byte & mask) === mask
  const bits = STATUS_BITS
  const coverOpen = has(offlineCause, bits.offlineCause.coverOpen)
  const paperOut = has(offlineCause, bits.offlineCause.paperEndStop) || has(paper, bits.paper.end)
  const paperLow = has(paper, bits.paper.nearEnd)
  const offline = has(printer, bits.printer.offline)
  const notes: string[] = []
  if (offline) {
    if (has(offlineCause, bits.offlineCause.feedingByButton)) notes.push('feeding by button')
    if (has(offlineCause, bits.offlineCause.error)) notes.push('error')
    if (has(errorCause, bits.errorCause.autocutter)) notes.push('autocutter error')
    if (has(errorCause, bits.errorCause.unrecoverable)) notes.push('unrecoverable error')
    if (has(errorCause, bits.errorCause.autoRecoverable)) notes.push('auto-recoverable error')
    if (has(printer, bits.printer.waitingForRecovery)) notes.push('waiting for recovery')
  }
  const raw = `DLE EOT 1/2/3/4: ${[printer, offlineCause, errorCause, paper].map(hex).join(' ')}`
  const state: PrinterStatus['state'] = coverOpen
    ? 'cover_open'
    : paperOut
      ? 'paper_out'
      : offline
        ? 'offline'
        : 'ready'
  return {
    state,
    paperLow,
    drawerOpen: has(printer, bits.printer.drawerPin3High),
    detail: notes.length > 0 ? `${notes.join(', ')} (${raw})` : raw,
  }
}

/** Most replies a reader still expects from requests that went unanswered; beyond this they are assumed lost. */
const MAX_OWED = 8

/**
 * Matches status replies to requests on a byte stream. Replies carry no tag, so the reader counts:
 * a request that timed out is still owed a reply (an offline printer with flow control answers it
 * when it comes back), and that late reply must not be taken as the answer to the next request.
 * The next request therefore waits for `owed + 1` replies and takes the last. If it times out having
 * seen some but fewer, the earlier requests were lost: it takes the last reply it saw and the debt
 * is cleared. Bytes that are not status replies are ignored.
 */
interface Waiter {
  need: number
  seen: number[]
  done: (byte: number | null) => void
}

export class StatusReader {
  #owed = 0
  #waiter: Waiter | null = null
  readonly #isReply: (byte: number) => boolean

  /** `isReply` tells a status answer from other bytes (ESC/POS answers are `0xx1xx10`). */
  constructor(isReply: (byte: number) => boolean = isStatusByte) {
    this.#isReply = isReply
  }

  /** Feed every byte that arrives from the printer. */
  push(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (!this.#isReply(byte)) continue
      const waiter = this.#waiter
      if (waiter) {
        waiter.seen.push(byte)
        if (waiter.seen.length >= waiter.need) {
          this.#owed = 0
          waiter.done(byte)
        }
      } else if (this.#owed > 0) {
        this.#owed--
      }
    }
  }

  /**
   * Sends a request with `send` and resolves with its reply, or null when none came within
   * `timeoutMs` of `send` finishing. One request at a time.
   */
  async request(send: () => Promise<void>, timeoutMs: number): Promise<number | null> {
    if (this.#waiter) throw new Error('StatusReader: one request at a time')
    let timer: ReturnType<typeof setTimeout> | undefined
    const seen: number[] = []
    const reply = new Promise<number | null>((resolve) => {
      this.#waiter = { need: this.#owed + 1, seen, done: resolve }
    })
    try {
      await send()
      const timedOut = new Promise<number | null>((resolve) => {
        timer = setTimeout(() => {
          const last = seen.at(-1)
          if (last === undefined) {
            this.#owed = Math.min(this.#owed + 1, MAX_OWED)
            resolve(null)
          } else {
            this.#owed = 0
            resolve(last)
          }
        }, timeoutMs)
      })
      return await Promise.race([reply, timedOut])
    } finally {
      clearTimeout(timer)
      // An abandoned request can finish after the next one started; leave that one alone.
      if (this.#current()?.seen === seen) this.#waiter = null
    }
  }

  /** Not narrowed by the checks above: an abandoned request may find a newer one here. */
  #current(): Waiter | null {
    return this.#waiter
  }

  /** Gives up on the current request (the operation was cut short); its reply is still owed. */
  abandon(): void {
    if (!this.#waiter) return
    this.#waiter.done(null)
    this.#waiter = null
    this.#owed = Math.min(this.#owed + 1, MAX_OWED)
  }

  /** The link was replaced (new port, new connection): nothing is owed any more. */
  reset(): void {
    this.#waiter?.done(null)
    this.#waiter = null
    this.#owed = 0
  }
}

/** Runs operations one after the other (a job and a status query never interleave on one link). */
export class OneAtATime {
  #tail: Promise<unknown> = Promise.resolve()

  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(operation, operation)
    this.#tail = result.catch(() => undefined)
    return result
  }
}

/**
 * One operation against a deadline. `race(p)` settles with `p` unless the deadline passes or
 * `fail(error)` is called first (for example by the port's close handler).
 */
export class Attempt {
  readonly #failed: Promise<never>
  #reject: (error: TransportError) => void = () => undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  readonly #endsAt: number
  #error: TransportError | null = null

  /** `deadlineMs` null: no deadline. `onDeadline` builds the error (usually a `timeout`). */
  constructor(deadlineMs: number | null, onDeadline: () => TransportError) {
    this.#failed = new Promise<never>((_, reject) => {
      this.#reject = reject
    })
    this.#failed.catch(() => undefined)
    this.#endsAt = deadlineMs === null ? Number.POSITIVE_INFINITY : Date.now() + deadlineMs
    if (deadlineMs !== null) this.#timer = setTimeout(() => this.fail(onDeadline()), deadlineMs)
  }

  /** Milliseconds left before the deadline (Infinity without one). */
  get remainingMs(): number {
    return Math.max(0, this.#endsAt - Date.now())
  }

  /** The error that ended the attempt, if any. */
  get error(): TransportError | null {
    return this.#error
  }

  fail(error: TransportError): void {
    if (this.#error) return
    this.#error = error
    clearTimeout(this.#timer)
    this.#reject(error)
  }

  race<T>(promise: Promise<T>): Promise<T> {
    if (this.#error) {
      promise.catch(() => undefined)
      return Promise.reject(this.#error)
    }
    return Promise.race([promise, this.#failed])
  }

  dispose(): void {
    clearTimeout(this.#timer)
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** `error` as a TransportError, wrapping anything else as `code`. */
export function asTransportError(error: unknown, code: TransportError['code'], context: string): TransportError {
  if (error instanceof TransportError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new TransportError(code, `${context}: ${message}`, { cause: error })
}
