import { afterEach, describe, expect, test } from 'vitest'
import {
  DAY,
  openPaymentsHarness,
  outboxEvents,
  type PaymentsHarness,
  payInFull,
  SHOP_ACCOUNT,
  saleAwaitingKhqr,
} from './harness.ts'

const opened: PaymentsHarness[] = []
afterEach(async () => {
  for (const harness of opened.splice(0)) await harness.close()
})
async function harness(): Promise<PaymentsHarness> {
  const h = await openPaymentsHarness()
  opened.push(h)
  return h
}

describe('a KHQR on screen confirms itself', () => {
  test('paid: the sale completes with the Bakong hash, verified, and the event carries the payer', async () => {
    const h = await harness()
    const sale = await saleAwaitingKhqr(h.t)
    h.watcher.watch(sale.id)
    expect(h.watcher.status(sale.id)?.state).toBe('waiting')
    await h.timers.fireNext()
    expect(h.watcher.status(sale.id)?.state).toBe('waiting')
    const hash = payInFull(h, sale, { fromAccountId: 'customer@aba' })
    await h.timers.fireNext()
    const status = h.watcher.status(sale.id)
    expect(status).toMatchObject({ state: 'paid', bakongHash: hash })
    const done = await h.t.api.getSale(sale.id)
    expect(done.state).toBe('paid')
    expect(done.tenders).toEqual([
      expect.objectContaining({
        kind: 'khqr_usd',
        amount: 450,
        confirmation: 'bakong',
        verified: true,
        bakongHash: hash,
      }),
    ])
    expect(outboxEvents(h.t, 'khqr.confirmed').at(-1)).toMatchObject({
      source: 'bakong',
      bakong_hash: hash,
      from_account_id: 'customer@aba',
      amount: 450,
      currency: 'USD',
    })
    expect(h.timers.pending()).toBe(0)
    expect(h.changes.map((change) => change.state)).toEqual(['waiting', 'paid'])
  })

  test('a riel QR paid with the amount as Bakong writes it (4000-style integer)', async () => {
    const h = await harness()
    const sale = await saleAwaitingKhqr(h.t, 'KHR')
    h.standin.pay({
      md5: sale.khqr.md5,
      amount: sale.khqr.amount,
      currency: 'KHR',
      toAccountId: SHOP_ACCOUNT,
      createdDateMs: h.t.clock.now + 10,
      sdkDateNames: true,
    })
    h.watcher.watch(sale.id)
    await h.timers.fireNext()
    expect(h.watcher.status(sale.id)?.state).toBe('paid')
    expect((await h.t.api.getSale(sale.id)).state).toBe('paid')
  })

  test('unpaid stays waiting, polling with backoff from 2 s capped at 10 s', async () => {
    const h = await harness()
    const sale = await saleAwaitingKhqr(h.t)
    h.watcher.watch(sale.id)
    for (let check = 0; check < 8; check++) await h.timers.fireNext()
    expect(h.watcher.status(sale.id)).toMatchObject({ state: 'waiting', checks: 8 })
    expect((await h.t.api.getSale(sale.id)).state).toBe('awaiting_payment')
    expect(h.standin.checksOf(sale.khqr.md5)).toBe(8)
    const ceilings = [2_000, 4_000, 8_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000]
    h.timers.delays.forEach((delay, index) => {
      expect(delay).toBeGreaterThanOrEqual(500)
      expect(delay).toBeLessThanOrEqual(ceilings[index] as number)
    })
  })
})

