/**
 * The shop's people on the Staff page of the real built app: a manager adds a cashier, the cashier
 * locks themselves out and the manager unlocks them from the page (before, no screen could), a new
 * PIN is set for them, they change it themselves, and they are taken off the staff when they leave.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { STAFF_MESSAGES } from '../../renderer/src/i18n/staff-messages.ts'
import { TILL_MESSAGES } from '../../renderer/src/i18n/till-messages.ts'
import { approveInDialog, type DemoTill, openDemoTill, signInDemoManager, type WindowPage } from './harness.ts'

const SCREENS = resolve(import.meta.dirname, '../../artifacts/screens/staff')
const words = STAFF_MESSAGES.km
const till = TILL_MESSAGES.km
let counter: DemoTill
let cashier: WindowPage

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true })
  counter = await openDemoTill({ language: 'km', width: 1024 })
  cashier = counter.cashier
})

afterAll(() => counter?.close())

const approve = (reason: string) => approveInDialog(cashier.page, reason, 'km')

const row = (name: string) => cashier.page.getByTestId('staff-row').filter({ hasText: name })

test('a manager adds a cashier, unlocks them, sets and they change their PIN, and takes them off the staff, in Khmer at 1024×768', async () => {
  const page = cashier.page
  await page.getByRole('button', { name: words.nav }).click()
  await page.getByRole('button', { name: words.add }).click()
  await page.getByLabel(words.name).fill('ដារ៉ា')
  await page.getByLabel(words.pin, { exact: true }).fill('3691')
  await page.getByLabel(words.pinAgain).fill('3619')
  await page.getByRole('button', { name: words.save }).click()
  await page.getByText(words.pinsDiffer).waitFor()
  await page.getByLabel(words.pinAgain).fill('3691')
  await page.getByRole('button', { name: words.save }).click()
  await approve('new cashier')
  await row('ដារ៉ា').waitFor()

  // Five wrong PINs lock the new cashier; the page shows it and unlocks them.
  const dara = await page.evaluate(async () => {
    const users = await window.pos.listUsers()
    return users.ok ? (users.value.find((user) => user.name === 'ដារ៉ា')?.id ?? '') : ''
  })
  await page.evaluate(async (id) => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const result = await window.pos.signIn(id, '0000')
      if (!result.ok && result.error.code === 'user_locked') return
      if (!result.ok && result.error.code === 'pin_wait') await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }, dara)
  await page.getByRole('button', { name: till.nav.till, exact: true }).click()
  await page.getByRole('button', { name: words.nav }).click()
  await row('ដារ៉ា').getByText(words.lockedWord).waitFor()
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: join(SCREENS, 'staff-locked-km.png'), fullPage: true })
  await row('ដារ៉ា').getByRole('button', { name: words.unlock }).click()
  await approve('forgot her PIN')
  await expect.poll(() => row('ដារ៉ា').getByText(words.lockedWord).count()).toBe(0)

  await row('ដារ៉ា').getByRole('button', { name: words.resetPin }).click()
  await page.getByLabel(words.pin, { exact: true }).fill('4826')
  await page.getByLabel(words.pinAgain).fill('4826')
  await page.getByRole('button', { name: words.save }).click()
  await approve('new PIN')
  await page
    .getByRole('status')
    .filter({ hasText: words.done.pinSet('ដារ៉ា') })
    .waitFor()

  // The cashier signs in with it and changes it themselves on their own page (My PIN).
  await page.getByRole('button', { name: till.signOut }).click()
  await page.getByRole('button', { name: /ដារ៉ា/ }).click()
  await page.getByLabel(till.pin, { exact: true }).fill('4826')
  await page.getByRole('button', { name: till.signIn, exact: true }).click()
  await page.getByRole('button', { name: words.navOwn }).click()
  await page.getByLabel(words.own.current).fill('4826')
  await page.getByLabel(words.own.next, { exact: true }).fill('5937')
  await page.getByLabel(words.own.again).fill('5937')
  await page.getByRole('button', { name: words.own.change }).click()
  await page.getByText(words.done.ownPin).waitFor()
  expect(await page.getByTestId('staff-row').count()).toBe(0) // a cashier sees only their own PIN
  await page.getByRole('button', { name: till.signOut }).click()

  // The manager takes her off the staff: she can no longer sign in.
  await signInDemoManager(cashier, 'km')
  await page.getByRole('button', { name: words.nav }).click()
  await row('ដារ៉ា').getByRole('button', { name: words.deactivate }).click()
  await page.getByRole('dialog').getByText(words.deactivateConfirm('ដារ៉ា')).waitFor()
  await approve('left the shop')
  await expect.poll(() => row('ដារ៉ា').count()).toBe(0)
  const signIn = await page.evaluate(async (id) => {
    const result = await window.pos.signIn(id, '5937')
    return result.ok ? 'signed in' : result.error.code
  }, dara)
  expect(signIn).toBe('user_unknown')
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: join(SCREENS, 'staff-km.png'), fullPage: true })
})
