/**
 * The till's screen logic in jsdom, with the real engine (real SQLite file) behind window.pos: what
 * the cashier types becomes integer minor units or a plain refusal, the expired QR is told, and the
 * settings page offers only what a manager may choose.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { SettingsPanel } from '../../renderer/src/cashier/SettingsPanel.tsx'
import { Till } from '../../renderer/src/cashier/Till.tsx'
import { LanguageProvider } from '../../renderer/src/i18n/language.tsx'
import { BARCODES } from '../support/pos.ts'
import { ONE_SCREEN_MORE, realBridge } from './real-bridge.ts'

// jsdom has <dialog> but not its modal methods; Chromium (the e2e suite) has the real ones.
HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
  this.setAttribute('open', '')
}
HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
  this.removeAttribute('open')
}

beforeEach(() => localStorage.setItem('pos.language', 'en'))
afterEach(cleanup)

async function showTill() {
  const engine = await realBridge()
  window.pos = engine.bridge
  render(
    <LanguageProvider>
      <Till />
    </LanguageProvider>,
  )
  return engine
}

test('cash typed wrongly is refused in words and nothing is paid; typed right, the change is shown', async () => {
  const engine = await showTill()
  await act(async () => {
    await engine.api.scanBarcode(BARCODES.icedCoffee)
  })
  await screen.findByTestId('sale-line')
  fireEvent.click(screen.getByRole('button', { name: 'Cash' }))
  fireEvent.change(screen.getByTestId('cash-usd'), { target: { value: '1.505' } })
  fireEvent.click(screen.getByRole('button', { name: 'Take cash' }))
  expect((await screen.findByRole('alert')).textContent).toContain('at most two decimals (1.50)')
  expect((await engine.api.getCurrentSale())?.tenders).toEqual([])

  fireEvent.change(screen.getByTestId('cash-usd'), { target: { value: '$2' } })
  fireEvent.click(screen.getByRole('button', { name: 'Take cash' }))
  // 50 cents of change is given in riel: $0.50 × 4,100 = ៛2,050, rounded to the smallest note (៛100).
  expect((await screen.findByTestId('paid-change')).textContent).toBe('Change: ៛2,100')
  engine.pos.close()
})

test('a QR that ran out tells the cashier nothing was paid; a cancelled one does not', async () => {
  const engine = await showTill()
  await act(async () => {
    await engine.api.scanBarcode(BARCODES.amok)
  })
  await screen.findByTestId('sale-line')
  fireEvent.click(screen.getByRole('button', { name: 'KHQR USD' }))
  expect((await screen.findByTestId('khqr-waiting')).textContent).toContain('$4.50')
  fireEvent.click(screen.getByRole('button', { name: 'Cancel QR' }))
  await waitFor(() => expect(screen.queryByTestId('khqr-waiting')).toBeNull())
  expect(screen.queryByText(/QR expired/)).toBeNull()

  fireEvent.click(screen.getByRole('button', { name: 'KHQR USD' }))
  await screen.findByTestId('khqr-waiting')
  // Past the QR's lifetime the engine expires it and says so, as its timer does in the app.
  engine.clock.advance(301_000)
  await act(async () => {
    engine.pos.ledger.sales.expireKhqr()
    await engine.api.getCurrentSale()
  })
  await act(async () => {
    await engine.api.scanBarcode(BARCODES.water) // any change to the sale is announced to the screens
  })
  expect((await screen.findByText(/The QR expired and nothing was paid/)).closest('[role=status]')).not.toBeNull()
  expect(screen.queryByTestId('khqr-waiting')).toBeNull()
  engine.pos.close()
})

test('settings: a VAT rate with three decimals is refused before any approval; the customer display lists only the other monitors', async () => {
  const engine = await realBridge({ ...ONE_SCREEN_MORE, chosenId: 7, chosenMissing: true })
  window.pos = engine.bridge
  render(
    <LanguageProvider>
      <SettingsPanel onAbout={() => undefined} />
    </LanguageProvider>,
  )
  const rate = await screen.findByLabelText('VAT 10% rate (%)')
  expect((rate as HTMLInputElement).value).toBe('10')
  fireEvent.change(rate, { target: { value: '10.125' } })
  fireEvent.click(screen.getByRole('button', { name: 'Set VAT 10%' }))
  expect((await screen.findByRole('alert')).textContent).toContain('at most two decimals')
  expect(screen.queryByRole('dialog')).toBeNull()
  fireEvent.change(rate, { target: { value: '7.5' } })
  fireEvent.click(screen.getByRole('button', { name: 'Set VAT 10%' }))
  expect(await screen.findByRole('dialog')).not.toBeNull()

  const options = [...(screen.getByLabelText('Show it on') as HTMLSelectElement).options].map((option) => option.text)
  expect(options).toEqual(["Automatic (the screen that is not the cashier's)", 'HDMI-1 1280 × 800'])
  expect(screen.getByText(/chosen screen is not connected/)).not.toBeNull()
  engine.pos.close()
})
