/**
 * "Find my printer": a shop should not need to know its printer's port or baud rate.
 *
 * - Serial ports (serialport's list()) are each opened at the usual settings — 9600, 19200, 38400
 *   and 115200 baud, 8 data bits without parity first, then even and odd parity — and asked
 *   `DLE EOT 1, 2, 4`. A printer at those settings answers three status bytes (`0xx1xx10`); at the
 *   wrong speed it hears noise and stays silent. The first settings that get three valid answers are
 *   the printer's. Ports are tried side by side, settings one after another on each.
 * - USB printer-class device files (`/dev/usb/lp*`) are opened and asked the same; a printer that
 *   cannot answer through its file is still listed (a write will reach it).
 * - A typed network address is asked on port 9100 (or the one given).
 *
 * Nothing is printed: the questions are real-time status requests, which a printer never prints.
 * At the wrong speed a printer may take them for two or three characters of noise.
 */
import { constants } from 'node:fs'
import { open, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { SerialPort } from 'serialport'
import type { FoundPrinterView, PrinterSettings } from '../../../shared/views.ts'
import type { PrinterStatus } from './transport.ts'
import { decodeStatus, isStatusByte, sleep } from './transports/escpos-status.ts'
import { SerialTransport } from './transports/serial.ts'
import { TcpTransport } from './transports/tcp.ts'

type Framing = Pick<PrinterSettings, 'baudRate' | 'dataBits' | 'parity'>

/** The order settings are tried: the factory defaults of most printers first. */
export const SERIAL_SETTINGS_TRIED: readonly Framing[] = [
  ...([9600, 115_200, 19_200, 38_400] as const).map((baudRate) => ({
    baudRate,
    dataBits: 8 as const,
    parity: 'none' as const,
  })),
  ...(['even', 'odd'] as const).flatMap((parity) =>
    ([9600, 115_200, 19_200, 38_400] as const).map((baudRate) => ({ baudRate, dataBits: 8 as const, parity })),
  ),
]

/** What a connection that is not serial reports for the serial settings (they do not apply to it). */
const NO_FRAMING: Framing = { baudRate: 9600, dataBits: 8, parity: 'none' }

const STATUS_REQUEST = Uint8Array.of(0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 4)

export interface DiscoveryOptions {
  /** Serial ports to try (default: serialport's list()). */
  listSerialPorts?: () => Promise<ReadonlyArray<{ path: string; manufacturer?: string | undefined }>>
  /** Where USB printer-class device files are (default /dev/usb). */
  usbDirectory?: string
  /** A network printer's address as typed: host, or host:port. */
  networkAddress?: string | null
  /** Ports to leave alone (the pole display's). */
  skip?: readonly string[]
  /** How long to wait for the three answers at one setting. Default 300 ms. */
  answerTimeoutMs?: number
}

/** Three valid status bytes: the printer's answers to DLE EOT 1, 2, 4; null when it did not answer them all. */
function statusFrom(received: Uint8Array): PrinterStatus | null {
  const replies = [...received].filter(isStatusByte)
  if (replies.length < 3 || replies.length !== received.length) return null
  const [printer, offlineCause, paper] = replies as [number, number, number]
  return decodeStatus({ printer, offlineCause, errorCause: null, paper })
}

async function askSerial(
  path: string,
  framing: Framing,
  timeoutMs: number,
): Promise<PrinterStatus | 'cannot_open' | null> {
  const transport = new SerialTransport(
    { path, ...framing, stopBits: 1, flowControl: 'none' },
    { reopenWaitMs: 0, statusTimeoutMs: timeoutMs },
  )
  try {
    const received = await transport.exchange(STATUS_REQUEST, (bytes) => bytes.length >= 3, timeoutMs)
    return statusFrom(received)
  } catch {
    return 'cannot_open'
  } finally {
    await transport.close()
  }
}

async function findOnSerialPort(
  port: { path: string; manufacturer?: string | undefined },
  timeoutMs: number,
): Promise<FoundPrinterView> {
  const maker = port.manufacturer ?? null
  for (const framing of SERIAL_SETTINGS_TRIED) {
    const answer = await askSerial(port.path, framing, timeoutMs)
    if (answer === 'cannot_open') {
      return { transport: 'serial', address: port.path, ...NO_FRAMING, answered: false, state: 'disconnected', maker }
    }
    if (answer)
      return { transport: 'serial', address: port.path, ...framing, answered: true, state: answer.state, maker }
  }
  return { transport: 'serial', address: port.path, ...NO_FRAMING, answered: false, state: 'offline', maker }
}

/** A USB printer-class file: asked through the file where the driver passes answers back, else only written to. */
async function findOnDeviceFile(path: string, timeoutMs: number): Promise<FoundPrinterView> {
  const found = (answered: boolean, state: FoundPrinterView['state']): FoundPrinterView => ({
    transport: 'device',
    address: path,
    ...NO_FRAMING,
    answered,
    state,
    maker: null,
  })
  let file: Awaited<ReturnType<typeof open>>
  try {
    file = await open(path, constants.O_RDWR | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0))
  } catch {
    try {
      const writeOnly = await open(path, constants.O_WRONLY | constants.O_NONBLOCK)
      await writeOnly.close()
      return found(false, 'unknown')
    } catch {
      return found(false, 'disconnected')
    }
  }
  try {
    await file.write(STATUS_REQUEST)
    const received: number[] = []
    const buffer = Buffer.alloc(16)
    const giveUpAt = Date.now() + timeoutMs
    while (received.length < 3 && Date.now() < giveUpAt) {
      try {
        const { bytesRead } = await file.read(buffer, 0, buffer.length, null)
        received.push(...buffer.subarray(0, bytesRead))
        if (bytesRead === 0) await sleep(10)
      } catch {
        await sleep(10) // EAGAIN: nothing yet
      }
    }
    const status = statusFrom(Uint8Array.from(received))
    return status ? found(true, status.state) : found(false, 'unknown')
  } catch {
    return found(false, 'unknown')
  } finally {
    await file.close().catch(() => undefined)
  }
}

