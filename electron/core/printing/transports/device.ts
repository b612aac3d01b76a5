/**
 * Printers behind a device file: USB printer class (`/dev/usb/lp0`), parallel (`/dev/lp0`).
 *
 * - Each job opens the file write-only *without* O_CREAT, so a missing device is `not_found` instead
 *   of silently becoming a regular file in /dev, writes everything, and closes.
 * - The file is opened non-blocking: a printer that stops taking data (usblp/lp answer EAGAIN) is
 *   retried every 10 ms until `deviceDeadlineMs`, then the job rejects `timeout`, instead of
 *   parking a libuv thread in a write that may never return.
 * - These drivers cannot answer `DLE EOT` through a write-only file, so `status` is `unknown`, or
 *   `disconnected` when the device file is gone.
 */
import { constants } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { open, stat } from 'node:fs/promises'
import type { PrinterStatus, PrinterTransport } from '../transport.ts'
import { TransportError } from '../transport.ts'
import { OneAtATime, sleep } from './escpos-status.ts'

export interface DeviceFileSettings {
  /** `/dev/usb/lp0`, `/dev/lp0`. */
  path: string
}

/**
 * Deadline for writing `byteCount` bytes: the time at 10 kB/s plus 5 s. USB is never the limit; the
 * printer's buffer and print speed are (a slow 58 mm printer printing full-width raster takes about
 * 10-30 kB/s).
 */
export function deviceDeadlineMs(byteCount: number): number {
  if (!(byteCount >= 0)) throw new RangeError(`byte count must be >= 0, got ${byteCount}`)
  return Math.ceil((byteCount / 10_000) * 1000 + 5000)
}

const RETRY_MS = 10

const CODES: Record<string, TransportError['code']> = {
  ENOENT: 'not_found',
  ENOTDIR: 'not_found',
  ENODEV: 'disconnected',
  ENXIO: 'disconnected',
  EIO: 'disconnected',
  ETIMEDOUT: 'timeout',
}

function deviceError(error: unknown, context: string): TransportError {
  if (error instanceof TransportError) return error
  const errno = (error as { code?: unknown } | null)?.code
  const code = (typeof errno === 'string' ? CODES[errno] : undefined) ?? 'io'
  const message = error instanceof Error ? error.message : String(error)
  // lp and usblp report a printer out of paper as ENOSPC.
  const hint = errno === 'ENOSPC' ? ' (printer out of paper?)' : ''
  return new TransportError(code, `${context}: ${message}${hint}`, { cause: error })
}

const isBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'EAGAIN' || code === 'EWOULDBLOCK' || code === 'EINTR'
}

export class DeviceFileTransport implements PrinterTransport {
  readonly label: string
  readonly path: string
  readonly #queue = new OneAtATime()

  constructor(settings: DeviceFileSettings) {
    this.path = settings.path
    this.label = `device ${this.path}`
  }

  write(bytes: Uint8Array): Promise<void> {
    return this.#queue.run(async () => {
      const deadlineMs = deviceDeadlineMs(bytes.length)
      const giveUpAt = Date.now() + deadlineMs
      let handle: FileHandle
      try {
        // No O_CREAT, no O_TRUNC: only an existing device (or file) is written to. O_APPEND changes
        // nothing for a device, and makes a plain file standing in for one collect every job.
        handle = await open(this.path, constants.O_WRONLY | constants.O_APPEND | (constants.O_NONBLOCK ?? 0))
      } catch (error) {
        throw deviceError(error, `${this.label}: cannot open`)
      }
      try {
        let offset = 0
        while (offset < bytes.length) {
          let written = 0
          try {
            ;({ bytesWritten: written } = await handle.write(bytes, offset, bytes.length - offset))
          } catch (error) {
            if (!isBusy(error)) throw deviceError(error, `${this.label}: write failed`)
          }
          offset += written
          if (offset >= bytes.length) break
          if (Date.now() >= giveUpAt) {
            throw new TransportError(
              'timeout',
              `${this.label}: printer took ${offset} of ${bytes.length} bytes within ${deadlineMs} ms`,
            )
          }
          if (written === 0) await sleep(RETRY_MS)
        }
      } finally {
        await handle.close().catch(() => undefined)
      }
    })
  }

  async status(): Promise<PrinterStatus> {
    try {
      await stat(this.path)
      return { state: 'unknown', paperLow: false, drawerOpen: null, detail: `${this.label}: no status channel` }
    } catch (error) {
      const failure = deviceError(error, this.label)
      const state = failure.code === 'not_found' || failure.code === 'disconnected' ? 'disconnected' : 'unknown'
      return { state, paperLow: false, drawerOpen: null, detail: failure.message }
    }
  }

  async close(): Promise<void> {
    // Nothing is held open between jobs.
  }
}
