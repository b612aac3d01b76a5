/**
 * Every management page of the real built app, in Khmer and English, at the cashier screens shops
 * have (1366×768 and 1024×768), to PNG in artifacts/screens/manage (`npm run screens`), named
 * `<page>-<km|en>-<width>.png`: products (a few, and 120 imported with long Khmer names), the
 * product form (by count, and by weight with its scale code), a CSV with problems, the categories;
 * weighing at the till and a cart with a weighed line; the staff, adding a person, changing one's
 * own PIN; cash in and out, the drawer opened without a sale, the X report; the whole settings
 * page with backups, restoring and the sales export, and About this terminal; two approvals; and,
 * last (it ends the demo), the first-run setup in English and Khmer.
 *
 * Beside the pictures, `layout.json` records for each one what a reviewer checks by measuring:
 * controls under 44 px, anything off the right edge or below the 768 px fold, clipped text, Latin
 * words on a Khmer screen, riel with decimals. The assertions are light: each page and its key
 * element are there.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { AUTHORITY_MESSAGES } from '../../renderer/src/i18n/authority-messages.ts'
import { CASH_MESSAGES } from '../../renderer/src/i18n/cash-messages.ts'
import { CATALOG_MESSAGES } from '../../renderer/src/i18n/catalog-messages.ts'
import { COUNTER_MESSAGES } from '../../renderer/src/i18n/counter-messages.ts'
import { DATA_MESSAGES } from '../../renderer/src/i18n/data-messages.ts'
import { type Language, MESSAGES } from '../../renderer/src/i18n/messages.ts'
import { SETUP_MESSAGES } from '../../renderer/src/i18n/setup-messages.ts'
import { STAFF_MESSAGES } from '../../renderer/src/i18n/staff-messages.ts'
import { TILL_MESSAGES } from '../../renderer/src/i18n/till-messages.ts'
import { WEIGHT_MESSAGES } from '../../renderer/src/i18n/weight-messages.ts'
import { encodeKhqr } from '../../shared/khqr/index.ts'
import { realCatalogCsv } from '../support/real-catalog.ts'
import { launchChromium } from './chromium.ts'
import { display } from './electron-stub.ts'
import {
  type AppServer,
  approveInDialog,
  callPos,
  demoManagerGrant,
  openWindowPage,
  scanWithWedge,
  serveAppProtocol,
  setFilePrinter,
  signInDemoManager,
  startMainBundle,
  type WindowPage,
  windowOf,
} from './harness.ts'

const SHOTS = resolve(import.meta.dirname, '../../artifacts/screens/manage')
const WRITE_SCREENS = process.env.POS_SCREENS === '1'
const WIDTHS = [1366, 1024] as const
const HEIGHT = 768
const LANGUAGES = ['km', 'en'] as const
const MANAGER_PIN = '1357'
const CASHIER_PIN = '2468'

let browser: Browser
let server: AppServer
let cashier: WindowPage
let page: Page
/** What was measured on each picture, by file name. */
const layout: Record<string, unknown> = {}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  await startMainBundle({ displays: [display(1, 0, 1366, HEIGHT), display(2, 1366, 1280, 800)] })
  server = await serveAppProtocol()
  browser = await launchChromium()
  cashier = await openWindowPage(browser, server, windowOf('cashier'))
  page = cashier.page
  await signInDemoManager(cashier, 'km')
})

afterAll(async () => {
  writeFileSync(join(SHOTS, 'layout.json'), `${JSON.stringify(layout, null, 2)}\n`)
  await browser?.close()
  await server?.close()
})

const pos = <T>(method: string, ...args: unknown[]) => callPos<T>(page, method, ...args)
const approval = (reason: string, method: string, ...args: unknown[]) => demoManagerGrant(page, reason, method, ...args)

/** The cashier page signed in as the demo manager, a shift open, in `language`, on the selling screen. */
async function asManager(language: Language): Promise<void> {
  await page.setViewportSize({ width: 1366, height: HEIGHT })
  await signInDemoManager(cashier, language)
  await page.getByRole('button', { name: TILL_MESSAGES[language].nav.settings, exact: true }).waitFor()
}

