/** The pure parts of the transports: deadlines, DLE EOT decoding, matching replies to requests. */
import { describe, expect, it } from 'vitest'
import {
  decodeStatus,
  dleEot,
  isStatusByte,
  StatusReader,
} from '../../../electron/core/printing/transports/escpos-status.ts'
import { serialDeadlineMs, serialFrameBits } from '../../../electron/core/printing/transports/serial.ts'
import type { StatusInputs, VirtualPrinterState } from '../../support/virtual-printer.ts'
import { statusByte } from '../../support/virtual-printer.ts'

describe('serialDeadlineMs', () => {
  it('is the line time (bytes × 10 / baud) × 1.5 plus 2 s, rounded up', () => {
    expect(serialDeadlineMs(0, 9600)).toBe(2000)
    expect(serialDeadlineMs(960, 9600)).toBe(3500) // 1 s on the wire
    expect(serialDeadlineMs(100, 115_200)).toBe(2014) // 13.02 ms on the wire
    expect(serialDeadlineMs(6_417, 115_200)).toBe(2836)
    expect(serialDeadlineMs(43_671, 9600)).toBe(70_236) // the largest receipt of escpos-printing.md §5
    expect(serialDeadlineMs(11_520, 115_200)).toBe(3500)
  })

  it('grows with the frame size and rejects nonsense', () => {
    expect(serialFrameBits({ dataBits: 8, parity: 'none', stopBits: 1 })).toBe(10)
    expect(serialFrameBits({ dataBits: 7, parity: 'even', stopBits: 1 })).toBe(10)
    expect(serialFrameBits({ dataBits: 8, parity: 'odd', stopBits: 2 })).toBe(12)
    expect(serialDeadlineMs(960, 9600, 12)).toBe(3800)
    expect(() => serialDeadlineMs(10, 0)).toThrow(RangeError)
    expect(() => serialDeadlineMs(-1, 9600)).toThrow(RangeError)
  })
})

describe('DLE EOT status bytes', () => {
  it('requests are 10 04 n; replies look like 0xx1xx10', () => {
    expect([...dleEot(4)]).toEqual([0x10, 0x04, 0x04])
    for (const byte of [0x12, 0x16, 0x1a, 0x1e, 0x32, 0x7e, 0x72]) expect(isStatusByte(byte)).toBe(true)
    for (const byte of [0x00, 0x10, 0x11, 0x13, 0x41, 0x92, 0xff]) expect(isStatusByte(byte)).toBe(false)
  })

  it('decodes the documented replies (escpos-printing.md §3.4)', () => {
    const decode = (printer: number | null, offlineCause: number | null, paper: number | null) =>
      decodeStatus({ printer, offlineCause, errorCause: null, paper })
    expect(decode(0x12, 0x12, 0x12)).toEqual({
      state: 'ready',
      paperLow: false,
      drawerOpen: false,
      detail: 'DLE EOT 1/2/3/4: 12 12 -- 12',
    })
    expect(decode(0x16, 0x12, 0x12)).toMatchObject({ state: 'ready', drawerOpen: true }) // an Epson TM with drawer bit
    expect(decode(0x12, 0x12, 0x1e)).toMatchObject({ state: 'ready', paperLow: true })
    expect(decode(0x1a, 0x32, 0x7e)).toMatchObject({ state: 'paper_out', paperLow: true })
    expect(decode(0x1a, 0x16, 0x12)).toMatchObject({ state: 'cover_open', paperLow: false })
    expect(decode(0x12, null, 0x7e)).toMatchObject({ state: 'paper_out' }) // sensor alone is enough
    expect(decode(0x1a, 0x1a, 0x12)).toMatchObject({ state: 'offline', detail: expect.stringContaining('feeding') })
    expect(decode(null, null, null)).toEqual({
      state: 'offline',
      paperLow: false,
      drawerOpen: null,
      detail: 'no answer to DLE EOT 1',
    })
    expect(decodeStatus({ printer: 0x1a, offlineCause: 0x52, errorCause: 0x1a, paper: 0x12 }).detail).toContain(
      'autocutter error',
    )
  })

  it("decodes every state of the virtual printer's replies", () => {
    const cases: Array<[VirtualPrinterState, boolean, string]> = [
      ['ready', false, 'ready'],
      ['ready', true, 'ready'],
      ['paper_out', false, 'paper_out'],
      ['cover_open', false, 'cover_open'],
      ['cover_open', true, 'cover_open'],
    ]
    for (const [state, paperLow, expected] of cases) {
      const inputs: StatusInputs = { state, paperLow, drawerPin3High: false }
      const status = decodeStatus({
        printer: statusByte(1, inputs),
        offlineCause: statusByte(2, inputs),
        errorCause: null,
        paper: statusByte(4, inputs),
      })
      expect(status.state).toBe(expected)
      expect(status.paperLow).toBe(paperLow || state === 'paper_out')
      for (const n of [1, 2, 3, 4] as const) expect(isStatusByte(statusByte(n, inputs))).toBe(true)
    }
  })
})

describe('StatusReader', () => {
  const send = (): Promise<void> => Promise.resolve()

  it('takes the first status byte and ignores noise', async () => {
    const reader = new StatusReader()
    const reply = reader.request(send, 1000)
    await Promise.resolve()
    reader.push(Uint8Array.of(0x00, 0xff, 0x11, 0x1a))
    expect(await reply).toBe(0x1a)
  })

  it('after an unanswered request, skips its late reply and takes the next', async () => {
    const reader = new StatusReader()
    expect(await reader.request(send, 20)).toBeNull()
    const reply = reader.request(send, 1000)
    await Promise.resolve()
    reader.push(Uint8Array.of(0x12)) // the late answer to the first request
    reader.push(Uint8Array.of(0x1a))
    expect(await reply).toBe(0x1a)
  })

  it('if the late reply never comes, takes what it saw at the timeout and stops waiting for it', async () => {
    const reader = new StatusReader()
    expect(await reader.request(send, 20)).toBeNull()
    const reply = reader.request(send, 50)
    await Promise.resolve()
    reader.push(Uint8Array.of(0x16))
    expect(await reply).toBe(0x16)
    const next = reader.request(send, 1000)
    await Promise.resolve()
    reader.push(Uint8Array.of(0x12))
    expect(await next).toBe(0x12)
  })

  it('a late reply arriving between requests settles the debt', async () => {
    const reader = new StatusReader()
    expect(await reader.request(send, 20)).toBeNull()
    reader.push(Uint8Array.of(0x12))
    const reply = reader.request(send, 1000)
    await Promise.resolve()
    reader.push(Uint8Array.of(0x32))
    expect(await reply).toBe(0x32)
  })
})
