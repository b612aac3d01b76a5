import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto'
import { refreshProofText } from '../../../shared/sync-protocol.ts'
import type { SecretStore } from '../payments/secrets.ts'
import { parseRetryAfter } from './backoff.ts'
import type { SyncErrorClass } from './classify.ts'
import type { SyncConfig, SyncStateStore } from './sync-state.ts'
import type { SyncTransport } from './transport.ts'

export type { SecretStore }

export const REFRESH_TOKEN_SECRET = 'sync.refresh_token'
/** The Ed25519 key (PKCS8 PEM) made at enrolment that every refresh is signed with, and its counter. */
export const TERMINAL_KEY_SECRET = 'sync.terminal_key'
export const PROOF_COUNTER_SECRET = 'sync.proof_counter'
/** An access token is renewed this long before it expires, so a push never starts on a dying one. */
const EXPIRY_MARGIN_MS = 60_000

/** Why the terminal could not get an access token, in the sync's error classes. */
export class SyncAuthError extends Error {
  readonly errorClass: SyncErrorClass
  readonly retryAfterMs: number | null

  constructor(errorClass: SyncErrorClass, message: string, retryAfterMs: number | null = null) {
    super(message)
    this.name = 'SyncAuthError'
    this.errorClass = errorClass
    this.retryAfterMs = retryAfterMs
  }
}

function field(body: unknown, name: string): unknown {
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined
}

function stringField(body: unknown, name: string): string | null {
  const value = field(body, name)
  return typeof value === 'string' && value.length > 0 ? value : null
}

function failure(status: number, headers: Record<string, string>, body: unknown, now: number): SyncAuthError {
  const code = stringField(body, 'error') ?? stringField(field(body, 'error'), 'code') ?? `HTTP ${status}`
  // The same signed refresh arrived twice (a duplicated delivery): this terminal is fine, it signs a new one and retries.
  if (code === 'refresh_proof_replayed') return new SyncAuthError('busy', code, null)
  if (status === 401 || status === 403)
    return new SyncAuthError('revoked', `the back office refused the terminal: ${code}`)
  if (status === 409) return new SyncAuthError('update_needed', code)
  const retryAfterMs = parseRetryAfter(headers['retry-after'], now)
  if (status === 429 || status === 503) return new SyncAuthError('busy', code, retryAfterMs)
  if (status >= 500) return new SyncAuthError('server', code, retryAfterMs)
  return new SyncAuthError('auth', code)
}

/**
 * The terminal's identity with the back office (docs/sync-protocol.md §4.2): enrolment with a
 * one-time code, then short-lived access tokens from a refresh token that the server rotates on
 * every use. The new refresh token is stored before the access token is used, so a crash never
 * leaves the terminal holding only a spent one.
 */
export class SyncAuth {
  private readonly secrets: SecretStore
  private readonly state: SyncStateStore
  private readonly now: () => number
  private readonly transportFor: (baseUrl: string) => SyncTransport
  private cached: { token: string; expiresAt: number } | null = null
  private refreshing: Promise<string> | null = null

  constructor(options: {
    secrets: SecretStore
    state: SyncStateStore
    now: () => number
    transportFor: (baseUrl: string) => SyncTransport
  }) {
    this.secrets = options.secrets
    this.state = options.state
    this.now = options.now
    this.transportFor = options.transportFor
  }