/** The cashier page signed in as the demo cashier, in `language`. */
async function asCashier(language: Language): Promise<void> {
  await page.setViewportSize({ width: 1366, height: HEIGHT })
  await page.evaluate(
    async ([chosen, pin]) => {
      await window.pos.signOut()
      const users = await window.pos.listUsers()
      const found = users.ok ? users.value.find((user) => user.role === 'cashier' && user.demo) : undefined
      await window.pos.signIn(found?.id ?? '', pin)
      localStorage.setItem('pos.language', chosen)
    },
    [language, CASHIER_PIN] as const,
  )
  await page.reload()
  await page.getByRole('button', { name: TILL_MESSAGES[language].nav.shift, exact: true }).waitFor()
}

/** Opens one page of the top bar by its name. */
async function open(name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click()
}

/** Fonts loaded and two frames drawn. */
async function settle(): Promise<void> {
  await page.evaluate(() => document.fonts.ready)
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
}

/**
 * What a reviewer measures on the screen as it is now: the page's size, controls under 44 px,
 * controls off the right edge, primary actions below the fold, text that overflows its box, Latin
 * words on a Khmer screen, and riel shown with decimals.
 */
function measure(target: Page) {
  return target.evaluate((fold) => {
    const khmer = document.documentElement.lang === 'km'
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect()
      const style = getComputedStyle(element)
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none'
    }
    const name = (element: Element) =>
      (
        element.getAttribute('aria-label') ||
        (element as HTMLInputElement).labels?.[0]?.textContent ||
        element.textContent ||
        element.getAttribute('placeholder') ||
        element.tagName
      )
        .trim()
        .replace(/\s+/g, ' ')
        .slice(0, 70)
    const place = (element: Element) => {
      const box = element.getBoundingClientRect()
      return {
        what: `${element.tagName.toLowerCase()}${(element as HTMLInputElement).type ? `[${(element as HTMLInputElement).type}]` : ''} "${name(element)}"`,
        top: Math.round(box.top + scrollY),
        left: Math.round(box.left),
        width: Math.round(box.width),
        height: Math.round(box.height),
      }
    }
    const controls = [
      ...document.querySelectorAll(
        'button, input:not([type=hidden]):not([type=file]), select, .button-like, [role=tab]',
      ),
    ].filter(shown)
    const small = controls
      .filter((element) => {
        const box = element.getBoundingClientRect()
        return box.height < 44 || box.width < 44
      })
      .map(place)
    const offRight = controls.filter((element) => element.getBoundingClientRect().right > innerWidth + 0.5).map(place)
    const primaryBelowFold = [...document.querySelectorAll('button.primary, button[type=submit]')]
      .filter(shown)
      .filter((element) => element.getBoundingClientRect().bottom + scrollY > fold)
      .map(place)
    const overflowing = [...document.querySelectorAll('body *')]
      .filter(shown)
      .filter((element) => {
        if (
          element.children.length > 0 &&
          !['BUTTON', 'LABEL', 'TD', 'DD', 'DT', 'P', 'SPAN'].includes(element.tagName)
        )
          return false
        const style = getComputedStyle(element)
        const clips = /hidden|clip/.test(style.overflow + style.overflowX + style.overflowY)
        return (
          clips &&
          (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1) &&
          (element.textContent ?? '').trim() !== ''
        )
      })
      .map(place)
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    const latin = new Set<string>()
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || !shown(parent) || parent.closest('code, option, [lang=en]')) continue
      const text = (node.textContent ?? '').trim()
      if (/[A-Za-z]{2,}/.test(text)) latin.add(text.slice(0, 90))
    }
    for (const field of document.querySelectorAll<HTMLInputElement>('input[placeholder]'))
      if (shown(field) && /[A-Za-z]{2,}/.test(field.placeholder)) latin.add(`placeholder: ${field.placeholder}`)
    // What sticks out past the right edge first (its parent does not).
    const beyond = (element: Element | null) =>
      element !== null && element.getBoundingClientRect().right > innerWidth + 0.5
    const sideways = [...document.querySelectorAll('body *')]
      .filter((element) => shown(element) && beyond(element) && !beyond(element.parentElement))
      .slice(0, 5)
      .map(place)
    const body = document.body.textContent ?? ''
    return {
      viewport: `${innerWidth}×${innerHeight}`,
      pageHeight: document.documentElement.scrollHeight,
      scrollsSideways: document.documentElement.scrollWidth > innerWidth,
      sticksOutRight: sideways,
      under44px: small,
      offTheRightEdge: offRight,
      primaryActionsBelowFold: primaryBelowFold,
      overflowingText: overflowing,
      latinOnKhmerScreen: khmer ? [...latin] : [],
      rielWithDecimals: body.match(/៛\s?[\d,]*\.\d+/g) ?? [],
    }
  }, HEIGHT)
}

