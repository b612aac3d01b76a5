/**
 * Renders every screen of the real built app to PNG in artifacts/screens, for people to look at
 * (`npm run screens`). Runs in the e2e suite too, so a screen that fails to render fails the build.
 */

import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import jsQR from 'jsqr'
import type { Browser } from 'playwright-core'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { CLOSING_MESSAGES } from '../../renderer/src/i18n/closing-messages.ts'
import { COUNTER_MESSAGES } from '../../renderer/src/i18n/counter-messages.ts'
import { SYNC_MESSAGES } from '../../renderer/src/i18n/sync-messages.ts'
import { TILL_MESSAGES } from '../../renderer/src/i18n/till-messages.ts'
import { encodeKhqr, verifyKhqr } from '../../shared/khqr/index.ts'
import { khqrSymbol, qrSvg } from '../../shared/qr/index.ts'
import { launchChromium } from './chromium.ts'
import { display, screen, stub } from './electron-stub.ts'
import { type AppServer, openWindowPage, serveAppProtocol, startMainBundle, windowOf } from './harness.ts'

const SCREENS = resolve(import.meta.dirname, '../../artifacts/screens')
let browser: Browser
let server: AppServer

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true })
  await startMainBundle({ displays: [display(1, 0, 1366, 768), display(2, 1366, 1280, 800)] })
  server = await serveAppProtocol()
  browser = await launchChromium({ headless: process.env.HEADED !== '1' })
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function shoot(window: 'cashier' | 'customer', name: string, language: 'km' | 'en'): Promise<string> {
  const { page, context } = await openWindowPage(browser, server, windowOf(window))
  await page.evaluate((chosen) => localStorage.setItem('pos.language', chosen), language)
  await page.reload()
  await page.waitForLoadState('networkidle')
  await page.evaluate(() => document.fonts.ready)
  const path = join(SCREENS, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  const text = (await page.locator('body').textContent()) ?? ''
  await context.close()
  return text
}

test('cashier, in Khmer and in English', async () => {
  // The counter's first screen: who is signing in, nothing technical (that is on the About page).
  expect(await shoot('cashier', 'cashier-km', 'km')).toContain(TILL_MESSAGES.km.chooseUser)
  const english = await shoot('cashier', 'cashier-en', 'en')
  expect(english).toContain(TILL_MESSAGES.en.chooseUser)
  expect(english).not.toContain('SQLite')
})

test('customer display, idle', async () => {
  expect(await shoot('customer', 'customer-idle', 'km')).toContain('សូមស្វាគមន៍')
})

test("customer display: the cart, the KHQR card that scans to the sale's own QR, and PAID", async () => {
  const cashier = await openWindowPage(browser, server, windowOf('cashier'))
  const customer = await openWindowPage(browser, server, windowOf('customer'))
  await cashier.page.waitForLoadState('networkidle')
  await customer.page.waitForLoadState('networkidle')
  const sale = await cashier.page.evaluate(async () => {
    const must = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
      if (!result.ok) throw new Error(result.error.code)
      return result.value
    }
    const manager = must(await window.pos.listUsers()).find((user) => user.role === 'manager')
    must(await window.pos.signIn(manager?.id ?? '', '1357'))
    if (!must(await window.pos.getShift())) must(await window.pos.openShift({ usd: 5000, khr: 100_000 }))
    for (const code of ['8850000000011', '8850000000011', '8850000000059', '8850000000066'])
      must(await window.pos.scanBarcode(code))
    return must(await window.pos.getCurrentSale())
  })
  await customer.page.locator('[data-state="cart"]').waitFor()
  await customer.page.evaluate(() => document.fonts.ready)
  expect(await customer.page.getByTestId('customer-total').textContent()).toBe('$9.45')
  await customer.page.screenshot({ path: join(SCREENS, 'customer-cart.png') })

  const khqr = await cashier.page.evaluate(async () => {
    const result = await window.pos.startKhqr('KHR')
    if (!result.ok) throw new Error(result.error.code)
    return result.value.khqr
  })
  await customer.page.locator('[data-state="khqr"]').waitFor()
  await customer.page.evaluate(() => document.fonts.ready)
  await customer.page.screenshot({ path: join(SCREENS, 'customer-khqr.png') })
  const code = PNG.sync.read(await customer.page.getByTestId('khqr-code').screenshot())
  const scanned = jsQR(new Uint8ClampedArray(code.data), code.width, code.height)?.data
  expect(scanned).toBe(khqr?.payload)
  const verdict = verifyKhqr(scanned ?? '')
  expect(verdict.valid && verdict.fields.amount === sale?.totals.totalKhr && verdict.fields.currency === 'KHR').toBe(
    true,
  )
  expect(await customer.page.getByTestId('khqr-amount').textContent()).toBe(
    `៛${(sale?.totals.totalKhr ?? 0).toLocaleString('en-US')}`,
  )

  await cashier.page.evaluate(async () => {
    const users = await window.pos.listUsers()
    const manager = users.ok ? users.value.find((user) => user.role === 'manager') : undefined
    const grant = await window.pos.grantApproval(
      { method: 'confirmKhqrByHand', args: [] },
      { managerId: manager?.id ?? '', pin: '1357', reason: 'customer showed the app' },
    )
    if (!grant.ok) throw new Error(grant.error.code)
    const result = await window.pos.confirmKhqrByHand(grant.value)
    if (!result.ok) throw new Error(result.error.code)
  })
  await customer.page.locator('[data-state="paid"]').waitFor()
  await customer.page.evaluate(() => document.fonts.ready)
  await customer.page.screenshot({ path: join(SCREENS, 'customer-paid.png') })
  expect(await customer.page.getByTestId('khqr-code').count()).toBe(0)
  await cashier.context.close()
  await customer.context.close()
})

