import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { connect as tlsConnect } from 'node:tls'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { certificateFingerprint, createSelfSignedCertificate } from '../../../backoffice/src/tls-certificate.ts'
import { batchOf, chainOf } from '../../support/backoffice-harness.ts'
import { startBakongStandin } from '../../support/bakong-standin.ts'

const MAIN = resolve(import.meta.dirname, '../../../backoffice/src/main.ts')
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

/** `npm run backoffice` as a real process on a SQLite directory; resolves with its URL. */
function serve(
  dataDirectory: string,
  env: Record<string, string> = {},
): Promise<{ url: string; output: () => string }> {
  const child = spawn(process.execPath, [MAIN], {
    // Plain HTTP on 127.0.0.1 unless the test asks for the default (HTTPS).
    env: {
      ...process.env,
      BACKOFFICE_DATA: dataDirectory,
      PORT: '0',
      DATABASE_URL: '',
      BACKOFFICE_PLAIN_HTTP: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  return new Promise((done, fail) => {
    child.stdout?.on('data', (chunk) => {
      output += chunk
      const url = /back office on (https?:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
      if (url && output.includes('\n')) done({ url, output: () => output })
    })
    child.stderr?.on('data', (chunk) => {
      output += chunk
    })
    child.once('exit', (code) => fail(new Error(`the back office exited (${code}): ${output}`)))
  })
}

// Each test starts real back-office processes: on a busy machine that alone can take seconds.
const PROCESS_TESTS = { timeout: 60_000 }

describe('npm run backoffice', PROCESS_TESTS, () => {
  test('the first run prints a setup code; the page sets the owner password with it', async () => {
    const data = mkdtempSync(join(tmpdir(), 'backoffice-cli-'))
    const server = await serve(data, { BACKOFFICE_OWNER_PASSWORD: '' })
    await vi.waitFor(() => expect(server.output()).toContain('setup code'))
    const code = /setup code (\S+)/.exec(server.output())?.[1]
    expect(code).toBeDefined()
    const page = await (await fetch(`${server.url}/`)).text()
    expect(page).toContain('first run')
    const wrong = await fetch(`${server.url}/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'setup_code=wrong&password=a+long+password',
      redirect: 'manual',
    })
    expect(wrong.status).toBe(401)
    const right = await fetch(`${server.url}/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `setup_code=${code}&password=a+long+password`,
      redirect: 'manual',
    })
    expect(right.status).toBe(303)
    const login = await fetch(`${server.url}/v1/owner/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'a long password' }),
    })
    expect(login.status).toBe(200)
  })

  test('import <file> is idempotent and agrees with what the server already holds', async () => {
    const data = mkdtempSync(join(tmpdir(), 'backoffice-cli-'))
    const env = {
      ...process.env,
      BACKOFFICE_DATA: data,
      DATABASE_URL: '',
      BACKOFFICE_OWNER_PASSWORD: 'owner password 1',
    }
    const server = await serve(data, env)
    const login = await fetch(`${server.url}/v1/owner/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'owner password 1' }),
    })
    const { owner_token: owner } = (await login.json()) as { owner_token: string }
    const created = await fetch(`${server.url}/v1/admin/terminals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner}` },
      body: JSON.stringify({ label: 'Dead till' }),
    })
    const { terminal_id: terminalId } = (await created.json()) as { terminal_id: string }
    for (const child of children.splice(0)) child.kill('SIGKILL')

    const file = join(data, 'pending.json')
    writeFileSync(file, JSON.stringify([batchOf(terminalId, chainOf(5))]))
    const run = () => spawnSync(process.execPath, [MAIN, 'import', file], { env, encoding: 'utf8', timeout: 30_000 })
    const first = run()
    expect(first.status, first.stderr).toBe(0)
    expect(JSON.parse(first.stdout)).toMatchObject({ accepted: 5, duplicate: 0, rejected: 0 })
    const second = run()
    expect(JSON.parse(second.stdout)).toMatchObject({ accepted: 0, duplicate: 5, rejected: 0 })
    const missing = spawnSync(process.execPath, [MAIN, 'import', join(data, 'nope.json')], { env, encoding: 'utf8' })
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain('import failed')
  })
})

