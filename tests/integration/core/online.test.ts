/**
 * The engine as the app runs it, wired to the outside: enrolled with a real back office over
 * HTTP on 127.0.0.1, its sales leave by themselves and the status figures say so; a KHQR paid at
 * the Bakong stand-in completes the sale on its own (directly, and relayed by the back office);
 * nothing but a matching payment is ever "paid".
 */
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, test } from 'vitest'
import { createFetchPost } from '../../../electron/core/payments/fetch-post.ts'
import { createBakongClient } from '../../../shared/bakong/client.ts'
import type { SaleView } from '../../../shared/views.ts'
import { openTestBackoffice, type TestBackoffice } from '../../support/backoffice-harness.ts'
import { type BakongStandin, startBakongStandin } from '../../support/bakong-standin.ts'
import { BARCODES, codeOf, openTestPos, type TestPos } from '../../support/pos.ts'

const tills: TestPos[] = []
const opened: Array<{ close(): unknown }> = []
afterEach(async () => {
  // The tills first, as a shop closes: what they still send finds the back office up.
  for (const t of tills.splice(0)) await t.pos.shutdown(1_000)
  for (const thing of opened.splice(0)) await thing.close()
})

async function till(): Promise<TestPos> {
  const t = await openTestPos({ signIn: 'manager' })
  tills.push(t)
  return t
}

async function backoffice(options: Parameters<typeof openTestBackoffice>[2] = {}): Promise<TestBackoffice> {
  const office = await openTestBackoffice('sqlite', null, options)
  opened.push(office)
  return office
}

async function standin(t: TestPos): Promise<BakongStandin> {
  const bakong = await startBakongStandin({ now: () => t.clock.now })
  opened.push(bakong)
  return bakong
}

async function enrolmentCode(office: TestBackoffice): Promise<string> {
  const created = await office.http('POST', '/v1/admin/terminals', {
    body: { label: 'Till 1' },
    token: await office.ownerToken(),
  })
  return created.body.code as string
}

async function sellWater(t: TestPos): Promise<void> {
  await t.api.scanBarcode(BARCODES.water)
  await t.api.payCash('KHR', 1000)
}

async function paidByBakong(t: TestPos, bakong: BakongStandin, currency: 'USD' | 'KHR'): Promise<SaleView> {
  await t.api.scanBarcode(BARCODES.amok)
  const sale = await t.api.startKhqr(currency)
  const khqr = sale.khqr
  if (!khqr) throw new Error('no QR')
  t.clock.advance(20_000)
  bakong.pay({
    md5: khqr.md5,
    amount: currency === 'USD' ? khqr.amount / 100 : khqr.amount,
    currency,
    toAccountId: 'demo_shop@demo',
    createdDateMs: t.clock.now,
  })
  await expect.poll(async () => (await t.api.getSale(sale.id)).state, { timeout: 15_000, interval: 200 }).toBe('paid')
  return t.api.getSale(sale.id)
}

