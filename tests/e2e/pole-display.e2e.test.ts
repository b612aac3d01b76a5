/**
 * A manager connects a pole display from the Settings page of the real built app, and it follows
 * the sale rung up with a keyboard-wedge scanner: a virtual CD5220 VFD on a socat PTY pair.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { COUNTER_MESSAGES } from '../../renderer/src/i18n/counter-messages.ts'
import { TILL_MESSAGES } from '../../renderer/src/i18n/till-messages.ts'
import { type SocatPair, startSocatPair } from '../support/socat.ts'
import { VirtualPoleDisplay } from '../support/virtual-pole-display.ts'
import { launchChromium } from './chromium.ts'
import { display } from './electron-stub.ts'
import {
  type AppServer,
  openWindowPage,
  scanWithWedge,
  serveAppProtocol,
  signInDemoManager,
  startMainBundle,
  type WindowPage,
  windowOf,
} from './harness.ts'

const till = TILL_MESSAGES.en
const devices = COUNTER_MESSAGES.en.devices
let browser: Browser
let server: AppServer
let cashier: WindowPage
let pair: SocatPair
let pole: VirtualPoleDisplay

beforeAll(async () => {
  pair = await startSocatPair()
  pole = new VirtualPoleDisplay({ path: pair.printerPath, commandSet: 'cd5220', baudRate: 9600 })
  await pole.open()
  await startMainBundle({ displays: [display(1, 0, 1366, 768), display(2, 1366, 1280, 800)] })
  server = await serveAppProtocol()
  browser = await launchChromium()
  cashier = await openWindowPage(browser, server, windowOf('cashier'))
  await signInDemoManager(cashier, 'en')
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await pole?.close()
  await pair?.close()
})

test('set up in Settings with a manager’s approval, the pole display greets, then shows each scan and the total', async () => {
  const page = cashier.page
  await page.getByRole('button', { name: till.nav.settings }).click()
  await page.getByLabel(devices.polePort).fill(pair.hostPath)
  await page.getByLabel(devices.commandSet).selectOption('cd5220')
  await page.getByRole('button', { name: till.settings.save }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel(till.pin, { exact: true }).fill('1357')
  await dialog.getByLabel(till.reason).fill('pole display plugged in')
  await dialog.getByRole('button', { name: till.approve }).click()
  await expect.poll(() => pole.lines().map((line) => line.trim())).toEqual(['Demo Shop', 'WELCOME'])

  await page.getByRole('button', { name: till.nav.till }).click()
  await page.getByRole('searchbox').waitFor()
  await scanWithWedge(page, '8850000000011')
  await expect.poll(() => pole.lines()).toEqual(['Iced coffee    $1.50', 'TOTAL          $1.50'])
  expect(pole.problems()).toEqual([])
})
