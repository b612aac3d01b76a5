/** The real built app on a machine with one display: the customer display shares the cashier's screen, and says so. */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { launchChromium } from './chromium.ts'
import { display } from './electron-stub.ts'
import {
  type AppServer,
  openWindowPage,
  serveAppProtocol,
  startMainBundle,
  type WindowPage,
  windowOf,
} from './harness.ts'

let browser: Browser
let server: AppServer
let cashier: WindowPage

beforeAll(async () => {
  await startMainBundle({ displays: [display(7, 0, 1366, 768)] })
  server = await serveAppProtocol()
  browser = await launchChromium()
  cashier = await openWindowPage(browser, server, windowOf('cashier'))
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

test('the customer display lands on the primary display as an ordinary window, inside the work area', () => {
  const options = windowOf('customer').options
  expect(options).toMatchObject({ fullscreen: false, frame: true, width: 683, height: 600, x: 683, y: 64 })
  expect(options.title).toBe('Customer display (no second screen found)')
})

test('the cashier is told, in Khmer by default and in English after switching', async () => {
  await expect.poll(() => cashier.page.getByRole('status').textContent()).toContain('រកមិនឃើញអេក្រង់ទីពីរទេ')
  await cashier.page.getByRole('button', { name: 'English' }).click()
  await expect.poll(() => cashier.page.getByRole('status').textContent()).toContain('No second screen found')
  expect(await cashier.page.evaluate(() => document.documentElement.lang)).toBe('en')
})
