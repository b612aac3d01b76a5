/**
 * A new shop's first start, in the real built app through the real IPC handlers: the welcome,
 * then the setup (its own names and TIN, its KHQR account scanned from its sticker through the
 * keyboard-wedge scanner, its owner with the recovery code, no printer yet), then the demo ends and
 * the owner is signed in. Bad input on each form is named and saves nothing.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { SETUP_MESSAGES } from '../../renderer/src/i18n/setup-messages.ts'
import { TILL_MESSAGES } from '../../renderer/src/i18n/till-messages.ts'
import { encodeKhqr } from '../../shared/khqr/index.ts'
import type { WindowPage } from './harness.ts'
import { type DemoTill, openDemoTill } from './harness.ts'

const SCREENS = resolve(import.meta.dirname, '../../artifacts/screens/setup')
const words = SETUP_MESSAGES.km
const till = TILL_MESSAGES.km
let counter: DemoTill
let cashier: WindowPage

const STICKER = encodeKhqr({
  kind: 'individual',
  accountId: 'sokha_market@aclb',
  merchantName: 'SOKHA MARKET',
  merchantCity: 'Battambang',
  currency: 'KHR',
  alternateLanguage: { language: 'km', merchantName: 'ផ្សារសុខា' },
})

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true })
  counter = await openDemoTill({ firstStart: true })
  cashier = counter.cashier
})

afterAll(() => counter?.close())

const snap = async (name: string) => {
  await cashier.page.evaluate(() => document.fonts.ready)
  await cashier.page.screenshot({ path: join(SCREENS, `${name}-km.png`), fullPage: true })
}

test('a new shop sets itself up from the first start, in Khmer, and the demo ends', async () => {
  const page = cashier.page
  await page.getByRole('heading', { name: words.welcome.title }).waitFor()
  await snap('welcome')
  await page.getByRole('button', { name: words.welcome.setUp }).click()

  // The shop: a missing name and a TIN not in the tax office's form are named; nothing is saved.
  await page.getByLabel(words.shop.vatTin).fill('901234567')
  await page.getByRole('button', { name: words.next }).click()
  const named = await page.getByRole('alert').allTextContents()
  expect(named).toEqual(
    expect.arrayContaining([
      words.invalid(words.shop.nameKm),
      words.invalid(words.shop.nameEn),
      words.invalid(words.shop.vatTin),
      words.invalid(words.shop.rate),
    ]),
  )
  expect(
    await page.evaluate(async () => (await window.pos.getSettings()).ok && (await window.pos.getSettings())),
  ).toMatchObject({ value: { shopNameEn: 'Demo Shop', vatTin: '' } })
  await page.getByLabel(words.shop.nameKm).fill('ផ្សារសុខា')
  await page.getByLabel(words.shop.nameEn).fill('Sokha Market')
  await page.getByLabel(words.shop.address).fill('ផ្លូវលេខ ៣, បាត់ដំបង')
  await page.getByLabel(words.shop.phone).fill('012 345 678')
  await page.getByLabel(words.shop.vatTin).fill('k001-901234567')
  await page.getByLabel(words.shop.saleCurrency).selectOption('KHR')
  await page.getByLabel(words.shop.rate).fill('4080')
  await snap('shop')
  await page.getByRole('button', { name: words.next }).click()

  // The KHQR account: a one-payment QR is refused with the reason; the sticker is read as the bank app shows it.
  const account = page.getByLabel(words.khqr.scan)
  await account.waitFor()
  const dynamic = encodeKhqr({
    kind: 'individual',
    accountId: 'sokha_market@aclb',
    merchantName: 'SOKHA MARKET',
    currency: 'KHR',
    amount: 5000,
    createdAt: Date.now(),
    expiresAt: Date.now() + 600_000,
  })
  await page.keyboard.type(dynamic)
  await page.keyboard.press('Enter')
  await page.getByText(words.khqr.refused.sticker_dynamic).waitFor()
  await account.fill('')
  // The wedge scanner types the sticker's text into the focused field and presses Enter.
  await account.focus()
  await page.keyboard.type(STICKER, { delay: 0 })
  await page.keyboard.press('Enter')
  expect(await page.getByTestId('sticker-account').textContent()).toBe('sokha_market@aclb')
  await snap('khqr')
  await page.getByRole('button', { name: words.khqr.use }).click()

  // The owner: two different PINs are refused; then the owner and the recovery code, shown once.
  await page.getByLabel(words.owner.name).fill('សុខា')
  await page.getByLabel(words.owner.pin, { exact: true }).fill('2580')
  await page.getByLabel(words.owner.pinAgain).fill('2581')
  await page.getByRole('button', { name: words.next }).click()
  await page.getByText(words.owner.pinsDiffer).waitFor()
  await page.getByLabel(words.owner.pinAgain).fill('2580')
  await page.getByRole('button', { name: words.next }).click()
  const code = (await page.getByTestId('recovery-code').textContent()) ?? ''
  expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/)
  await snap('owner-recovery')
  await page.getByRole('button', { name: /ខ្ញុំបានសរសេរទុកហើយ/ }).click()

  // No printer yet: skipped. Then the demo ends and the owner is the one signed in.
  await page.getByRole('button', { name: words.skip }).click()
  await snap('done')
  await page.getByRole('button', { name: words.done.start }).click()
  await page.getByTestId('signed-in-user').filter({ hasText: 'សុខា' }).waitFor()
  await page.getByRole('button', { name: till.openShift }).waitFor()

  const after = await page.evaluate(async () => {
    const settings = await window.pos.getSettings()
    const users = await window.pos.listUsers()
    const rate = await window.pos.getExchangeRate()
    return {
      settings: settings.ok ? settings.value : null,
      users: users.ok ? users.value.map((user) => ({ name: user.name, role: user.role, demo: user.demo })) : null,
      rate: rate.ok ? rate.value.khrPerUsd : null,
    }
  })
  expect(after.settings).toMatchObject({
    demo: false,
    shopNameKm: 'ផ្សារសុខា',
    shopNameEn: 'Sokha Market',
    vatTin: 'K001-901234567',
    saleCurrency: 'KHR',
    merchant: { bakongAccountId: 'sokha_market@aclb', merchantNameKm: 'ផ្សារសុខា', city: 'Battambang' },
  })
  expect(after.users).toEqual([{ name: 'សុខា', role: 'manager', demo: false }])
  expect(after.rate).toBe(4080)

  // Signed out, the terminal is the shop's own: no welcome, no demo banner, the owner's tile.
  await page.getByRole('button', { name: till.signOut }).click()
  await page.getByRole('button', { name: /សុខា/ }).waitFor()
  expect(await page.getByRole('note').count()).toBe(0)
  expect(await page.getByRole('heading', { name: words.welcome.title }).count()).toBe(0)
})
