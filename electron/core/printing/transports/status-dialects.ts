/**
 * How a printer is asked about itself, by command language: ESC/POS receipt printers answer
 * `DLE EOT n` with one byte each (escpos-status.ts); TSPL label printers answer `ESC ! ?` with one
 * status byte. Both answer at once, in order with the data before them, so the same request sent
 * after a job proves the job reached the printer.
 */
import type { PrinterStatus } from '../transport.ts'
import { decodeStatus, dleEot, isStatusByte, STATUS_BITS } from './escpos-status.ts'

export interface StatusDialect {
  /** Names the request in messages ("no answer to DLE EOT 1"). */
  name: string
  /** Sent after a job; answered once the printer has read everything before it. */
  probe: Uint8Array
  /** Tells an answer from other bytes the printer may send. */
  isReply(byte: number): boolean
  /** The questions, asked one at a time (`ask` resolves null when unanswered); null when the first went unanswered. */
  converse(ask: (request: Uint8Array) => Promise<number | null>): Promise<PrinterStatus | null>
}

export const ESCPOS_STATUS: StatusDialect = {
  name: 'DLE EOT 1',
  probe: dleEot(1),
  isReply: isStatusByte,
  async converse(ask) {
    const printer = await ask(dleEot(1))
    if (printer === null) return null
    const offlineCause = await ask(dleEot(2))
    const paper = await ask(dleEot(4))
    const errorCause =
      offlineCause !== null && offlineCause & STATUS_BITS.offlineCause.error ? await ask(dleEot(3)) : null
    return decodeStatus({ printer, offlineCause, errorCause, paper })
  },
}

/** `ESC ! ?` bits (TSPL/TSPL2 manual): head open, paper jam, out of paper, out of ribbon, pause, printing, cover open, other error. */
export const TSPL_STATUS_BITS = {
  headOpen: 0x01,
  paperJam: 0x02,
  paperOut: 0x04,
  ribbonOut: 0x08,
  paused: 0x10,
  printing: 0x20,
  coverOpen: 0x40,
  otherError: 0x80,
} as const

/** A TSPL status byte as a PrinterStatus (printing is fine: the job queues behind the labels). */
export function decodeTsplStatus(byte: number): PrinterStatus {
  const bits = TSPL_STATUS_BITS
  const has = (mask: number) => (byte & mask) !== 0
  const notes = [
    has(bits.paperJam) && 'paper jam',
    has(bits.ribbonOut) && 'out of ribbon',
    has(bits.paused) && 'paused',
    has(bits.otherError) && 'error',
  ].filter(Boolean)
  const state: PrinterStatus['state'] =
    has(bits.headOpen) || has(bits.coverOpen)
      ? 'cover_open'
      : has(bits.paperOut)
        ? 'paper_out'
        : notes.length > 0
          ? 'offline'
          : 'ready'
  const raw = `ESC !?: ${byte.toString(16).padStart(2, '0')}`
  return { state, paperLow: false, drawerOpen: null, detail: notes.length > 0 ? `${notes.join(', ')} (${raw})` : raw }
}

export const TSPL_STATUS: StatusDialect = {
  name: 'ESC !?',
  probe: Uint8Array.of(0x1b, 0x21, 0x3f),
  // Every value is a status byte; the printer sends nothing else unasked.
  isReply: () => true,
  async converse(ask) {
    const byte = await ask(Uint8Array.of(0x1b, 0x21, 0x3f))
    return byte === null ? null : decodeTsplStatus(byte)
  },
}
