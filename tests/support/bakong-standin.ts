import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A stand-in for the Bakong Open API, faithful to khqr-spec.md §15, on a real HTTP server on
 * 127.0.0.1: POST-only JSON endpoints answering in Bakong's envelope, Bearer JWT (HS256) with its
 * `exp` checked (401), a switch to answer 403 as for a non-Cambodian address, 429 with Retry-After
 * past a request rate, injected 500/504, and the md5 and md5_list checks (list statuses SUCCESS /
 * NOT_FOUND; the list alone can be made to 403 as one SDK reports in production). Tests "pay" a QR
 * with `pay()`; a QR paid twice answers with its latest transaction.
 */

export interface StandinPayment {
  md5: string
  /** As Bakong sends it: a JSON number (1.5 for USD, 4000 for KHR), or `{ raw }` to write any JSON text. */
  amount: number | { raw: string }
  currency: 'USD' | 'KHR'
  toAccountId: string
  createdDateMs: number
  hash?: string
  fromAccountId?: string
  acknowledgedDateMs?: number
  /** Spell the dates as one TypeScript SDK types them (`createDateMs`, `acknowledgeDateMs`). */
  sdkDateNames?: boolean
}

export interface StandinRequest {
  path: string
  body: unknown
  status: number
  at: number
}

