/**
 * How the sync talks to the back office, reduced to one call so the deterministic simulation can
 * put a seeded fake network (or the back office's handler itself) where HTTP would be.
 */
export interface SyncRequest {
  method: 'GET' | 'POST'
  /** Path and query, e.g. `/v1/sync/events`. */
  path: string
  headers: Record<string, string>
  /** A JSON value, sent as `application/json`. */
  body?: unknown
  /** The body already serialised as JSON (text or UTF-8 bytes); a transport that sends bytes uses it instead of `body`. */
  json?: string | Uint8Array
}

export interface SyncResponse {
  status: number
  /** Lower-case header names. */
  headers: Record<string, string>
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown
}

export interface SyncTransport {
  send(request: SyncRequest): Promise<SyncResponse>
}

/** The request never got a usable answer: connection refused or reset, timeout, a body cut short. */
export class TransportError extends Error {
  readonly kind: 'network' | 'timeout'

  constructor(kind: 'network' | 'timeout', message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'TransportError'
    this.kind = kind
  }
}

/** Timers the pusher schedules on; the simulation passes a fake clock's. */
export interface SyncTimers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const REAL_TIMERS: SyncTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms)
    // A pending retry must not keep a quitting process alive.
    handle.unref?.()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}
