/**
 * A manager enters the shop's own product on the Products page of the real built app: a form
 * that names what is wrong, barcodes filled by the scanner, saved with approval; the product is
 * then sold by scanning it, and taken off sale (never deleted) once sold.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { CATALOG_MESSAGES } from '../../renderer/src/i18n/catalog-messages.ts'
import { TILL_MESSAGES } from '../../renderer/src/i18n/till-messages.ts'
import { approveInDialog, type DemoTill, openDemoTill, scanWithWedge, type WindowPage } from './harness.ts'

const SCREENS = resolve(import.meta.dirname, '../../artifacts/screens/products')
let counter: DemoTill
let cashier: WindowPage

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true })
  counter = await openDemoTill({ language: 'en' })
  cashier = counter.cashier
})

afterAll(() => counter?.close())

const approve = (reason: string) => approveInDialog(cashier.page, reason)

test('a manager adds a product of their own, sells it by its barcode, then takes it off sale', async () => {
  const page = cashier.page
  const words = CATALOG_MESSAGES.en
  await page.getByRole('button', { name: words.nav }).click()
  await page.getByRole('button', { name: words.add }).click()

  await page.getByRole('button', { name: words.form.save }).click()
  expect(await page.getByRole('alert').allTextContents()).toEqual([
    words.invalid(words.form.nameKm),
    words.invalid(words.form.nameEn),
    words.invalid(words.form.sku),
    words.invalid(words.form.price),
  ])
  expect(await page.getByRole('dialog').count()).toBe(0)

  await page.getByLabel(words.form.nameKm).fill('នំបញ្ចុកសម្លខ្មែរ')
  await page.getByLabel(words.form.nameEn).fill('Khmer noodles')
  await page.getByLabel(words.form.sku).fill('NOODLE-01')
  await page.getByLabel(words.form.price).fill('6,000')
  await page.getByLabel(words.form.currency).selectOption('KHR')
  await page.getByLabel(words.form.addBarcode).focus()
  // The scanner types the barcode and Enter into the focused field: it is added, the form stays.
  await page.keyboard.type('8851234567895')
  await page.keyboard.press('Enter')
  await page.getByText('8851234567895', { exact: true }).waitFor()
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: join(SCREENS, 'product-form-en.png'), fullPage: true })
  await page.getByRole('button', { name: words.form.save }).click()
  await approve('our own noodles')
  await page
    .getByRole('status')
    .filter({ hasText: words.form.saved('Khmer noodles') })
    .waitFor()
  await page.getByRole('searchbox', { name: words.search }).fill('noodles')
  await page.getByTestId('product-row').filter({ hasText: 'NOODLE-01' }).waitFor()
  expect(await page.getByTestId('product-row').filter({ hasText: 'NOODLE-01' }).textContent()).toContain('៛6,000')
  await page.screenshot({ path: join(SCREENS, 'products-en.png'), fullPage: true })

  // Sold by its barcode at the till.
  await page.getByRole('button', { name: TILL_MESSAGES.en.nav.till }).click()
  await page.getByRole('searchbox').waitFor()
  await scanWithWedge(page, '8851234567895')
  await page.getByTestId('sale-line').filter({ hasText: 'Khmer noodles' }).waitFor()
  const sold = await page.evaluate(async () => {
    const sale = await window.pos.getCurrentSale()
    return sale.ok ? sale.value?.lines.map((line) => [line.sku, line.listPrice, line.listCurrency]) : null
  })
  expect(sold).toEqual([['NOODLE-01', 6000, 'KHR']])
  await page.evaluate(async () => {
    await window.pos.payCash('KHR', 10_000)
  })

  // Taken off sale: gone from the till, still listed as not for sale.
  await page.getByRole('button', { name: words.nav }).click()
  await page.getByRole('searchbox', { name: words.search }).fill('NOODLE-01')
  await page
    .getByTestId('product-row')
    .filter({ hasText: 'NOODLE-01' })
    .getByRole('button', { name: words.edit })
    .click()
  // A price changed with it: the manager sees both changes, before and after, before approving.
  await page.getByLabel(words.form.price).fill('6,500')
  await page.getByLabel(words.form.active).uncheck()
  await page.getByRole('button', { name: words.form.save }).click()
  const changes = page.getByRole('dialog').getByTestId('approval-changes')
  await changes.getByRole('row', { name: /Price/ }).waitFor()
  expect(await changes.getByRole('row', { name: /Price/ }).textContent()).toBe('Price៛6,000៛6,500')
  expect(await changes.getByRole('row', { name: /For sale/ }).textContent()).toBe('For saleyesno')
  expect(await changes.getByRole('row').count()).toBe(3) // the heading and the two changes
  await page.evaluate(() => document.fonts.ready)
  await page.screenshot({ path: join(SCREENS, 'product-approval-en.png') })
  await approve('no more noodles')
  await page.getByRole('searchbox', { name: words.search }).fill('')
  await page.getByLabel(words.statusLabel).selectOption('inactive')
  await page.getByTestId('product-row').filter({ hasText: 'NOODLE-01' }).waitFor()
  const scanned = await page.evaluate(async () => {
    const found = await window.pos.findProductByBarcode('8851234567895')
    return found.ok ? found.value?.active : 'refused'
  })
  expect(scanned).toBe(false)
})

test('a product CSV is previewed with every problem by line and column, written only when whole, with approval', async () => {
  const page = cashier.page
  const words = CATALOG_MESSAGES.en
  await page.getByRole('button', { name: words.nav }).click()
  const header = 'sku,name_en,name_km,category,price,currency,vat_class,barcodes,active'
  const bad = [
    header,
    'TEA-1,Green tea,តែបៃតង,Drinks,1.25,USD,standard,,yes',
    'MILK-1,Milk,ទឹកដោះគោ,Drinks,one,USD,standard,,yes',
  ]
  await page.getByLabel(words.csv.choose).setInputFiles({
    name: 'stock.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(bad.join('\r\n')),
  })
  const problems = page.getByTestId('csv-problems')
  await problems.waitFor()
  expect(await problems.locator('tbody tr').first().textContent()).toMatch(/^3price/)
  expect(await page.evaluate(async () => (await window.pos.searchProducts('Green tea')).ok)).toBe(true)
  expect(
    await page.evaluate(async () => {
      const found = await window.pos.searchProducts('Green tea')
      return found.ok ? found.value.length : -1
    }),
  ).toBe(0)

  const good = [
    header,
    'TEA-1,Green tea,តែបៃតង,Drinks,1.25,USD,standard,,yes',
    'MILK-1,Milk,ទឹកដោះគោ,Drinks,0.90,USD,standard,,yes',
  ]
  await page.getByLabel(words.csv.choose).setInputFiles({
    name: 'stock.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(good.join('\r\n')),
  })
  await page.getByText(words.csv.preview(2, 0)).waitFor()
  await page.getByRole('button', { name: words.csv.confirm }).click()
  await approveInDialog(page, 'new stock list')
  await page.getByText(words.csv.imported(2, 0)).waitFor()
  // The search looks inside the filters: the list still shows products not for sale.
  await page.getByRole('searchbox', { name: words.search }).fill('Green tea')
  await page.getByText(words.none).waitFor()
  await page.getByLabel(words.statusLabel).selectOption('active')
  await page.getByTestId('product-row').filter({ hasText: 'TEA-1' }).waitFor()
})

test('a manager adds a category and moves it up; the till’s tabs follow', async () => {
  const page = cashier.page
  const words = CATALOG_MESSAGES.en.categories
  await page.getByRole('button', { name: CATALOG_MESSAGES.en.nav }).click()
  await page.getByLabel(`${words.add}: ${words.nameKm}`).fill('ផ្លែឈើ')
  await page.getByLabel(`${words.add}: ${words.nameEn}`).fill('Fruit')
  await page.getByRole('button', { name: words.add }).click()
  await approveInDialog(page, 'fruit shelf')
  const rows = page.getByTestId('category-row')
  await expect.poll(async () => await rows.last().getByLabel(words.nameEn).inputValue()).toBe('Fruit')
  const count = await rows.count()
  await page.getByRole('button', { name: words.up('Fruit') }).click()
  await approveInDialog(page, 'closer to the front')
  await expect
    .poll(async () =>
      rows
        .nth(count - 2)
        .getByLabel(words.nameEn)
        .inputValue(),
    )
    .toBe('Fruit')
  await page.getByRole('button', { name: TILL_MESSAGES.en.nav.till, exact: true }).click()
  const tabs = await page.getByRole('tab').allTextContents()
  expect(tabs.indexOf('Fruit')).toBe(tabs.length - 2)
})
