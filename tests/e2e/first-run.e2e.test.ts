/**
 * A new shop's first start, in the real built app through the real IPC handlers: the welcome,
 * then the setup (its own names and TIN, its KHQR account scanned from its sticker through the
 * keyboard-wedge scanner, its owner with the recovery code, no printer yet), then the demo ends and
 * the owner is signed in. Bad input on each form is named and saves nothing. Then the shop's first
 * day: its own cashier and two products (one by weight), a sale from a scale label paid by KHQR and
 * a cash sale, a backup, and a restart of the engine on the same files that keeps all of it.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createPos } from '../../electron/core/pos.ts'
import { CATALOG_MESSAGES } from '../../renderer/src/i18n/catalog-messages.ts'
import { DATA_MESSAGES } from '../../renderer/src/i18n/data-messages.ts'
import { INVOICE_MESSAGES } from '../../renderer/src/i18n/invoice-messages.ts'
import { SETUP_MESSAGES } from '../../renderer/src/i18n/setup-messages.ts'
import { STAFF_MESSAGES } from '../../renderer/src/i18n/staff-messages.ts'
import { TILL_MESSAGES } from '../../renderer/src/i18n/till-messages.ts'
import { WEIGHT_MESSAGES } from '../../renderer/src/i18n/weight-messages.ts'
import { encodeKhqr } from '../../shared/khqr/index.ts'
import { scaleLabelBarcode } from '../../shared/scale-label.ts'
import { appEvents, stub } from './electron-stub.ts'
import type { WindowPage } from './harness.ts'
import { approveInDialog, type DemoTill, openDemoTill, scanWithWedge } from './harness.ts'

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
  await page.getByTestId('find-printer').waitFor()
  await snap('printer')
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

test("the new shop's first day: its own cashier and products, a weighed sale by KHQR and a cash sale, a backup, a restart", async () => {
  const page = cashier.page
  const catalog = CATALOG_MESSAGES.km
  const weight = WEIGHT_MESSAGES.km
  const staff = STAFF_MESSAGES.km
  const approve = (reason: string) => approveInDialog(page, reason, 'km', '2580')
  const signInAs = async (name: string, pin: string) => {
    await page.getByRole('button', { name: new RegExp(name) }).click()
    await page.getByLabel(till.pin, { exact: true }).fill(pin)
    await page.getByRole('button', { name: till.signIn, exact: true }).click()
    await page.getByTestId('signed-in-user').filter({ hasText: name }).waitFor()
  }
  await signInAs('សុខា', '2580')
  await page.getByRole('button', { name: till.openShift }).click()
  await page.getByRole('button', { name: till.nav.till, exact: true }).waitFor()

  // Its own cashier.
  await page.getByRole('button', { name: staff.nav }).click()
  await page.getByRole('button', { name: staff.add }).click()
  await page.getByLabel(staff.name).fill('ស្រីនាង')
  await page.getByLabel(staff.pin, { exact: true }).fill('4826')
  await page.getByLabel(staff.pinAgain).fill('4826')
  await page.getByRole('button', { name: staff.save }).click()
  await approve('អ្នកគិតលុយថ្មី')
  await page.getByTestId('staff-row').filter({ hasText: 'ស្រីនាង' }).waitFor()

  // Pork by the kilo, found by the scale's item code 42; a bad scale code is named first.
  await page.getByRole('button', { name: catalog.nav }).click()
  await page.getByRole('button', { name: catalog.add }).click()
  await page.getByLabel(catalog.form.nameKm).fill('សាច់ជ្រូកបីជាន់')
  await page.getByLabel(catalog.form.nameEn).fill('Pork belly')
  await page.getByLabel(catalog.form.sku).fill('PORK-KG')
  await page.getByLabel(weight.soldBy).selectOption('weight')
  await page.getByLabel(weight.pricePerKg).fill('24,000')
  await page.getByLabel(catalog.form.currency).selectOption('KHR')
  await page.getByLabel(weight.scaleCode).fill('000')
  await page.getByRole('button', { name: catalog.form.save }).click()
  await page.getByRole('alert').filter({ hasText: weight.scaleCode }).waitFor()
  await page.getByLabel(weight.scaleCode).fill('42')
  await snap('product-by-weight')
  await page.getByRole('button', { name: catalog.form.save }).click()
  await approve('សាច់ជ្រូក')
  await page
    .getByRole('status')
    .filter({ hasText: catalog.form.saved('សាច់ជ្រូកបីជាន់') })
    .waitFor()
  // A bottle of water by count, with its barcode.
  await page.getByRole('button', { name: catalog.add }).click()
  await page.getByLabel(catalog.form.nameKm).fill('ទឹកសុទ្ធ')
  await page.getByLabel(catalog.form.nameEn).fill('Water')
  await page.getByLabel(catalog.form.sku).fill('WATER-1')
  await page.getByLabel(catalog.form.price).fill('1,500')
  await page.getByLabel(catalog.form.currency).selectOption('KHR')
  await page.getByLabel(catalog.form.addBarcode).focus()
  await page.keyboard.type('8851234567895')
  await page.keyboard.press('Enter')
  await page.getByRole('button', { name: catalog.form.save }).click()
  await approve('ទឹក')
  await page
    .getByRole('status')
    .filter({ hasText: catalog.form.saved('ទឹកសុទ្ធ') })
    .waitFor()

  // The cashier rings up a scale label (612 g of pork) and a bottle of water, paid by KHQR.
  await page.getByRole('button', { name: till.signOut }).click()
  await signInAs('ស្រីនាង', '4826')
  await scanWithWedge(page, scaleLabelBarcode(21, '00042', 612, { itemDigits: 5, embeds: 'weight' }), 'km')
  await page.getByTestId('sale-line').filter({ hasText: '0.612 គីឡូ' }).waitFor()
  await scanWithWedge(page, '8851234567895', 'km')
  await expect.poll(() => page.getByTestId('sale-line').count()).toBe(2)
  await snap('weighed-sale')
  // A business customer: their VAT invoice carries their name and TIN (a bad TIN is named first).
  const invoice = INVOICE_MESSAGES.km
  await page.getByRole('button', { name: invoice.forCompany }).click()
  await page.getByLabel(invoice.name).fill('ក្រុមហ៊ុន អង្គរ ត្រេឌីង')
  await page.getByLabel(invoice.tin).fill('B112-9000')
  await page.getByRole('button', { name: invoice.save }).click()
  await page.getByRole('alert').filter({ hasText: invoice.tinInvalid }).waitFor()
  await page.getByLabel(invoice.tin).fill('b112-900000001')
  await page.getByRole('button', { name: invoice.save }).click()
  await page.getByTestId('sale-buyer').filter({ hasText: 'ក្រុមហ៊ុន អង្គរ ត្រេឌីង' }).waitFor()
  await snap('invoice-for-company')
  await page.getByRole('button', { name: till.khqrKhr }).click()
  await page.getByTestId('khqr-waiting').waitFor()
  await page.getByRole('button', { name: till.confirmByHand }).click()
  await approve('បានឃើញការទូទាត់')
  await page.getByTestId('paid-panel').waitFor()
  await page.getByRole('button', { name: till.nextSale }).click()

  // A weighed product tapped on the grid: the cashier types the weight.
  await page.getByRole('button', { name: /សាច់ជ្រូកបីជាន់/ }).click()
  await page.getByRole('dialog').getByLabel(weight.weightLabel).fill('abc')
  await page.getByRole('dialog').getByRole('button', { name: weight.add }).click()
  await page.getByRole('dialog').getByRole('alert').waitFor()
  await page.getByRole('dialog').getByLabel(weight.weightLabel).fill('0.5')
  expect(await page.getByTestId('weigh-amount').textContent()).toBe(weight.amountWillBe('៛12,000'))
  await page.getByRole('dialog').getByRole('button', { name: weight.add }).click()
  await page.getByTestId('sale-line').filter({ hasText: '0.500 គីឡូ' }).waitFor()
  await page.getByRole('button', { name: till.cash, exact: true }).click()
  await page.getByTestId('cash-khr').fill('20000')
  await page.getByRole('button', { name: till.takeCash }).click()
  await page.getByTestId('paid-panel').waitFor()
  const sold = await page.evaluate(async () => {
    const sales = await window.pos.listSales({ from: 0, to: Date.now() + 60_000 })
    return sales.ok ? sales.value.length : -1
  })
  expect(sold).toBe(2)

  // The owner backs up.
  await page.getByRole('button', { name: till.nextSale }).click()
  await page.getByRole('button', { name: till.signOut }).click()
  await signInAs('សុខា', '2580')
  await page.getByRole('button', { name: till.nav.settings }).click()
  await page.getByRole('button', { name: DATA_MESSAGES.km.backUpNow }).click()
  await approve('ថ្ងៃដំបូង')
  await expect.poll(() => page.getByTestId('backup').count()).toBe(1)

  // The terminal is shut down and its files opened again: everything is there.
  appEvents.emit('before-quit', { preventDefault: () => {} })
  await expect.poll(() => stub.quitCalls, { timeout: 10_000 }).toBeGreaterThan(0)
  const reopened = await createPos({ dataDirectory: stub.userData, appName: 'khqr-pos', appVersion: 'test' })
  try {
    const settings = reopened.ledger.settings.get()
    expect(settings).toMatchObject({ demo: false, shopNameEn: 'Sokha Market', vatTin: 'K001-901234567' })
    const products = reopened.ledger.catalog.list({
      categoryId: null,
      offset: 0,
      limit: 100,
      status: 'all',
      withoutDemo: true,
    })
    expect(products.map((product) => [product.sku, product.soldBy, product.scaleCode])).toEqual([
      ['PORK-KG', 'weight', '42'],
      ['WATER-1', 'count', null],
    ])
    const sales = reopened.ledger.context.db
      .prepare("SELECT id FROM sales WHERE state = 'paid' ORDER BY receipt_no")
      .pluck()
      .all() as string[]
    const views = sales.map((id) => reopened.ledger.sales.get(id))
    expect(views.map((sale) => sale.lines.map((line) => [line.sku, line.soldBy, line.quantity, line.gross]))).toEqual([
      [
        ['PORK-KG', 'weight', 612, 14_688],
        ['WATER-1', 'count', 1, 1_500],
      ],
      [['PORK-KG', 'weight', 500, 12_000]],
    ])
    expect(views.map((sale) => sale.tenders.map((tender) => tender.kind))).toEqual([['khqr_khr'], ['cash_khr']])
    // The shop has a VAT TIN: its sales are numbered VAT invoices, the first made out to the company.
    expect(views.map((sale) => [sale.invoice?.number, sale.buyer?.tin ?? null])).toEqual([
      ['T1-INV-000001', 'B112-900000001'],
      ['T1-INV-000002', null],
    ])
    expect(reopened.ledger.context.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBeGreaterThan(0)
  } finally {
    reopened.close()
  }
})
