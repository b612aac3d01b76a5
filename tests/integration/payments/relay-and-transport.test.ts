import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto'
import { mkdtempSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { createFetchPost } from '../../../electron/core/payments/fetch-post.ts'
import {
  BAKONG_TOKEN_SECRET,
  bakongTokenStatus,
  createFileSecretStore,
} from '../../../electron/core/payments/secrets.ts'
import { newNonce, verdictVerifier } from '../../../electron/core/sync/pinned-http.ts'
import { createBakongClient } from '../../../shared/bakong/client.ts'
import { createRelayChecker } from '../../../shared/bakong/relay.ts'
import { type BakongStandin, startBakongStandin } from '../../support/bakong-standin.ts'

const NOW = Date.UTC(2026, 10, 24, 9, 0, 0)
const MD5 = '0123456789abcdef0123456789abcdef'
const OTHER = 'fedcba9876543210fedcba9876543210'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function standin(): Promise<BakongStandin> {
  const server = await startBakongStandin({ now: () => NOW })
  cleanups.push(() => server.close())
  return server
}

/** A minimal back office relay over real HTTP: `POST /v1/khqr/check` answered by a Bakong client. */
interface RelayBehaviour {
  status?: number
  body?: string
  /** Sign with another key, for another terminal or nonce, or not at all. */
  key?: KeyObject
  terminalId?: string
  nonce?: string
  unsigned?: boolean
}
const TERMINAL = 'trm_relay_test'
const VERDICT_KEY = generateKeyPairSync('ed25519')
const verdictPublicKey = (VERDICT_KEY.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64url')
/** The relay checker as the engine makes it: the back office's key from the enrolment, a fresh nonce per request. */
function checkerFor(baseUrl: string, accessToken: () => Promise<string>, post = createFetchPost()) {
  return createRelayChecker({
    baseUrl,
    accessToken,
    post,
    verify: verdictVerifier(verdictPublicKey),
    nonce: newNonce,
    terminalId: () => TERMINAL,
  })
}

async function relay(bakong: BakongStandin, behaviour: RelayBehaviour = {}): Promise<string> {
  const token = bakong.issueToken()
  const client = createBakongClient({
    baseUrl: bakong.baseUrl,
    token: () => token,
    post: createFetchPost(),
    now: () => NOW,
  })
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    if (request.headers.authorization !== 'Bearer terminal-access') {
      response.writeHead(401).end()
      return
    }
    if (behaviour.status) {
      response.writeHead(behaviour.status, { 'retry-after': '12' }).end(behaviour.body ?? '')
      return
    }
    const { md5, nonce } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { md5: string[]; nonce: string }
    response.writeHead(200, { 'content-type': 'application/json' })
    if (behaviour.body) return response.end(behaviour.body)
    const results = await client.check(md5)
    const verdict = JSON.stringify({
      terminal_id: behaviour.terminalId ?? TERMINAL,
      nonce: behaviour.nonce ?? nonce,
      results,
    })
    const signature = sign(null, Buffer.from(verdict), behaviour.key ?? VERDICT_KEY.privateKey).toString('base64url')
    response.end(JSON.stringify(behaviour.unsigned ? { results } : { results, verdict, signature }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('the back office relay checker', () => {
  test('relays paid and unpaid with the transaction intact', async () => {
    const bakong = await standin()
    const hash = bakong.pay({ md5: MD5, amount: 12.3, currency: 'USD', toAccountId: 'shop@aclb', createdDateMs: NOW })
    const checker = checkerFor(await relay(bakong), async () => 'terminal-access')
    const results = await checker.check([MD5, OTHER])
    expect(results[0]).toMatchObject({
      md5: MD5,
      state: 'paid',
      transaction: { hash, amount: 1230, currency: 'USD', toAccountId: 'shop@aclb', createdAtMs: NOW },
    })
    expect(results[1]).toMatchObject({ md5: OTHER, state: 'unpaid' })
  })

  test('401, 403, 429, 5xx and garbage keep their meaning', async () => {
    const bakong = await standin()
    const post = createFetchPost()
    const wrongToken = checkerFor(await relay(bakong), async () => 'stale', post)
    expect((await wrongToken.check([MD5]))[0]?.state).toBe('unauthorized')
    const cases: [RelayBehaviour, string][] = [
      [{ status: 403 }, 'forbidden'],
      [{ status: 429 }, 'throttled'],
      [{ status: 503 }, 'unreachable'],
      [{ body: '{"results":[{"md5":"x","state":"paid"}]}' }, 'unreachable'],
      [{ body: '{"results":[{"md5":"0123456789abcdef0123456789abcdef","state":"PAID!"}]}' }, 'unreachable'],
      [{ body: 'oops' }, 'unreachable'],
      // A "paid" that is not the back office's own signed verdict for this terminal and request:
      [{ unsigned: true }, 'unreachable'],
      [{ key: generateKeyPairSync('ed25519').privateKey }, 'unreachable'],
      [{ terminalId: 'trm_someone_else' }, 'unreachable'],
      [{ nonce: 'an-old-request' }, 'unreachable'],
    ]
    for (const [behaviour, state] of cases) {
      const checker = checkerFor(await relay(bakong, behaviour), async () => 'terminal-access', post)
      expect((await checker.check([MD5]))[0]?.state, JSON.stringify({ ...behaviour, key: undefined })).toBe(state)
    }
    const throttled = checkerFor(await relay(bakong, { status: 429 }), async () => 'terminal-access', post)
    expect((await throttled.check([MD5]))[0]?.retryAfterMs).toBe(12_000)
    const noToken = checkerFor(
      await relay(bakong),
      async () => {
        throw new Error('refresh failed: offline')
      },
      post,
    )
    expect((await noToken.check([MD5]))[0]?.state).toBe('unreachable')
  })
})

describe('Bakong list endpoint against the stand-in', () => {
  test('list refused with 403 while single checks work: the batch is still answered', async () => {
    const bakong = await standin()
    bakong.listForbidden = true
    bakong.pay({ md5: MD5, amount: 4000, currency: 'KHR', toAccountId: 'shop@aclb', createdDateMs: NOW })
    const token = bakong.issueToken()
    const client = createBakongClient({
      baseUrl: bakong.baseUrl,
      token: () => token,
      post: createFetchPost(),
      now: () => NOW,
    })
    expect((await client.check([MD5, OTHER])).map((result) => result.state)).toEqual(['paid', 'unpaid'])
    expect(bakong.requests.map((request) => [request.path, request.status])).toEqual([
      ['/v1/check_transaction_by_md5_list', 403],
      ['/v1/check_transaction_by_md5', 200],
      ['/v1/check_transaction_by_md5', 200],
    ])
    bakong.listForbidden = false
    bakong.geoBlocked = true
    expect((await client.check([MD5, OTHER])).map((result) => result.state)).toEqual(['forbidden', 'forbidden'])
  })

  test('the list endpoint answers SUCCESS and NOT_FOUND per md5', async () => {
    const bakong = await standin()
    bakong.pay({ md5: OTHER, amount: 0.5, currency: 'USD', toAccountId: 'shop@aclb', createdDateMs: NOW })
    const token = bakong.issueToken()
    const client = createBakongClient({
      baseUrl: bakong.baseUrl,
      token: () => token,
      post: createFetchPost(),
      now: () => NOW,
    })
    const results = await client.check([MD5, OTHER])
    expect(results.map((result) => [result.state, result.transaction?.amount])).toEqual([
      ['unpaid', undefined],
      ['paid', 50],
    ])
    expect(bakong.requests.map((request) => request.path)).toEqual(['/v1/check_transaction_by_md5_list'])
  })
})

describe('transport and token storage', () => {
  test('a server that never answers is a timeout, not a hang', async () => {
    const server = createServer(() => {})
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanups.push(
      () =>
        new Promise((resolve) => {
          server.closeAllConnections()
          server.close(() => resolve())
        }),
    )
    const client = createBakongClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      token: () => 'x.y.z',
      post: createFetchPost({ timeoutMs: 200 }),
    })
    expect((await client.check([MD5]))[0]).toMatchObject({
      state: 'unreachable',
      detail: expect.stringMatching(/no answer/),
    })
  })

  test('the file secret store is readable by its owner only; the status tells only whether and until when', async () => {
    const bakong = await standin()
    const path = join(mkdtempSync(join(tmpdir(), 'pos-secrets-')), 'secrets.json')
    const store = createFileSecretStore(path)
    expect(bakongTokenStatus(store)).toEqual({ set: false, expiresAt: null })
    const token = bakong.issueToken({ expiresAt: NOW + 90 * 86_400_000 })
    store.set(BAKONG_TOKEN_SECRET, token)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(createFileSecretStore(path).get(BAKONG_TOKEN_SECRET)).toBe(token)
    expect(bakongTokenStatus(store)).toEqual({ set: true, expiresAt: NOW + 90 * 86_400_000 })
    expect(JSON.stringify(bakongTokenStatus(store))).not.toContain(token.split('.')[2])
    store.set(BAKONG_TOKEN_SECRET, null)
    expect(store.get(BAKONG_TOKEN_SECRET)).toBeNull()
  })
})
