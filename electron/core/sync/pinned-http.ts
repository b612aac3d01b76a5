import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { Agent, request as httpsRequest } from 'node:https'
import type { Duplex } from 'node:stream'
import { type ConnectionOptions, connect, type TLSSocket } from 'node:tls'
import type { HttpPost } from '../../../shared/bakong/http.ts'
import type { BackofficeAddress } from './backoffice-address.ts'

/** A nonce for a relayed check. */
export const newNonce = (): string => randomBytes(16).toString('base64url')

export class PinMismatchError extends Error {
  readonly code = 'certificate_pin_mismatch'
}

/**
 * An HTTPS agent that lets a connection carry a request only once the server's certificate is the
 * pinned one (SHA-256 of its DER). The check happens before the socket is handed to the request,
 * so not a byte of a token or a sale reaches a server in the middle. Which CA signed the
 * certificate does not matter: the back office's is its own.
 */
class PinnedAgent extends Agent {
  private readonly pin: string

  constructor(pin: string) {
    super({ keepAlive: true, maxSockets: 4 })
    this.pin = pin
  }

  override createConnection(
    options: ConnectionOptions,
    callback?: (error: Error | null, socket: Duplex) => void,
  ): Duplex | undefined {
    const socket: TLSSocket = connect({ ...options, rejectUnauthorized: false })
    const fail = (error: Error) => callback?.(error, socket)
    socket.once('error', fail)
    socket.once('secureConnect', () => {
      socket.off('error', fail)
      const der = socket.getPeerCertificate(false)?.raw
      const seen = der ? createHash('sha256').update(der).digest('base64url') : ''
      if (seen !== this.pin) {
        socket.destroy()
        callback?.(
          new PinMismatchError(`the back office's certificate is not the one this terminal was paired with`),
          socket,
        )
        return
      }
      callback?.(null, socket)
    })
    return undefined
  }
}

const agents = new Map<string, PinnedAgent>()
function agentFor(pin: string): PinnedAgent {
  let agent = agents.get(pin)
  if (!agent) {
    agent = new PinnedAgent(pin)
    agents.set(pin, agent)
  }
  return agent
}

export interface PinnedAnswer {
  status: number
  headers: IncomingHttpHeaders
  bodyText: string
}

/**
 * One request to the back office at `address`: pinned HTTPS, public-CA HTTPS when there is no pin,
 * or plain HTTP on this machine. Redirects are not followed.
 */
export function backofficeRequest(
  address: BackofficeAddress,
  path: string,
  init: { method: string; headers: Record<string, string>; body?: string | Uint8Array; timeoutMs: number },
): Promise<PinnedAnswer> {
  const url = new URL(address.base + path)
  const https = url.protocol === 'https:'
  const send = https ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: init.method,
        headers: init.headers,
        ...(https && address.pin ? { agent: agentFor(address.pin) } : {}),
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          clearTimeout(timer)
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            bodyText: Buffer.concat(chunks).toString('utf8'),
          })
        })
        response.on('error', reject)
      },
    )
    // A whole-request deadline, not an idle timeout: a server that trickles bytes is still cut off.
    const timer = setTimeout(
      () => request.destroy(new TimeoutError(`no answer within ${init.timeoutMs} ms`)),
      init.timeoutMs,
    )
    request.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    request.end(init.body)
  })
}

export class TimeoutError extends Error {
  readonly code = 'timeout'
}

/** The payment checkers' HTTP POST, to the back office at `address` (pinned as above). */
export function backofficePost(address: BackofficeAddress, timeoutMs = 10_000): HttpPost {
  return async (url, jsonBody, headers) => {
    const { pathname, search } = new URL(url)
    const base = new URL(address.base).pathname.replace(/\/+$/, '')
    const answer = await backofficeRequest(address, `${pathname.slice(base.length)}${search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: jsonBody,
      timeoutMs,
    })
    const flat: Record<string, string> = {}
    for (const [name, value] of Object.entries(answer.headers))
      if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
    return { status: answer.status, headers: flat, bodyText: answer.bodyText }
  }
}

/** Checks a verdict signed with the back office's Ed25519 key (SPKI DER, base64url). */
export function verdictVerifier(publicKey: string | null): (verdict: string, signature: string) => boolean {
  if (!publicKey) return () => false
  const key = createPublicKey({ key: Buffer.from(publicKey, 'base64url'), format: 'der', type: 'spki' })
  return (verdict, signature) => {
    try {
      return verify(null, Buffer.from(verdict, 'utf8'), key, Buffer.from(signature, 'base64url'))
    } catch {
      return false
    }
  }
}