describe('a payment that does not match is never "paid"', () => {
  const cases = [
    { name: 'wrong amount', pay: { amount: 4.49 }, reason: 'amount' },
    { name: 'wrong currency', pay: { amount: 18_450, currency: 'KHR' as const }, reason: 'currency' },
    { name: 'wrong account', pay: { toAccountId: 'thief@aba' }, reason: 'account' },
    { name: 'an amount with float noise', pay: { amount: { raw: '4.5000000000000001' } }, reason: 'amount' },
  ]
  for (const { name, pay, reason } of cases) {
    test(`${name} → mismatch (${reason}), recorded for a manager`, async () => {
      const h = await harness()
      const sale = await saleAwaitingKhqr(h.t)
      payInFull(h, sale, pay)
      h.watcher.watch(sale.id)
      await h.timers.fireNext()
      expect(h.watcher.status(sale.id)).toMatchObject({ state: 'mismatch', reason })
      expect(h.watcher.status(sale.id)?.message).toMatch(/not accepted/)
      const after = await h.t.api.getSale(sale.id)
      expect(after.state).toBe('awaiting_payment')
      expect(after.tenders).toEqual([])
      const issues = h.t.pos.ledger.context.db.prepare('SELECT kind, reason FROM khqr_issues').all()
      expect(issues).toEqual([{ kind: 'mismatch', reason }])
      expect(outboxEvents(h.t, 'khqr.verified')).toEqual([expect.objectContaining({ outcome: 'mismatch', reason })])
    })
  }

  test('a payment stamped after the QR expired → mismatch (too_late) while the QR is still up', async () => {
    const h = await harness()
    const sale = await saleAwaitingKhqr(h.t)
    payInFull(h, sale, { createdDateMs: sale.khqr.expiresAt + 120_000 })
    h.watcher.watch(sale.id)
    await h.timers.fireNext()
    expect(h.watcher.status(sale.id)).toMatchObject({ state: 'mismatch', reason: 'too_late' })
    expect((await h.t.api.getSale(sale.id)).state).toBe('awaiting_payment')
  })

  test('paid after the QR expired → a late payment for a manager, the sale not paid', async () => {
    const h = await harness()
    const sale = await saleAwaitingKhqr(h.t)
    h.watcher.watch(sale.id)
    h.t.clock.advance(sale.khqr.expiresAt - h.t.clock.now + 1)
    while (await h.timers.fireNext()) {}
    expect(h.watcher.status(sale.id)?.state).toBe('expired')
    h.t.clock.advance(60_000)
    payInFull(h, sale)
    const summary = await h.watcher.recheckUnverified()
    expect(summary.latePayments).toBe(1)
    expect((await h.t.api.getSale(sale.id)).tenders).toEqual([])
    expect(h.t.pos.ledger.context.db.prepare('SELECT kind, reason FROM khqr_issues').all()).toEqual([
      { kind: 'late_payment', reason: 'too_late' },
    ])
    // Raised once, however often it is seen.
    await h.watcher.recheckUnverified()
    expect(h.t.pos.ledger.context.db.prepare('SELECT count(*) AS n FROM khqr_issues').get()).toEqual({ n: 1 })
  })

  test('a QR paid twice: the second payment is an over-payment and its hash never settles another sale', async () => {
    const h = await harness()
    const first = await saleAwaitingKhqr(h.t)
    const payment = { md5: first.khqr.md5, amount: 4.5, currency: 'USD' as const, toAccountId: SHOP_ACCOUNT }
    const firstHash = h.standin.pay({ ...payment, createdDateMs: h.t.clock.now })
    h.watcher.watch(first.id)
    await h.timers.fireNext()
    expect(h.watcher.status(first.id)?.state).toBe('paid')
    const secondHash = h.standin.pay({ ...payment, createdDateMs: h.t.clock.now + 5_000 })
    const summary = await h.watcher.recheckUnverified()
    expect(summary.overPayments).toBe(1)
    const issue = h.t.pos.ledger.context.db.prepare('SELECT kind, bakong_hash, sale_id FROM khqr_issues').get()
    expect(issue).toEqual({ kind: 'over_payment', bakong_hash: secondHash, sale_id: first.id })
    expect((await h.t.api.getSale(first.id)).tenders.map((tender) => tender.bakongHash)).toEqual([firstHash])

    // A replay: Bakong (or a relay) answers the next sale's md5 with the first sale's transaction.
    const second = await saleAwaitingKhqr(h.t)
    h.standin.pay({ ...payment, md5: second.khqr.md5, hash: firstHash, createdDateMs: h.t.clock.now })
    h.watcher.watch(second.id)
    await h.timers.fireNext()
    expect(h.watcher.status(second.id)).toMatchObject({ state: 'mismatch', reason: 'hash_used' })
    const after = await h.t.api.getSale(second.id)
    expect(after.state).toBe('awaiting_payment')
    expect(after.tenders).toEqual([])
  })
})

