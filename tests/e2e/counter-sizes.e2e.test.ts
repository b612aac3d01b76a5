/**
 * The counter at the sizes Cambodian shops have, with a real catalog (100 imported products with long
 * Khmer names) and carts of 1, 8, 30 and 100 lines: the cashier's actions stay on screen and
 * clickable, the cart follows the line just scanned, and the customer's KHQR always scans from a
 * screenshot with the total on screen. Screenshots go to artifacts/screens/sizes (`npm run screens`).
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import jsQR from 'jsqr'
import type { Browser, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { COUNTER_MESSAGES } from '../../renderer/src/i18n/counter-messages.ts'
import { TILL_MESSAGES } from '../../renderer/src/i18n/till-messages.ts'
import { type CatalogProduct, realCatalogCsv } from '../support/real-catalog.ts'
import { launchChromium } from './chromium.ts'
import { display } from './electron-stub.ts'
import {
  type AppServer,
  callPos,
  demoManagerGrant,
  openWindowPage,
  scanWithWedge,
  serveAppProtocol,
  startMainBundle,
  type WindowPage,
  windowOf,
} from './harness.ts'

const SHOTS = resolve(import.meta.dirname, '../../artifacts/screens/sizes')
/** The pictures only people read are written by `npm run screens`; the QR's are always taken, to scan them. */
const WRITE_SCREENS = process.env.POS_SCREENS === '1'
const CASHIER_SIZES = [
  [1024, 768],
  [1366, 768],
  [1920, 1080],
] as const
const CUSTOMER_SIZES = [
  [800, 480],
  [1024, 600],
  [1280, 800],
  [1920, 1080],
  [800, 1280],
] as const
const CARTS = [1, 8, 30, 100] as const
const LANGUAGES = ['km', 'en'] as const
const MANAGER_PIN = '1357'

let browser: Browser
let server: AppServer
let cashier: WindowPage
let customer: WindowPage
let products: CatalogProduct[]

const pos = <T>(method: string, ...args: unknown[]) => callPos<T>(cashier.page, method, ...args)
const approval = (reason: string, method: string, ...args: unknown[]) =>
  demoManagerGrant(cashier.page, reason, method, ...args)

/** Rings up `lines` different products (the cart is emptied first). */
/**
 * A cart of the first `lines` products, one of each. A cart that is already the start of it grows
 * (carts are asked for in growing sizes, so most of them cost only the new lines); any other is
 * cancelled first. The scans run in the page, one IPC call each, as a scanner's would.
 */
async function cartOf(lines: number): Promise<void> {
  const sale = await pos<{ lines: Array<{ sku: string; quantity: number }> } | null>('getCurrentSale')
  const current = sale?.lines ?? []
  const isStart =
    current.length <= lines && current.every((line, at) => line.sku === products[at]?.sku && line.quantity === 1)
  if (!isStart) await pos('cancelSale', null)
  const missing = products.slice(isStart ? current.length : 0, lines).map((product) => product.barcode)
  await cashier.page.evaluate(async (codes) => {
    for (const code of codes) {
      const result = await window.pos.scanBarcode(code)
      if (!result.ok) throw new Error(`scanBarcode: ${result.error.code}`)
    }
  }, missing)
  // Both screens have drawn it (waited for in the pages: this also runs in beforeAll, outside a test).
  await cashier.page.waitForFunction((n) => document.querySelectorAll('[data-testid="sale-line"]').length === n, lines)
  // The customer's screen draws the newest 20 lines of a longer cart, under how many came before.
  await customer.page.waitForFunction((n) => document.querySelectorAll('.cart-line').length === Math.min(n, 20), lines)
  // (expect.poll is for tests only: this also runs in beforeAll.)
  let seen = await customerLines()
  for (let tries = 0; tries < 100 && JSON.stringify(seen) !== JSON.stringify(WHOLE_LINES_ACCOUNTED_FOR); tries++) {
    await new Promise((done) => setTimeout(done, 100))
    seen = await customerLines()
  }
  expect(seen, `${lines} lines`).toEqual(WHOLE_LINES_ACCOUNTED_FOR)
}

const WHOLE_LINES_ACCOUNTED_FOR = { someShown: true, cut: 0, accountedFor: true }

/**
 * What the customer sees of the cart: whether some lines are shown, how many of those are cut by
 * the list's edges (none should be), and whether the lines shown and the "+ N earlier lines"
 * marker account for every line of the cart's count.
 */
