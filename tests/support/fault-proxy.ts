/**
 * A fault-injecting TCP proxy in front of a real HTTP server on 127.0.0.1 (what Toxiproxy does,
 * in-process): each new connection gets a fault chosen by the test — added latency, a reset in the
 * middle of the request, the response dropped after the upstream answered (the server committed),
 * or the response body cut short. When the upstream is down, connections are reset.
 */
import { connect, createServer, type Socket } from 'node:net'

export type Fault = 'none' | 'latency' | 'reset_request' | 'drop_response' | 'truncate_response'

export interface FaultProxy {
  url: string
  /** How many connections got each fault. */
  counts: Record<Fault, number>
  close(): Promise<void>
}

export async function startFaultProxy(options: {
  upstreamPort: number
  choose: () => Fault
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
    const fault = options.choose()
    counts[fault]++
    const upstream = connect(options.upstreamPort, '127.0.0.1')
    sockets.add(client)
    sockets.add(upstream)
    const kill = () => {
      if (!client.destroyed) client.resetAndDestroy()
      if (!upstream.destroyed) upstream.destroy()
    }
    client.on('close', () => sockets.delete(client))
    upstream.on('close', () => {
      sockets.delete(upstream)
      if (!client.destroyed) client.end()
    })
    client.on('error', kill)
    upstream.on('error', kill)
    const delay = fault === 'latency' ? (options.latencyMs ?? 50) : 0
    let forward = Promise.resolve()
    const later = (work: () => void) => {
      forward = forward.then(() => new Promise<void>((resolve) => setTimeout(resolve, delay))).then(work)
    }
    client.on('data', (chunk: Buffer) => {
      if (fault === 'reset_request') {
        upstream.write(chunk.subarray(0, Math.floor(chunk.length / 2)), () => kill())
        return
      }
      if (delay > 0) later(() => upstream.destroyed || upstream.write(chunk))
      else upstream.write(chunk)
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
      if (delay > 0) later(() => client.destroyed || client.write(chunk))
      else client.write(chunk)
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
