/**
 * Issue 12, finding 1, performed: someone on the shop's LAN between the terminal and the back
 * office answers the relayed KHQR check with "paid", knowing only the QR on the customer display.
 * A TCP proxy stands where the LAN would be: first it passes traffic through (the terminal enrols
 * and sees the real back office), then it hands every connection to the attacker's own server.
 */
import { createServer as createHttpServer, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { type AddressInfo, connect, createServer as createTcpServer, type Socket } from 'node:net'
import { afterEach, describe, expect, test } from 'vitest'
import { createSelfSignedCertificate } from '../../../backoffice/src/tls-certificate.ts'
import { createFetchPost } from '../../../electron/core/payments/fetch-post.ts'
import { createBakongClient } from '../../../shared/bakong/client.ts'
import { openTestBackoffice, type TestBackoffice } from '../../support/backoffice-harness.ts'
import { type BakongStandin, startBakongStandin } from '../../support/bakong-standin.ts'
import { BARCODES, codeOf, openTestPos, type TestPos } from '../../support/pos.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A proxy that forwards to `upstream`, until `divert` sends every new connection to another port. */
async function lanProxy(upstream: number): Promise<{ port: number; divert(port: number): void }> {
  let target = upstream
  const sockets = new Set<Socket>()
  const server = createTcpServer((client) => {
    const server = connect(target, '127.0.0.1')
    sockets.add(client).add(server)
    client.pipe(server).pipe(client)
    // A wire cut at one end is cut at the other: nothing is left half open for a server to wait on.
    for (const [one, other] of [
      [client, server],
      [server, client],
    ] as const) {
      one.on('error', () => other.destroy())
      one.on('close', () => {
        sockets.delete(one)
        other.destroy()
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy()
    return new Promise((resolve) => server.close(resolve))
  })
  return {
    port: (server.address() as AddressInfo).port,
    divert(port) {
      target = port
      // Kept-alive connections to the real back office are cut, as an ARP spoof would.
      for (const socket of sockets) socket.destroy()
    },
  }
}

/** The attacker's server: "paid" for every md5 asked, shaped like the back office's answer. */
async function forger(tls: boolean): Promise<{ port: number; asked: string[] }> {
  const asked: string[] = []
  const handler = (request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      asked.push(request.url ?? '')
      const { md5 = [], nonce = null } = body ? (JSON.parse(body) as { md5?: string[]; nonce?: string }) : {}
      const results = md5.map((hash) => ({
        md5: hash,
        state: 'paid',
        transaction: {
          hash: 'forged',
          fromAccountId: 'thief@bank',
          toAccountId: 'demo_shop@demo',
          currency: 'USD',
          amount: 450,
          createdAtMs: Date.UTC(2026, 10, 24, 9, 0, 20),
          acknowledgedAtMs: null,
          description: null,
        },
      }))
      const verdict = JSON.stringify({ terminal_id: 'whatever', nonce, results })
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ results, verdict, signature: 'A'.repeat(86) }))
    })
  }
  const attacker = createSelfSignedCertificate({ commonName: 'KHQR POS back office', names: ['127.0.0.1'] })
  const server: Server = tls
    ? createHttpsServer({ key: attacker.keyPem, cert: attacker.certPem }, handler)
    : createHttpServer(handler)
  // Every connection, handshake finished or not (closeAllConnections knows only HTTP ones).
  const connections = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    connections.add(socket)
    socket.on('close', () => connections.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => {
    for (const socket of connections) socket.destroy()
    return new Promise((resolve) => server.close(resolve))
  })
  return { port: (server.address() as AddressInfo).port, asked }
}

async function shop(tls: boolean): Promise<{ t: TestPos; office: TestBackoffice; bakong: BakongStandin }> {
  const t = await openTestPos({ signIn: 'manager' })
  cleanups.push(() => t.pos.shutdown(500))
  const bakong = await startBakongStandin({ now: () => t.clock.now })
  cleanups.push(() => bakong.close())
  const office = await openTestBackoffice(
    'sqlite',
    null,
    {
      khqrChecker: createBakongClient({
        baseUrl: bakong.baseUrl,
        token: () => bakong.issueToken({ expiresAt: Date.UTC(2030, 0, 1) }),
        post: createFetchPost(),
      }),
    },
    { tls },
  )
  cleanups.push(() => office.close())
  return { t, office, bakong }
}

