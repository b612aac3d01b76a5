/**
 * A raw-9100 network printer stand-in: a real `net` server on 127.0.0.1 that records what each
 * connection sends and answers `DLE EOT n` from its state (silent when it has none).
 */
import type { AddressInfo, Server, Socket } from 'node:net'
import { createServer } from 'node:net'
import { type StatusInputs, statusByte } from './virtual-printer.ts'

export interface FakePrinter {
  server: Server
  port: number
  /** Bytes received, one entry per connection, in connection order. */
  connections: Buffer[][]
  /** Answers DLE EOT n from this state when set; silent when null. */
  status: StatusInputs | null
}

const servers: Server[] = []
const sockets = new Set<Socket>()

export async function fakePrinter(
  onConnection?: (socket: Socket, printer: FakePrinter) => void,
  status: StatusInputs | null = null,
): Promise<FakePrinter> {
  const printer: FakePrinter = { server: createServer(), port: 0, connections: [], status }
  printer.server.on('connection', (socket) => {
    const chunks: Buffer[] = []
    printer.connections.push(chunks)
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      const answers = printer.status
      if (!answers) return
      for (let i = 0; i + 2 < chunk.length; i++) {
        const n = chunk[i + 2] ?? 0
        if (chunk[i] === 0x10 && chunk[i + 1] === 0x04 && n >= 1 && n <= 4) {
          socket.write(Buffer.of(statusByte(n as 1 | 2 | 3 | 4, answers)))
        }
      }
    })
    onConnection?.(socket, printer)
  })
  await new Promise<void>((resolve) => printer.server.listen(0, '127.0.0.1', resolve))
  printer.port = (printer.server.address() as AddressInfo).port
  servers.push(printer.server)
  return printer
}

/** Closes every stand-in this process opened (call after each test). */
export async function closeTcpPrinters(): Promise<void> {
  for (const socket of sockets) socket.destroy()
  for (const server of servers.splice(0)) {
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