/**
 * The screen at each cashier width, to `<name>-<language>-<width>.png`: the whole page (`full`,
 * at most `maxHeight` px of it), or what is in view with `at` scrolled to the top.
 */
async function snap(
  name: string,
  language: Language,
  options: { full?: boolean; at?: Locator; maxHeight?: number } = {},
): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT })
    if (options.at) await options.at.evaluate((element) => element.scrollIntoView({ block: 'start' }))
    else await page.evaluate(() => window.scrollTo(0, 0))
    await settle()
    const file = `${name}-${language}-${width}.png`
    layout[file] = await measure(page)
    // The pictures are for people (`npm run screens`); `npm test` checks the layout only.
    if (!WRITE_SCREENS) continue
    const full = options.full ?? !options.at
    const height = await page.evaluate(() => document.documentElement.scrollHeight)
    await page.screenshot({
      path: join(SHOTS, file),
      fullPage: full,
      ...(full && options.maxHeight && height > options.maxHeight
        ? { clip: { x: 0, y: 0, width, height: options.maxHeight } }
        : {}),
    })
  }
  await page.setViewportSize({ width: 1366, height: HEIGHT })
}

const PORK = {
  sku: 'PORK-KG',
  nameEn: 'Pork belly',
  nameKm: 'សាច់ជ្រូកបីជាន់',
  categoryId: null as string | null,
  price: 24_000,
  currency: 'KHR',
  vatClass: 'standard',
  active: true,
  barcodes: [] as string[],
  soldBy: 'weight',
  scaleCode: '42',
}

/** A product sold by the kilo with its scale item code, made once. */
async function ensurePork(): Promise<void> {
  const found = await pos<Array<{ sku: string }>>('searchProducts', PORK.sku)
  if (found.some((product) => product.sku === PORK.sku)) return
  const categories = await pos<Array<{ id: string; nameEn: string }>>('listCategories')
  const input = { ...PORK, categoryId: categories.find((category) => category.nameEn === 'Food')?.id ?? null }
  await pos('saveProduct', input, null, await approval('pork by the kilo', 'saveProduct', input, null))
}

/** The shop's own cashier with a Khmer name, made once, so the staff list is not only the demo's. */
async function ensureCashier(): Promise<void> {
  const users = await pos<Array<{ name: string }>>('listUsers')
  if (users.some((user) => user.name === 'ស្រីនាង')) return
  const input = { name: 'ស្រីនាង', role: 'cashier', pin: '4826' }
  await pos('createUser', input, await approval('new cashier', 'createUser', input))
}

/** At least two backups on the terminal (their names are to the second, so a second one waits for the next). */
async function ensureBackups(): Promise<void> {
  await expect
    .poll(
      async () => {
        const status = await pos<{ backups: unknown[] }>('listBackups')
        if (status.backups.length < 2) await pos('createBackup', await approval('before the holiday', 'createBackup'))
        return (await pos<{ backups: unknown[] }>('listBackups')).backups.length
      },
      { timeout: 10_000, interval: 300 },
    )
    .toBeGreaterThanOrEqual(2)
}

