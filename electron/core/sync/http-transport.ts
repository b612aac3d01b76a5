import { gzipSync } from 'node:zlib'
import { parseBackofficeAddress } from './backoffice-address.ts'
import { backofficeRequest, type PinnedAnswer, TimeoutError } from './pinned-http.ts'
import { type SyncRequest, type SyncResponse, type SyncTransport, TransportError } from './transport.ts'

export interface HttpTransportOptions {
  /** A push or token request that takes longer than this is abandoned (and the batch halved). */
  timeoutMs?: number
  /** Compress request bodies larger than this many bytes; off when undefined. */
  gzipAboveBytes?: number
}

/**
 * The real transport: JSON to the back office over pinned HTTPS (or plain HTTP on this machine),
 * with a deadline. An address that is neither is refused before anything is sent.
 */
export function createHttpTransport(baseUrl: string, options: HttpTransportOptions = {}): SyncTransport {
  const address = parseBackofficeAddress(baseUrl)
  const timeoutMs = options.timeoutMs ?? 30_000
  return {
    async send(request: SyncRequest): Promise<SyncResponse> {
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers }
      let body: string | Uint8Array | undefined
      if (request.json !== undefined || request.body !== undefined) {
        const json = request.json ?? JSON.stringify(request.body)
        headers['content-type'] = 'application/json'
        if (options.gzipAboveBytes !== undefined && json.length > options.gzipAboveBytes) {
          body = gzipSync(json)
          headers['content-encoding'] = 'gzip'
        } else body = json
      }
      let answer: PinnedAnswer
      try {
        answer = await backofficeRequest(address, request.path, { method: request.method, headers, body, timeoutMs })
      } catch (error) {
        if (error instanceof TimeoutError) throw new TransportError('timeout', error.message, { cause: error })
        throw new TransportError('network', (error as Error).message, { cause: error })
      }
      const responseHeaders: Record<string, string> = {}
      for (const [name, value] of Object.entries(answer.headers))
        if (value !== undefined) responseHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
      let parsed: unknown
      if (answer.bodyText.length > 0) {
        try {
          parsed = JSON.parse(answer.bodyText)
        } catch (error) {
          // A 200 whose body was cut short must not look like an answer; other statuses still count.
          if (answer.status === 200) throw new TransportError('network', 'the answer was cut short', { cause: error })
          parsed = undefined
        }
      }
      return { status: answer.status, headers: responseHeaders, body: parsed }
    },
  }
}