describe('sync with the back office', () => {
  test('enrolled by a manager, the shift and its sales reach the back office by themselves; the status bar figures say so', async () => {
    const t = await till()
    const office = await backoffice()
    expect((await t.api.getSyncStatus()).state).toBe('not_configured')
    expect(await codeOf(t.api.enrollTerminal(office.url, 'WRONG123', t.approval()))).toBe('enrolment_refused')

    const status = await t.api.enrollTerminal(office.url, await enrolmentCode(office), t.approval('new till'))
    expect(status.backofficeUrl).toBe(office.url)
    for (let sale = 0; sale < 3; sale++) await sellWater(t)

    await expect.poll(async () => (await t.api.getSyncStatus()).unsynced, { timeout: 10_000 }).toBe(0)
    const synced = await t.api.getSyncStatus()
    expect(synced).toMatchObject({ state: 'synced', quarantined: 0, clockWarning: true })
    // The test till's clock is seven hours ahead of the back office's: the offset is measured and warned about.
    expect(Math.round((synced.clockOffsetMs ?? 0) / 3_600_000)).toBe(-7)
    expect(synced.lastSuccessAt).not.toBeNull()
    const report = await office.http('GET', '/v1/admin/report', { token: await office.ownerToken() })
    expect(JSON.stringify(report.body)).toContain('"sales":3')
    expect(t.events.some((event) => event.name === 'sync.changed')).toBe(true)
  })

  test('the catalog comes down at enrolment: a product the owner added sells by its barcode, and the screens are told', async () => {
    const t = await till()
    const office = await backoffice()
    const added = await office.http('POST', '/v1/admin/catalog', {
      token: await office.ownerToken(),
      body: {
        kind: 'product',
        item: {
          id: 'bo-noodles',
          sku: 'NOODLE-1',
          name_en: 'Kuy teav noodles',
          name_km: 'គុយទាវសាច់គោ',
          price_minor: 250,
          currency: 'USD',
          vat_class: 'standard',
          barcodes: ['8851234500017'],
          active: true,
        },
      },
    })
    expect(added.status).toBeLessThan(300)
    expect(await t.api.findProductByBarcode('8851234500017')).toBeNull()
    await t.api.enrollTerminal(office.url, await enrolmentCode(office), t.approval())
    await expect
      .poll(() => t.api.findProductByBarcode('8851234500017'), { timeout: 10_000 })
      .toMatchObject({
        nameKm: 'គុយទាវសាច់គោ',
        price: 250,
      })
    await expect.poll(() => t.events.some((event) => event.name === 'catalog.changed')).toBe(true)
  })

  test('a revoked terminal keeps its events, exports them to a file, and the back office imports them once', async () => {
    const t = await till()
    const office = await backoffice()
    const owner = await office.ownerToken()
    await t.api.enrollTerminal(office.url, await enrolmentCode(office), t.approval())
    await expect.poll(async () => (await t.api.getSyncStatus()).unsynced, { timeout: 10_000 }).toBe(0)
    const listed = await office.http('GET', '/v1/admin/terminals', { token: owner })
    const terminalId = listed.body.terminals[0].terminal_id as string
    await office.http('POST', `/v1/admin/terminals/${terminalId}/revoke`, { token: owner })

    await sellWater(t)
    await expect.poll(async () => (await t.api.getSyncStatus()).state, { timeout: 10_000 }).toBe('revoked')
    const waiting = await t.api.getSyncStatus()
    expect(waiting.unsynced).toBeGreaterThan(0)

    // Leaving the back office would strand what it has not received: refused until exported.
    expect(await codeOf(t.api.unenrollTerminal(t.approval()))).toBe('unsynced_events')
    const exported = await t.api.exportPendingEvents(t.approval('terminal revoked by mistake'))
    expect(exported.events).toBe(waiting.unsynced)
    const body = JSON.parse(readFileSync(exported.path, 'utf8'))
    const first = await office.http('POST', '/v1/sync/import', { body, token: owner })
    expect(first.status).toBe(200)
    const again = await office.http('POST', '/v1/sync/import', { body, token: owner })
    expect(again.status).toBe(200)
    expect(JSON.stringify(again.body)).not.toMatch(/"accepted":[1-9]/)
    expect((await t.api.unenrollTerminal(t.approval('exported first'))).state).toBe('not_configured')
  })
})