test('products: a few, then 120 imported with long Khmer names, in Khmer and English', async () => {
  for (const language of LANGUAGES) {
    const words = CATALOG_MESSAGES[language]
    await asManager(language)
    await open(words.nav)
    await page.getByTestId('product-row').first().waitFor()
    await snap('products-list', language)
  }

  const catalog = realCatalogCsv(120)
  const already = await pos<Array<{ sku: string }>>('searchProducts', 'SHOP-0120')
  if (already.length === 0) {
    const imported = await pos<{ created: number; errors: unknown[] }>(
      'importProductsCsv',
      catalog.csv,
      await approval('new stock list', 'importProductsCsv', catalog.csv),
    )
    expect(imported).toMatchObject({ created: 120, errors: [] })
  }
  for (const language of LANGUAGES) {
    const words = CATALOG_MESSAGES[language]
    await asManager(language)
    await open(words.nav)
    // A hundred at a time, then the rest.
    await expect.poll(() => page.getByTestId('product-row').count()).toBe(100)
    await page.getByRole('button', { name: words.showMore(100) }).click()
    await expect.poll(() => page.getByTestId('product-row').count()).toBeGreaterThan(120)
    expect(await page.getByRole('button', { name: words.showMore(100) }).count()).toBe(0)
    await snap('products-list-120', language, { full: false })
    // The categories are under the whole list.
    await snap('products-list-120-bottom', language, { at: page.locator('.categories-editor') })
  }
})

test('the product form: a new product by count with its barcode, and a product by weight with its scale code', async () => {
  await asManager('km')
  await ensurePork()
  for (const language of LANGUAGES) {
    const words = CATALOG_MESSAGES[language]
    const weight = WEIGHT_MESSAGES[language]
    await asManager(language)
    await open(words.nav)
    await page.getByRole('button', { name: words.add }).click()
    await page.getByLabel(words.form.nameKm).fill('នំបញ្ចុកសម្លខ្មែរ ស្រស់ៗ ពីផ្សារចាស់ សៀមរាប')
    await page.getByLabel(words.form.nameEn).fill('Khmer rice noodles with fish curry, fresh from Old Market')
    await page.getByLabel(words.form.sku).fill('NOODLE-01')
    await page.getByLabel(words.form.price).fill('6,000')
    await page.getByLabel(words.form.currency).selectOption('KHR')
    await page.getByLabel(words.category).selectOption({ index: 2 })
    await page.getByLabel(words.form.addBarcode).focus()
    await page.keyboard.type('8851234567895')
    await page.keyboard.press('Enter')
    await page.getByText('8851234567895', { exact: true }).waitFor()
    await snap('product-form-count', language)
    await page.getByRole('button', { name: words.form.cancel }).click()

    // Editing the weighed product: its price per kilo and scale code as saved.
    await page.getByRole('searchbox', { name: words.search }).fill(PORK.sku)
    await page
      .getByTestId('product-row')
      .filter({ hasText: PORK.sku })
      .getByRole('button', { name: words.edit })
      .click()
    await expect.poll(() => page.getByLabel(weight.scaleCode).inputValue()).toBe('42')
    expect(await page.getByLabel(weight.soldBy).inputValue()).toBe('weight')
    await snap('product-form-weight', language)
    await page.getByRole('button', { name: words.form.cancel }).click()
  }
})