async function enrolThrough(t: TestPos, office: TestBackoffice, address: string): Promise<void> {
  const created = await office.http('POST', '/v1/admin/terminals', {
    body: { label: 'Till 1' },
    token: await office.ownerToken(),
  })
  await t.api.enrollTerminal(address, created.body.code, t.approval('pairing'))
  await t.api.updateSettings({ khqrCheckMode: 'backoffice' }, t.approval())
}

/** The QR goes up and the watcher checks it (through the attacker): the check fails, the sale still waits. */
async function forgedPaymentIsRefused(t: TestPos): Promise<void> {
  await t.api.scanBarcode(BARCODES.amok)
  const sale = await t.api.startKhqr('USD')
  t.clock.advance(20_000)
  await expect
    .poll(async () => (await t.api.getKhqrStatus())?.checks ?? 0, { timeout: 15_000, interval: 100 })
    .toBeGreaterThan(0)
  const status = await t.api.getKhqrStatus()
  expect(status?.state).toBe('unreachable')
  const after = await t.api.getSale(sale.id)
  expect(after.state).toBe('awaiting_payment')
  expect(after.tenders).toEqual([])
}

describe('a man in the middle on the shop LAN', () => {
  test('attack over TLS with the attacker’s own certificate: the pin refuses it, nothing is sent to it, the sale stays unpaid', async () => {
    const { t, office } = await shop(true)
    const port = Number(new URL(office.url).port)
    const proxy = await lanProxy(port)
    const pin = office.pairing.split('#')[1]
    await enrolThrough(t, office, `https://127.0.0.1:${proxy.port}/#${pin}`)
    const attacker = await forger(true)
    proxy.divert(attacker.port)
    await forgedPaymentIsRefused(t)
    expect(attacker.asked).toEqual([]) // the TLS handshake failed the pin before any request went out
    // Enrolling through the attacker fails the same way, with a reason a manager can act on.
    const created = await office.http('POST', '/v1/admin/terminals', {
      body: { label: 'Till 2' },
      token: await office.ownerToken(),
    })
    expect(
      await codeOf(t.api.enrollTerminal(`https://127.0.0.1:${proxy.port}/#${pin}`, created.body.code, t.approval())),
    ).toBe('backoffice_certificate_mismatch')
  })

  test('attack on plain HTTP (allowed on this machine only): the forged verdict has no valid signature and is refused', async () => {
    const { t, office } = await shop(false)
    const proxy = await lanProxy(Number(new URL(office.url).port))
    await enrolThrough(t, office, `http://127.0.0.1:${proxy.port}`)
    const attacker = await forger(false)
    proxy.divert(attacker.port)
    await forgedPaymentIsRefused(t)
    expect(attacker.asked.length).toBeGreaterThan(0) // it did answer "paid"; the terminal did not believe it
  })

  test('a back office on the LAN over plain http:// is refused before anything is sent', async () => {
    const { t, office } = await shop(false)
    const created = await office.http('POST', '/v1/admin/terminals', {
      body: { label: 'Till 1' },
      token: await office.ownerToken(),
    })
    for (const address of ['http://192.168.1.10:8787', 'http://office.local', 'ftp://127.0.0.1'])
      expect(await codeOf(t.api.enrollTerminal(address, created.body.code, t.approval())), address).toMatch(
        /^(backoffice_insecure|backoffice_address_invalid|input_invalid)$/,
      )
    expect(await codeOf(t.api.enrollTerminal('http://192.168.1.10:8787', created.body.code, t.approval()))).toBe(
      'backoffice_insecure',
    )
  })

  test('over pinned HTTPS the real back office relays a real payment', async () => {
    const { t, office, bakong } = await shop(true)
    await enrolThrough(t, office, office.pairing)
    await t.api.scanBarcode(BARCODES.amok)
    const sale = await t.api.startKhqr('USD')
    t.clock.advance(20_000)
    bakong.pay({
      md5: sale.khqr?.md5 as string,
      amount: 4.5,
      currency: 'USD',
      toAccountId: 'demo_shop@demo',
      createdDateMs: t.clock.now,
    })
    await expect.poll(async () => (await t.api.getSale(sale.id)).state, { timeout: 15_000, interval: 200 }).toBe('paid')
    expect((await t.api.getSyncStatus()).backofficeUrl).toBe(office.pairing)
  })
})