describe('npm run backoffice with BAKONG_TOKEN', PROCESS_TESTS, () => {
  test('relays a terminal’s KHQR check to Bakong with the token it alone holds', async () => {
    const bakong = await startBakongStandin()
    try {
      const data = mkdtempSync(join(tmpdir(), 'backoffice-cli-'))
      const server = await serve(data, {
        BACKOFFICE_OWNER_PASSWORD: 'owner password 2',
        BAKONG_URL: bakong.baseUrl,
        BAKONG_TOKEN: bakong.issueToken({ expiresAt: Date.now() + 3_600_000 }),
      })
      const post = async (path: string, body: unknown, token?: string) => {
        const response = await fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        })
        return { status: response.status, body: await response.json() }
      }
      const owner = (await post('/v1/owner/login', { password: 'owner password 2' })).body.owner_token
      const created = await post('/v1/admin/terminals', { label: 'Till 1' }, owner)
      const enrolled = await post('/v1/terminals/enroll', {
        code: created.body.code,
        device_fingerprint: 'fp',
        app_version: '1.0.0',
      })
      const access = (await post('/v1/auth/token', { refresh_token: enrolled.body.refresh_token })).body.access_token
      const paidMd5 = 'a'.repeat(32)
      bakong.pay({ md5: paidMd5, amount: 1.5, currency: 'USD', toAccountId: 'shop@bank', createdDateMs: Date.now() })
      const answer = await post('/v1/khqr/check', { md5: [paidMd5, 'b'.repeat(32)] }, access)
      expect(answer.status).toBe(200)
      const states = Object.fromEntries(
        (answer.body.results as Array<{ md5: string; state: string }>).map((result) => [result.md5, result.state]),
      )
      expect(states).toEqual({ [paidMd5]: 'paid', ['b'.repeat(32)]: 'unpaid' })
      expect(bakong.requests.length).toBeGreaterThan(0)
    } finally {
      await bakong.close()
    }
  })

  test('serves the owner’s own certificate (BACKOFFICE_TLS_CERT and _KEY) and names that one’s pin; a key of another refuses to start', async () => {
    const data = mkdtempSync(join(tmpdir(), 'backoffice-cli-'))
    const own = createSelfSignedCertificate({ commonName: 'shop.example', names: ['127.0.0.1', 'shop.example'] })
    writeFileSync(join(data, 'shop.crt'), own.certPem)
    writeFileSync(join(data, 'shop.key'), own.keyPem)
    const tls = {
      BACKOFFICE_PLAIN_HTTP: '',
      BACKOFFICE_TLS_CERT: join(data, 'shop.crt'),
      BACKOFFICE_TLS_KEY: join(data, 'shop.key'),
    }
    const server = await serve(data, tls)
    expect(server.url.startsWith('https://')).toBe(true)
    await vi.waitFor(() => expect(server.output()).toContain('certificate pin'))
    const pin = certificateFingerprint(new X509Certificate(own.certPem).raw)
    expect(server.output()).toContain(`certificate pin (terminals are given it with their code): ${pin}`)
    const served = await new Promise<Buffer>((done, fail) => {
      const socket = tlsConnect(
        { host: '127.0.0.1', port: Number(new URL(server.url).port), rejectUnauthorized: false },
        () => {
          done(socket.getPeerCertificate().raw)
          socket.end()
        },
      )
      socket.once('error', fail)
    })
    expect(certificateFingerprint(served)).toBe(pin)

    const other = createSelfSignedCertificate({ commonName: 'other', names: ['127.0.0.1'] })
    writeFileSync(join(data, 'other.key'), other.keyPem)
    const refused = spawnSync(process.execPath, [MAIN], {
      env: {
        ...process.env,
        BACKOFFICE_DATA: data,
        PORT: '0',
        DATABASE_URL: '',
        ...tls,
        BACKOFFICE_TLS_KEY: join(data, 'other.key'),
      },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('The TLS key is not the key of that certificate.')
  })
})
