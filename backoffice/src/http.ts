import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { gunzip } from 'node:zlib'
import type { Backoffice, BackofficeRequest, BackofficeResponse } from './app.ts'

export interface ListenOptions {
  host: string
  port: number
  /** Largest body of an authenticated request after decompression (default 1 MiB; a push is refused above 512 KB by the handler itself). */
  maxBodyBytes?: number
  /** Largest body of a request with no valid credential (default 64 KiB: a login form, an enrolment). */
  maxAnonymousBodyBytes?: number
  /** Largest accepted import file, for the owner only (default 64 MiB). */
  maxImportBytes?: number
  /** Serve HTTPS with this key and certificate (the back office's own, which terminals pin). */
  tls?: { keyPem: string; certPem: string }
}

export interface Listening {
  url: string
  close(): Promise<void>
}

class BodyError extends Error {
  readonly status: number
  readonly code: string
  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

/** Reads the whole body; over the limit it keeps draining (so the client reads our 413) but stops keeping it. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0)
    let tooLarge = declared > limit
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) tooLarge = true
      if (!tooLarge) chunks.push(chunk)
    })
    request.on('end', () =>
      tooLarge
        ? reject(new BodyError(413, 'body_too_large', `The body is larger than ${limit} bytes.`))
        : resolve(Buffer.concat(chunks)),
    )
    request.on('error', reject)
  })
}

function gunzipLimited(data: Buffer, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    gunzip(data, { maxOutputLength: limit + 1 }, (error, result) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger/.test(error.message))
          reject(new BodyError(413, 'body_too_large', `The body is larger than ${limit} bytes once decompressed.`))
        else reject(new BodyError(400, 'invalid_gzip', 'The body is not valid gzip.'))
      } else if (result.length > limit)
        reject(new BodyError(413, 'body_too_large', `The body is larger than ${limit} bytes once decompressed.`))
      else resolve(result)
    }),
  )
}

async function toBackofficeRequest(
  backoffice: Backoffice,
  request: IncomingMessage,
  options: ListenOptions,
): Promise<BackofficeRequest> {
  const url = new URL(request.url ?? '/', 'http://backoffice.invalid')
  const headers: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(request.headers))
    headers[name] = Array.isArray(value) ? value.join(', ') : value
  // The credential is checked before a byte of the body is read, so nobody unauthenticated can
  // make the server read or inflate a large body.
  const allowance = await backoffice.bodyAllowance({ method: request.method ?? 'GET', path: url.pathname, headers })
  if (allowance === 'refused') throw new BodyError(401, 'owner_unauthenticated', 'Sign in as the owner first.')
  const limit =
    allowance === 'import'
      ? (options.maxImportBytes ?? 64 * 1024 * 1024)
      : allowance === 'authenticated'
        ? (options.maxBodyBytes ?? 1024 * 1024)
        : (options.maxAnonymousBodyBytes ?? 64 * 1024)
  const query: Record<string, string> = {}
  for (const [name, value] of url.searchParams) if (!(name in query)) query[name] = value

  let raw = await readBody(request, limit)
  const encoding = (headers['content-encoding'] ?? 'identity').toLowerCase()
  if (encoding === 'gzip') raw = await gunzipLimited(raw, limit)
  else if (encoding !== 'identity') throw new BodyError(415, 'unsupported_encoding', 'Only gzip bodies are accepted.')

  let body: unknown
  if (raw.length > 0) {
    const type = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
    if (type === 'application/json') {
      try {
        body = JSON.parse(raw.toString('utf8'))
      } catch {
        throw new BodyError(400, 'invalid_json', 'The body is not valid JSON.')
      }
    } else if (type === 'application/x-www-form-urlencoded') {
      body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')))
    } else {
      throw new BodyError(415, 'unsupported_media_type', 'Send the body as application/json.')
    }
  }
  return {
    method: request.method ?? 'GET',
    path: url.pathname,
    query,
    headers,
    body,
    rawBytes: raw.length,
    ...(request.socket.remoteAddress ? { remoteAddress: request.socket.remoteAddress } : {}),
  }
}

function send(response: ServerResponse, result: BackofficeResponse): void {
  const payload =
    typeof result.body === 'string' || result.body instanceof Uint8Array
      ? result.body
      : result.body === undefined
        ? ''
        : JSON.stringify(result.body)
  response.writeHead(result.status, { ...result.headers, 'content-length': Buffer.byteLength(payload) })
  response.end(payload)
}

/**
 * Serves a back office over node:http on one address: reads and limits the body (gzip allowed),
 * parses JSON (or the owner page's form fields), and hands it to the same handler the
 * simulation calls directly.
 */
export function listen(backoffice: Backoffice, options: ListenOptions): Promise<Listening> {
  const handler: RequestListener = async (request, response) => {
    let result: BackofficeResponse
    try {
      result = await backoffice.handle(await toBackofficeRequest(backoffice, request, options))
    } catch (error) {
      const known = error instanceof BodyError
      // A refusal before the body was read closes the connection rather than read what is left.
      const unread = !known || error.status === 401
      result = {
        status: known ? error.status : 400,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-content-type-options': 'nosniff',
          ...(unread ? { connection: 'close' } : {}),
        },
        body: {
          error: {
            code: known ? error.code : 'bad_request',
            message: known ? error.message : 'The request could not be read.',
          },
        },
      }
    }
    if (!response.destroyed) send(response, result)
  }
  const server = options.tls
    ? createTlsServer({ key: options.tls.keyPem, cert: options.tls.certPem }, handler)
    : createServer(handler)
  server.requestTimeout = 60_000
  server.headersTimeout = 20_000
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      const address = server.address() as AddressInfo
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
      resolve({
        url: `${options.tls ? 'https' : 'http'}://${host}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}