describe('KHQR confirmed by Bakong', () => {
  test('directly: a matching payment completes the sale, both screens are told, and the receipt carries the hash', async () => {
    const t = await till()
    const bakong = await standin(t)
    await t.api.updateSettings({ khqrCheckMode: 'direct', bakongBaseUrl: bakong.baseUrl }, t.approval())
    expect((await t.api.getBakongTokenStatus()).set).toBe(false)
    const token = await t.api.setBakongToken(bakong.issueToken(), t.approval('token from NBC'))
    expect(token.set).toBe(true)
    expect(token.expiresAt).toBeGreaterThan(t.clock.now)

    const sale = await paidByBakong(t, bakong, 'USD')
    expect(sale.tenders[0]).toMatchObject({ kind: 'khqr_usd', confirmation: 'bakong', verified: true })
    const statuses = t.events
      .filter((event) => event.name === 'khqr.status')
      .map((event) => (event.payload as { state: string }).state)
    expect(statuses).toContain('paid')
    const lastCustomerView = t.events.filter((event) => event.name === 'customerView.changed').at(-1)?.payload
    expect(lastCustomerView).toMatchObject({ state: 'paid' })

    // The customer pays the same QR a second time: the recheck finds it, and everyone is told to call a manager.
    expect((await t.api.getSyncStatus()).khqrIssues).toBe(0)
    t.clock.advance(5_000)
    bakong.pay({
      md5: sale.khqr?.md5 ?? '',
      amount: (sale.khqr?.amount ?? 0) / 100,
      currency: 'USD',
      toAccountId: 'demo_shop@demo',
      createdDateMs: t.clock.now,
      hash: 'f'.repeat(64),
    })
    const recheck = await t.api.recheckKhqr()
    expect(recheck.overPayments).toBe(1)
    expect((await t.api.getSyncStatus()).khqrIssues).toBe(1)
    const [issue] = await t.api.listKhqrIssues(true)
    expect(issue).toMatchObject({ kind: 'over_payment', saleId: sale.id })
    await t.api.resolveKhqrIssue(issue?.id ?? '', t.approval('refunded the second payment in cash'))
    expect((await t.api.getSyncStatus()).khqrIssues).toBe(0)
  })

  test('without a token the cashier is told so, and nothing is paid', async () => {
    const t = await till()
    const bakong = await standin(t)
    await t.api.updateSettings({ khqrCheckMode: 'direct', bakongBaseUrl: bakong.baseUrl }, t.approval())
    await t.api.scanBarcode(BARCODES.amok)
    const sale = await t.api.startKhqr('USD')
    await expect.poll(async () => (await t.api.getKhqrStatus())?.state, { timeout: 5_000 }).toBe('unauthorized')
    expect((await t.api.getSale(sale.id)).state).toBe('awaiting_payment')
    expect(bakong.requests).toHaveLength(0)
  })

  test('a QR the payment check ends at its expiry leaves the customer screen, whichever timer sees it first', async () => {
    const t = await till()
    const bakong = await standin(t)
    await t.api.updateSettings({ khqrCheckMode: 'direct', bakongBaseUrl: bakong.baseUrl }, t.approval())
    await t.api.setBakongToken(bakong.issueToken(), t.approval())
    await t.api.scanBarcode(BARCODES.amok)
    const sale = await t.api.startKhqr('USD')
    await expect.poll(async () => (await t.api.getKhqrStatus())?.state, { timeout: 5_000 }).toBe('waiting')
    t.clock.advance(301_000) // the engine's own expiry timer (real time) is minutes away; the watcher's next look is not
    await expect.poll(async () => (await t.api.getSale(sale.id)).khqr?.state, { timeout: 10_000 }).toBe('expired')
    const customerView = () => t.events.filter((event) => event.name === 'customerView.changed').at(-1)?.payload
    await expect.poll(customerView, { timeout: 2_000 }).toMatchObject({ state: 'cart' })
    expect(t.events.filter((event) => event.name === 'sale.changed').at(-1)?.payload).toMatchObject({ state: 'open' })
  })

  test('relayed by the back office, which alone holds the Bakong token', async () => {
    const t = await till()
    const bakong = await standin(t)
    const office = await backoffice({
      khqrChecker: createBakongClient({
        baseUrl: bakong.baseUrl,
        token: () => bakong.issueToken({ expiresAt: Date.UTC(2030, 0, 1) }),
        post: createFetchPost(),
      }),
    })
    await t.api.enrollTerminal(office.url, await enrolmentCode(office), t.approval())
    await t.api.updateSettings({ khqrCheckMode: 'backoffice' }, t.approval())
    const sale = await paidByBakong(t, bakong, 'KHR')
    expect(sale.tenders[0]).toMatchObject({ kind: 'khqr_khr', confirmation: 'bakong' })
    expect(bakong.requests.length).toBeGreaterThan(0)
  })
})
