/**
 * A fault-injecting TCP proxy in front of a real HTTP server on 127.0.0.1 (what Toxiproxy does,
 * in-process). Each request (a client chunk that starts with a request line) gets a fault chosen
 * by the test from its head: added latency, a reset in the middle of the request, the response
 * dropped after the upstream answered (the server committed), or the response body cut short.
 * When the upstream is down, connections are reset.
 */
import { connect, createServer, type Socket } from 'node:net'

export type Fault = 'none' | 'latency' | 'reset_request' | 'drop_response' | 'truncate_response'

export interface FaultProxy {
  url: string
  /** How many requests got each fault. */
  counts: Record<Fault, number>
  close(): Promise<void>
}

const REQUEST_LINE = /^(GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH) \S+ HTTP\/1\.[01]\r\n/

export async function startFaultProxy(options: {
  upstreamPort: number
  /** The fault for one request, from its head (request line and headers). */
  choose: (head: string) => Fault
  latencyMs?: number
}): Promise<FaultProxy> {
  const counts: Record<Fault, number> = {
    none: 0,
    latency: 0,
    reset_request: 0,
    drop_response: 0,
    truncate_response: 0,
  }
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = connect(options.upstreamPort, '127.0.0.1')
    sockets.add(client)
    sockets.add(upstream)
    let fault: Fault = 'none'
    const kill = () => {
      if (!client.destroyed) client.resetAndDestroy()
      if (!upstream.destroyed) upstream.destroy()
    }
    client.on('close', () => {
      sockets.delete(client)
      upstream.destroy()
    })
    upstream.on('close', () => {
      sockets.delete(upstream)
      if (!client.destroyed) client.end()
    })
    client.on('error', kill)
    upstream.on('error', kill)
    let queue = Promise.resolve()
    const send = (target: Socket, chunk: Buffer) => {
      if (fault !== 'latency') {
        if (!target.destroyed) target.write(chunk)
        return
      }
      queue = queue
        .then(() => new Promise<void>((resolve) => setTimeout(resolve, options.latencyMs ?? 50)))
        .then(() => {
          if (!target.destroyed) target.write(chunk)
        })
    }
    client.on('data', (chunk: Buffer) => {
      const head = chunk.subarray(0, 2048).toString('latin1')
      if (REQUEST_LINE.test(head)) {
        fault = options.choose(head)
        counts[fault]++
      }
      if (fault === 'reset_request') {
        upstream.write(chunk.subarray(0, Math.floor(chunk.length / 2)), kill)
        return
      }
      send(upstream, chunk)
    })
    client.on('end', () => upstream.end())
    upstream.on('data', (chunk: Buffer) => {
      if (fault === 'drop_response') {
        kill()
        return
      }
      if (fault === 'truncate_response') {
        const headerEnd = chunk.indexOf('\r\n\r\n')
        const keep = headerEnd < 0 ? Math.floor(chunk.length / 2) : headerEnd + 4 + 3
        client.end(chunk.subarray(0, Math.min(keep, chunk.length - 1)))
        upstream.destroy()
        return
      }
      send(client, chunk)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('the proxy has no port')
  return {
    url: `http://127.0.0.1:${address.port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
