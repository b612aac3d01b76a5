/**
 * The wire contract between a terminal and the back office (sync-protocol.md §4.2–4.3): request
 * and response bodies as they travel (snake_case JSON), the batch limits, and one validator of
 * the push body that both sides use, so a batch the terminal builds is a batch the server accepts.
 */
import type { KhqrCheckResult } from './bakong/checker.ts'

/** The push body's schema version this code speaks; older terminals get 409 `schema_too_old`. */
export const SYNC_SCHEMA_VERSION = 1
export const MIN_SYNC_SCHEMA_VERSION = 1
export const MAX_BATCH_EVENTS = 200
export const MAX_BATCH_BYTES = 512 * 1024
export const ACCESS_TOKEN_TTL_SECONDS = 900
export const ENROLMENT_CODE_TTL_MS = 15 * 60 * 1000
export const MAX_KHQR_CHECK_MD5S = 50
export const TERMINAL_SCOPES = 'sync:push catalog:read khqr:check'
export const GENESIS_PREV_HASH = '0'.repeat(64)

/** The event types the back office knows; anything else is stored as rejected `unknown_event_type`. */
export const SYNC_EVENT_TYPES = [
  'sale.completed',
  'sale.voided',
  'refund.created',
  'shift.opened',
  'shift.closed',
  'cash.moved',
  'khqr.confirmed',
  'khqr.verified',
  'settings.changed',
  'rate.changed',
  'demo.ended',
] as const
export type SyncEventType = (typeof SYNC_EVENT_TYPES)[number]

// ── enrolment and tokens (§4.2) ─────────────────────────────────────────────────────────────

export interface EnrollRequest {
  code: string
  device_fingerprint: string
  app_version: string
}
export interface EnrollResponse {
  terminal_id: string
  store_id: string
  refresh_token: string
}
export interface TokenRequest {
  refresh_token: string
}
export interface TokenResponse {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  /** The next refresh token: the one sent is now spent, and sending it again revokes the terminal. */
  refresh_token: string
  scope: string
  terminal_id: string
  store_id: string
}

// ── push (§4.3) ─────────────────────────────────────────────────────────────────────────────

export interface PushEvent {
  event_id: string
  seq: number
  type: string
  occurred_at_device: number
  /** sha256 hex of canonicalJson(payload). */
  payload_sha256: string
  /** The previous outbox row's hash (64 zeros for seq 1); this row's hash is sha256hex(prev_hash + payload_sha256). */
  prev_hash: string
  /** The outbox payload parsed back into an object (the server re-canonicalises it to check the hash). */
  payload: Record<string, unknown>
  /** Optional: the outbox row's own hash; checked when sent. */
  hash?: string
}

export interface PushRequest {
  terminal_id: string
  batch_id: string
  schema_version: number
  app_version: string
  sent_at_device: number
  events: PushEvent[]
}

export type EventStatus = 'accepted' | 'duplicate' | 'rejected'

export interface EventError {
  code: string
  retryable: boolean
  message: string
}

export interface EventResult {
  event_id: string
  seq: number
  status: EventStatus
  error?: EventError
}

/** Missing sequence numbers, both ends included. */
export interface SeqGap {
  from: number
  to: number
}

export interface ChainBreak {
  seq: number
  reason: string
}

export interface PushResponse {
  server_time: number
  results: EventResult[]
  /** Highest seq up to which the server holds every event of this terminal. */
  acked_through_seq: number
  gaps: SeqGap[]
  /** First break of this terminal's hash chain seen so far, or null: "journal tampered or restored". */
  chain_break: ChainBreak | null
}

export interface SyncStatusResponse {
  acked_through_seq: number
  last_event_id: string | null
  server_time: number
}

/** Every non-2xx answer has this body. */
export interface ErrorResponse {
  error: { code: string; message: string; field?: string; retryable?: boolean }
}

// ── catalog pull ────────────────────────────────────────────────────────────────────────────

export interface CatalogProduct {
  id: string
  sku: string
  name_en: string
  name_km: string
  price_minor: number
  currency: 'USD' | 'KHR'
  vat_class: string
  barcodes: string[]
  active: boolean
  /** 'weight': price_minor is per kilogram. Left out by older back offices: count. */
  sold_by?: 'count' | 'weight'
  /** The label scale's item code for the product, digits; null or left out: none. */
  scale_code?: string | null
}
export interface CatalogVatClass {
  id: string
  name_en: string
  name_km: string
  rate_bp: number
}
export interface CatalogExchangeRate {
  id: string
  khr_per_usd: number
  set_at: number
}

export type CatalogChange =
  | { version: number; kind: 'product'; item: CatalogProduct }
  | { version: number; kind: 'vat_class'; item: CatalogVatClass }
  | { version: number; kind: 'exchange_rate'; item: CatalogExchangeRate }

/** `GET /v1/catalog?cursor=…`: changes after the cursor, oldest first; call again with next_cursor while has_more. */
export interface CatalogResponse {
  changes: CatalogChange[]
  next_cursor: string
  has_more: boolean
  server_time: number
}

// ── KHQR relay (§4.5) ───────────────────────────────────────────────────────────────────────

export interface KhqrCheckRequest {
  md5: string[]
  sale_id?: string
}
export interface KhqrCheckResponse {
  results: KhqrCheckResult[]
}

// ── validation ──────────────────────────────────────────────────────────────────────────────

