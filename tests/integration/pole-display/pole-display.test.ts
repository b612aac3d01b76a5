/**
 * The pole display through a real serial line: the engine writes to the host end of a socat PTY
 * pair, a virtual 2×20 VFD on the other end interprets CD5220 or Epson DM-D commands. After each
 * step at the counter the display shows what the customer should read; unplugged, the sale goes on,
 * and the display catches up once it is back.
 */
import { afterEach, describe, expect, test } from 'vitest'
import { poleAscii, poleLines } from '../../../electron/core/pole-display/text.ts'
import type { CustomerView } from '../../../shared/api.ts'
import { BARCODES, openTestPos, type TestPos } from '../../support/pos.ts'
import { type SocatPair, startSocatPair } from '../../support/socat.ts'
import { type PoleCommandSet, VirtualPoleDisplay } from '../../support/virtual-pole-display.ts'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function counterWithPole(
  commandSet: PoleCommandSet,
): Promise<{ t: TestPos; pole: VirtualPoleDisplay; pair: SocatPair }> {
  const pair = await startSocatPair()
  cleanups.push(() => pair.close())
  const pole = new VirtualPoleDisplay({ path: pair.printerPath, commandSet, baudRate: 9600 })
  await pole.open()
  cleanups.push(() => pole.close())
  const t = await openTestPos({ signIn: 'manager' })
  cleanups.push(() => t.pos.close())
  await t.api.updateSettings(
    { poleDisplay: { port: pair.hostPath, baudRate: 9600, commandSet } },
    t.approval('pole display'),
  )
  return { t, pole, pair }
}

/** Waits until the display shows these two lines (trailing spaces ignored). */
async function shows(pole: VirtualPoleDisplay, upper: string, lower: string) {
  await expect.poll(() => pole.lines().map((line) => line.trimEnd()), { timeout: 10_000 }).toEqual([upper, lower])
}

describe.each(['cd5220', 'epson'] as const)('a %s pole display', (commandSet) => {
  test('follows the sale: each line and its price, the total, the KHQR, PAID and the change', async () => {
    const { t, pole } = await counterWithPole(commandSet)
    await shows(pole, '     Demo Shop', '      WELCOME')
    await t.api.scanBarcode(BARCODES.icedCoffee)
    await shows(pole, 'Iced coffee    $1.50', 'TOTAL          $1.50')
    // Priced in riel: riel on the display too, written KHR (the display has no riel sign).
    await t.api.scanBarcode(BARCODES.porkRice)
    await shows(pole, 'Pork rice  8,000 KHR', 'TOTAL          $3.45')
    // Another coffee: the display shows the line that changed, not the last one.
    await t.api.scanBarcode(BARCODES.icedCoffee)
    await shows(pole, '2x Iced coffee $3.00', 'TOTAL          $4.95')
    await t.api.startKhqr('KHR')
    await shows(pole, '  SCAN KHQR TO PAY', 'TOTAL     20,295 KHR')
    await t.api.cancelKhqr()
    await shows(pole, '2x Iced coffee $3.00', 'TOTAL          $4.95')
    await t.api.payCash('KHR', 10_000)
    await t.api.payCash('USD', 1000)
    // 10 000 riel + $10 for $4.95: $7 and 2 000 riel back.
    await shows(pole, 'PAID           $4.95', 'CHG  $7.00+2,000 KHR')
    expect(pole.problems()).toEqual([])
  }, 30_000)
})

test('a display unplugged mid-sale: the sale goes on, and the display shows the right screen once it is back', async () => {
  const { t, pole, pair } = await counterWithPole('cd5220')
  await shows(pole, '     Demo Shop', '      WELCOME')
  await pole.close()
  await pair.kill()
  await t.api.scanBarcode(BARCODES.amok)
  const sale = await t.api.payCash('USD', 450)
  expect(sale.state).toBe('paid')
  await t.pos.poleDisplay.settled()
  expect(t.pos.poleDisplay.lastError).not.toBeNull()
  await pair.restart(() => pole.open())
  await shows(pole, 'PAID           $4.50', '     THANK YOU')
  expect(pole.problems()).toEqual([])
}, 30_000)

describe('the two lines', () => {
  const shop = { nameEn: 'Sokha Mart', nameKm: 'សុខាម៉ាត', demo: false }
  const cart = {
    currency: 'USD' as const,
    khrPerUsd: 4100,
    lines: [{ nameEn: 'Café Hương — iced, large cup', nameKm: 'កាហ្វេ', quantity: 12, amount: 3000, own: null }],
    discountTotal: 0,
    vatTotal: 0,
    total: 123_456_78,
    equivalent: { currency: 'KHR' as const, amount: 0 },
    paidSen: 0,
  }
  test('are ASCII and exactly 20 columns: accents dropped, a long name cut before its price', () => {
    const [upper, lower] = poleLines({ state: 'cart', shop, cart } as CustomerView, null)
    expect(upper).toBe('12x Cafe Huon $30.00')
    expect(lower).toBe('TOTAL    $123,456.78')
    expect(poleAscii('ទឹក Water')).toBe('Water')
  })
  test('PAID in riel for a dollar sale says the riel paid; change in both currencies fits', () => {
    const view = {
      state: 'paid',
      shop,
      cart,
      paid: [{ kind: 'khqr_khr', amount: 20_295 }],
      change: { usd: 700, khr: 2000 },
      chime: true,
    } as CustomerView
    expect(poleLines(view, null)).toEqual(['PAID      20,295 KHR', 'CHG  $7.00+2,000 KHR'])
  })
})
