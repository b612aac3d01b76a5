/**
 * Keeping the data safe from the Settings page of the real built app: a backup made now with the
 * manager's approval and listed, and today's sales exported as a CSV file handed over as a download.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { DATA_MESSAGES } from '../../renderer/src/i18n/data-messages.ts'
import { TILL_MESSAGES } from '../../renderer/src/i18n/till-messages.ts'
import { launchChromium } from './chromium.ts'
import { display } from './electron-stub.ts'
import {
  type AppServer,
  approveInDialog,
  openWindowPage,
  serveAppProtocol,
  signInDemoManager,
  startMainBundle,
  type WindowPage,
  windowOf,
} from './harness.ts'

const words = DATA_MESSAGES.en
let browser: Browser
let server: AppServer
let cashier: WindowPage

beforeAll(async () => {
  await startMainBundle({ displays: [display(1, 0, 1366, 768), display(2, 1366, 1280, 800)] })
  server = await serveAppProtocol()
  browser = await launchChromium()
  cashier = await openWindowPage(browser, server, windowOf('cashier'))
  await signInDemoManager(cashier, 'en')
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

test('a backup made now is listed, and today’s sales download as a CSV', async () => {
  const page = cashier.page
  await page.evaluate(async () => {
    await window.pos.scanBarcode('8850000000028')
    await window.pos.payCash('KHR', 1000)
  })
  await page.getByRole('button', { name: TILL_MESSAGES.en.nav.settings }).click()
  await page.getByRole('button', { name: words.backUpNow }).click()
  await approveInDialog(page, 'before the holiday')
  await page.getByRole('status').filter({ hasText: 'Backed up:' }).waitFor()
  await expect.poll(() => page.getByTestId('backup').count()).toBe(1)
  expect(await page.getByTestId('backup-folder').textContent()).toMatch(/backups$/)

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: words.exportButton }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/\.csv$/)
  await page
    .getByRole('status')
    .filter({ hasText: /1 sale exported/ })
    .waitFor()
})
