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
import { encodeKhqr } from '../../shared/khqr/index.ts'
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
  expect(await shoot('cashier', 'cashier-km', 'km')).toContain('មូលដ្ឋានទិន្នន័យលក់')
  expect(await shoot('cashier', 'cashier-en', 'en')).toContain('Sales database')
})

test('customer display, idle', async () => {
  expect(await shoot('customer', 'customer-idle', 'km')).toContain('សូមស្វាគមន៍')
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
