import { isIP } from 'node:net'
import type { KhqrChecker } from '../../shared/bakong/checker.ts'
import {
  batchLimitProblem,
  isPlainObject,
  isTextOf,
  MAX_BATCH_EVENTS,
  MIN_SYNC_SCHEMA_VERSION,
  type PushResponse,
  SYNC_SCHEMA_VERSION,
  type SyncStatusResponse,
  validatePushRequest,
} from '../../shared/sync-protocol.ts'
import { createCatalog } from './catalog.ts'
import { badRequest, HttpError } from './errors.ts'
import { loadIdentity, type OwnCertificate } from './identity.ts'
import { assertSignedByTerminal, parseImport } from './import-file.ts'
import { type IngestOutcome, ingestEvents, type TerminalRow } from './ingest.ts'
import { createKhqrRelay } from './khqr-check.ts'
import { createOwnerAuth, OWNER_COOKIE } from './owner-auth.ts'
import { createOwnerCommands } from './owner-commands.ts'
import { ownerReports } from './owner-reports.ts'
import { ownerPageRoutes } from './owner-routes.ts'
import { businessDayOf } from './projection.ts'
import { createRateLimiter } from './rate-limit.ts'
import { backfillReportModels } from './report-backfill.ts'
import { periodFromQuery } from './report-period.ts'
import { ownerReport, terminalReports } from './reports.ts'
import { json, snakeKeys } from './responses.ts'
import { newUuid, type RandomBytes } from './secrets.ts'
import type { BackofficeStore } from './store/types.ts'
import { createTerminalAuth, type RefreshProof } from './terminal-auth.ts'
import type { TlsIdentity } from './tls-certificate.ts'

export type { KhqrChecker } from '../../shared/bakong/checker.ts'
export type { BackofficeStore } from './store/types.ts'

export interface BackofficeRequest {
  method: string
  path: string
  query?: Record<string, string>
  headers: Record<string, string | undefined>
  /** Parsed JSON (or form fields for the owner page's forms), undefined when there is no body. */
  body: unknown
  /** Size of the (decompressed) body as received; computed from `body` when absent. */
  rawBytes?: number
  /** The client's address, for per-address rate limits. */
  remoteAddress?: string
}

/**
 * How much body a request may send, decided from its headers before any of it is read: an
 * import only with the owner's session, a push or an owner change with a valid credential, and
 * anything else (unauthenticated) only a little.
 */
export type BodyAllowance = 'import' | 'authenticated' | 'anonymous' | 'refused'

export interface BackofficeResponse {
  status: number
  headers: Record<string, string>
  /** A JSON value, a string for HTML, CSS and CSV, or bytes for a font. */
  body: unknown
}

export interface Backoffice {
  handle(request: BackofficeRequest): Promise<BackofficeResponse>
  bodyAllowance(request: Pick<BackofficeRequest, 'method' | 'path' | 'headers'>): Promise<BodyAllowance>
  close(): Promise<void>
  /** The certificate and key to serve HTTPS with; terminals pin `fingerprint`. */
  tls: TlsIdentity
  /** The first-run setup code to print, or null once the owner password is set. */
  setupCode(): string | null
  /** The same import as `POST /v1/sync/import`, for the command line. */
  importEvents(body: unknown): Promise<ImportSummary>
  /** Creates a terminal of the default store and its one-time code (the page's button, for tests and scripts). */
  createTerminal(
    label: string,
  ): Promise<{ terminal_id: string; store_id: string; code: string; code_expires_at: number }>
}

export interface BackofficeLimits {
  /** Pushes per minute per terminal before 429 (default 12 000). */
  pushPerMinute?: number
  /**
   * Enrolment and token requests per minute from one address, and owner sign-in and setup
   * requests per minute from one address, each in its own bucket (default 120).
   */
  authPerMinute?: number
}

export interface ImportSummary {
  accepted: number
  duplicate: number
  rejected: number
  terminals: { terminal_id: string; acked_through_seq: number; gaps: { from: number; to: number }[] }[]
}

export interface BackofficeOptions {
  store: BackofficeStore
  now?: () => number
  randomBytes?: RandomBytes
  khqrChecker?: KhqrChecker
  limits?: BackofficeLimits
  /** Sets (or replaces) the owner password, as BACKOFFICE_OWNER_PASSWORD does. */
  ownerPassword?: string
  /** Names and IPv4 addresses written into the back office's certificate on its first run (default 127.0.0.1, localhost). */
  tlsNames?: readonly string[]
  /** The owner's own certificate and key (PEM) to serve instead of the one made on the first run. */
  tlsCertificate?: OwnCertificate
  /** Host names the back office answers to besides IP addresses and localhost (DNS rebinding guard). */
  allowedHosts?: readonly string[]
  /** Minutes east of UTC of the shop's day (default +420, Cambodia). */
  dayOffsetMinutes?: number
  /** Test hooks: called inside a batch's transaction after its events are written; a throw rolls the batch back. */
  faults?: { insideBatchTransaction?: (info: { terminalId: string; eventCount: number }) => void | Promise<void> }
  log?: (message: string, error?: unknown) => void
}

