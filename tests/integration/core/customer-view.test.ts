import { afterEach, describe, expect, test } from 'vitest'
import type { CustomerView } from '../../../shared/api.ts'
import { verifyKhqr } from '../../../shared/khqr/index.ts'
import { BARCODES, openTestPos, type TestPos } from '../../support/pos.ts'

const opened: TestPos[] = []
afterEach(() => {
  for (const test of opened.splice(0)) test.pos.close()
})

function announced(t: TestPos): CustomerView[] {
  return t.events.filter((event) => event.name === 'customerView.changed').map((event) => event.payload as CustomerView)
}

describe('the customer display view', () => {
  test('idle, then the cart as it is rung up, the KHQR card for exactly what is due, then PAID with the change', async () => {
    const t = await openTestPos({ signIn: 'manager' })
    opened.push(t)
    expect(await t.api.getCustomerView()).toEqual({
      state: 'idle',
      shop: { nameEn: 'Demo Shop', nameKm: 'ហាងសាកល្បង', demo: true },
    })
    await t.api.scanBarcode(BARCODES.amok)
    const cart = announced(t).at(-1)
    expect(cart).toMatchObject({
      state: 'cart',
      cart: {
        currency: 'USD',
        total: 450,
        equivalent: { currency: 'KHR', amount: 18_450 },
        lines: [{ nameEn: 'Fish amok', nameKm: 'អាម៉ុកត្រី', quantity: 1, amount: 450 }],
      },
    })
    const sale = await t.api.startKhqr('KHR')
    const card = announced(t).at(-1)
    expect(card?.state).toBe('khqr')
    if (card?.state !== 'khqr') return
    expect(card.khqr).toEqual({
      payload: sale.khqr?.payload,
      merchantName: 'DEMO SHOP',
      amount: 18_450,
      currency: 'KHR',
      createdAt: t.clock.now,
      expiresAt: t.clock.now + 300_000,
    })
    const verdict = verifyKhqr(card.khqr.payload, { now: t.clock.now })
    expect(verdict.valid && verdict.fields.amount === 18_450 && verdict.fields.accountId === 'demo_shop@demo').toBe(
      true,
    )
    await t.api.confirmKhqrByHand(t.approval('customer showed the app'))
    // Paid in riel, as the QR asked; no chime, as no bank confirmed it.
    expect(announced(t).at(-1)).toMatchObject({
      state: 'paid',
      paid: [{ kind: 'khqr_khr', amount: 18_450 }],
      change: { usd: 0, khr: 0 },
      chime: false,
    })
    t.clock.advance(8000)
    expect(await t.api.getCustomerView()).toMatchObject({ state: 'idle' })
  })

  test('a cancel or an expiry takes the QR down at once; a refused cart change leaves it up', async () => {
    const t = await openTestPos({ signIn: 'manager' })
    opened.push(t)
    await t.api.scanBarcode(BARCODES.amok)
    await t.api.startKhqr('USD')
    await expect(t.api.scanBarcode(BARCODES.water)).rejects.toMatchObject({ code: 'sale_awaiting_payment' })
    expect((await t.api.getCustomerView()).state).toBe('khqr')
    await t.api.cancelKhqr()
    await t.api.scanBarcode(BARCODES.water)
    expect(announced(t).at(-1)?.state).toBe('cart')
    await t.api.startKhqr('USD')
    await t.api.cancelKhqr()
    expect(announced(t).at(-1)?.state).toBe('cart')
    const third = (await t.api.startKhqr('USD')).khqr
    t.clock.now = third?.expiresAt ?? 0
    expect((await t.api.getCustomerView()).state).toBe('cart')
  })

  test('the view carries nothing the customer must not see', async () => {
    const t = await openTestPos({ signIn: 'manager' })
    opened.push(t)
    await t.api.scanBarcode(BARCODES.amok)
    const sale = await t.api.startKhqr('USD')
    const text = JSON.stringify(await t.api.getCustomerView())
    for (const secret of [
      sale.id,
      sale.cashier.id,
      t.manager.id,
      sale.khqr?.md5 as string,
      sale.lines[0]?.id as string,
      'DEMO-006',
    ])
      expect(text).not.toContain(secret)
  })

  test('cash paid in two currencies: PAID shows the change in dollars and riel', async () => {
    const t = await openTestPos({ signIn: 'manager' })
    opened.push(t)
    await t.api.scanBarcode(BARCODES.amok)
    await t.api.payCash('KHR', 10_000)
    expect(announced(t).at(-1)).toMatchObject({ state: 'cart', cart: { paidSen: 1_000_000 } })
    await t.api.payCash('USD', 500)
    expect(announced(t).at(-1)).toMatchObject({
      state: 'paid',
      paid: [
        { kind: 'cash_khr', amount: 10_000 },
        { kind: 'cash_usd', amount: 500 },
      ],
      change: { usd: 200, khr: 3900 },
      chime: false,
    })
  })
  test('PAID ends when the next sale has its first line: a hold then shows the welcome, not the last PAID', async () => {
    const t = await openTestPos({ signIn: 'manager' })
    opened.push(t)
    await t.api.scanBarcode(BARCODES.amok)
    await t.api.payCash('USD', 500)
    expect(announced(t).at(-1)?.state).toBe('paid')
    t.clock.advance(1000)
    await t.api.scanBarcode(BARCODES.water)
    expect(announced(t).at(-1)?.state).toBe('cart')
    await t.api.holdSale()
    expect(announced(t).at(-1)?.state).toBe('idle')
    expect((await t.api.getCustomerView()).state).toBe('idle')
  })
})