test('a product CSV with problems is previewed by line and column, nothing written', async () => {
  const csv = [
    'sku,name_en,name_km,category,price,currency,vat_class,barcodes,active',
    'TEA-1,Green tea,តែបៃតង,Drinks,1.25,USD,standard,,yes',
    'MILK-1,Milk,ទឹកដោះគោ,Drinks,one,USD,standard,,yes',
    'RICE-5,Jasmine rice 5 kg,អង្ករផ្ការំដួល ៥ គីឡូក្រាម,Groceries,"18,500.50",KHR,standard,,yes',
    'SOAP-1,Soap,សាប៊ូដុំ,Household,0.75,EUR,standard,,yes',
    'TEA-1,Green tea again,តែបៃតង,Drinks,1.25,USD,standard,,yes',
    'EGG-10,Eggs (10),,Food,4000,KHR,standard,,maybe',
    'FISH-1,Dried fish,ត្រីងៀត,Food,3.00,USD,reduced,,yes',
  ].join('\r\n')
  for (const language of LANGUAGES) {
    const words = CATALOG_MESSAGES[language]
    await asManager(language)
    await open(words.nav)
    await page.getByLabel(words.csv.choose).setInputFiles({
      name: 'stock.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    })
    await page.getByTestId('csv-problems').waitFor()
    await snap('products-csv-problems', language, { maxHeight: 2400 })
  }
})

test('the categories editor, and a new category without its English name named as the problem', async () => {
  for (const language of LANGUAGES) {
    const words = CATALOG_MESSAGES[language].categories
    await asManager(language)
    await open(CATALOG_MESSAGES[language].nav)
    const editor = page.locator('.categories-editor')
    await editor.getByTestId('category-row').first().waitFor()
    await editor.getByLabel(`${words.add}: ${words.nameKm}`).fill('ផ្លែឈើ និងបន្លែស្រស់ៗពីខេត្តកំពង់ស្ពឺ')
    await editor.getByRole('button', { name: words.add }).click()
    await editor.getByRole('alert').waitFor()
    await snap('categories', language, { at: page.getByRole('heading', { name: words.title }) })
  }
})

test('the till: weighing a product tapped on the grid, and a cart with its weighed line', async () => {
  await asManager('km')
  await ensurePork()
  for (const language of LANGUAGES) {
    const till = TILL_MESSAGES[language]
    const weight = WEIGHT_MESSAGES[language]
    await asManager(language)
    const current = await pos<{ lines: unknown[] } | null>('getCurrentSale')
    if (current && current.lines.length > 0) await pos('cancelSale', null)
    await page.reload()
    await page.getByRole('searchbox', { name: till.search }).fill(PORK.sku)
    await page.locator('.product[data-sold-by="weight"]').first().click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel(weight.weightLabel).fill('0.612')
    await expect.poll(() => page.getByTestId('weigh-amount').textContent()).toBe(weight.amountWillBe('៛14,688'))
    await snap('weigh-dialog', language)
    await dialog.getByRole('button', { name: weight.add }).click()
    await page.getByTestId('sale-line').first().waitFor()
    await page.getByRole('searchbox', { name: till.search }).fill('')
    await scanWithWedge(page, '8850000000011', language)
    await scanWithWedge(page, '8850000000028', language)
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(3)
    await snap('cart-weighed', language)
    await pos('cancelSale', null)
  }
})

test('staff: the list, adding a person, and a cashier changing their own PIN', async () => {
  await asManager('km')
  await ensureCashier()
  for (const language of LANGUAGES) {
    const words = STAFF_MESSAGES[language]
    await asManager(language)
    await open(words.nav)
    await page.getByTestId('staff-row').first().waitFor()
    await snap('staff-list', language)

    await page.getByRole('button', { name: words.add }).click()
    const form = page.locator('form').filter({ has: page.getByRole('heading', { name: words.add }) })
    await form.getByLabel(words.name).fill('សុភាព')
    await form.getByLabel(words.role).selectOption('cashier')
    await form.getByLabel(words.pin, { exact: true }).fill('3691')
    await form.getByLabel(words.pinAgain, { exact: true }).fill('3619')
    await form.getByRole('button', { name: words.save }).click()
    await page.getByText(words.pinsDiffer).waitFor()
    await snap('staff-add', language)
    await page.getByRole('button', { name: words.cancel }).click()

    await asCashier(language)
    await open(words.navOwn)
    await page.getByLabel(words.own.current).fill(CASHIER_PIN)
    await page.getByLabel(words.own.next, { exact: true }).fill('1470')
    await page.getByLabel(words.own.again).fill('1407')
    await page.getByRole('button', { name: words.own.change }).click()
    await page.getByText(words.pinsDiffer).waitFor()
    await snap('staff-own-pin', language)
  }
})

test('the shift page: cash in and out with a reason, the drawer opened without a sale, the X report', async () => {
  for (const language of LANGUAGES) {
    const till = TILL_MESSAGES[language]
    const words = CASH_MESSAGES[language]
    await asManager(language)
    await open(till.nav.shift)
    await page.getByTestId('report-X').waitFor()
    await page.getByLabel(words.direction).selectOption('in')
    await page.getByLabel(words.currency).selectOption('KHR')
    await page.getByLabel(words.amount).fill('40,000')
    await page.getByLabel(words.reason).fill(language === 'km' ? 'ប្រាក់អាប់បន្ថែម' : 'more small change')
    await snap('shift-cash-in', language)
    await page.getByRole('button', { name: words.record }).click()
    await page.getByText(words.recorded('').trim()).waitFor()

    await page.getByLabel(words.direction).selectOption('out')
    await page.getByLabel(words.currency).selectOption('KHR')
    await page.getByLabel(words.amount).fill('12,500')
    await page.getByLabel(words.reason).fill(language === 'km' ? 'ទិញទឹកកក' : 'ice delivery')
    await page.getByRole('button', { name: words.record }).click()
    await page
      .getByText(/12,500/)
      .first()
      .waitFor()
    await snap('shift-cash-out', language)

    // With no receipt printer the drawer cannot be opened from here: its key opens it.
    expect(await page.getByRole('button', { name: words.openDrawer }).isDisabled()).toBe(true)
    await page.getByText(words.drawerNeedsPrinter).waitFor()
    const printerFolder = mkdtempSync(join(tmpdir(), 'pos-printer-'))
    await setFilePrinter(cashier, join(printerFolder, 'lp0'))
    try {
      await page.getByRole('button', { name: till.nav.till, exact: true }).click()
      await open(till.nav.shift)
      await page.getByRole('button', { name: words.openDrawer }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel(till.pin, { exact: true }).fill(MANAGER_PIN)
      await dialog.getByLabel(till.reason).fill(language === 'km' ? 'ប្តូរលុយឱ្យអតិថិជន' : 'change for a 50')
      await snap('shift-no-sale-approval', language)
      await approveInDialog(page, language === 'km' ? 'ប្តូរលុយឱ្យអតិថិជន' : 'change for a 50', language)
      await page.getByText(words.drawerOpened).waitFor()
      await snap('shift-drawer-opened', language)
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.getByTestId('report-X').locator('[data-line="cashIn"]').waitFor()
      await snap('shift-x-report', language, { at: page.getByRole('heading', { name: till.report.title }) })
    } finally {
      // The tests after this one expect no printer, whatever happened here.
      await setFilePrinter(cashier, null)
      rmSync(printerFolder, { recursive: true, force: true })
    }
  }
})

test('a cashier takes cash out above their limit: the manager is asked', async () => {
  for (const language of LANGUAGES) {
    const till = TILL_MESSAGES[language]
    const words = CASH_MESSAGES[language]
    await asCashier(language)
    await open(till.nav.shift)
    await page.getByLabel(words.direction).selectOption('out')
    await page.getByLabel(words.currency).selectOption('KHR')
    await page.getByLabel(words.amount).fill('5,000')
    await page.getByLabel(words.reason).fill(language === 'km' ? 'ទិញទឹកកក' : 'ice delivery')
    await page.getByRole('button', { name: words.record }).click()
    await page.getByRole('dialog').getByTestId('approval-what').waitFor()
    await snap('shift-cash-out-approval', language)
    await page.getByRole('dialog').getByRole('button', { name: till.cancel }).click()
  }
})

test('settings: the whole page, the backups and restoring one, the sales export, About this terminal', async () => {
  await asManager('km')
  await ensureBackups()
  for (const language of LANGUAGES) {
    const till = TILL_MESSAGES[language]
    const data = DATA_MESSAGES[language]
    await asManager(language)
    await open(till.nav.settings)
    await page.getByLabel(till.settings.rielPerDollar).waitFor()
    await expect.poll(() => page.getByTestId('backup').count()).toBeGreaterThanOrEqual(2)
    await snap('settings', language)
    await snap('settings-devices', language, { at: page.getByTestId('pole-display') })
    await snap('settings-limits', language, { at: page.getByTestId('cashier-limits') })

    await page.getByTestId('backup').first().getByRole('button', { name: data.restore }).click()
    const panel = page.getByTestId('restore-backup')
    await panel.getByRole('button', { name: data.restoreConfirm }).waitFor()
    await snap('settings-backups-restore', language, { at: page.locator('.data-safety') })
    await panel.getByRole('button', { name: data.cancel }).click()

    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: data.exportButton, exact: true }).click()
    await download
    await page
      .locator('.data-safety')
      .getByRole('status')
      .filter({ hasText: language === 'km' ? 'បាននាំចេញ' : 'exported' })
      .waitFor()
    await snap('settings-export', language, { at: page.getByRole('heading', { name: data.exportTitle }) })

    await page.getByRole('button', { name: COUNTER_MESSAGES[language].about.open }).click()
    await page.getByTestId('app-version').waitFor()
    await snap('about', language)
  }
})

test('approvals: a new exchange rate, and a new price for a product', async () => {
  for (const language of LANGUAGES) {
    const till = TILL_MESSAGES[language]
    const words = CATALOG_MESSAGES[language]
    await asManager(language)
    await open(till.nav.settings)
    await page.getByLabel(till.settings.rielPerDollar).fill('4080')
    await page.getByRole('button', { name: till.settings.setRate }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByTestId('approval-what').waitFor()
    await dialog.getByLabel(till.pin, { exact: true }).fill(MANAGER_PIN)
    await dialog.getByLabel(till.reason).fill(language === 'km' ? 'អត្រាធនាគារជាតិថ្ងៃនេះ' : "today's NBC rate")
    await snap('approval-rate', language)
    await dialog.getByRole('button', { name: till.cancel }).click()

    // The KHQR account is never typed: the bank's new sticker is scanned, and the approval shows
    // the account before and after.
    await page.getByRole('button', { name: till.settings.changeAccount }).click()
    const reader = page.getByLabel(SETUP_MESSAGES[language].khqr.scan)
    await reader.focus()
    await page.keyboard.type(NEW_STICKER, { delay: 0 })
    await page.keyboard.press('Enter')
    await page.getByTestId('sticker-account').getByText('sokha_market@aclb').waitFor()
    await page.getByRole('button', { name: SETUP_MESSAGES[language].khqr.use }).click()
    expect(await page.getByTestId('merchant-account').textContent()).toBe('sokha_market@aclb')
    await page.getByRole('button', { name: till.settings.save, exact: true }).click()
    const account = dialog.getByTestId('approval-changes').getByRole('row', { name: /sokha_market@aclb/ })
    await account.waitFor()
    expect(await account.textContent()).toContain('demo_shop@demo')
    await snap('approval-khqr-account', language, { full: false })
    await dialog.getByRole('button', { name: till.cancel }).click()
    await page.getByRole('button', { name: till.cancel, exact: true }).click()

    await open(words.nav)
    await page.getByRole('searchbox', { name: words.search }).fill('DEMO-001')
    await page
      .getByTestId('product-row')
      .filter({ hasText: 'DEMO-001' })
      .getByRole('button', { name: words.edit })
      .click()
    await page.getByLabel(words.form.price).fill('1.75')
    await page.getByRole('button', { name: words.form.save }).click()
    await dialog.getByTestId('approval-what').waitFor()
    await dialog.getByLabel(till.reason).fill(language === 'km' ? 'តម្លៃកាហ្វេឡើង' : 'coffee costs more')
    await snap('approval-product-price', language)
    await dialog.getByRole('button', { name: till.cancel }).click()
    await page.getByRole('button', { name: words.form.cancel }).click()
  }
})

/** The bank's sticker for another account, as the scanner types it. */
const NEW_STICKER = encodeKhqr({
  kind: 'individual',
  accountId: 'sokha_market@aclb',
  merchantName: 'SOKHA MARKET',
  merchantCity: 'Battambang',
  currency: 'KHR',
  alternateLanguage: { language: 'km', merchantName: 'ផ្សារសុខា' },
})

// Last: finishing the setup ends the demo, whose manager the tests above sign in as.
test('the first-run setup, each step in English and Khmer: welcome, shop, KHQR sticker, owner and recovery code, printer, done', async () => {
  await page.evaluate(() => window.pos.signOut())
  // A first start: a page that has not chosen the demo, in English.
  const first = await openWindowPage(browser, server, windowOf('cashier'), { firstStart: true })
  page = first.page
  await page.evaluate(() => localStorage.setItem('pos.language', 'en'))
  await page.reload()
  const words = SETUP_MESSAGES.en
  /** Each language in turn with the toggle (what was typed stays), then back to English. */
  const both = async (name: string) => {
    for (const language of ['en', 'km'] as const) {
      if ((await page.evaluate(() => document.documentElement.lang)) !== language) {
        await page.getByRole('button', { name: MESSAGES[language === 'km' ? 'en' : 'km'].switchLanguage }).click()
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language)
      }
      await snap(name, language)
    }
    await page.getByRole('button', { name: MESSAGES.km.switchLanguage }).click()
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en')
  }

  await page.getByRole('heading', { name: words.welcome.title }).waitFor()
  await both('setup-welcome')
  await page.getByRole('button', { name: words.welcome.setUp }).click()

  await page.getByLabel(words.shop.nameKm).fill('ផ្សារសុខា លក់ដូរគ្រឿងទេស និងម្ហូបស្រស់')
  await page.getByLabel(words.shop.nameEn).fill('Sokha Market')
  await page.getByLabel(words.shop.address).fill('ផ្លូវលេខ ៣ ភូមិកណ្តាល ក្រុងបាត់ដំបង')
  await page.getByLabel(words.shop.phone).fill('012 345 678')
  await page.getByLabel(words.shop.vatTin).fill('K001-901234567')
  await page.getByLabel(words.shop.saleCurrency).selectOption('KHR')
  await page.getByLabel(words.shop.rate).fill('4080')
  await both('setup-shop')
  await page.getByRole('button', { name: words.next }).click()

  const sticker = NEW_STICKER
  const account = page.getByLabel(words.khqr.scan)
  await account.waitFor()
  await account.focus()
  await page.keyboard.type(sticker, { delay: 0 })
  await page.keyboard.press('Enter')
  await expect.poll(() => page.getByTestId('sticker-account').textContent()).toBe('sokha_market@aclb')
  await both('setup-khqr')
  await page.getByRole('button', { name: words.khqr.use }).click()

  await page.getByLabel(words.owner.name).fill('Sokha')
  await page.getByLabel(words.owner.pin, { exact: true }).fill('2580')
  await page.getByLabel(words.owner.pinAgain).fill('2580')
  await page.getByRole('button', { name: words.next }).click()
  await page.getByTestId('recovery-code').waitFor()
  await both('setup-owner-recovery')
  await page.getByRole('button', { name: AUTHORITY_MESSAGES.en.recovery.written }).click()

  await page.getByRole('button', { name: words.skip }).waitFor()
  await both('setup-printer')
  await page.getByRole('button', { name: words.skip }).click()

  await page.getByRole('heading', { name: words.done.title }).waitFor()
  await both('setup-done')
  await page.getByRole('button', { name: words.done.start }).click()
  await page.getByTestId('signed-in-user').filter({ hasText: 'Sokha' }).waitFor()
})
