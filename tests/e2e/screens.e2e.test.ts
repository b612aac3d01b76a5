/**
 * Renders every screen of the real built app to PNG in artifacts/screens, for people to look at
 * (`npm run screens`). Runs in the e2e suite too, so a screen that fails to render fails the build.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
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
