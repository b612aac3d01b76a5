/**
 * A real back office for tests: the handler on a real SQLite file or a fresh PostgreSQL schema,
 * served over node:http on 127.0.0.1, plus the terminal-side chores (enrol, tokens) and batches
 * built from a real ledger's outbox rows, so the shapes are the terminal's own.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Backoffice, type BackofficeOptions, createBackoffice } from '../../backoffice/src/app.ts'
import { listen } from '../../backoffice/src/http.ts'
import { openPostgresStore } from '../../backoffice/src/store/postgres.ts'
import { openSqliteStore } from '../../backoffice/src/store/sqlite.ts'
import type { BackofficeStore } from '../../backoffice/src/store/types.ts'
import { backofficeRequest } from '../../electron/core/sync/pinned-http.ts'
import { canonicalJson } from '../../shared/canonical-json.ts'
import type { PushEvent, PushRequest } from '../../shared/sync-protocol.ts'
import { SYNC_SCHEMA_VERSION } from '../../shared/sync-protocol.ts'
import type { TestPostgres } from './postgres.ts'

export type StoreKind = 'sqlite' | 'postgres'
export const OWNER_PASSWORD = 'owner password for tests'

export interface HttpAnswer {
  status: number
  headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers field by field, and a wrong field fails the assertion anyway
  body: any
  text: string
}

export interface TestBackoffice {
  backoffice: Backoffice
  store: BackofficeStore
  url: string
  /** What a terminal is given to enrol: the address, with the certificate pin when serving HTTPS. */
  pairing: string
  clock: { now: number; advance(ms: number): void }
  /** A request over real HTTP; `body` is sent as JSON unless it is a string (sent as is). */
  http(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ): Promise<HttpAnswer>
  ownerToken(): Promise<string>
  /** Creates a terminal as the owner, enrols it and gets its first access token. */
  enrolTerminal(label?: string): Promise<EnrolledTerminal>
  close(): Promise<void>
}

export interface EnrolledTerminal {
  terminalId: string
  storeId: string
  refreshToken: string
  accessToken: string
}

export async function openTestBackoffice(
  kind: StoreKind,
  postgres: TestPostgres | null,
  options: Partial<BackofficeOptions> = {},
  /** `tls`: serve HTTPS with the back office's own certificate, as `npm run backoffice` does. */
  serving: { tls?: boolean } = {},
): Promise<TestBackoffice> {
  let store: BackofficeStore
  if (kind === 'sqlite') store = await openSqliteStore(join(mkdtempSync(join(tmpdir(), 'backoffice-')), 'bo.sqlite'))
  else {
    if (!postgres?.url) throw new Error(`PostgreSQL is not available: ${postgres?.reason}`)
    store = await openPostgresStore({ connectionString: postgres.url, schema: postgres.freshSchema(), max: 4 })
  }
  const clock = {
    now: Date.UTC(2026, 10, 24, 2, 0, 0),
    advance(ms: number) {
      clock.now += ms
    },
  }
  const backoffice = await createBackoffice({
    store,
    now: () => clock.now,
    ownerPassword: OWNER_PASSWORD,
    log: () => {},
    ...options,
  })
  const server = await listen(backoffice, {
    host: '127.0.0.1',
    port: 0,
    ...(serving.tls ? { tls: backoffice.tls } : {}),
  })
  const address = { base: server.url, pin: serving.tls ? backoffice.tls.fingerprint : null }
  let owner: string | null = null

  const http: TestBackoffice['http'] = async (method, path, request = {}) => {
    const headers: Record<string, string> = { ...request.headers }
    if (request.token) headers.authorization = `Bearer ${request.token}`
    let body: string | undefined
    if (request.body !== undefined) {
      body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body)
      headers['content-type'] ??= 'application/json'
    }
    if (serving.tls) {
      // fetch would refuse the self-signed certificate; the terminal's own pinned client does not.
      const answer = await backofficeRequest(address, path, {
        method,
        headers,
        ...(body ? { body } : {}),
        timeoutMs: 10_000,
      })
      const answerHeaders = new Headers()
      for (const [name, value] of Object.entries(answer.headers))
        if (typeof value === 'string') answerHeaders.set(name, value)
      const json = (answerHeaders.get('content-type') ?? '').startsWith('application/json')
      return {
        status: answer.status,
        headers: answerHeaders,
        body: json ? JSON.parse(answer.bodyText) : answer.bodyText,
        text: answer.bodyText,
      }
    }
    const response = await fetch(`${server.url}${path}`, { method, headers, body, redirect: 'manual' })
    const text = await response.text()
    let parsed: unknown = text
    if ((response.headers.get('content-type') ?? '').startsWith('application/json')) parsed = JSON.parse(text)
    return { status: response.status, headers: response.headers, body: parsed, text }
  }

  const ownerToken = async () => {
    if (owner) return owner
    const answer = await http('POST', '/v1/owner/login', { body: { password: OWNER_PASSWORD } })
    if (answer.status !== 200) throw new Error(`owner login failed: ${answer.text}`)
    owner = answer.body.owner_token as string
    return owner
  }

  return {
    backoffice,
    store,
    url: server.url,
    pairing: serving.tls ? `${server.url}/#pin=${backoffice.tls.fingerprint}` : server.url,
    clock,
    http,
    ownerToken,
    async enrolTerminal(label = 'Till 1') {
      const created = await http('POST', '/v1/admin/terminals', { body: { label }, token: await ownerToken() })
      if (created.status !== 201) throw new Error(`create terminal failed: ${created.text}`)
      const enrolled = await http('POST', '/v1/terminals/enroll', {
        body: { code: created.body.code, device_fingerprint: `fp-${label}`, app_version: '1.0.0' },
      })
      if (enrolled.status !== 200) throw new Error(`enrol failed: ${enrolled.text}`)
      const token = await http('POST', '/v1/auth/token', { body: { refresh_token: enrolled.body.refresh_token } })
      if (token.status !== 200) throw new Error(`token failed: ${token.text}`)
      return {
        terminalId: enrolled.body.terminal_id,
        storeId: enrolled.body.store_id,
        refreshToken: token.body.refresh_token,
        accessToken: token.body.access_token,
      }
    },
    async close() {
      await server.close()
      await backoffice.close()
    },
  }
}

