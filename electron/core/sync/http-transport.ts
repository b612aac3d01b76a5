import { gzipSync } from 'node:zlib'
import { type SyncRequest, type SyncResponse, type SyncTransport, TransportError } from './transport.ts'

export interface HttpTransportOptions {
  /** A push or token request that takes longer than this is abandoned (and the batch halved). */
  timeoutMs?: number
  /** Compress request bodies larger than this many bytes; off when undefined. */
  gzipAboveBytes?: number
}

/** The real transport: JSON over fetch to the back office, with a timeout. */
export function createHttpTransport(baseUrl: string, options: HttpTransportOptions = {}): SyncTransport {
  const base = baseUrl.replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? 30_000
  return {
    async send(request: SyncRequest): Promise<SyncResponse> {
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers }
      let body: string | Uint8Array<ArrayBuffer> | undefined
      if (request.json !== undefined || request.body !== undefined) {
        const json = request.json ?? JSON.stringify(request.body)
        headers['content-type'] = 'application/json'
        if (options.gzipAboveBytes !== undefined && json.length > options.gzipAboveBytes) {
          body = new Uint8Array(gzipSync(json))
          headers['content-encoding'] = 'gzip'
        } else
          body =
            typeof json === 'string'
              ? json
              : new Uint8Array(json.buffer as ArrayBuffer, json.byteOffset, json.byteLength)
      }
      let response: Response
      let text: string
      // Not AbortSignal.timeout: its timer keeps the request (and its body) reachable until it
      // fires, which during a long drain holds hundreds of batches in memory.
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), timeoutMs)
      try {
        response = await fetch(base + request.path, {
          method: request.method,
          headers,
          body,
          signal: controller.signal,
        })
        text = await response.text()
      } catch (error) {
        if (controller.signal.aborted)
          throw new TransportError('timeout', `no answer within ${timeoutMs} ms`, { cause: error })
        throw new TransportError('network', (error as Error).message, { cause: error })
      } finally {
        clearTimeout(timer)
      }
      const responseHeaders: Record<string, string> = {}
      response.headers.forEach((value, name) => {
        responseHeaders[name.toLowerCase()] = value
      })
      let parsed: unknown
      if (text.length > 0) {
        try {
          parsed = JSON.parse(text)
        } catch (error) {
          // A 200 whose body was cut short must not look like an answer; other statuses still count.
          if (response.status === 200) throw new TransportError('network', 'the answer was cut short', { cause: error })
          parsed = undefined
        }
      }
      return { status: response.status, headers: responseHeaders, body: parsed }
    },
  }
}
