/**
 * Issue 12's attacks on the back office, performed over real HTTP on 127.0.0.1 (and from
 * 127.0.0.2, a second address on the loopback, for someone else on the shop's LAN).
 */
import { generateKeyPairSync, sign } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { gzipSync } from 'node:zlib'
import { expect, test } from 'vitest'
import { type PushEvent, refreshProofText } from '../../../shared/sync-protocol.ts'
import { batchOf, chainOf, OWNER_PASSWORD, pushEventOf, type TestBackoffice } from '../../support/backoffice-harness.ts'
import { backofficeSuites } from './ledger-history.ts'

const suites = await backofficeSuites()

/** A request from another address on the loopback, as another machine on the LAN would send it. */
function fromAddress(
  bo: TestBackoffice,
  localAddress: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string }> {
  const url = new URL(path, bo.url)
  const body = options.body === undefined ? undefined : JSON.stringify(options.body)
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method,
        localAddress,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (response) => {
        let text = ''
        response.on('data', (chunk) => (text += chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }))
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}

suites.onEachStore('attacks on the back office on %s', (_kind, open) => {
  test('attack: a terminal voids, closes and verifies another terminal’s records', async () => {
    const bo = await open()
    const honest = await bo.enrolTerminal('Till 1')
    const other = await bo.enrolTerminal('Till 2')
    const events: PushEvent[] = suites.ledgerRows().map(pushEventOf)
    expect(
      (
        await bo.http('POST', '/v1/sync/events', {
          token: honest.accessToken,
          body: batchOf(honest.terminalId, events),
        })
      ).status,
    ).toBe(200)
    const payloadOf = (type: string) =>
      JSON.parse(suites.ledgerRows().find((row) => row.type === type)?.payload ?? '{}')
    const paidSale = payloadOf('sale.completed')
    const shift = payloadOf('shift.opened')
    const khqr = payloadOf('khqr.confirmed')
    const forged = [
      {
        type: 'sale.voided',
        payload: { void_id: 'forged-void', sale_id: paidSale.sale_id, at: Date.UTC(2026, 10, 24, 3) },
      },
      {
        type: 'shift.closed',
        payload: {
          shift_id: shift.shift_id,
          number: 1,
          closed_by: 'intruder',
          closed_at: Date.UTC(2026, 10, 24, 3),
          counted_usd: 0,
          counted_khr: 0,
          expected_usd: 0,
          expected_khr: 0,
        },
      },
      {
        type: 'khqr.verified',
        payload: { request_id: khqr.request_id, md5: khqr.md5, sale_id: khqr.sale_id, outcome: 'verified', at: 1 },
      },
    ]
    const chain = chainOf(forged.length, {
      type: (seq) => forged[seq - 1]?.type ?? '',
      payload: (seq) => forged[seq - 1]?.payload ?? {},
    })
    const pushed = await bo.http('POST', '/v1/sync/events', {
      token: other.accessToken,
      body: batchOf(other.terminalId, chain),
    })
    expect(pushed.status).toBe(200)

    const sale = await bo.store.get<{ void_id: string | null }>('SELECT void_id FROM sales WHERE sale_id = ?', [
      paidSale.sale_id,
    ])
    expect(sale?.void_id).toBeNull()
    const shiftRow = await bo.store.get<{ closed_at: number | null; terminal_id: string }>(
      'SELECT closed_at, terminal_id FROM shifts WHERE shift_id = ?',
      [shift.shift_id],
    )
    expect(shiftRow).toEqual({ closed_at: null, terminal_id: honest.terminalId })
    const payment = await bo.store.get<{ verification: string | null }>(
      'SELECT verification FROM khqr_payments WHERE request_id = ?',
      [khqr.request_id],
    )
    expect(payment?.verification).toBeNull()
  })

  test('attack: 120 guesses a minute from one address no longer starve the real terminal and the owner', async () => {
    const bo = await open({ limits: { authPerMinute: 5 } })
    const terminal = await bo.enrolTerminal('Till 1') // its enrolment and first token: 2 of 127.0.0.1's 5
    const guesses = []
    for (let i = 0; i < 8; i++) {
      guesses.push(await fromAddress(bo, '127.0.0.2', 'POST', '/v1/owner/login', { body: { password: `guess ${i}` } }))
      guesses.push(
        await fromAddress(bo, '127.0.0.2', 'POST', '/v1/terminals/enroll', {
          body: { code: 'AAAAAAAA', device_fingerprint: 'x', app_version: '1' },
        }),
      )
    }
    expect(guesses.map((answer) => answer.status)).toContain(429)
    const refresh = await bo.http('POST', '/v1/auth/token', { body: { refresh_token: terminal.refreshToken } })
    expect(refresh.status).toBe(200)
    const login = await bo.http('POST', '/v1/owner/login', { body: { password: OWNER_PASSWORD } })
    expect(login.status).toBe(200)
  })

  test('attack: an unauthenticated import is refused before its body is read (no gzip bomb is inflated)', async () => {
    const bo = await open()
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, ' '))
    expect(bomb.length).toBeLessThan(200_000)
    for (let i = 0; i < 8; i++) {
      const answer = await fetch(`${bo.url}/v1/sync/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: bomb,
      }).catch((error: Error) => ({ status: `closed: ${error.message}` }))
      // Either the 401 arrives, or the server closed the connection on the unread body.
      expect([401, expect.stringMatching(/^closed/)]).toContainEqual(answer.status)
    }
    // Headers alone get the answer: the server does not wait for (or read) the 50 MB announced.
    const answer = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(`${bo.url}/v1/sync/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
      })
      request.on('response', (response) => {
        resolve(response.statusCode ?? 0)
        request.destroy()
      })
      request.on('error', reject)
      request.flushHeaders()
    })
    expect(answer).toBe(401)
    // Anonymous bodies anywhere else are small.
    const big = await bo.http('POST', '/v1/terminals/enroll', { body: { code: 'x'.repeat(100_000) } })
    expect(big.status).toBe(413)
  })

  test('attack: a page on another site makes the owner’s browser post with the session cookie', async () => {
    const bo = await open()
    const login = await bo.http('POST', '/login', {
      body: `password=${encodeURIComponent(OWNER_PASSWORD)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string
    const forged = await bo.http('POST', '/v1/admin/terminals', { body: { label: 'Intruder' }, headers: { cookie } })
    expect(forged.status).toBe(403)
    expect(forged.body.error.code).toBe('csrf_invalid')
    const page = await bo.http('GET', '/', { headers: { cookie } })
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1] as string
    const real = await bo.http('POST', '/v1/admin/terminals', {
      body: { label: 'Till 2' },
      headers: { cookie, 'x-csrf-token': csrf },
    })
    expect(real.status).toBe(201)
  })

  test('attack: a refresh token sniffed or copied is useless without the terminal’s key, and a replayed refresh changes nothing', async () => {
    const bo = await open()
    const owner = await bo.ownerToken()
    const created = await bo.http('POST', '/v1/admin/terminals', { body: { label: 'Till 1' }, token: owner })
    const key = generateKeyPairSync('ed25519')
    const enrolled = await bo.http('POST', '/v1/terminals/enroll', {
      body: {
        code: created.body.code,
        device_fingerprint: 'fp',
        app_version: '1.0.0',
        terminal_key: (key.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64url'),
      },
    })
    const refresh = (token: string, counter: number, signer = key.privateKey) => ({
      refresh_token: token,
      proof: {
        counter,
        signature: sign(null, Buffer.from(refreshProofText(token, counter)), signer).toString('base64url'),
      },
    })
    const first = refresh(enrolled.body.refresh_token, 1)
    const answer = await bo.http('POST', '/v1/auth/token', { body: first })
    expect(answer.status).toBe(200)
    // The token alone, or signed with another key: refused.
    const stolen = answer.body.refresh_token as string
    expect((await bo.http('POST', '/v1/auth/token', { body: { refresh_token: stolen } })).body.error.code).toBe(
      'refresh_proof_invalid',
    )
    const otherKey = generateKeyPairSync('ed25519').privateKey
    expect((await bo.http('POST', '/v1/auth/token', { body: refresh(stolen, 5, otherKey) })).status).toBe(401)
    // The first request, captured and sent again within the grace window: refused, not a fresh pair.
    const replayed = await bo.http('POST', '/v1/auth/token', { body: first })
    expect(replayed.body.error.code).toBe('refresh_proof_replayed')
    // And the real terminal was not revoked by any of it.
    const next = await bo.http('POST', '/v1/auth/token', { body: refresh(stolen, 2) })
    expect(next.status).toBe(200)
    const status = await bo.http('GET', '/v1/sync/status', { token: next.body.access_token })
    expect(status.status).toBe(200)
  })

  test('every answer says nosniff, and a rebound DNS name gets nothing', async () => {
    const bo = await open()
    for (const path of ['/healthz', '/owner.css', '/v1/nothing', '/'])
      expect((await bo.http('GET', path)).headers.get('x-content-type-options')).toBe('nosniff')
    // fetch will not set Host; node:http will, as a browser tricked by DNS rebinding would send it.
    const rebound = await fromAddress(bo, '127.0.0.1', 'GET', '/healthz', {
      headers: { host: 'attacker.example:8080' },
    })
    expect(rebound.status).toBe(421)
    const local = await fromAddress(bo, '127.0.0.1', 'GET', '/healthz', { headers: { host: 'localhost:8080' } })
    expect(local.status).toBe(200)
  })
})
