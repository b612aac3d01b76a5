/**
 * How print jobs reach a printer. Each transport (serial, raw TCP 9100, device file, preview) moves
 * bytes and reports status; the job queue (jobs.ts) decides what to send and when to retry.
 */

/** What the printer says about itself (from DLE EOT, or from the transport when it cannot ask). */
export interface PrinterStatus {
  /** `ready`, or the reason it cannot print now. `unknown`: the transport cannot ask (device file, some TCP printers). */
  state: 'ready' | 'paper_out' | 'cover_open' | 'offline' | 'disconnected' | 'unknown'
  /** Paper is running low (the printer can still print). */
  paperLow: boolean
  /** A drawer-open sensor reading, when the printer reports one. */
  drawerOpen: boolean | null
  /** Human detail for logs, for example the serial error. */
  detail: string | null
}

/** Raised by a transport; `code` says whether a retry can help. */
export class TransportError extends Error {
  readonly code: 'timeout' | 'disconnected' | 'refused' | 'not_found' | 'io'
  constructor(code: TransportError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'TransportError'
    this.code = code
  }
}

export interface PrinterTransport {
  /** A label for the cashier and logs, for example `serial /dev/ttyUSB0 @ 115200`. */
  readonly label: string
  /**
   * Sends all bytes, resolving once they have reached the printer: for serial, once the printer
   * has answered a status request sent after the job (buffers in the OS, socat or a USB adapter
   * accept data long before a printer does). Rejects with TransportError('timeout') when they do
   * not go through by the deadline, which each transport derives from the byte count and its line rate.
   */
  write(bytes: Uint8Array, options?: WriteOptions): Promise<void>
  /** Asks the printer (DLE EOT 1, 2, 4 on serial and TCP). Never throws: a printer that does not answer is `offline`. */
  status(): Promise<PrinterStatus>
  close(): Promise<void>
  /**
   * Sends `request` and collects what the printer answers until `complete(received)` holds or
   * `timeoutMs` passes after the request went out; resolves with what arrived (maybe nothing). Absent
   * where the link cannot read the printer's answers (a device file, the preview).
   */
  exchange?(request: Uint8Array, complete: (received: Uint8Array) => boolean, timeoutMs: number): Promise<Uint8Array>
}

export interface WriteOptions {
  /** Extra time the printer may stay busy with this job (writing its flash), beyond the time on the wire. */
  busyMs?: number
}