function customerLines() {
  return customer.page.evaluate(() => {
    const list = document.querySelector('.cart-lines')?.getBoundingClientRect()
    const shown = Array.from(document.querySelectorAll('.cart-line')).filter(
      (row) => getComputedStyle(row).visibility !== 'hidden',
    )
    const cut = shown.filter((row) => {
      const box = row.getBoundingClientRect()
      return !list || box.top < list.top - 0.5 || box.bottom > list.bottom + 0.5
    })
    const marker = document.querySelector<HTMLElement>('[data-testid="customer-earlier"]')
    const earlier = marker && !marker.hidden ? Number(/\+ (\d+) earlier/.exec(marker.textContent ?? '')?.[1]) : 0
    const countText = document.querySelector('[data-testid="customer-count"]')?.textContent ?? ''
    const count = Number(/(\d+) lines?/.exec(countText)?.[1])
    return { someShown: shown.length > 0, cut: cut.length, accountedFor: shown.length + earlier === count }
  })
}

async function setLanguage(page: Page, language: 'km' | 'en') {
  await page.evaluate((chosen) => localStorage.setItem('pos.language', chosen), language)
  await page.reload()
  await page.getByTestId('line-count').waitFor()
}

async function settle(page: Page) {
  await page.evaluate(() => document.fonts.ready)
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
}

/** Whether the element is wholly inside the viewport and is what a tap at its centre would hit. */
async function reachable(page: Page, selector: string, name: string) {
  return page.evaluate(
    ([css, label]) => {
      const element = [...document.querySelectorAll<HTMLElement>(css)].find(
        (candidate) => candidate.textContent?.trim() === label || candidate.getAttribute('aria-label') === label,
      )
      if (!element) return { found: false, label }
      const box = element.getBoundingClientRect()
      const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)
      return {
        found: true,
        label,
        inView: box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth,
        hit: hit !== null && (hit === element || element.contains(hit)),
        height: Math.round(box.height),
      }
    },
    [selector, name] as const,
  )
}

/** How many of the cart's lines are wholly visible in its scrolling list, and whether the given one is. */
async function visibleLines(page: Page, lineIndex: number) {
  return page.evaluate((wanted) => {
    const list = document.querySelector('.sale-lines') as HTMLElement
    const frame = list.getBoundingClientRect()
    const rows = [...list.querySelectorAll<HTMLElement>('[data-testid="sale-line"]')]
    const shown = rows.map((row) => {
      const box = row.getBoundingClientRect()
      return box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1 && box.bottom <= innerHeight
    })
    const box = rows[wanted]?.getBoundingClientRect()
    // Where things were, for the message of a test that fails on it.
    const where =
      `list ${Math.round(frame.top)}–${Math.round(frame.bottom)} scrollTop ${Math.round(list.scrollTop)}/` +
      `${list.scrollHeight - list.clientHeight}, line ${wanted + 1} of ${rows.length} at ` +
      `${box ? `${Math.round(box.top)}–${Math.round(box.bottom)}` : 'none'}, window ${innerWidth}×${innerHeight}`
    return { count: shown.filter(Boolean).length, wanted: shown[wanted] ?? false, where }
  }, lineIndex)
}

