/**
 * The owner's reports on the till, in the real built app: a manager opens Reports after a few sales
 * in both currencies, reads today's net in riel, the payment mix and best sellers, the
 * week and the month and days typed day/month/year, and downloads a section as a CSV; in Khmer and English at 1366 and 1024 px.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { MESSAGES } from '../../renderer/src/i18n/messages.ts'
import { REPORT_MESSAGES } from '../../renderer/src/i18n/report-messages.ts'
import { type DemoTill, openDemoTill } from './harness.ts'

const SCREENS = resolve(import.meta.dirname, '../../artifacts/screens/reports')
let counter: DemoTill

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true })
  counter = await openDemoTill({ language: 'en', width: 1024 })
})
afterAll(() => counter?.close())

test('today’s net, the payment mix, best sellers and a CSV; the week and the month, in both languages', async () => {
  const page = counter.cashier.page
  const net = await page.evaluate(async () => {
    const pos = window.pos
    await pos.scanBarcode('8850000000011')
    await pos.scanBarcode('8850000000011')
    await pos.payCash('USD', 500)
    await pos.scanBarcode('8850000000059')
    const riel = await pos.setSaleCurrency('KHR')
    if (!riel.ok) throw new Error('currency')
    const paid = await pos.payCash('KHR', 10_000)
    if (!paid.ok) throw new Error('paid')
    await pos.scanBarcode('8850000000042')
    await pos.payCash('USD', 100)
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Phnom_Penh' }).format(Date.now())
    const report = await pos.getOwnerReport({ from: day, to: day })
    return report.ok ? report.value.inRiel.net : null
  })
  expect(net).toBeGreaterThan(0)
  const words = REPORT_MESSAGES.en
  await page.getByRole('button', { name: words.nav }).click()
  const summary = page.getByTestId('report-summary')
  await summary.waitFor()
  expect(await summary.textContent()).toContain(`៛${(net as number).toLocaleString('en-US')}`)
  expect(await page.getByTestId('report-payments').textContent()).toContain(words.tender.cash_usd)
  expect(await page.getByTestId('report-products').textContent()).toContain('Iced coffee')
  const snap = async (name: string) => {
    await page.evaluate(() => document.fonts.ready)
    await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true })
  }
  await snap('today-en-1024')

  const download = page.waitForEvent('download')
  await page.getByRole('region', { name: words.bestSellers }).getByRole('button', { name: words.csv }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^best-sellers-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/)

  await page.getByRole('button', { name: words.week }).click()
  await page.getByRole('region', { name: words.perDay }).waitFor()
  expect(await page.getByRole('region', { name: words.perDay }).locator('svg rect').count()).toBe(7)
  await snap('week-en-1024')

  // Days typed as the papers write them; a date that is not one is named, not guessed at.
  const range = page.locator('form.report-range')
  const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Phnom_Penh' }).format(Date.now())
  await range.getByLabel(words.from).fill('31/02/2026')
  await range.getByRole('button', { name: words.show }).click()
  await page.getByText(MESSAGES.en.dateField.invalid(words.from)).waitFor()
  await range.getByLabel(words.from).fill(`01/${today.slice(3)}`)
  await range.getByLabel(words.to).fill(today)
  await range.getByRole('button', { name: words.show }).click()
  await page
    .getByTestId('report-period')
    .getByText(words.period(`01/${today.slice(3)}`, today))
    .waitFor()
  expect(await page.getByTestId('report-summary').textContent()).toContain(
    `៛${(net as number).toLocaleString('en-US')}`,
  )
  await page.getByRole('button', { name: words.month }).click()
  await page.getByRole('button', { name: MESSAGES.en.switchLanguage }).click()
  await page.getByRole('heading', { name: REPORT_MESSAGES.km.title }).waitFor()
  await snap('month-km-1024')
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.getByRole('button', { name: REPORT_MESSAGES.km.today, exact: true }).click()
  await snap('today-km-1366')
})