export interface BakongStandin {
  baseUrl: string
  /** A JWT signed with the stand-in's key, valid until `expiresAt` (ms; default a day after `now()`). */
  issueToken(options?: { expiresAt?: number }): string
  pay(payment: StandinPayment): string
  requests: StandinRequest[]
  /** Requests made to the check endpoints whose body named this md5. */
  checksOf(md5: string): number
  /** Answer 403 to everything, as Bakong does for a non-Cambodian address. */
  geoBlocked: boolean
  /** Answer 403 on `check_transaction_by_md5_list` only. */
  listForbidden: boolean
  /** Answer an invalid token with HTTP 200 and errorCode 6 instead of HTTP 401. */
  unauthorizedAsErrorCode: boolean
  /** At most this many requests per second of `now()`; beyond, 429 with Retry-After. */
  rateLimit: { perSecond: number; retryAfterSeconds: number } | null
  /** The next `count` requests answer this status (500 or 504). */
  failNext(status: 500 | 502 | 503 | 504, count?: number): void
  /** Closes the listener (connections refused) until `start()` listens again on the same port. */
  stop(): Promise<void>
  start(): Promise<void>
  close(): Promise<void>
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url')

function envelope(
  responseCode: 0 | 1,
  responseMessage: string,
  errorCode: number | null,
  data: unknown,
): Record<string, unknown> {
  return { responseCode, responseMessage, errorCode, data }
}

export async function startBakongStandin(options: { now?: () => number } = {}): Promise<BakongStandin> {
  const now = options.now ?? Date.now
  const key = randomBytes(32)
  const payments = new Map<string, StandinPayment[]>()
  const requests: StandinRequest[] = []
  const rawAmounts = new Map<string, string>()
  let failures: { status: number; count: number } = { status: 500, count: 0 }
  let windowStart = 0
  let windowCount = 0
  let port = 0

  const standin: BakongStandin = {
    baseUrl: '',
    requests,
    geoBlocked: false,
    listForbidden: false,
    unauthorizedAsErrorCode: false,
    rateLimit: null,
    issueToken({ expiresAt = now() + 86_400_000 } = {}) {
      const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
      const claims = base64url(
        JSON.stringify({
          data: { id: 'standin', bakongAccountId: 'demo_shop@demo' },
          iat: Math.floor(now() / 1000),
          exp: Math.floor(expiresAt / 1000),
        }),
      )
      const signature = createHmac('sha256', key).update(`${head}.${claims}`).digest('base64url')
      return `${head}.${claims}.${signature}`
    },
    pay(payment) {
      const hash = payment.hash ?? randomBytes(32).toString('hex')
      const list = payments.get(payment.md5) ?? []
      list.push({ ...payment, hash })
      payments.set(payment.md5, list)
      return hash
    },
    checksOf(md5) {
      return requests.filter((request) => JSON.stringify(request.body).includes(md5)).length
    },
    failNext(status, count = 1) {
      failures = { status, count }
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
    async start() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject)
          resolve()
        })
      })
      port = (server.address() as AddressInfo).port
      standin.baseUrl = `http://127.0.0.1:${port}`
    },
    async close() {
      if (server.listening) await standin.stop()
    },
  }

  function tokenValid(authorization: string | undefined): boolean {
    const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization ?? '')
    if (!match) return false
    const [, head, claims, signature] = match as unknown as [string, string, string, string]
    const expected = createHmac('sha256', key).update(`${head}.${claims}`).digest()
    const given = Buffer.from(signature, 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false
    try {
      const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string }
      const payload = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { exp?: number }
      return header.alg === 'HS256' && typeof payload.exp === 'number' && payload.exp * 1000 > now()
    } catch {
      return false
    }
  }

  function transaction(payment: StandinPayment): Record<string, unknown> {
    let amount: unknown = payment.amount
    if (typeof payment.amount === 'object') {
      const placeholder = `__raw_amount_${rawAmounts.size}__`
      rawAmounts.set(placeholder, payment.amount.raw)
      amount = placeholder
    }
    const created = payment.sdkDateNames ? 'createDateMs' : 'createdDateMs'
    const acknowledged = payment.sdkDateNames ? 'acknowledgeDateMs' : 'acknowledgedDateMs'
    return {
      hash: payment.hash,
      fromAccountId: payment.fromAccountId ?? 'customer@aba',
      toAccountId: payment.toAccountId,
      currency: payment.currency,
      amount,
      description: null,
      [created]: payment.createdDateMs,
      [acknowledged]: payment.acknowledgedDateMs ?? payment.createdDateMs + 800,
      trackingStatus: null,
      receiverBank: null,
      receiverBankAccount: null,
      externalRef: `FT${payment.createdDateMs}`,
      instructionRef: null,
    }
  }

  const isMd5 = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-f]{32}$/.test(value)

  function answer(path: string, body: unknown): { status: number; json: unknown } {
    if (path === '/v1/check_transaction_by_md5') {
      const md5 = (body as { md5?: unknown } | null)?.md5
      if (!isMd5(md5)) return { status: 200, json: envelope(1, 'Missing required fields', 5, null) }
      const paid = payments.get(md5)?.at(-1)
      if (!paid)
        return {
          status: 200,
          json: envelope(1, 'Transaction could not be found. Please check and try again.', 1, null),
        }
      return { status: 200, json: envelope(0, 'Getting transaction successfully.', null, transaction(paid)) }
    }
    if (path === '/v1/check_transaction_by_md5_list') {
      if (standin.listForbidden) return { status: 403, json: null }
      if (!Array.isArray(body) || body.length === 0 || body.length > 50 || !body.every(isMd5))
        return { status: 200, json: envelope(1, 'Missing required fields', 5, null) }
      const data = body.map((md5) => {
        const paid = payments.get(md5)?.at(-1)
        return paid
          ? { md5, status: 'SUCCESS', message: 'Transaction found', data: transaction(paid) }
          : { md5, status: 'NOT_FOUND', message: 'Transaction could not be found', data: null }
      })
      return { status: 200, json: envelope(0, 'Getting transaction successfully.', null, data) }
    }
    return { status: 404, json: envelope(1, 'Not found', null, null) }
  }

  function respond(response: ServerResponse, request: StandinRequest, status: number, json: unknown): void {
    request.status = status
    let text: string
    if (json === null) text = status === 403 ? '<html><body><h1>403 Forbidden</h1></body></html>' : ''
    else {
      text = JSON.stringify(json)
      for (const [placeholder, raw] of rawAmounts) text = text.replaceAll(`"${placeholder}"`, raw)
    }
    response.writeHead(status, {
      'content-type': json === null ? 'text/html' : 'application/json',
      ...(status === 429 && standin.rateLimit ? { 'retry-after': String(standin.rateLimit.retryAfterSeconds) } : {}),
    })
    response.end(text)
  }

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of incoming) chunks.push(chunk as Buffer)
    const path = new URL(incoming.url ?? '/', 'http://standin').pathname
    let body: unknown = null
    try {
      body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null
    } catch {
      body = undefined
    }
    const request: StandinRequest = { path, body, status: 0, at: now() }
    requests.push(request)
    if (standin.geoBlocked) return respond(response, request, 403, null)
    if (standin.rateLimit) {
      const second = Math.floor(now() / 1000)
      if (second !== windowStart) {
        windowStart = second
        windowCount = 0
      }
      windowCount++
      if (windowCount > standin.rateLimit.perSecond)
        return respond(response, request, 429, envelope(1, 'Too many requests', null, null))
    }
    if (failures.count > 0) {
      failures.count--
      return respond(response, request, failures.status, null)
    }
    if (incoming.method !== 'POST')
      return respond(response, request, 405, envelope(1, 'Method not allowed', null, null))
    if (!(incoming.headers['content-type'] ?? '').startsWith('application/json') || body === undefined)
      return respond(response, request, 400, envelope(1, 'Bad request', 5, null))
    if (path.startsWith('/v1/check_') && !tokenValid(incoming.headers.authorization)) {
      return standin.unauthorizedAsErrorCode
        ? respond(response, request, 200, envelope(1, 'Unauthorized', 6, null))
        : respond(response, request, 401, envelope(1, 'Unauthorized', 6, null))
    }
    const { status, json } = answer(path, body)
    respond(response, request, status, json)
  }

  const server: Server = createServer((incoming, response) => {
    handle(incoming, response).catch(() => {
      response.writeHead(500)
      response.end()
    })
  })
  await standin.start()
  return standin
}
