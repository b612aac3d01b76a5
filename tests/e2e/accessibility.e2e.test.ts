/**
 * axe-core on every screen of the real built app, in Khmer and English: no serious or critical
 * violation. axe runs through the DevTools protocol (page.evaluate), which the app's CSP does not
 * govern, so the pages are checked exactly as they are served.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { openTwoScreenTill, type TwoScreenTill, type WindowPage } from './harness.ts'

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

let till: TwoScreenTill
let cashier: WindowPage
let customer: WindowPage

beforeAll(async () => {
  till = await openTwoScreenTill()
  ;({ cashier, customer } = till)
})

afterAll(() => till?.close())

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[] }[]
}

/** Serious and critical axe violations on the page as it stands, named with where they are. */
async function violations(page: Page, screen: string): Promise<string[]> {
  await page.evaluate(AXE)
  const found = (await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe.run()
    return result.violations
  })) as Violation[]
  return found
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${screen}: ${violation.id} (${violation.help}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    )
}

async function setLanguage(page: Page, language: 'km' | 'en'): Promise<void> {
  await page.evaluate((chosen) => localStorage.setItem('pos.language', chosen), language)
  await page.reload()
  await page.waitForLoadState('networkidle')
}

test('every cashier and customer screen, in both languages, has no serious accessibility violation', async () => {
  const page = cashier.page
  const found: string[] = []
  for (const language of ['km', 'en'] as const) {
    await setLanguage(page, language)
    found.push(...(await violations(page, `sign-in ${language}`)))
    found.push(...(await violations(customer.page, `customer idle ${language}`)))
  }
  // Through the screens in English (the labels the test clicks), checking each in both languages.
  await setLanguage(page, 'en')
  await page.getByRole('button', { name: /Demo Manager/ }).click()
  found.push(...(await violations(page, 'PIN')))
  await page.getByLabel('PIN', { exact: true }).fill('1357')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('button', { name: 'Open shift' }).waitFor()
  found.push(...(await violations(page, 'open shift')))
  await page.getByRole('button', { name: 'Open shift' }).click()
  await page.getByRole('searchbox').waitFor()
  await page.getByRole('button', { name: /Fish amok/ }).click()
  await page.getByRole('button', { name: 'Cash', exact: true }).click()
  await customer.page.locator('[data-state="cart"]').waitFor()
  for (const language of ['en', 'km'] as const) {
    await setLanguage(page, language)
    await page.getByRole('searchbox').waitFor()
    found.push(...(await violations(page, `till with a cart ${language}`)))
  }
  found.push(...(await violations(customer.page, 'customer cart')))
  await setLanguage(page, 'en')
  await page.getByRole('button', { name: 'KHQR USD' }).click()
  await page.getByTestId('khqr-waiting').waitFor()
  await customer.page.locator('[data-state="khqr"]').waitFor()
  found.push(...(await violations(page, 'waiting for KHQR')))
  found.push(...(await violations(customer.page, 'customer KHQR card')))
  await page.getByRole('button', { name: 'Confirm by hand' }).click()
  found.push(...(await violations(page, 'manager approval')))
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('PIN', { exact: true }).fill('1357')
  await dialog.getByLabel('Reason').fill('saw the app')
  await dialog.getByRole('button', { name: 'Approve' }).click()
  await page.getByTestId('paid-panel').waitFor()
  await customer.page.locator('[data-state="paid"]').waitFor()
  found.push(...(await violations(page, 'paid')))
  found.push(...(await violations(customer.page, 'customer paid')))
  await page.getByRole('button', { name: "Today's sales" }).click()
  await page.getByRole('button', { name: /T1-000001/ }).click()
  found.push(...(await violations(page, 'sales')))
  await page.getByRole('button', { name: 'QR stickers' }).click()
  await page.getByTestId('sticker-preview').waitFor()
  found.push(...(await violations(page, 'stickers')))
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByLabel('Riel per dollar').waitFor()
  found.push(...(await violations(page, 'settings')))
  await page.getByRole('button', { name: 'Back office' }).click()
  await page.getByTestId('sync-summary').waitFor()
  found.push(...(await violations(page, 'back office')))
  await page.getByRole('button', { name: 'Shift', exact: true }).click()
  await page.getByTestId('report-X').waitFor()
  found.push(...(await violations(page, 'shift')))
  await page.getByRole('button', { name: 'Close shift' }).click()
  found.push(...(await violations(page, 'blind count')))
  expect(found).toEqual([])
})
