/**
 * Keeping the data safe from the Settings page of the real built app: a backup made now with the
 * manager's approval and listed, and today's sales exported as a CSV file handed over as a download.
 * Then restoring: a backup that lacks a later sale cannot be restored (the screen says why), the
 * newest can, with approval; the app restarts and the restore is carried out as it opens.
 */

import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createPos } from '../../electron/core/pos.ts'
import { DATA_MESSAGES } from '../../renderer/src/i18n/data-messages.ts'
import { MESSAGES } from '../../renderer/src/i18n/messages.ts'
import { TILL_MESSAGES } from '../../renderer/src/i18n/till-messages.ts'
import { appEvents, stub } from './electron-stub.ts'
import { approveInDialog, type DemoTill, openDemoTill, type WindowPage } from './harness.ts'

const SCREENS = resolve(import.meta.dirname, '../../artifacts/screens/data-safety')

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

test('a backup that lacks a later sale cannot be restored; the newest is restored at the restart', async () => {
  const page = cashier.page
  mkdirSync(SCREENS, { recursive: true })
  const snap = async (name: string) => {
    await page.evaluate(() => document.fonts.ready)
    await page.getByTestId('restore-backup').screenshot({ path: join(SCREENS, `${name}.png`) })
  }
  const later = await page.evaluate(async () => {
    await window.pos.scanBarcode('8850000000011')
    const sale = await window.pos.payCash('USD', 200)
    return sale.ok ? sale.value.id : null
  })
  expect(later).not.toBeNull()
  await page.getByTestId('backup').first().getByRole('button', { name: words.restore }).click()
  const panel = page.getByTestId('restore-backup')
  await panel.getByRole('alert').filter({ hasText: 'Cannot restore: this terminal has 1 sale' }).waitFor()
  expect(await panel.getByRole('button', { name: words.restoreConfirm }).isDisabled()).toBe(true)
  await snap('restore-refused-en')
  await page.getByRole('button', { name: MESSAGES.en.switchLanguage }).click()
  await panel
    .getByRole('alert')
    .filter({ hasText: DATA_MESSAGES.km.restoreWouldLose(1, 0) })
    .waitFor()
  await snap('restore-refused-km')
  await page.getByRole('button', { name: MESSAGES.km.switchLanguage }).click()
  await panel.getByRole('button', { name: words.cancel }).click()

  await page.getByRole('button', { name: words.backUpNow }).click()
  await approveInDialog(page, 'before restoring')
  await expect.poll(() => page.getByTestId('backup').count()).toBe(2)
  const newest = (await page.getByTestId('backup').first().locator('code').textContent()) as string
  await page.getByTestId('backup').first().getByRole('button', { name: words.restore }).click()
  await panel.getByText(words.restoreSafe).waitFor()
  await snap('restore-safe-en')
  await panel.getByRole('button', { name: words.restoreConfirm }).click()
  expect(await page.getByRole('dialog').textContent()).toContain(`Restore the backup ${newest}`)
  await approveInDialog(page, 'moving the shop')
  await panel.getByRole('status').filter({ hasText: words.restarting }).waitFor()
  await expect.poll(() => stub.relaunchCalls, { timeout: 10_000 }).toBe(1)

  // The app quits and starts again on the same files: the restore is carried out before it opens.
  appEvents.emit('before-quit', { preventDefault: () => {} })
  await expect.poll(() => stub.quitCalls, { timeout: 10_000 }).toBeGreaterThan(0)
  const reopened = await createPos({ dataDirectory: stub.userData, appName: 'khqr-pos', appVersion: 'test' })
  try {
    const signedIn = reopened.ledger.users.list().find((user) => user.role === 'manager')
    expect(signedIn).toBeDefined()
    expect(reopened.ledger.sales.get(later as string).state).toBe('paid')
    const restored = reopened.ledger.context.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'backup.restored'")
      .pluck()
      .get() as string
    expect(JSON.parse(restored)).toMatchObject({ from: newest, sales: 2 })
  } finally {
    reopened.close()
  }
})
