/**
 * Keeping the data safe from the Settings page of the real built app: a backup made now with the
 * manager's approval and listed, and today's sales exported as a CSV file handed over as a download.
 */

import { afterAll, beforeAll, expect, test } from 'vitest'
import { DATA_MESSAGES } from '../../renderer/src/i18n/data-messages.ts'
import { TILL_MESSAGES } from '../../renderer/src/i18n/till-messages.ts'
import { approveInDialog, type DemoTill, openDemoTill, type WindowPage } from './harness.ts'

const words = DATA_MESSAGES.en
let counter: DemoTill
let cashier: WindowPage

beforeAll(async () => {
  counter = await openDemoTill({ language: 'en' })
  cashier = counter.cashier
})

afterAll(() => counter?.close())

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