async function findOnNetwork(address: string): Promise<FoundPrinterView> {
  const [host = '', port = '9100'] = address.trim().split(':')
  const transport = new TcpTransport({ host, port: Number(port) || 9100 }, { connectTimeoutMs: 2000 })
  try {
    const status = await transport.status()
    return {
      transport: 'tcp',
      address: `${host}:${Number(port) || 9100}`,
      ...NO_FRAMING,
      answered: status.state !== 'offline' && status.state !== 'unknown',
      state: status.state,
      maker: null,
    }
  } finally {
    await transport.close()
  }
}

async function usbPrinterFiles(directory: string): Promise<string[]> {
  try {
    return (await readdir(directory))
      .filter((name) => /^lp\d+$/.test(name))
      .sort()
      .map((name) => join(directory, name))
  } catch {
    return []
  }
}

/** Every place a printer may be, asked; the ones that answered first. */
export async function findPrinters(options: DiscoveryOptions = {}): Promise<FoundPrinterView[]> {
  const timeoutMs = options.answerTimeoutMs ?? 300
  const skip = new Set(options.skip ?? [])
  const ports = (await (options.listSerialPorts ?? (() => SerialPort.list()))()).filter((port) => !skip.has(port.path))
  const files = (await usbPrinterFiles(options.usbDirectory ?? '/dev/usb')).filter((path) => !skip.has(path))
  const network = options.networkAddress?.trim()
  const found = await Promise.all([
    ...ports.map((port) => findOnSerialPort(port, timeoutMs)),
    ...files.map((path) => findOnDeviceFile(path, timeoutMs)),
    ...(network ? [findOnNetwork(network)] : []),
  ])
  return found.sort((a, b) => Number(b.answered) - Number(a.answered))
}