export interface ValidationFailure {
  code: string
  message: string
  field: string
}
export type Validated<T> = { ok: true; value: T } | { ok: false; error: ValidationFailure }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const SHA256_HEX = /^[0-9a-f]{64}$/
const EVENT_TYPE = /^[a-z][a-z0-9_]{0,31}(\.[a-z][a-z0-9_]{0,31}){1,3}$/
/** 2100-01-01: later device times are a broken clock or hostile input. */
const MAX_EPOCH_MS = 4_102_444_800_000
const PUSH_KEYS = new Set(['terminal_id', 'batch_id', 'schema_version', 'app_version', 'sent_at_device', 'events'])
const EVENT_KEYS = new Set([
  'event_id',
  'seq',
  'type',
  'occurred_at_device',
  'payload_sha256',
  'prev_hash',
  'payload',
  'hash',
])

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value)
}
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
export function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max
}
export function isTextOf(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max
}

function fail(field: string, message: string, code = 'invalid_request'): { ok: false; error: ValidationFailure } {
  return { ok: false, error: { code, message, field } }
}

/** The identity a terminal is given at enrolment: `trm_` and 26 base32 characters. */
export const TERMINAL_ID_PATTERN = /^trm_[0-9a-z]{26}$/

/**
 * Checks the shape of a push body: every field present with its type, length and range. A batch
 * that fails is a client bug (400); limits are checked separately (413) because the terminal
 * reacts differently. Per-event business rules (type known, payload hash) are the server's.
 */
export function validatePushRequest(body: unknown): Validated<PushRequest> {
  if (!isPlainObject(body)) return fail('', 'The body must be a JSON object.')
  for (const key of Object.keys(body)) if (!PUSH_KEYS.has(key)) return fail(key, `Unknown field "${key}".`)
  if (!isTextOf(body.terminal_id, 1, 64))
    return fail('terminal_id', 'terminal_id must be a text of 1 to 64 characters.')
  if (!isUuid(body.batch_id)) return fail('batch_id', 'batch_id must be a lower-case UUID.')
  if (!isIntegerIn(body.schema_version, 1, 1000))
    return fail('schema_version', 'schema_version must be an integer from 1 to 1000.')
  if (!isTextOf(body.app_version, 1, 64))
    return fail('app_version', 'app_version must be a text of 1 to 64 characters.')
  if (!isIntegerIn(body.sent_at_device, 0, MAX_EPOCH_MS))
    return fail('sent_at_device', 'sent_at_device must be epoch milliseconds.')
  if (!Array.isArray(body.events)) return fail('events', 'events must be a list.')
  for (let index = 0; index < body.events.length; index++) {
    const problem = eventShapeProblem(body.events[index])
    if (problem) return fail(`events[${index}].${problem.field}`, problem.message)
  }
  return { ok: true, value: body as unknown as PushRequest }
}

function eventShapeProblem(event: unknown): { field: string; message: string } | null {
  if (!isPlainObject(event)) return { field: '', message: 'Each event must be a JSON object.' }
  for (const key of Object.keys(event))
    if (!EVENT_KEYS.has(key)) return { field: key, message: `Unknown field "${key}".` }
  if (!isUuid(event.event_id)) return { field: 'event_id', message: 'event_id must be a lower-case UUID.' }
  if (!isIntegerIn(event.seq, 1, Number.MAX_SAFE_INTEGER))
    return { field: 'seq', message: 'seq must be a positive integer.' }
  if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type))
    return { field: 'type', message: 'type must look like "sale.completed".' }
  if (!isIntegerIn(event.occurred_at_device, 0, MAX_EPOCH_MS))
    return { field: 'occurred_at_device', message: 'occurred_at_device must be epoch milliseconds.' }
  if (!isSha256Hex(event.payload_sha256))
    return { field: 'payload_sha256', message: 'payload_sha256 must be 64 lower-case hex digits.' }
  if (!isSha256Hex(event.prev_hash))
    return { field: 'prev_hash', message: 'prev_hash must be 64 lower-case hex digits.' }
  if (event.hash !== undefined && !isSha256Hex(event.hash))
    return { field: 'hash', message: 'hash, when sent, must be 64 lower-case hex digits.' }
  if (!isPlainObject(event.payload)) return { field: 'payload', message: 'payload must be a JSON object.' }
  return null
}

/** Events and bytes within the batch limits, else the reason (the server answers 413, the terminal halves). */
export function batchLimitProblem(eventCount: number, bytes: number | undefined): string | null {
  if (eventCount > MAX_BATCH_EVENTS) return `A batch holds at most ${MAX_BATCH_EVENTS} events, got ${eventCount}.`
  if (bytes !== undefined && bytes > MAX_BATCH_BYTES)
    return `A batch holds at most ${MAX_BATCH_BYTES} bytes, got ${bytes}.`
  return null
}

/**
 * What a terminal signs to use its refresh token (§4.2): the token and a counter that only goes
 * up, with the Ed25519 key it made at enrolment. A token copied off the wire or the disk is
 * useless without the key, and a whole request replayed is refused because its counter was seen.
 */
/**
 * What a terminal signs with its enrolment key when it exports unsent events to a file, so the back
 * office imports only what the terminal wrote: every field of every event that is not already
 * covered by its hash (seq, id, type, device time), and the chain (prev_hash, payload_sha256), in order.
 */
export function exportSignatureText(
  terminalId: string,
  events: readonly Pick<
    PushEvent,
    'seq' | 'event_id' | 'type' | 'occurred_at_device' | 'prev_hash' | 'payload_sha256'
  >[],
): string {
  const lines = events.map((event) =>
    [event.seq, event.event_id, event.type, event.occurred_at_device, event.prev_hash, event.payload_sha256].join(' '),
  )
  return `khqr-pos export\n${terminalId}\n${lines.join('\n')}`
}

export function refreshProofText(refreshToken: string, counter: number): string {
  return `khqr-pos refresh\n${refreshToken}\n${counter}`
}