/** Waits up to 10 s for the line to be wholly in view in the list; a failure says where everything was. */
async function expectLineInView(page: Page, lineIndex: number, label: string): Promise<void> {
  let last = ''
  try {
    await expect
      .poll(
        async () => {
          const view = await visibleLines(page, lineIndex)
          last = view.where
          return view.wanted
        },
        { timeout: 10_000 },
      )
      .toBe(true)
  } catch {
    throw new Error(`${label}: not in view after 10 s (${last})`)
  }
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  await startMainBundle({ displays: [display(1, 0, 1366, 768), display(2, 1366, 1280, 800)] })
  server = await serveAppProtocol()
  browser = await launchChromium()
  cashier = await openWindowPage(browser, server, windowOf('cashier'))
  customer = await openWindowPage(browser, server, windowOf('customer'))
  const users = await pos<Array<{ id: string; role: string }>>('listUsers')
  const manager = users.find((user) => user.role === 'manager')
  await pos('signIn', manager?.id, MANAGER_PIN)
  if (!(await pos('getShift'))) await pos('openShift', { usd: 5000, khr: 100_000 })
  const catalog = realCatalogCsv(100)
  products = catalog.products
  const imported = await pos<{ created: number; errors: unknown[] }>(
    'importProductsCsv',
    catalog.csv,
    await approval('new stock list', 'importProductsCsv', catalog.csv),
  )
  expect(imported).toMatchObject({ created: 100, errors: [] })
  // Signed in behind its back: the cashier page reads the session again.
  await cashier.page.reload()
  await cashier.page.getByTestId('line-count').waitFor()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/*
 * Each cart is built once (the carts grow: 1, 8, 30, then 100 lines) and every screen is checked on
 * it: the cashier's in both languages, with and without the QR up, and the customer's.
 */
describe.each(CARTS)('a cart of %i lines', (lines) => {
  beforeAll(() => cartOf(lines))

  test.each(LANGUAGES)(
    'cashier screen in %s at every size: the actions on screen, the newest line in view',
    async (language) => {
      const till = TILL_MESSAGES[language]
      const counter = COUNTER_MESSAGES[language]
      await setLanguage(cashier.page, language)
      for (const [width, height] of CASHIER_SIZES) {
        const page = cashier.page
        await page.setViewportSize({ width, height })
        await settle(page)
        const size = `${width}x${height}`
        if (WRITE_SCREENS)
          await page.screenshot({ path: join(SHOTS, `cashier-${size}-${lines}-lines-${language}.png`) })
        for (const name of [till.cash, till.khqrUsd, till.khqrKhr, till.cancelSale, till.tools.discount]) {
          const target = await reachable(page, '.sale button', name)
          expect(target, `${name} at ${size}`).toMatchObject({ found: true, inView: true, hit: true })
          expect(target.height, `${name} at ${size}`).toBeGreaterThanOrEqual(44)
        }
        expect(await page.getByTestId('sale-total').isVisible()).toBe(true)
        // The cart's header (the count and the sale's tools) stays inside the cart's panel, the count's
        // words clear of the tools.
        const header = await page.evaluate(() => {
          const panel = document.querySelector('.sale')?.getBoundingClientRect()
          const tools = document.querySelector('.sale-tools')?.getBoundingClientRect()
          const inside = [...document.querySelectorAll('.sale-header > *, .sale-header button')].every((part) => {
            const box = part.getBoundingClientRect()
            return panel !== undefined && box.left >= panel.left && box.right <= panel.right
          })
          const countClear = [...document.querySelectorAll('.line-count span')].every(
            (words) => tools === undefined || words.getBoundingClientRect().right <= tools.left,
          )
          return inside && countClear
        })
        expect(header, `the cart's header inside its panel at ${size}`).toBe(true)
        // Long Khmer names are cut at two lines: every tile keeps its price inside it, all tiles one height.
        const tiles = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.product-grid .product')].map((tile) => {
            const box = tile.getBoundingClientRect()
            const price = (tile.querySelector('.product-price') as HTMLElement).getBoundingClientRect()
            return { height: Math.round(box.height), priceInside: price.bottom <= box.bottom && price.top >= box.top }
          }),
        )
        expect(tiles.length).toBeGreaterThan(0)
        expect(tiles.every((tile) => tile.priceInside && tile.height === tiles[0]?.height)).toBe(true)
        expect(await page.getByTestId('line-count').textContent()).toBe(counter.lineCount(lines, lines))
        // Brought into view once the lines have their sizes (a frame or two after the resize).
        await expectLineInView(page, lines - 1, `the newest line at ${size}`)
        const view = await visibleLines(page, lines - 1)
        expect(view.count, `lines in view at ${size}`).toBeGreaterThanOrEqual(Math.min(lines, 6))
      }
    },
  )

  // Only a cart longer than the list can show has a line out of view to bring back.
  if (lines >= 30)
    test.each(LANGUAGES)(
      'cashier screen in %s: a changed line in the middle is brought into view',
      async (language) => {
        await setLanguage(cashier.page, language)
        await cashier.page.setViewportSize({ width: 1366, height: 768 })
        await settle(cashier.page)
        expect((await visibleLines(cashier.page, 2)).wanted).toBe(false)
        await pos('scanBarcode', products[2]?.barcode)
        await expect.poll(() => cashier.page.getByTestId('line-quantity').nth(2).textContent()).toBe('2')
        await expectLineInView(cashier.page, 2, 'the changed line')
        // Back to one of each, for the tests after this one.
        const sale = await pos<{ lines: Array<{ id: string }> }>('getCurrentSale')
        await pos('setLineQuantity', sale.lines[2]?.id, 1)
      },
    )

  if (lines >= 30)
    test('the cashier scrolls the cart themself: a resize leaves it there, the next change is followed again', async () => {
      const page = cashier.page
      await setLanguage(page, 'en')
      await page.setViewportSize({ width: 1366, height: 768 })
      await settle(page)
      await expectLineInView(page, lines - 1, 'the newest line, at first')
      const box = await page.locator('.sale-lines').boundingBox()
      await page.mouse.move((box?.x ?? 0) + 20, (box?.y ?? 0) + 20)
      await page.mouse.wheel(0, -100_000)
      await expectLineInView(page, 0, 'the first line')
      await page.setViewportSize({ width: 1024, height: 768 })
      await settle(page)
      await settle(page)
      expect((await visibleLines(page, 0)).wanted).toBe(true)
      expect((await visibleLines(page, lines - 1)).wanted).toBe(false)
      await pos('scanBarcode', products[lines - 1]?.barcode)
      await expectLineInView(page, lines - 1, 'the newest line, after its scan')
      const sale = await pos<{ lines: Array<{ id: string }> }>('getCurrentSale')
      await pos('setLineQuantity', sale.lines[lines - 1]?.id, 1)
      // A press on a line's own button is not a scroll: the list still follows when it then shrinks.
      await page.setViewportSize({ width: 1366, height: 768 })
      await expectLineInView(page, lines - 1, 'the newest line, back at 1366×768')
      const newest = products[lines - 1]?.nameEn ?? ''
      await page.getByRole('button', { name: TILL_MESSAGES.en.increase(newest) }).dispatchEvent('pointerdown')
      await page.setViewportSize({ width: 1366, height: 680 })
      await settle(page)
      await expectLineInView(page, lines - 1, 'the newest line, after a press on its button')
      await page.setViewportSize({ width: 1366, height: 768 })
    })

  test.each(LANGUAGES)(
    'cashier screen in %s with the QR up: the catalog locked with the reason, the cart and Cancel QR on screen',
    async (language) => {
      const till = TILL_MESSAGES[language]
      const counter = COUNTER_MESSAGES[language]
      await setLanguage(cashier.page, language)
      await cashier.page.getByRole('button', { name: till.khqrUsd }).click()
      await cashier.page.getByTestId('khqr-waiting').waitFor()
      for (const [width, height] of CASHIER_SIZES) {
        const page = cashier.page
        await page.setViewportSize({ width, height })
        await settle(page)
        const size = `${width}x${height}`
        if (WRITE_SCREENS)
          await page.screenshot({ path: join(SHOTS, `cashier-${size}-${lines}-lines-qr-${language}.png`) })
        expect(await page.getByRole('searchbox').count()).toBe(0)
        expect(await page.locator('.product-grid').count()).toBe(0)
        expect(await page.getByText(counter.qrLocked).isVisible()).toBe(true)
        for (const name of [till.cancelQr, till.confirmByHand]) {
          expect(await reachable(page, '.khqr-waiting button', name), `${name} at ${size}`).toMatchObject({
            found: true,
            inView: true,
            hit: true,
          })
        }
        expect(await page.getByRole('button', { name: till.cancelQr }).getAttribute('class')).toContain('primary')
        expect(await page.getByRole('button', { name: till.confirmByHand }).getAttribute('class')).not.toContain(
          'primary',
        )
        // Every line's −, + and × and every sale tool are disabled while the QR is up.
        expect(await page.locator('.sale-line button:enabled, .sale-tools button:enabled').count()).toBe(0)
        const view = await visibleLines(page, lines - 1)
        expect(view.count, `lines in view at ${size}`).toBeGreaterThanOrEqual(Math.min(lines, 6))
      }
      // A scan while the QR is up changes nothing and says why.
      await scanWithWedge(cashier.page, products[lines]?.barcode ?? (products[0] as CatalogProduct).barcode)
      await cashier.page.getByText(till.errors.sale_awaiting_payment as string).waitFor()
      expect(await cashier.page.getByTestId('sale-line').count()).toBe(lines)
      await cashier.page.getByRole('button', { name: till.cancelQr }).click()
      await cashier.page.getByTestId('khqr-waiting').waitFor({ state: 'detached' })
    },
  )

  test('customer display at every size: the total and the newest line on screen', async () => {
    const page = customer.page
    for (const [width, height] of CUSTOMER_SIZES) {
      await page.setViewportSize({ width, height })
      await settle(page)
      const size = `${width}x${height}`
      const layout = () =>
        page.evaluate(() => {
          const inView = (element: Element | null) => {
            if (!element) return false
            const box = element.getBoundingClientRect()
            return box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth
          }
          const rows = document.querySelectorAll('.cart-line')
          return {
            total: inView(document.querySelector('[data-testid="customer-total"]')),
            newest: inView(rows[rows.length - 1] ?? null),
            scrolls: document.scrollingElement ? document.scrollingElement.scrollHeight <= innerHeight : true,
          }
        })
      // The newest line settles at the bottom edge once the lines have their sizes.
      await expect
        .poll(layout, { message: size, timeout: 10_000 })
        .toEqual({ total: true, newest: true, scrolls: true })
      // No line is shown cut in half at the list's top; the marker counts the ones not shown.
      await expect.poll(customerLines, { message: size }).toEqual(WHOLE_LINES_ACCOUNTED_FOR)
      if (WRITE_SCREENS) await page.screenshot({ path: join(SHOTS, `customer-${size}-${lines}-lines.png`) })
    }
  })

  test('customer display with its KHQR: a screenshot at every size scans to the payload', async () => {
    const sale = await pos<{ khqr: { payload: string } }>('startKhqr', lines % 2 === 0 ? 'USD' : 'KHR')
    const page = customer.page
    await page.getByTestId('khqr-code').waitFor()
    for (const [width, height] of CUSTOMER_SIZES) {
      await page.setViewportSize({ width, height })
      await settle(page)
      const size = `${width}x${height}`
      await expect.poll(customerLines, { message: `lines beside the QR at ${size}` }).toEqual(WHOLE_LINES_ACCOUNTED_FOR)
      const path = join(SHOTS, `customer-${size}-${lines}-lines-qr.png`)
      const png = PNG.sync.read(await page.screenshot({ path }))
      const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
      expect(decoded?.data, `QR at ${size}`).toBe(sale.khqr.payload)
      const layout = await page.evaluate(() => {
        const boxOf = (selector: string) => document.querySelector(selector)?.getBoundingClientRect()
        const inView = (box: DOMRect | undefined) =>
          box !== undefined && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth
        const code = boxOf('[data-testid="khqr-code"]')
        return {
          card: inView(boxOf('.khqr-card')),
          total: inView(boxOf('[data-testid="customer-total"]')),
          amount: inView(boxOf('[data-testid="khqr-amount"]')),
          qrShare: code ? Math.min(code.width, code.height) / Math.min(innerWidth, innerHeight) : 0,
        }
      })
      expect(layout, size).toMatchObject({ card: true, total: true, amount: true })
      expect(layout.qrShare, `QR side at ${size}`).toBeGreaterThanOrEqual(0.4)
    }
    await pos('cancelKhqr')
  })
})

