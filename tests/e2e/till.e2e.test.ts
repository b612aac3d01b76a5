/**
 * The till as a cashier uses it, in the real built app: sign in with a PIN, open the shift, ring
 * up by grid, search and scanner, charge by KHQR (the customer page shows the sale's own QR) and
 * confirm it by hand with a manager, pay cash in two currencies, cancel a QR. The receipt goes to
 * a virtual printer on a socat PTY.
 */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { decodedText, decodeEscPos } from '../../electron/core/printing/decode.ts'
import { verifyKhqr } from '../../shared/khqr/index.ts'
import { startBakongStandin } from '../support/bakong-standin.ts'
import { type SocatPair, startSocatPair } from '../support/socat.ts'
import { VirtualPrinter } from '../support/virtual-printer.ts'
import { display, screen, stub } from './electron-stub.ts'
import { openTwoScreenTill, scanWithWedge, type TwoScreenTill, type WindowPage, windowOf } from './harness.ts'

let till: TwoScreenTill
let cashier: WindowPage
let customer: WindowPage
let pair: SocatPair
let printer: VirtualPrinter

beforeAll(async () => {
  pair = await startSocatPair()
  printer = await VirtualPrinter.open({ path: pair.printerPath, baudRate: 115_200 })
  till = await openTwoScreenTill({ language: 'en' })
  ;({ cashier, customer } = till)
})

afterAll(async () => {
  await till?.close()
  await printer?.close()
  await pair?.close()
})

const page = () => cashier.page

async function approveAsManager(reason: string): Promise<void> {
  const dialog = page().getByRole('dialog')
  await dialog.getByLabel('PIN', { exact: true }).fill('1357')
  await dialog.getByLabel('Reason').fill(reason)
  await dialog.getByRole('button', { name: 'Approve' }).click()
  await dialog.waitFor({ state: 'detached' })
}

