/**
 * Cash in and out of the drawer on the Shift page of the real built app: a cashier puts change in,
 * a cash out needs the manager (the default limit is none), the drawer opens without a sale only
 * with approval, and the manager's X shows all of it.
 */

import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { CASH_MESSAGES } from '../../renderer/src/i18n/cash-messages.ts'
import { TILL_MESSAGES } from '../../renderer/src/i18n/till-messages.ts'
import {
  approveInDialog,
  type DemoTill,
  openDemoTill,
  setFilePrinter,
  signInDemoManager,
  type WindowPage,
} from './harness.ts'

const words = CASH_MESSAGES.en
const till = TILL_MESSAGES.en
let counter: DemoTill
let cashier: WindowPage

beforeAll(async () => {
  counter = await openDemoTill({ language: 'en' })
  cashier = counter.cashier
  // The manager opens the shift; then the cashier works in it.
  await signInDemoManager(cashier, 'en')
  // The drawer opens on the receipt printer's pulse: a printer that is a file here.
  await setFilePrinter(cashier, join(mkdtempSync(join(tmpdir(), 'pos-printer-')), 'lp0'))
  await cashier.page.evaluate(async () => {
    await window.pos.signOut()
    const users = await window.pos.listUsers()
    const cashierUser = users.ok ? users.value.find((user) => user.role === 'cashier') : undefined
    await window.pos.signIn(cashierUser?.id ?? '', '2468')
  })
  await cashier.page.reload()
})

afterAll(() => counter?.close())

test('a cashier puts cash in, takes cash out with the manager, opens the drawer with approval; the X shows it', async () => {
  const page = cashier.page
  await page.getByRole('button', { name: till.nav.shift, exact: true }).click()
  await page.getByLabel(words.direction).selectOption('in')
  await page.getByLabel(words.amount).fill('20')
  await page.getByLabel(words.reason).fill('more change')
  await page.getByRole('button', { name: words.record }).click()
  await page.getByText(words.recorded(`${words.in} $20.00 · more change`)).waitFor()
  expect(await page.getByRole('dialog').count()).toBe(0)

  await page.getByLabel(words.direction).selectOption('out')
  await page.getByLabel(words.amount).fill('5')
  await page.getByLabel(words.reason).fill('ice delivery')
  await page.getByRole('button', { name: words.record }).click()
  // The dialog's heading names the amount (its table of changes may show it too, once it has loaded).
  await page
    .getByRole('dialog')
    .getByTestId('approval-what')
    .getByText(/\$5\.00/)
    .waitFor()
  await approveInDialog(page, 'ice man is here')
  await page.getByText(words.recorded(`${words.out} $5.00 · ice delivery`)).waitFor()

  await page.getByLabel(words.amount).fill('ten')
  await page.getByRole('button', { name: words.record }).click()
  await page.getByText(words.invalid(words.amount)).waitFor()

  await page.getByRole('button', { name: words.openDrawer }).click()
  await approveInDialog(page, 'customer needs change for a 50')
  await page.getByText(words.drawerOpened).waitFor()

  const x = await page.evaluate(async () => {
    await window.pos.signOut()
    const users = await window.pos.listUsers()
    const manager = users.ok ? users.value.find((user) => user.role === 'manager') : undefined
    await window.pos.signIn(manager?.id ?? '', '1357')
    const report = await window.pos.getXReport()
    return report.ok ? { moves: report.value.cashMovements, opens: report.value.noSaleDrawerOpens } : null
  })
  expect(x).toEqual({ moves: { inUsd: 2000, inKhr: 0, outUsd: 500, outKhr: 0 }, opens: 1 })
  await page.reload()
  await page.getByRole('button', { name: till.nav.shift, exact: true }).click()
  const figures = page.getByTestId('report-X')
  await figures.locator('[data-line="cashOut"]').waitFor()
  expect(await figures.locator('[data-line="cashIn"]').textContent()).toContain('+ $20.00')
  expect(await figures.locator('[data-line="cashOut"]').textContent()).toContain('− $5.00')
})