describe('states that are not "paid" stay distinct', () => {
  test('an expired token → unauthorized, never paid, until a new token is set', async () => {
    const h = await harness()
    h.token.value = h.standin.issueToken({ expiresAt: h.t.clock.now - 1_000 })
    const sale = await saleAwaitingKhqr(h.t)
    payInFull(h, sale)
    h.watcher.watch(sale.id)
    await h.timers.fireNext()
    await h.timers.fireNext()
    expect(h.watcher.status(sale.id)?.state).toBe('unauthorized')
    expect(h.watcher.status(sale.id)?.message).toMatch(/token/)
    expect((await h.t.api.getSale(sale.id)).state).toBe('awaiting_payment')
    expect(h.standin.requests.every((request) => request.status === 401)).toBe(true)
    h.standin.unauthorizedAsErrorCode = true
    await h.timers.fireNext()
    expect(h.watcher.status(sale.id)?.state).toBe('unauthorized')
    h.token.value = h.standin.issueToken({ expiresAt: h.t.clock.now + DAY })
    await h.timers.fireNext()
    expect(h.watcher.status(sale.id)?.state).toBe('paid')
  })

  test('throttled: the next check waits at least Retry-After', async () => {
    const h = await harness()
    h.standin.rateLimit = { perSecond: 0, retryAfterSeconds: 30 }
    const sale = await saleAwaitingKhqr(h.t)
    h.watcher.watch(sale.id)
    await h.timers.fireNext()
    expect(h.watcher.status(sale.id)?.state).toBe('throttled')
    expect(h.timers.delays.at(-1)).toBeGreaterThanOrEqual(30_000)
    h.standin.rateLimit = null
    payInFull(h, sale)
    await h.timers.fireNext()
    expect(h.watcher.status(sale.id)?.state).toBe('paid')
  })

  test('403 from outside Cambodia → forbidden, never paid', async () => {
    const h = await harness()
    h.standin.geoBlocked = true
    const sale = await saleAwaitingKhqr(h.t)
    payInFull(h, sale)
    h.watcher.watch(sale.id)
    await h.timers.fireNext()
    await h.timers.fireNext()
    expect(h.watcher.status(sale.id)).toMatchObject({ state: 'forbidden' })
    expect(h.watcher.status(sale.id)?.message).toMatch(/outside Cambodia/)
    expect((await h.t.api.getSale(sale.id)).state).toBe('awaiting_payment')
  })

  test('5xx → unreachable, then the payment is found', async () => {
    const h = await harness()
    const sale = await saleAwaitingKhqr(h.t)
    h.standin.failNext(504, 2)
    h.watcher.watch(sale.id)
    await h.timers.fireNext()
    expect(h.watcher.status(sale.id)?.state).toBe('unreachable')
    payInFull(h, sale)
    await h.timers.fireNext()
    expect(h.watcher.status(sale.id)?.state).toBe('unreachable')
    await h.timers.fireNext()
    expect(h.watcher.status(sale.id)?.state).toBe('paid')
  })

  test('server down → unreachable (offline); it comes back and the payment is found', async () => {
    const h = await harness()
    const sale = await saleAwaitingKhqr(h.t)
    await h.standin.stop()
    h.watcher.watch(sale.id)
    await h.timers.fireNext()
    await h.timers.fireNext()
    expect(h.watcher.status(sale.id)?.state).toBe('unreachable')
    expect(h.watcher.status(sale.id)?.message).toMatch(/offline/)
    expect((await h.t.api.getSale(sale.id)).state).toBe('awaiting_payment')
    payInFull(h, sale)
    await h.standin.start()
    await h.timers.fireNext()
    expect(h.watcher.status(sale.id)?.state).toBe('paid')
  })

  test('checking turned off → "off", no request sent', async () => {
    const h = await harness()
    h.checker.current = null
    const sale = await saleAwaitingKhqr(h.t)
    h.watcher.watch(sale.id)
    expect(h.watcher.status(sale.id)?.state).toBe('off')
    expect(h.timers.pending()).toBe(0)
    expect(h.standin.requests).toHaveLength(0)
  })
})

describe('polling stops when the QR goes away', () => {
  test('cancel stops polling', async () => {
    const h = await harness()
    const sale = await saleAwaitingKhqr(h.t)
    h.watcher.watch(sale.id)
    await h.timers.fireNext()
    await h.t.api.cancelKhqr()
    while (await h.timers.fireNext()) {}
    expect(h.watcher.status(sale.id)?.state).toBe('cancelled')
    expect(h.standin.checksOf(sale.khqr.md5)).toBe(1)
    expect(h.timers.pending()).toBe(0)
  })

  test('stop() stops polling at once', async () => {
    const h = await harness()
    const sale = await saleAwaitingKhqr(h.t)
    h.watcher.watch(sale.id)
    h.watcher.stop(sale.id)
    expect(h.timers.pending()).toBe(0)
    expect(h.standin.requests).toHaveLength(0)
  })

  test('expiry: a last check when the QR expires, then no more', async () => {
    const h = await harness()
    const sale = await saleAwaitingKhqr(h.t)
    h.watcher.watch(sale.id)
    let fired = 0
    while (await h.timers.fireNext()) fired++
    expect(h.t.clock.now).toBe(sale.khqr.expiresAt)
    expect(h.watcher.status(sale.id)?.state).toBe('expired')
    expect(h.standin.checksOf(sale.khqr.md5)).toBe(fired)
    // 300 s at most 10 s apart: at least 30 checks, and never more than the 2 s floor of the first ones allows.
    expect(fired).toBeGreaterThanOrEqual(30)
    expect(fired).toBeLessThan(300 / 0.5)
    expect((await h.t.api.getSale(sale.id)).khqr?.state).toBe('expired')
  })
})
