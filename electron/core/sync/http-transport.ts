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
      if (request.body !== undefined) {
        const text = JSON.stringify(request.body)
        headers['content-type'] = 'application/json'
        if (options.gzipAboveBytes !== undefined && text.length > options.gzipAboveBytes) {
          body = new Uint8Array(gzipSync(text))
          headers['content-encoding'] = 'gzip'
        } else body = text
      }
      let response: Response
      let text: string
      try {
        response = await fetch(base + request.path, {
          method: request.method,
          headers,
          body,
          signal: AbortSignal.timeout(timeoutMs),
        })
        text = await response.text()
      } catch (error) {
        const name = (error as Error).name
        if (name === 'TimeoutError' || name === 'AbortError')
          throw new TransportError('timeout', `no answer within ${timeoutMs} ms`, { cause: error })
        throw new TransportError('network', (error as Error).message, { cause: error })
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