export interface OutboxRow {
  seq: number
  event_id: string
  type: string
  payload: string
  payload_sha256: string
  prev_hash: string
  hash: string
  occurred_at_device: number
}

/** An outbox row as the terminal sends it: the payload parsed back into an object. */
export function pushEventOf(row: OutboxRow): PushEvent {
  return {
    event_id: row.event_id,
    seq: row.seq,
    type: row.type,
    occurred_at_device: row.occurred_at_device,
    payload_sha256: row.payload_sha256,
    prev_hash: row.prev_hash,
    payload: JSON.parse(row.payload),
  }
}

let batchCounter = 0

export function batchOf(
  terminalId: string,
  events: PushEvent[],
  sentAt = Date.UTC(2026, 10, 24, 2, 0, 0),
): PushRequest {
  batchCounter++
  return {
    terminal_id: terminalId,
    batch_id: `0190f3c2-0000-7000-8000-${batchCounter.toString(16).padStart(12, '0')}`,
    schema_version: SYNC_SCHEMA_VERSION,
    app_version: '1.0.0',
    sent_at_device: sentAt,
    events,
  }
}

/** Events with valid payload hashes and a valid chain from `prevHash`, for tests that bend one rule at a time. */
export function chainOf(
  count: number,
  options: {
    firstSeq?: number
    prevHash?: string
    type?: string | ((seq: number) => string)
    payload?: (seq: number) => Record<string, unknown>
  } = {},
): PushEvent[] {
  const events: PushEvent[] = []
  let prevHash = options.prevHash ?? '0'.repeat(64)
  for (let index = 0; index < count; index++) {
    const seq = (options.firstSeq ?? 1) + index
    const payload = options.payload?.(seq) ?? { movement_id: `mv-${seq}`, amount: 100 * seq, currency: 'USD' }
    const payloadSha256 = sha256Hex(canonicalJson(payload))
    events.push({
      event_id: `0190f3c1-0000-7000-8000-${seq.toString(16).padStart(12, '0')}`,
      seq,
      type: typeof options.type === 'function' ? options.type(seq) : (options.type ?? 'cash.moved'),
      occurred_at_device: Date.UTC(2026, 10, 24, 1, 0, 0) + seq,
      payload_sha256: payloadSha256,
      prev_hash: prevHash,
      payload,
    })
    prevHash = sha256Hex(prevHash + payloadSha256)
  }
  return events
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}
