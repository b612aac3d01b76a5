/**
 * SerialTransport against real parts: a socat PTY pair and a virtual printer that paces itself to the
 * baud rate and answers DLE EOT (tests/support). Needs `socat` on the PATH.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { SerialSettings } from '../../../electron/core/printing/transports/serial.ts'
import { SerialTransport, serialDeadlineMs } from '../../../electron/core/printing/transports/serial.ts'
import { rejection } from '../../support/rejection.ts'
import type { SocatPair } from '../../support/socat.ts'
import { startSocatPair } from '../../support/socat.ts'
import type { VirtualPrinterState } from '../../support/virtual-printer.ts'
import { VirtualPrinter } from '../../support/virtual-printer.ts'

const DLE_EOT = (n: number): number[] => [0x10, 0x04, n]

/** Pseudo-random bytes (all 256 values) with no `10 04 n` inside, so the printer sees no status requests. */
function job(length: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(length)
  let state = seed >>> 0 || 1
  for (let i = 0; i < length; i++) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    bytes[i] = state & 0xff
    if (i >= 2 && bytes[i - 2] === 0x10 && bytes[i - 1] === 0x04 && (bytes[i] ?? 0) <= 4) bytes[i - 1] = 0x05
  }
  return bytes
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

interface Rig {
  pair: SocatPair
  printer: VirtualPrinter
  transport: SerialTransport
}

const rigs: Rig[] = []

async function rig(
  baudRate: number,
  options: { state?: VirtualPrinterState; statusTimeoutMs?: number; reopenWaitMs?: number } = {},
): Promise<Rig> {
  const pair = await startSocatPair()
  const printer = await VirtualPrinter.open({ path: pair.printerPath, baudRate, state: options.state ?? 'ready' })
  const settings: SerialSettings = {
    path: pair.hostPath,
    baudRate,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    flowControl: 'none',
  }
  const transport = new SerialTransport(settings, {
    statusTimeoutMs: options.statusTimeoutMs ?? 300,
    reopenWaitMs: options.reopenWaitMs ?? 300,
  })
  const created = { pair, printer, transport }
  rigs.push(created)
  return created
}

afterEach(async () => {
  for (const { pair, printer, transport } of rigs.splice(0)) {
    await transport.close()
    await printer.close()
    await pair.close()
  }
})

