/**
 * A QR nobody pays leaves both screens at its expiry, by itself, in the real built app: the
 * customer page goes back to the cart and the cashier is told nothing was paid. The shortest
 * lifetime a manager can set is a minute, so this file waits a real minute.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { openTwoScreenTill, type TwoScreenTill, type WindowPage } from './harness.ts'

let till: TwoScreenTill
let cashier: WindowPage
let customer: WindowPage

beforeAll(async () => {
  till = await openTwoScreenTill({ language: 'en' })
  ;({ cashier, customer } = till)
})

afterAll(() => till?.close())

test('an unpaid QR leaves the customer screen at its expiry, and the cashier is told nothing was paid', {
  timeout: 120_000,
}, async () => {
  const page = cashier.page
  await page.getByRole('button', { name: /Demo Manager/ }).click()
  await page.getByLabel('PIN', { exact: true }).fill('1357')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByLabel('Dollars in the drawer').fill('20')
  await page.getByRole('button', { name: 'Open shift' }).click()
  const lifetime = await page.evaluate(async () => {
    const users = await window.pos.listUsers()
    const manager = users.ok ? users.value.find((user) => user.role === 'manager') : undefined
    const patch = { khqrLifetimeSeconds: 60 }
    const grant = await window.pos.grantApproval(
      { method: 'updateSettings', args: [patch] },
      { managerId: manager?.id ?? '', pin: '1357', reason: 'short QR lifetime' },
    )
    if (!grant.ok) return grant.error.code
    const result = await window.pos.updateSettings(patch, grant.value)
    return result.ok ? result.value.khqrLifetimeSeconds : result.error.code
  })
  expect(lifetime).toBe(60)

  await page.getByRole('button', { name: /Iced coffee/ }).click()
  await page.getByRole('button', { name: 'KHQR USD' }).click()
  await customer.page.locator('[data-state="khqr"]').waitFor()
  const expiresAt = await page.evaluate(async () => {
    const sale = await window.pos.getCurrentSale()
    return sale.ok ? (sale.value?.khqr?.expiresAt ?? 0) : 0
  })
  expect(expiresAt - Date.now()).toBeGreaterThan(50_000)

  await customer.page.locator('[data-state="cart"]').waitFor({ timeout: expiresAt - Date.now() + 5_000 })
  const leftAfter = Date.now() - expiresAt
  expect(leftAfter).toBeGreaterThanOrEqual(-1_000) // not before its time (the page's own clock may round down a second)
  expect(await customer.page.getByTestId('khqr-code').count()).toBe(0)
  await expect
    .poll(() => page.getByRole('status').allTextContents())
    .toContainEqual(expect.stringContaining('The QR expired and nothing was paid'))
  expect(await page.getByTestId('khqr-waiting').count()).toBe(0)
  const sale = await page.evaluate(async () => {
    const current = await window.pos.getCurrentSale()
    return current.ok ? { state: current.value?.state, khqr: current.value?.khqr?.state } : null
  })
  expect(sale).toEqual({ state: 'open', khqr: 'expired' })
  expect(cashier.consoleErrors).toEqual([])
  expect(customer.consoleErrors).toEqual([])
})