function cookieOf(headers: BackofficeRequest['headers'], name: string): string | null {
  for (const part of (headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return null
}

function objectBody(body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) throw badRequest('The body must be a JSON object.')
  return body
}
function textField(body: Record<string, unknown>, key: string, max: number, min = 1): string {
  const value = body[key]
  if (!isTextOf(value, min, max)) throw badRequest(`${key} must be a text of ${min} to ${max} characters.`, key)
  return value
}
function onlyFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) if (!allowed.includes(key)) throw badRequest(`Unknown field "${key}".`, key)
}

/**
 * The back office as one function from request to response (sync-protocol.md §4), so the
 * terminal's simulation and the real HTTP listener run the same code. All state is in the store.
 */
export async function createBackoffice(options: BackofficeOptions): Promise<Backoffice> {
  const { store } = options
  const now = options.now ?? Date.now
  const randomBytes: RandomBytes =
    options.randomBytes ?? ((count) => globalThis.crypto.getRandomValues(new Uint8Array(count)))
  const dayOffsetMinutes = options.dayOffsetMinutes ?? 420
  const pushPerMinute = options.limits?.pushPerMinute ?? 12_000
  const authPerMinute = options.limits?.authPerMinute ?? 120
  const log = options.log ?? ((message, error) => console.error(message, error ?? ''))
  const limiter = createRateLimiter(now)
  const terminals = createTerminalAuth(store, now, randomBytes)
  const owner = createOwnerAuth(store, now, randomBytes)
  const catalog = createCatalog(store, now)
  const identity = await loadIdentity(store, {
    names: options.tlsNames ?? ['127.0.0.1', 'localhost'],
    now: now(),
    ...(options.tlsCertificate ? { ownCertificate: options.tlsCertificate } : {}),
  })
  const khqr = createKhqrRelay(store, options.khqrChecker, now, identity.signVerdict)
  const commands = createOwnerCommands(store, now, identity.signVerdict)
  await owner.initialise(options.ownerPassword)
  const defaultStoreId = await ensureDefaultStore()
  await backfillReportModels(store, (message) => log(message))

  async function ensureDefaultStore(): Promise<string> {
    const existing = await store.get<{ store_id: string }>('SELECT store_id FROM stores ORDER BY created_at LIMIT 1')
    if (existing) return existing.store_id
    const storeId = newUuid(randomBytes)
    await store.run('INSERT INTO stores (store_id, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
      storeId,
      'Shop',
      now(),
    ])
    const row = await store.get<{ store_id: string }>('SELECT store_id FROM stores ORDER BY created_at LIMIT 1')
    return row?.store_id ?? storeId
  }

  function throttle(key: string, perMinute: number): void {
    if (!Number.isFinite(perMinute)) return
    const waitMs = limiter.take(key, perMinute)
    if (waitMs > 0)
      throw new HttpError(429, 'rate_limited', 'Too many requests; wait and retry.', {
        headers: { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) },
        retryable: true,
      })
  }

  /** The caller's bucket key: per address, in separate groups for terminals and the owner. */
  function throttleAuth(group: 'terminal' | 'owner', request: BackofficeRequest): void {
    throttle(`${group}-auth:${request.remoteAddress ?? 'local'}`, authPerMinute)
  }

  async function ownerSession(request: Pick<BackofficeRequest, 'headers'>): Promise<string | null> {
    const bearer = /^Bearer (os_[A-Za-z0-9_-]{1,100})$/.exec(request.headers.authorization ?? '')?.[1]
    const token = bearer ?? cookieOf(request.headers, OWNER_COOKIE)
    return (await owner.check(token)) ? token : null
  }
  /**
   * The owner's session for a JSON endpoint. A change made with the page's cookie (which a
   * browser sends by itself) also needs the page's CSRF token in `x-csrf-token`.
   */
  async function requireOwner(request: BackofficeRequest): Promise<string> {
    const session = await ownerSession(request)
    if (!session) throw new HttpError(401, 'owner_unauthenticated', 'Sign in as the owner first.')
    const byCookie = !/^Bearer /.test(request.headers.authorization ?? '')
    if (byCookie && request.method !== 'GET' && request.headers['x-csrf-token'] !== owner.csrfToken(session))
      throw new HttpError(403, 'csrf_invalid', 'A change made with the owner page’s cookie needs its CSRF token.')
    return session
  }

  async function bodyAllowance(request: Pick<BackofficeRequest, 'method' | 'path' | 'headers'>) {
    if (request.method === 'GET' || request.method === 'HEAD') return 'anonymous' as const
    const isOwner = async () => (await ownerSession(request)) !== null
    if (request.path === '/v1/sync/import') return (await isOwner()) ? ('import' as const) : ('refused' as const)
    if (request.path === '/v1/sync/events' || request.path === '/v1/khqr/check') {
      const scope = request.path === '/v1/sync/events' ? 'sync:push' : 'khqr:check'
      const valid = await terminals.authenticate(request.headers.authorization, scope).then(
        () => true,
        () => false,
      )
      return valid ? ('authenticated' as const) : ('anonymous' as const)
    }
    if (request.path.startsWith('/v1/admin/'))
      return (await isOwner()) ? ('authenticated' as const) : ('anonymous' as const)
    return 'anonymous' as const
  }

  /** What the terminal is given with its code: this address, with the certificate's pin. */
  function pairingAddress(request: BackofficeRequest): string {
    return `https://${request.headers.host ?? '127.0.0.1'}/#pin=${identity.tls.fingerprint}`
  }

  /** Answers only to IP addresses, localhost and the names the owner configured: a rebound DNS name gets nothing. */
  function hostAllowed(host: string | undefined): boolean {
    if (host === undefined) return true
    const name = host
      .replace(/:\d+$/, '')
      .replace(/^\[(.*)\]$/, '$1')
      .toLowerCase()
    if (name === 'localhost' || isIP(name) !== 0) return true
    return (options.allowedHosts ?? []).some((allowed) => allowed.toLowerCase() === name)
  }

  // ── terminal endpoints ──────────────────────────────────────────────────────────────────

  async function enroll(request: BackofficeRequest): Promise<BackofficeResponse> {
    throttleAuth('terminal', request)
    const body = objectBody(request.body)
    onlyFields(body, ['code', 'device_fingerprint', 'app_version', 'terminal_key'])
    const code = textField(body, 'code', 32)
    const fingerprint = textField(body, 'device_fingerprint', 256)
    const appVersion = textField(body, 'app_version', 64)
    const terminalKey = body.terminal_key === undefined ? null : textField(body, 'terminal_key', 200)
    return json(200, {
      ...(await terminals.enroll(code, fingerprint, appVersion, terminalKey)),
      verdict_key: identity.verdictPublicKey,
    })
  }

  async function token(request: BackofficeRequest): Promise<BackofficeResponse> {
    throttleAuth('terminal', request)
    const body = objectBody(request.body)
    onlyFields(body, ['refresh_token', 'proof'])
    let proof: RefreshProof | null = null
    if (body.proof !== undefined) {
      const given = objectBody(body.proof)
      onlyFields(given, ['counter', 'signature'])
      if (!Number.isSafeInteger(given.counter) || (given.counter as number) < 1)
        throw badRequest('proof.counter must be a positive integer.', 'proof.counter')
      proof = { counter: given.counter as number, signature: textField(given, 'signature', 200) }
    }
    return json(200, await terminals.refresh(textField(body, 'refresh_token', 200), proof))
  }

  async function push(request: BackofficeRequest): Promise<BackofficeResponse> {
    const principal = await terminals.authenticate(request.headers.authorization, 'sync:push')
    throttle(`push:${principal.terminalId}`, pushPerMinute)
    const events = isPlainObject(request.body) ? request.body.events : undefined
    const bytes = request.rawBytes ?? Buffer.byteLength(JSON.stringify(request.body ?? null) ?? '')
    const tooLarge = batchLimitProblem(Array.isArray(events) ? events.length : 0, bytes)
    if (tooLarge) throw new HttpError(413, 'batch_too_large', tooLarge, { retryable: true })
    const checked = validatePushRequest(request.body)
    if (!checked.ok) throw badRequest(checked.error.message, checked.error.field, checked.error.code)
    const batch = checked.value
    if (batch.schema_version < MIN_SYNC_SCHEMA_VERSION)
      throw new HttpError(409, 'schema_too_old', 'This terminal speaks an older sync schema; update the app.')
    if (batch.schema_version > SYNC_SCHEMA_VERSION)
      throw new HttpError(409, 'schema_too_new', 'This back office is older than the terminal; update the back office.')
    if (batch.terminal_id !== principal.terminalId)
      throw new HttpError(403, 'terminal_mismatch', 'A terminal may only push its own events.', {
        field: 'terminal_id',
      })
    const receivedAt = now()
    const outcome = await store.transaction(async (tx) => {
      const terminal = await lockTerminal(tx, principal.terminalId)
      if (terminal.status !== 'active')
        throw new HttpError(403, 'terminal_revoked', 'This terminal was revoked in the back office.')
      const result = await ingestEvents(tx, {
        terminal,
        batchId: batch.batch_id,
        source: 'push',
        events: batch.events,
        receivedAt,
        dayOffsetMinutes,
      })
      await tx.run('UPDATE terminals SET last_seen = ?, clock_offset_ms = ?, app_version = ? WHERE terminal_id = ?', [
        receivedAt,
        receivedAt - batch.sent_at_device,
        batch.app_version,
        principal.terminalId,
      ])
      await options.faults?.insideBatchTransaction?.({
        terminalId: principal.terminalId,
        eventCount: batch.events.length,
      })
      return result
    })
    const response: PushResponse = {
      server_time: now(),
      results: outcome.results,
      acked_through_seq: outcome.ackedThroughSeq,
      gaps: outcome.gaps,
      chain_break: outcome.chainBreak,
    }
    return json(200, response)
  }

  async function lockTerminal(
    tx: Parameters<Parameters<BackofficeStore['transaction']>[0]>[0],
    terminalId: string,
  ): Promise<TerminalRow> {
    const terminal = await tx.get<TerminalRow>(
      `SELECT terminal_id, store_id, label, status, acked_through_seq, max_seq, last_event_id, chain_break_seq, chain_break_reason
       FROM terminals WHERE terminal_id = ?${store.forUpdate}`,
      [terminalId],
    )
    if (!terminal) throw new HttpError(404, 'terminal_not_found', `There is no terminal ${terminalId}.`)
    return terminal
  }

  async function status(request: BackofficeRequest): Promise<BackofficeResponse> {
    const principal = await terminals.authenticate(request.headers.authorization, 'sync:push')
    const row = await store.get<{ acked_through_seq: number; last_event_id: string | null }>(
      'SELECT acked_through_seq, last_event_id FROM terminals WHERE terminal_id = ?',
      [principal.terminalId],
    )
    const response: SyncStatusResponse = {
      acked_through_seq: row?.acked_through_seq ?? 0,
      last_event_id: row?.last_event_id ?? null,
      server_time: now(),
    }
    return json(200, response)
  }

  async function importEvents(body: unknown): Promise<ImportSummary> {
    const batches = parseImport(body)
    for (const batch of batches) {
      const keyed = await store.get<{ public_key: string | null }>(
        'SELECT public_key FROM terminals WHERE terminal_id = ?',
        [batch.terminalId],
      )
      if (keyed) assertSignedByTerminal(batch, keyed.public_key)
    }
    const summary: ImportSummary = { accepted: 0, duplicate: 0, rejected: 0, terminals: [] }
    for (const batch of batches) {
      let last: IngestOutcome | null = null
      // One transaction per push-sized chunk, like a push, so a huge file never holds one long lock.
      for (let start = 0; start === 0 || start < batch.events.length; start += MAX_BATCH_EVENTS) {
        const chunk = batch.events.slice(start, start + MAX_BATCH_EVENTS)
        last = await store.transaction(async (tx) => {
          const terminal = await lockTerminal(tx, batch.terminalId)
          return ingestEvents(tx, {
            terminal,
            batchId: null,
            source: 'import',
            events: chunk,
            receivedAt: now(),
            dayOffsetMinutes,
          })
        })
        for (const result of last.results) summary[result.status]++
      }
      if (last)
        summary.terminals.push({
          terminal_id: batch.terminalId,
          acked_through_seq: last.ackedThroughSeq,
          gaps: last.gaps,
        })
    }
    return summary
  }

  // ── owner endpoints (JSON) ──────────────────────────────────────────────────────────────

  async function ownerLogin(request: BackofficeRequest): Promise<BackofficeResponse> {
    throttleAuth('owner', request)
    const body = objectBody(request.body)
    onlyFields(body, ['password'])
    const session = await owner.login(textField(body, 'password', 200))
    return json(200, { owner_token: session.token, expires_at: session.expiresAt })
  }

  async function adminReport(): Promise<BackofficeResponse> {
    const report = await ownerReport(store)
    return json(200, {
      terminals: report.terminals,
      sales: report.sales,
      rejected: report.rejected,
      khqr_manual: report.khqrManual,
      merchant_changes: report.merchantChanges,
      server_time: now(),
    })
  }

  const pageRoute = ownerPageRoutes({
    store,
    owner,
    terminals,
    commands,
    catalog,
    now,
    dayOffsetMinutes,
    defaultStoreId,
    ownerSession,
    throttleAuth,
    pairingAddress,
  })

  // ── routing ─────────────────────────────────────────────────────────────────────────────

  async function route(request: BackofficeRequest): Promise<BackofficeResponse> {
    const { method, path } = request
    const key = `${method} ${path}`
    switch (key) {
      case 'POST /v1/terminals/enroll':
        return enroll(request)
      case 'POST /v1/auth/token':
        return token(request)
      case 'POST /v1/sync/events':
        return push(request)
      case 'GET /v1/sync/status':
        return status(request)
      case 'GET /v1/terminal/commands': {
        const principal = await terminals.authenticate(request.headers.authorization, 'catalog:read')
        return json(200, { commands: await commands.forTerminal(principal.terminalId) })
      }
      case 'GET /v1/catalog': {
        await terminals.authenticate(request.headers.authorization, 'catalog:read')
        return json(200, await catalog.changesAfter(request.query?.cursor))
      }
      case 'POST /v1/khqr/check': {
        const principal = await terminals.authenticate(request.headers.authorization, 'khqr:check')
        return json(200, await khqr.check(request.body, principal.terminalId))
      }
      case 'POST /v1/sync/import': {
        await requireOwner(request)
        return json(200, await importEvents(request.body))
      }
      case 'POST /v1/owner/login':
        return ownerLogin(request)
      case 'GET /v1/admin/report':
        await requireOwner(request)
        return adminReport()
      case 'GET /v1/admin/reports': {
        await requireOwner(request)
        const { period, problem } = periodFromQuery(request.query, businessDayOf(now(), dayOffsetMinutes))
        if (problem) throw badRequest('from, to and date must be days (YYYY-MM-DD) at most ten years apart.', problem)
        return json(200, {
          ...(snakeKeys(await ownerReports(store, period, dayOffsetMinutes)) as object),
          server_time: now(),
        })
      }
      case 'GET /v1/admin/terminals':
        await requireOwner(request)
        return json(200, { terminals: await terminalReports(store) })
      case 'POST /v1/admin/terminals': {
        await requireOwner(request)
        const body = objectBody(request.body)
        onlyFields(body, ['label'])
        return json(201, await terminals.createTerminal(defaultStoreId, textField(body, 'label', 40)))
      }
      case 'POST /v1/admin/catalog':
        await requireOwner(request)
        return json(201, await catalog.record(request.body))
      case 'GET /healthz':
        return json(200, { ok: true, server_time: now() })
    }
    const admin = /^\/v1\/admin\/terminals\/(trm_[0-9a-z]{26})\/(revoke|code|unlock-managers)$/.exec(path)
    if (method === 'POST' && admin?.[1]) {
      await requireOwner(request)
      if (admin[2] === 'unlock-managers') return json(201, await commands.unlockManagers(admin[1]))
      if (admin[2] === 'revoke') {
        await terminals.revoke(admin[1], 'revoked by the owner')
        return json(200, { terminal_id: admin[1], status: 'revoked' })
      }
      return json(200, { terminal_id: admin[1], ...(await terminals.newCode(admin[1])) })
    }
    const page = await pageRoute(request)
    if (page) return page
    throw new HttpError(404, 'not_found', `There is nothing at ${method} ${path.slice(0, 200)}.`)
  }

  return {
    bodyAllowance,
    async handle(request) {
      try {
        if (!hostAllowed(request.headers.host))
          throw new HttpError(421, 'host_not_allowed', 'This back office does not answer to that host name.')
        return await route(request)
      } catch (error) {
        if (error instanceof HttpError) {
          const body: { code: string; message: string; field?: string; retryable?: boolean } = {
            code: error.code,
            message: error.message,
          }
          if (error.field !== undefined) body.field = error.field
          if (error.retryable !== undefined) body.retryable = error.retryable
          return json(error.status, { error: body }, error.headers)
        }
        log(`back office: ${request.method} ${request.path} failed`, error)
        return json(500, { error: { code: 'internal_error', message: 'The back office failed; retry later.' } })
      }
    },
    close: () => store.close(),
    tls: identity.tls,
    setupCode: () => owner.setupCode(),
    importEvents,
    createTerminal: (label) => terminals.createTerminal(defaultStoreId, label),
  }
}