describe('SerialTransport over a socat PTY pair', { timeout: 20_000 }, () => {
  it.each([
    { baud: 9600, size: 2_000 },
    { baud: 115_200, size: 48_000 }, // more than the ~38 KB the PTYs and socat buffer: real back-pressure
  ])('delivers $size bytes at $baud baud intact, in order, no faster than the line rate', async ({ baud, size }) => {
    const { printer, transport } = await rig(baud)
    const data = job(size, baud)
    const started = performance.now()
    await transport.write(data)
    const elapsedMs = performance.now() - started

    // Resolved only once the printer had everything: the job, then the delivery probe DLE EOT 1.
    expect(printer.receivedBytes).toBe(size + 3)
    expect(printer.printed().equals(data)).toBe(true)
    expect(printer.received().equals(Buffer.concat([data, Buffer.from(DLE_EOT(1))]))).toBe(true)
    expect(printer.requests).toEqual([1])
    const lineMs = (((size + 3 - printer.burstBytes) * 10) / baud) * 1000
    expect(elapsedMs).toBeGreaterThanOrEqual(lineMs)
  })

  it('maps DLE EOT answers for ready, paper low, paper out, cover open, drawer and off', async () => {
    const { printer, transport } = await rig(115_200)
    expect(await transport.status()).toEqual({
      state: 'ready',
      paperLow: false,
      drawerOpen: false,
      detail: 'DLE EOT 1/2/3/4: 12 12 -- 12',
    })
    expect(printer.requests).toEqual([1, 2, 4])

    printer.paperLow = true
    printer.drawerPin3High = true
    expect(await transport.status()).toMatchObject({ state: 'ready', paperLow: true, drawerOpen: true })
    printer.paperLow = false
    printer.drawerPin3High = false

    printer.state = 'paper_out'
    expect(await transport.status()).toMatchObject({
      state: 'paper_out',
      detail: 'DLE EOT 1/2/3/4: 1a 32 -- 7e',
    })
    printer.state = 'cover_open'
    expect(await transport.status()).toMatchObject({ state: 'cover_open', detail: 'DLE EOT 1/2/3/4: 1a 16 -- 12' })

    printer.state = 'off'
    const started = performance.now()
    const off = await transport.status()
    expect(off).toMatchObject({ state: 'offline', paperLow: false, drawerOpen: null })
    expect(performance.now() - started).toBeGreaterThanOrEqual(290)

    // Back on while the next query waits: it reads the request it missed, then the new one, and
    // answers them one after the other. The late answer must not be taken for the answer to
    // DLE EOT 2 (0x1A there would read as "feeding by button" instead of paper out).
    printer.replyDelayMs = 15
    const next = transport.status()
    await sleep(60)
    printer.state = 'paper_out'
    expect(await next).toMatchObject({ state: 'paper_out', detail: 'DLE EOT 1/2/3/4: 1a 32 -- 7e' })
    expect(await transport.status()).toMatchObject({ state: 'paper_out' })
  })

  it('ignores bytes that are not status replies', async () => {
    const { printer, transport } = await rig(115_200)
    printer.inject(Uint8Array.of(0x00, 0x41, 0xff, 0x11, 0x13))
    await sleep(50)
    printer.state = 'cover_open'
    expect(await transport.status()).toMatchObject({ state: 'cover_open' })
  })

  it('times out a job to a printer that is off, within its deadline, then recovers', async () => {
    const { printer, transport } = await rig(115_200, { state: 'off' })
    const data = job(100)
    const deadlineMs = serialDeadlineMs(data.length + 3, 115_200)
    const started = performance.now()
    const error = await rejection(transport.write(data))
    const elapsedMs = performance.now() - started
    expect(error.code).toBe('timeout')
    expect(elapsedMs).toBeGreaterThanOrEqual(deadlineMs - 20)
    expect(elapsedMs).toBeLessThan(deadlineMs + 1500)
    expect(printer.printed().length).toBe(0)

    printer.state = 'ready'
    expect(await transport.status()).toMatchObject({ state: 'ready' })
    await transport.write(data)
    expect(printer.printed().subarray(-data.length).equals(data)).toBe(true)
  })

  it('rejects a job cut by the cable being pulled with disconnected, and prints again once it is back', async () => {
    const { pair, printer, transport } = await rig(9600)
    const first = job(4_000, 7) // ~4.2 s on the wire
    const writing = transport.write(first)
    await printer.waitForBytes(300, 5_000)
    const pulledAt = performance.now()
    await pair.kill()
    const error = await rejection(writing)
    expect(error.code).toBe('disconnected')
    expect(performance.now() - pulledAt).toBeLessThan(1_000)
    expect(printer.receivedBytes).toBeLessThan(first.length)

    // Gone: status says so and a job fails after the short reopen wait.
    expect(await transport.status()).toMatchObject({ state: 'disconnected' })
    expect((await rejection(transport.write(job(10)))).code).toBe('disconnected')

    // Cable back: same transport object, new PTYs on the same path.
    await pair.restart(() => printer.reopen())
    printer.reset()
    const second = job(300, 9)
    await transport.write(second)
    expect(printer.printed().equals(second)).toBe(true)
    expect(await transport.status()).toMatchObject({ state: 'ready' })
  })

  it('waits for a port that comes back while a job is waiting to open it', async () => {
    const { pair, printer, transport } = await rig(115_200, { reopenWaitMs: 3_000 })
    await transport.write(job(10))
    await pair.kill()
    await sleep(100)
    const data = job(500, 3)
    const writing = transport.write(data)
    await sleep(300)
    await pair.restart(() => printer.reopen())
    await writing
    expect(printer.printed().subarray(-data.length).equals(data)).toBe(true)
  })

  it('a job sent during paper out reaches the printer but is not printed; re-sent after the fault it is', async () => {
    const { printer, transport } = await rig(115_200)
    printer.state = 'paper_out'
    const data = job(1_000, 5)
    await transport.write(data) // the printer buffers it and answers: the transport cannot tell
    expect(await transport.status()).toMatchObject({ state: 'paper_out' })
    expect(printer.receivedWhile('paper_out').equals(data)).toBe(true)
    expect(printer.printed().length).toBe(0)

    printer.state = 'ready'
    expect(await transport.status()).toMatchObject({ state: 'ready' })
    await transport.write(data)
    expect(printer.printed().equals(data)).toBe(true)
  })

  it('runs one operation at a time: a status query waits for the job in flight', async () => {
    const { printer, transport } = await rig(9600)
    const data = job(1_000, 11)
    const [, status] = await Promise.all([transport.write(data), transport.status()])
    expect(status.state).toBe('ready')
    const expected = Buffer.concat([data, Buffer.from([...DLE_EOT(1), ...DLE_EOT(1), ...DLE_EOT(2), ...DLE_EOT(4)])])
    expect(printer.received().equals(expected)).toBe(true)
  })

  it('reports a path that never existed as disconnected, without throwing', async () => {
    const transport = new SerialTransport(
      { path: '/nonexistent/ttyUSB9', baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' },
      { reopenWaitMs: 200 },
    )
    expect(transport.label).toBe('serial /nonexistent/ttyUSB9 @ 9600')
    expect(await transport.status()).toMatchObject({ state: 'disconnected' })
    const started = performance.now()
    expect((await rejection(transport.write(job(5)))).code).toBe('disconnected')
    expect(performance.now() - started).toBeGreaterThanOrEqual(190)
    await transport.close()
  })
})