  async enroll(
    baseUrl: string,
    code: string,
    device: { fingerprint: string; appVersion: string },
  ): Promise<SyncConfig> {
    const url = baseUrl.replace(/\/+$/, '')
    const key = generateKeyPairSync('ed25519')
    const response = await this.transportFor(url).send({
      method: 'POST',
      path: '/v1/terminals/enroll',
      headers: {},
      body: {
        code: code.trim(),
        device_fingerprint: device.fingerprint,
        app_version: device.appVersion,
        terminal_key: (key.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64url'),
      },
    })
    if (response.status === 400 || response.status === 401) {
      const reason = stringField(field(response.body, 'error'), 'code') ?? `HTTP ${response.status}`
      // Class `revoked`: this terminal is not let in (the engine reports it as a refused enrolment).
      throw new SyncAuthError('revoked', `the back office refused this enrolment code (${reason})`)
    }
    if (response.status !== 200 && response.status !== 201)
      throw failure(response.status, response.headers, response.body, this.now())
    const terminalId = stringField(response.body, 'terminal_id')
    const storeId = stringField(response.body, 'store_id')
    const refreshToken = stringField(response.body, 'refresh_token')
    if (!terminalId || !storeId || !refreshToken)
      throw new SyncAuthError('server', 'the back office answered the enrolment without an identity')
    this.secrets.set(REFRESH_TOKEN_SECRET, refreshToken)
    this.secrets.set(TERMINAL_KEY_SECRET, key.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string)
    this.secrets.set(PROOF_COUNTER_SECRET, '0')
    const config = {
      backofficeUrl: url,
      terminalId,
      storeId,
      enrolledAt: this.now(),
      verdictKey: stringField(response.body, 'verdict_key'),
    }
    this.state.saveConfig(config)
    this.cached = null
    return config
  }

  /** A valid access token, refreshed (once, however many callers ask at the same time) when needed. */
  accessToken(): Promise<string> {
    if (this.cached && this.cached.expiresAt > this.now()) return Promise.resolve(this.cached.token)
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null
    })
    return this.refreshing
  }

  /** The server said the access token is no good (401): the next call refreshes. */
  invalidate(): void {
    this.cached = null
  }

  forget(): void {
    this.cached = null
    this.secrets.set(REFRESH_TOKEN_SECRET, null)
    this.secrets.set(TERMINAL_KEY_SECRET, null)
    this.secrets.set(PROOF_COUNTER_SECRET, null)
    this.state.saveConfig(null)
  }

  /** The terminal's Ed25519 signature over `text` (base64url), or null before enrolment made a key. */
  signWithTerminalKey(text: string): string | null {
    const pem = this.secrets.get(TERMINAL_KEY_SECRET)
    if (!pem) return null
    return sign(null, Buffer.from(text), createPrivateKey(pem)).toString('base64url')
  }

  /** The signature that makes the refresh token usable: the terminal's key over the token and a fresh counter. */
  private proofFor(refreshToken: string): { proof?: { counter: number; signature: string } } {
    if (!this.secrets.get(TERMINAL_KEY_SECRET)) return {}
    const counter = Number(this.secrets.get(PROOF_COUNTER_SECRET) ?? '0') + 1
    this.secrets.set(PROOF_COUNTER_SECRET, String(counter))
    const signature = this.signWithTerminalKey(refreshProofText(refreshToken, counter)) as string
    return { proof: { counter, signature } }
  }

  private async refresh(): Promise<string> {
    const config = this.state.config()
    const refreshToken = this.secrets.get(REFRESH_TOKEN_SECRET)
    if (!config || !refreshToken) throw new SyncAuthError('auth', 'the terminal is not enrolled with a back office')
    const startedAt = this.now()
    const response = await this.transportFor(config.backofficeUrl).send({
      method: 'POST',
      path: '/v1/auth/token',
      headers: {},
      body: { refresh_token: refreshToken, ...this.proofFor(refreshToken) },
    })
    if (response.status !== 200) throw failure(response.status, response.headers, response.body, this.now())
    const token = stringField(response.body, 'access_token')
    const expiresIn = field(response.body, 'expires_in')
    if (!token || !Number.isSafeInteger(expiresIn) || (expiresIn as number) <= 0)
      throw new SyncAuthError('server', 'the back office answered the token request without a token')
    const rotated = stringField(response.body, 'refresh_token')
    if (rotated) this.secrets.set(REFRESH_TOKEN_SECRET, rotated)
    const lifetime = (expiresIn as number) * 1000
    this.cached = { token, expiresAt: startedAt + Math.max(lifetime - EXPIRY_MARGIN_MS, lifetime / 2) }
    return token
  }
}
