/** TcpTransport against a real `net` server on 127.0.0.1 standing in for a raw-9100 printer. */
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { TcpTransport, tcpDeadlineMs, tcpError } from '../../../electron/core/printing/transports/tcp.ts'
import { rejection } from '../../support/rejection.ts'
import type { StatusInputs } from '../../support/virtual-printer.ts'
import { closeTcpPrinters, fakePrinter } from '../../support/virtual-tcp-printer.ts'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

const until = async (condition: () => boolean, ms = 2000): Promise<void> => {
  const giveUpAt = Date.now() + ms
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

afterEach(closeTcpPrinters)

describe('TcpTransport (raw port 9100)', { timeout: 10_000 }, () => {
  it('sends each job on its own connection, every byte intact', async () => {
    const printer = await fakePrinter()
    const transport = new TcpTransport({ host: '127.0.0.1', port: printer.port })
    expect(transport.label).toBe(`tcp 127.0.0.1:${printer.port}`)
    const first = Buffer.alloc(300_000)
    for (let i = 0; i < first.length; i++) first[i] = (i * 31 + 7) & 0xff
    const second = Buffer.from('second job\n')
    await transport.write(first)
    await transport.write(second)
    await until(() => printer.connections.length === 2 && Buffer.concat(printer.connections[1] ?? []).length === 11)
    expect(Buffer.concat(printer.connections[0] ?? []).equals(first)).toBe(true)
    expect(Buffer.concat(printer.connections[1] ?? []).equals(second)).toBe(true)
    await transport.close()
  })

  it('a closed port is refused; status says offline', async () => {
    const transport = new TcpTransport({ host: '127.0.0.1', port: await freePort() })
    expect((await rejection(transport.write(Buffer.from('x')))).code).toBe('refused')
    expect(await transport.status()).toMatchObject({ state: 'offline' })
  })

  it('a connection reset mid-job is disconnected', async () => {
    const printer = await fakePrinter((socket) => socket.once('data', () => socket.resetAndDestroy()))
    const transport = new TcpTransport({ host: '127.0.0.1', port: printer.port })
    const error = await rejection(transport.write(Buffer.alloc(16 * 1024 * 1024, 0x41)))
    expect(error.code).toBe('disconnected')
  })

  it('asks DLE EOT 1, 2, 4 on the socket when the printer answers, unknown when it does not', async () => {
    const inputs: StatusInputs = { state: 'ready', paperLow: false, drawerPin3High: false }
    const printer = await fakePrinter(undefined, inputs)
    const transport = new TcpTransport({ host: '127.0.0.1', port: printer.port }, { statusTimeoutMs: 200 })
    expect(await transport.status()).toMatchObject({ state: 'ready', paperLow: false, drawerOpen: false })
    inputs.state = 'paper_out'
    expect(await transport.status()).toMatchObject({ state: 'paper_out' })
    inputs.state = 'cover_open'
    expect(await transport.status()).toMatchObject({ state: 'cover_open' })
    inputs.state = 'ready'
    inputs.paperLow = true
    expect(await transport.status()).toMatchObject({ state: 'ready', paperLow: true })

    printer.status = null
    const started = performance.now()
    expect(await transport.status()).toMatchObject({ state: 'unknown', drawerOpen: null })
    expect(performance.now() - started).toBeGreaterThanOrEqual(190)
    expect(Buffer.concat(printer.connections.at(-1) ?? []).equals(Buffer.of(0x10, 0x04, 1))).toBe(true)
  })

  it('derives its deadline from the byte count and maps socket errors', () => {
    expect(tcpDeadlineMs(0)).toBe(3000)
    expect(tcpDeadlineMs(100_000)).toBe(4000)
    expect(tcpDeadlineMs(43_671)).toBe(3437)
    const code = (errno: string): string => tcpError(Object.assign(new Error(errno), { code: errno }), 'tcp test').code
    expect(code('ECONNREFUSED')).toBe('refused')
    expect(code('ETIMEDOUT')).toBe('timeout')
    expect(code('ECONNRESET')).toBe('disconnected')
    expect(code('EPIPE')).toBe('disconnected')
    expect(code('EHOSTUNREACH')).toBe('disconnected')
    expect(code('ENOTFOUND')).toBe('not_found')
    expect(code('EWHATEVER')).toBe('io')
  })
})