test('a riel-priced product shows riel on its tile, in the cart and on the customer display; its KHQR paid in riel says riel', async () => {
  const sale = await pos<{ lines: unknown[] } | null>('getCurrentSale')
  if (sale && sale.lines.length > 0) await pos('cancelSale', null)
  await cashier.page.setViewportSize({ width: 1366, height: 768 })
  await customer.page.setViewportSize({ width: 1280, height: 800 })
  await setLanguage(cashier.page, 'en')
  const riel = products.find((product) => product.currency === 'KHR') as CatalogProduct
  const shown = `៛${riel.price.toLocaleString('en-US')}`
  await cashier.page.getByRole('searchbox').fill(riel.sku)
  const tile = cashier.page.locator('.product', { hasText: riel.nameEn })
  expect(await tile.locator('.product-price').textContent()).toBe(shown)
  await tile.click()
  await expect.poll(() => cashier.page.getByTestId('line-own-amount').textContent()).toContain(shown)
  await expect.poll(() => customer.page.locator('.cart-line').first().textContent()).toContain(shown)

  await cashier.page.getByRole('button', { name: 'KHQR KHR' }).click()
  await customer.page.getByTestId('khqr-code').waitFor()
  const khqrRiel = (await pos<{ khqr: { amount: number } }>('getCurrentSale')).khqr.amount
  await cashier.page.getByRole('button', { name: 'Confirm by hand' }).click()
  const dialog = cashier.page.getByRole('dialog')
  await dialog.getByLabel('PIN', { exact: true }).fill(MANAGER_PIN)
  await dialog.getByLabel('Reason').fill('customer showed the bank app')
  await dialog.getByRole('button', { name: 'Approve' }).click()
  await customer.page.getByTestId('customer-paid').waitFor()
  // A dollar sale paid by KHQR in riel: PAID says the riel the customer's bank sent, as the QR asked.
  const paid = (await customer.page.getByTestId('customer-paid-amount').textContent()) ?? ''
  expect(paid).toContain(`៛${khqrRiel.toLocaleString('en-US')}`)
  expect(paid).not.toContain('$')
  // The receipt's riel figures are checked on the printed bytes, in tests/integration/printing/receipts.test.ts.
})