describe('a day at the till', () => {
  test('sign in with a PIN (a wrong one is told plainly), then open the shift with a counted float', async () => {
    await page()
      .getByRole('button', { name: /Demo Manager/ })
      .click()
    await page().getByLabel('PIN', { exact: true }).fill('0000')
    await page().getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page().getByRole('alert').textContent()).toContain('Wrong PIN')
    await page().getByLabel('PIN', { exact: true }).fill('1357')
    await page().getByRole('button', { name: 'Sign in' }).click()
    await page().getByLabel('Dollars in the drawer').fill('50')
    await page().getByLabel('Riel in the drawer').fill('200,000')
    await page().getByRole('button', { name: 'Open shift' }).click()
    await page().getByRole('searchbox').waitFor()
    expect(await page().getByTestId('signed-in-user').textContent()).toContain('Demo Manager')
    // The receipt printer: the virtual one at the end of the PTY (settings need a manager's approval).
    const configured = await page().evaluate(async (address) => {
      const settings = await window.pos.getSettings()
      if (!settings.ok) return settings.error.code
      const users = await window.pos.listUsers()
      const manager = users.ok ? users.value.find((user) => user.role === 'manager') : undefined
      const patch = {
        receiptLanguage: 'en' as const,
        printer: {
          ...settings.value.printer,
          transport: 'serial' as const,
          address,
          baudRate: 115200 as const,
          flowControl: 'none' as const,
        },
      }
      const grant = await window.pos.grantApproval(
        { method: 'updateSettings', args: [patch] },
        { managerId: manager?.id ?? '', pin: '1357', reason: 'receipt printer' },
      )
      if (!grant.ok) return grant.error.code
      const result = await window.pos.updateSettings(patch, grant.value)
      return result.ok ? 'ok' : result.error.code
    }, pair.hostPath)
    expect(configured).toBe('ok')
  })

  test('ring up by grid, by search and by a scanner typing into a Khmer keyboard layout', async () => {
    await page()
      .getByRole('button', { name: /Iced coffee/ })
      .click()
    await page().getByRole('searchbox').fill('amok')
    await page()
      .getByRole('button', { name: /Fish amok/ })
      .click()
    await page().getByRole('searchbox').fill('')
    // A keyboard-wedge scanner: fast key presses by physical key code, whatever the layout prints.
    await scanWithWedge(page(), '8850000000059', 'km')
    await expect.poll(() => page().getByTestId('sale-line').count()).toBe(3)
    expect(await page().getByTestId('sale-total').textContent()).toBe('$7.95')
    await expect.poll(() => customer.page.getByTestId('customer-total').textContent()).toBe('$7.95')
  })

  test('a cashier screen that crashes mid-sale is reloaded with the cashier signed in and the sale intact', async () => {
    windowOf('cashier').webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 })
    await page().waitForEvent('load')
    await expect.poll(() => page().getByTestId('sale-line').count()).toBe(3)
    expect(await page().getByTestId('sale-total').textContent()).toBe('$7.95')
    expect(await page().getByTestId('signed-in-user').textContent()).toContain('Demo Manager')
    expect(await customer.page.getByTestId('customer-total').textContent()).toBe('$7.95')
  })

  test('charge by KHQR: the customer page shows the sale’s own QR; confirmed by hand it is PAID on both screens and printed', async () => {
    await page().getByRole('button', { name: 'KHQR KHR' }).click()
    await page().getByTestId('khqr-waiting').waitFor()
    await customer.page.locator('[data-state="khqr"]').waitFor()
    const sale = await page().evaluate(async () => {
      const result = await window.pos.getCurrentSale()
      return result.ok ? result.value : null
    })
    const png = PNG.sync.read(await customer.page.getByTestId('khqr-code').screenshot())
    const payload = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? ''
    expect(payload).toBe(sale?.khqr?.payload)
    const verdict = verifyKhqr(payload)
    expect(verdict.valid).toBe(true)
    if (!verdict.valid || !sale?.khqr) return
    expect(verdict.fields).toMatchObject({
      amount: sale.totals.totalKhr,
      currency: 'KHR',
      accountId: 'demo_shop@demo',
      expiresAt: sale.khqr.expiresAt,
    })
    await page().getByRole('button', { name: 'Confirm by hand' }).click()
    await approveAsManager('customer showed the banking app')
    await page().getByTestId('paid-panel').waitFor()
    await customer.page.locator('[data-state="paid"]').waitFor()
    expect(await customer.page.getByTestId('khqr-code').count()).toBe(0)
    await expect
      .poll(
        () =>
          decodedText(decodeEscPos(printer.printed())).some((line) =>
            new RegExp(`^Receipt\\s+${sale.receiptNo ?? 'T1-000001'}$`).test(line),
          ),
        { timeout: 10_000 },
      )
      .toBe(true)
    // The receipt arrives at the printer's pace: wait for its tender lines too.
    await expect
      .poll(() => decodedText(decodeEscPos(printer.printed())).some((line) => line.includes('UNVERIFIED')), {
        timeout: 10_000,
      })
      .toBe(true)
  })

  test('cash in two currencies: the change is given as dollars and riel', async () => {
    await page().getByRole('button', { name: 'Next sale' }).click()
    await page()
      .getByRole('button', { name: /Fish amok/ })
      .click()
    await page().getByRole('button', { name: 'Cash', exact: true }).click()
    await page().getByTestId('cash-khr').fill('10000')
    await page().getByTestId('cash-usd').fill('5')
    await page().getByRole('button', { name: 'Take cash' }).click()
    // The customer's PAID stays up for 8 s, so it is read first.
    await expect.poll(() => customer.page.getByTestId('customer-change').textContent()).toContain('$2.00 + ៛3,900')
    await page().getByTestId('paid-panel').waitFor()
    // $4.50 = 18 450 riel; 10 000 riel + $5 is 12 050 riel over: $2 and 3 850 riel, given as 3 900.
    expect(await page().getByTestId('paid-change').textContent()).toBe('Change: $2.00 + ៛3,900')
    await expect.poll(() => decodeEscPos(printer.printed()).filter((item) => item.type === 'pulse').length).toBe(1)
    await page().getByRole('button', { name: 'Show receipt' }).click()
    const preview = page().getByTestId('receipt-preview')
    await preview.waitFor()
    expect(await preview.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(576) // 80 mm paper
  })

  test('a line discount and a sale discount; a sale put on hold and recalled', async () => {
    await page().getByRole('button', { name: 'Next sale' }).click()
    await page()
      .getByRole('button', { name: /Iced coffee/ })
      .click()
    await page()
      .getByRole('button', { name: /Fish amok/ })
      .click()
    await page().getByRole('button', { name: 'Discount' }).click()
    await page().getByRole('combobox').selectOption({ label: 'Fish amok' })
    await page().getByLabel('Value', { exact: true }).fill('10')
    await page().getByRole('button', { name: 'Apply' }).click()
    await expect.poll(() => page().getByTestId('sale-total').textContent()).toBe('$5.55') // $1.50 + $4.50 less 10 %
    await page().getByRole('button', { name: 'Discount' }).click()
    await page().getByLabel('$', { exact: true }).check()
    await page().getByLabel('Value', { exact: true }).fill('0.55')
    await page().getByRole('button', { name: 'Apply' }).click()
    await expect.poll(() => page().getByTestId('sale-total').textContent()).toBe('$5.00')
    await page().getByRole('button', { name: 'Hold sale' }).click()
    await expect.poll(() => page().getByTestId('sale-line').count()).toBe(0)
    await customer.page.locator('[data-state="idle"]').waitFor()
    await page()
      .getByRole('button', { name: /2 item\(s\)/ })
      .click()
    await expect.poll(() => page().getByTestId('sale-total').textContent()).toBe('$5.00')
    await page().getByRole('button', { name: 'Cash', exact: true }).click()
    await page().getByRole('button', { name: 'Exact $5.00' }).click()
    await page().getByTestId('paid-panel').waitFor()
  })

  test('a cancelled QR leaves the customer screen at once', async () => {
    await page().getByRole('button', { name: 'Next sale' }).click()
    await page()
      .getByRole('button', { name: /Iced coffee/ })
      .click()
    await page().getByRole('button', { name: 'KHQR USD' }).click()
    await customer.page.locator('[data-state="khqr"]').waitFor()
    await page().getByRole('button', { name: 'Cancel QR' }).click()
    await customer.page.locator('[data-state="cart"]').waitFor()
    expect(await customer.page.getByTestId('khqr-code').count()).toBe(0)
  })

  test('QR stickers: a preview of exactly what prints, then N copies with serials, each a static KHQR of the shop', async () => {
    await page().getByRole('button', { name: 'QR stickers' }).click()
    const preview = page().getByTestId('sticker-preview')
    await preview.waitFor()
    expect(await preview.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(576)
    await page().getByLabel('Copies').fill('2')
    await page().getByRole('button', { name: 'Print stickers' }).click()
    await expect.poll(() => page().getByRole('status').first().textContent()).toContain('T1-S00001, T1-S00002')
    await expect
      .poll(() => decodeEscPos(printer.printed()).filter((item) => item.type === 'qr').length, { timeout: 10_000 })
      .toBe(2)
    for (const item of decodeEscPos(printer.printed())) {
      if (item.type !== 'qr') continue
      const verdict = verifyKhqr(item.payload)
      expect(
        verdict.valid && verdict.fields.pointOfInitiation === 'static' && verdict.fields.accountId === 'demo_shop@demo',
      ).toBe(true)
      expect(item.ecc).toBe('Q')
    }
    await page().getByRole('button', { name: 'Sell' }).click()
  })

  test('settings, for a manager: a new exchange rate and the smallest note, each approved and kept', async () => {
    await page().getByRole('button', { name: 'Settings' }).click()
    await page().getByLabel('Riel per dollar').fill('4050')
    await page().getByRole('button', { name: 'Set rate' }).click()
    await approveAsManager('NBC rate of the day')
    await expect.poll(() => page().getByRole('status').first().textContent()).toBe('Saved.')
    await page().getByLabel('Smallest riel note for change').selectOption('500')
    await page().getByRole('button', { name: 'Save' }).click()
    await approveAsManager('street stall rounding')
    const saved = await page().evaluate(async () => {
      const [settings, rate] = await Promise.all([window.pos.getSettings(), window.pos.getExchangeRate()])
      return { note: settings.ok ? settings.value.smallestNote : null, rate: rate.ok ? rate.value.khrPerUsd : null }
    })
    expect(saved).toEqual({ note: 500, rate: 4050 })
    await page().getByRole('button', { name: 'Sell' }).click()
  })

  test('settings: a VAT rate in percent, and the customer display moved to the monitor a manager picks', async () => {
    await page().getByRole('button', { name: 'Settings' }).click()
    await page().getByLabel('VAT 10% rate (%)').fill('10.555')
    await page().getByRole('button', { name: 'Set VAT 10%' }).click()
    await expect.poll(() => page().getByRole('alert').textContent()).toContain('at most two decimals')
    await page().getByLabel('VAT 10% rate (%)').fill('12.5')
    await page().getByRole('button', { name: 'Set VAT 10%' }).click()
    await approveAsManager('new VAT law')
    const rates = await page().evaluate(async () => {
      const vats = await window.pos.listVatClasses()
      return vats.ok ? vats.value.map((vat) => [vat.id, vat.rateBasisPoints]) : []
    })
    expect(rates).toContainEqual(['standard', 1250])

    const third = { ...display(3, -1024, 1024, 768), label: 'Counter screen' }
    stub.displays = [...stub.displays, third]
    screen.emit('display-added', {}, third)
    const choice = page().getByLabel('Show it on')
    await expect.poll(() => choice.locator('option').allTextContents()).toContain('Counter screen 1024 × 768')
    await choice.selectOption({ label: 'Counter screen 1024 × 768' })
    await page().getByRole('button', { name: 'Save', exact: true }).click()
    await approveAsManager('customer screen on the counter')
    await expect.poll(() => windowOf('customer').getBounds()).toEqual(third.bounds)
    expect(windowOf('customer').isFullScreen()).toBe(true)

    // The chosen monitor unplugged: the display goes to the other one, and the cashier is told.
    stub.displays = stub.displays.filter((attached) => attached.id !== 3)
    screen.emit('display-removed', {}, third)
    await expect.poll(() => windowOf('customer').getBounds().x).toBe(1366)
    await expect
      .poll(() => page().getByTestId('display-status').textContent())
      .toContain('chosen screen is not connected')
    await page().getByRole('button', { name: 'Sell' }).click()
  })

  test('KHQR checked with Bakong: the cashier reads what the check says, and a payment at Bakong makes both screens PAID by itself', async () => {
    const bakong = await startBakongStandin()
    try {
      const configured = await page().evaluate(
        async ([url, token]) => {
          const users = await window.pos.listUsers()
          const manager = users.ok ? users.value.find((user) => user.role === 'manager') : undefined
          const consent = { managerId: manager?.id ?? '', pin: '1357', reason: 'Bakong checks' }
          const patch = { khqrCheckMode: 'direct' as const, bakongBaseUrl: url }
          const first = await window.pos.grantApproval({ method: 'updateSettings', args: [patch] }, consent)
          const second = await window.pos.grantApproval({ method: 'setBakongToken', args: [token] }, consent)
          if (!first.ok || !second.ok) return false
          const settings = await window.pos.updateSettings(patch, first.value)
          const saved = await window.pos.setBakongToken(token, second.value)
          return settings.ok && saved.ok && saved.value.set
        },
        [bakong.baseUrl, bakong.issueToken({ expiresAt: Date.now() + 86_400_000 })] as const,
      )
      expect(configured).toBe(true)
      // The sale left open by the cancelled QR is charged again, now with Bakong checking.
      await page().getByRole('button', { name: 'KHQR USD' }).click()
      await expect.poll(() => page().getByTestId('khqr-check').textContent()).toBe('Waiting for the customer to pay.')
      const khqr = await page().evaluate(async () => {
        const sale = await window.pos.getCurrentSale()
        return sale.ok ? sale.value?.khqr : null
      })
      if (!khqr) throw new Error('no QR on screen')
      // Count the tones the customer page plays (its chime reads window.AudioContext when it plays).
      await customer.page.evaluate(() => {
        const Original = window.AudioContext
        const counted = window as unknown as { __tones: number }
        counted.__tones = 0
        window.AudioContext = class extends Original {
          override createOscillator() {
            counted.__tones += 1
            return super.createOscillator()
          }
        }
      })
      bakong.pay({
        md5: khqr.md5,
        amount: khqr.amount / 100,
        currency: 'USD',
        toAccountId: 'demo_shop@demo',
        createdDateMs: Date.now(),
      })
      await customer.page.locator('[data-state="paid"]').waitFor({ timeout: 15_000 })
      await page().getByTestId('paid-panel').waitFor()
      expect(await page().getByTestId('paid-panel').textContent()).not.toContain('not verified')
      expect(bakong.checksOf(khqr.md5)).toBeGreaterThan(0)
      // Bakong confirmed it: the customer display chimes (two tones), as the shop's soundbox would.
      await expect.poll(() => customer.page.evaluate(() => (window as unknown as { __tones: number }).__tones)).toBe(2)
      await page().getByRole('button', { name: 'Next sale' }).click()
    } finally {
      await bakong.close()
    }
  })

  test('void one sale and refund another with a manager; close the shift with a blind count and read the Z report', async () => {
    await page().getByRole('button', { name: "Today's sales" }).click()
    await page()
      .getByRole('button', { name: /T1-000002/ })
      .click()
    await page().getByLabel('Units of Fish amok to refund').fill('1')
    await page()
      .getByRole('button', { name: /Refund · \$4\.50/ })
      .click()
    await approveAsManager('customer returned it')
    await expect.poll(() => page().getByRole('status').first().textContent()).toContain('Done: T1-000005') // the refund is a numbered document of its own
    await page()
      .getByRole('button', { name: /T1-000001/ })
      .click()
    await page().getByRole('button', { name: 'Void sale' }).click()
    await approveAsManager('rung up on the wrong terminal')
    await page().getByTestId('sale-detail').getByText('Voided').waitFor()

    await page().getByRole('button', { name: 'Shift', exact: true }).click()
    await page().getByTestId('report-X').waitFor()
    expect(await page().getByTestId('report-X').textContent()).toContain('Refunds (1)')
    await page().getByRole('button', { name: 'Close shift' }).click()
    await page().getByLabel('Number of $50.00 notes').fill('1')
    await page().getByLabel('Number of ៛100,000 notes').fill('2')
    await expect.poll(() => page().getByTestId('counted-KHR').textContent()).toBe('Counted: ៛200,000')
    await page().getByRole('button', { name: 'Close shift' }).click()
    // Far from what the drawer should hold: asked once to count again (never told by how much).
    await page().getByRole('alertdialog').getByText('Please count again').waitFor()
    await page().getByRole('button', { name: 'Close with this count' }).click()
    const z = page().getByTestId('report-Z')
    await z.waitFor()
    const figures = await page().evaluate(async () => {
      const session = await window.pos.getSession()
      return session.ok ? session.value?.shift : 'failed'
    })
    expect(figures).toBeNull()
    const text = (await z.textContent()) ?? ''
    expect(text).toContain('Voids (1)')
    expect(await z.locator('[data-line="counted"]').textContent()).toBe('Counted$50.00៛200,000')
    await page().getByRole('button', { name: 'Print the Z report again' }).click()
    await page().getByRole('status').filter({ hasText: 'Printing the Z report' }).waitFor()
    await expect
      .poll(() => decodedText(decodeEscPos(printer.printed())).some((line) => /Z REPORT #\d+/.test(line)), {
        timeout: 10_000,
      })
      .toBe(true)
    await page().getByRole('button', { name: 'Next sale' }).click()
    await page().getByRole('button', { name: 'Open shift' }).waitFor()
  })

  test('switch to Khmer and back', async () => {
    await page().getByRole('button', { name: 'ខ្មែរ' }).click()
    await expect.poll(() => page().getByRole('button', { name: 'បើកវេន' }).count()).toBe(1)
    await page().getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page().getByRole('button', { name: 'Open shift' }).count()).toBe(1)
    expect(cashier.consoleErrors).toEqual([])
    expect(customer.consoleErrors).toEqual([])
  })
})