test('the till: a cart, waiting for a KHQR payment, and paid with the change, in Khmer and English', async () => {
  for (const language of ['km', 'en'] as const) {
    const { page, context } = await openWindowPage(browser, server, windowOf('cashier'))
    await page.evaluate((chosen) => localStorage.setItem('pos.language', chosen), language)
    await page.reload()
    await page.getByRole('searchbox').waitFor()
    for (const name of ['Iced coffee', 'Fish amok', 'Pork rice'])
      await page.getByRole('button', { name: new RegExp(name) }).click()
    await expect.poll(() => page.getByTestId('sale-line').count()).toBe(3)
    await page.getByRole('button', { name: language === 'km' ? 'សាច់ប្រាក់' : 'Cash', exact: true }).click()
    await page.evaluate(() => document.fonts.ready)
    await page.screenshot({ path: join(SCREENS, `till-cart-${language}.png`) })
    await page.getByRole('button', { name: language === 'km' ? 'KHQR ដុល្លារ' : 'KHQR USD' }).click()
    await page.getByTestId('khqr-waiting').waitFor()
    await page.screenshot({ path: join(SCREENS, `till-khqr-waiting-${language}.png`) })
    await page.getByRole('button', { name: language === 'km' ? 'បោះបង់ QR' : 'Cancel QR' }).click()
    await page.getByRole('button', { name: language === 'km' ? 'សាច់ប្រាក់' : 'Cash', exact: true }).click()
    await page.getByTestId('cash-usd').fill('20')
    await page.getByRole('button', { name: language === 'km' ? 'ទទួលប្រាក់' : 'Take cash' }).click()
    await page.getByTestId('paid-panel').waitFor()
    await page.screenshot({ path: join(SCREENS, `till-paid-${language}.png`) })
    await page.getByRole('button', { name: language === 'km' ? 'មើលវិក្កយបត្រ' : 'Show receipt' }).click()
    await page.getByTestId('receipt-preview').waitFor()
    await page
      .getByTestId('receipt-preview')
      .screenshot({ path: join(SCREENS, `till-receipt-preview-${language}.png`) })
    expect(await page.getByTestId('paid-change').textContent()).toMatch(/\$12\.00 \+ ៛200$/) // $7.95 from $20: $12 and 205 riel, given as 200
    await context.close()
  }
})

