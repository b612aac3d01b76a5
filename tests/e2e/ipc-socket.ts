/**
 * The harness's stand-in for Electron's IPC pipe: one WebSocket per page (RFC 6455, text frames
 * only) on the server that already serves the app, so the page's CSP (`connect-src 'self'`) lets it
 * through. Invocations, their answers and main's events share the socket and arrive in the order
 * they were sent, as on Electron's one pipe per renderer. Through the DevTools protocol, a 100-line
 * sale cost the page tens of milliseconds per message, which is not what Electron's native clone
 * costs; a socket costs about what the JSON parse costs.
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'

const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
const OPCODE = { continuation: 0x0, text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const

/** The server's end of one page's socket. */
export interface PageSocket {
  send(text: string): void
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 0x10000
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.alloc(10)
  if (length >= 0x10000) {
    header[0] = 0x80 | opcode
    header[1] = 127
    header.writeBigUInt64BE(BigInt(length), 2)
  }
  return Buffer.concat([header, payload])
}

/**
 * Reads the page's frames as they arrive in pieces; calls `onText` per whole text message. A frame
 * a browser never sends (unmasked, binary) ends the connection; nothing is read after a close.
 */
function frameReader(socket: Duplex, onText: (text: string) => void): void {
  let buffered = Buffer.alloc(0)
  let message: Buffer[] = []
  let closing = false
  socket.on('data', (chunk: Buffer) => {
    if (closing) return
    buffered = Buffer.concat([buffered, chunk])
    while (buffered.length >= 2) {
      const first = buffered[0] ?? 0
      const second = buffered[1] ?? 0
      let offset = 2
      let length = second & 0x7f
      if (length === 126) {
        if (buffered.length < 4) return
        length = buffered.readUInt16BE(2)
        offset = 4
      } else if (length === 127) {
        if (buffered.length < 10) return
        length = Number(buffered.readBigUInt64BE(2))
        offset = 10
      }
      const opcode = first & 0x0f
      const known = opcode === OPCODE.text || opcode === OPCODE.continuation || opcode >= OPCODE.close
      if ((second & 0x80) === 0 || !known) {
        closing = true
        socket.destroy()
        return
      }
      const end = offset + 4 + length
      if (buffered.length < end) return
      const payload = Buffer.from(buffered.subarray(end - length, end))
      const mask = buffered.subarray(offset, offset + 4)
      for (let index = 0; index < payload.length; index++)
        payload[index] = (payload[index] ?? 0) ^ (mask[index % 4] ?? 0)
      buffered = buffered.subarray(end)
      if (opcode === OPCODE.text || opcode === OPCODE.continuation) {
        message.push(payload)
        if (first & 0x80) {
          const text = Buffer.concat(message).toString('utf8')
          message = []
          onText(text)
        }
      } else if (opcode === OPCODE.ping) socket.write(frame(OPCODE.pong, payload))
      else if (opcode === OPCODE.close) {
        closing = true
        socket.end(frame(OPCODE.close, Buffer.alloc(0)))
        return
      }
    }
  })
}

/**
 * Accepts pages' sockets at `ws://…/__ipc/<key>`: `open(key, socket)` returns the handler of that
 * page's messages, or null to refuse the key. Returns what drops every socket still open.
 */
export function acceptPageSockets(
  server: Server,
  open: (key: string, socket: PageSocket, closed: Promise<void>) => ((text: string) => void) | null,
): () => void {
  const sockets = new Set<Duplex>()
  const refuse = (socket: Duplex, status: string) => socket.end(`HTTP/1.1 ${status}\r\n\r\n`, () => socket.destroy())
  server.on('upgrade', (request: IncomingMessage, socket: Duplex) => {
    // Once upgraded, the HTTP server no longer listens for this socket's errors.
    socket.on('error', () => socket.destroy())
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    const key = request.headers['sec-websocket-key']
    const match = /^\/__ipc\/([\w-]+)$/.exec(request.url ?? '')
    const pageKey = match?.[1]
    if (typeof key !== 'string' || !pageKey) {
      refuse(socket, '400 Bad Request')
      return
    }
    const accept = createHash('sha1')
      .update(key + HANDSHAKE_GUID)
      .digest('base64')
    const closed = new Promise<void>((settle) => socket.once('close', () => settle()))
    // The server's sockets allow half-open: a page that goes without a close frame is closed here too.
    socket.once('end', () => socket.end())
    const pageSocket: PageSocket = {
      send: (text) => {
        if (!socket.destroyed && socket.writable) socket.write(frame(OPCODE.text, Buffer.from(text, 'utf8')))
      },
    }
    const onText = open(pageKey, pageSocket, closed)
    if (!onText) {
      refuse(socket, '404 Not Found')
      return
    }
    ;(socket as Duplex & { setNoDelay?(on: boolean): void }).setNoDelay?.(true)
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    )
    frameReader(socket, onText)
  })
  return () => {
    for (const socket of sockets) socket.destroy()
  }
}