test('every page of the cashier window, in Khmer and English: sign-in, opening a shift, sales, refund, shift, closing count, Z report, stickers, settings, approval', async () => {
  for (const language of ['km', 'en'] as const) {
    const till = TILL_MESSAGES[language]
    const { page, context } = await openWindowPage(browser, server, windowOf('cashier'))
    const snap = async (name: string) => {
      await page.evaluate(() => document.fonts.ready)
      await page.screenshot({ path: join(SCREENS, `${name}-${language}.png`), fullPage: true })
    }
    await page.evaluate((chosen) => localStorage.setItem('pos.language', chosen), language)
    await page.reload()
    await page.getByRole('button', { name: till.signOut }).click()
    await page.getByRole('button', { name: /Demo Manager/ }).click()
    await page.getByLabel(till.pin, { exact: true }).fill('1357')
    await snap('sign-in-pin')
    await page.getByRole('button', { name: till.signIn, exact: true }).click()
    await page.getByRole('searchbox').waitFor()

    await page.getByRole('button', { name: till.nav.sales }).click()
    await page
      .getByRole('button', { name: /T1-0000/ })
      .first()
      .click()
    await page.getByTestId('sale-detail').waitFor()
    await snap('sales')

    await page.getByRole('button', { name: till.nav.stickers }).click()
    await page.getByTestId('sticker-preview').waitFor()
    await snap('stickers')

    await page.getByRole('button', { name: till.nav.settings }).click()
    await page.getByLabel(till.settings.rielPerDollar).waitFor()
    await snap('settings')
    await page.getByRole('button', { name: COUNTER_MESSAGES[language].about.open }).click()
    await page.getByTestId('app-version').waitFor()
    await snap('about-terminal')
    await page.getByRole('button', { name: COUNTER_MESSAGES[language].backToSettings }).click()
    await page.getByLabel(till.settings.rielPerDollar).waitFor()
    await page.getByLabel(till.settings.rielPerDollar).fill('4080')
    await page.getByRole('button', { name: till.settings.setRate }).click()
    await page.getByRole('dialog').waitFor()
    await snap('approval')
    await page.getByRole('dialog').getByRole('button', { name: till.cancel }).click()

    await page.getByRole('button', { name: SYNC_MESSAGES[language].page.nav }).click()
    await page.getByTestId('sync-summary').waitFor()
    await snap('backoffice')

    await page.getByRole('button', { name: till.nav.shift, exact: true }).click()
    await page.getByTestId('report-X').waitFor()
    await snap('shift-x-report')
    await page.getByRole('button', { name: till.report.closeShift }).click()
    await snap('shift-closing-count')
    await page.getByRole('button', { name: till.report.closeShift }).click()
    // Nothing counted: asked once whether the drawer is really empty.
    await page.getByRole('alertdialog').waitFor()
    await snap('shift-closing-question')
    await page.getByRole('button', { name: CLOSING_MESSAGES[language].closeAnyway }).click()
    await page.getByTestId('report-Z').waitFor()
    await snap('shift-z-report')
    await page.getByRole('button', { name: till.nextSale }).click()
    await page.getByRole('button', { name: till.openShift }).waitFor()
    await snap('open-shift')
    await page.getByLabel(till.floatUsd).fill('50')
    await page.getByRole('button', { name: till.openShift }).click()
    await page.getByRole('searchbox').waitFor()
    await context.close()
  }
})

test('cashier on a machine with one monitor', async () => {
  stub.displays = [stub.displays[0] as (typeof stub.displays)[number]]
  screen.emit('display-removed', {}, {})
  expect(await shoot('cashier', 'cashier-one-monitor-km', 'km')).toContain('រកមិនឃើញអេក្រង់ទីពីរទេ')
})

test('a KHQR symbol as Chromium draws its SVG scans back to the exact payload', async () => {
  const payload = encodeKhqr({
    kind: 'individual',
    accountId: 'sok_dara@aclb',
    merchantName: 'Sok Dara Noodles',
    merchantCity: 'Siem Reap',
    currency: 'KHR',
    amount: 48_000,
    billNumber: 'R-000126',
    alternateLanguage: { language: 'km', merchantName: 'ហាងគុយទាវសុខដារ៉ា', merchantCity: 'សៀមរាប' },
    createdAt: 1_767_225_600_000,
    expiresAt: 1_767_225_900_000,
  })
  const context = await browser.newContext({ viewport: { width: 480, height: 480 }, deviceScaleFactor: 1 })
  const page = await context.newPage()
  await page.setContent(`<body style="margin:0">${qrSvg(khqrSymbol(payload))}</body>`)
  await page.locator('svg').evaluate((svg) => svg.setAttribute('style', 'width:400px;height:400px;display:block'))
  const png = await page.locator('svg').screenshot()
  writeFileSync(join(SCREENS, 'khqr-symbol.png'), png)
  await context.close()
  const image = PNG.sync.read(png)
  expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(payload)
})
