/**
 * "Find my printer" on the settings page, with the real engine behind window.pos and a virtual
 * printer at 38400 baud on a socat PTY: the manager finds it without knowing its port or speed, the
 * fields fill in, and a test page prints on it before anything is saved.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, expect, test } from 'vitest'
import { decodedText } from '../../electron/core/printing/decode.ts'
import { SettingsPanel } from '../../renderer/src/cashier/SettingsPanel.tsx'
import { LanguageProvider } from '../../renderer/src/i18n/language.tsx'
import { startSocatPair } from '../support/socat.ts'
import { VirtualPrinter } from '../support/virtual-printer.ts'
import { ONE_SCREEN_MORE, realBridge } from './real-bridge.ts'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  cleanup()
  for (const done of cleanups.splice(0).reverse()) await done()
})

async function settingsWithAPrinterSomewhere(language: 'en' | 'km') {
  localStorage.setItem('pos.language', language)
  const pair = await startSocatPair()
  cleanups.push(() => pair.close())
  const printer = await VirtualPrinter.open({ path: pair.printerPath, baudRate: 38_400, hostPath: pair.hostPath })
  cleanups.push(() => printer.close())
  const engine = await realBridge(ONE_SCREEN_MORE, {
    printerDiscovery: { listSerialPorts: async () => [{ path: pair.hostPath }], usbDirectory: `${pair.dir}/none` },
  })
  cleanups.push(() => engine.pos.close())
  window.pos = engine.bridge
  render(
    <LanguageProvider>
      <SettingsPanel onAbout={() => undefined} />
    </LanguageProvider>,
  )
  return { pair, printer, engine }
}

test('the manager finds the printer, uses it, and a test page prints on it before saving', {
  timeout: 60_000,
}, async () => {
  const { pair, printer, engine } = await settingsWithAPrinterSomewhere('en')
  fireEvent.click(await screen.findByRole('button', { name: 'Find my printer' }))
  const found = await screen.findByText(`Serial ${pair.hostPath} — answered at 38400 8N1 (ready)`, undefined, {
    timeout: 30_000,
  })
  const entry = found.closest('li') as HTMLElement
  fireEvent.click(entry.querySelector('button') as HTMLButtonElement)
  const fields = within(screen.getByTestId('find-printer').closest('fieldset') as HTMLElement)
  expect((fields.getByLabelText('Address or port') as HTMLInputElement).value).toBe(pair.hostPath)
  expect((fields.getByLabelText('Speed (baud)') as HTMLSelectElement).value).toBe('38400')
  expect(screen.getByText('The settings above are filled in. Save to use it.')).not.toBeNull()

  fireEvent.click(screen.getByRole('button', { name: 'Print a test page on it' }))
  await screen.findByText(/^Test page printed\. It keeps no pictures/, undefined, { timeout: 20_000 })
  await waitFor(() =>
    expect(decodedText(printer.paper()).some((line) => line.includes('PRINTER TEST PAGE'))).toBe(true),
  )
  expect(engine.pos.ledger.settings.get().printer.transport).toBe('none')
})

test('in Khmer: the button, what answered and the pictures setting are in Khmer', { timeout: 60_000 }, async () => {
  const { pair } = await settingsWithAPrinterSomewhere('km')
  fireEvent.click(await screen.findByRole('button', { name: 'ស្វែងរកម៉ាស៊ីនបោះពុម្ពរបស់ខ្ញុំ' }))
  await screen.findByText(`ខ្សែ Serial ${pair.hostPath} — ឆ្លើយនៅល្បឿន 38400 8N1 (រួចរាល់)`, undefined, { timeout: 30_000 })
  expect(screen.getByRole('button', { name: 'ប្រើម៉ាស៊ីននេះ' })).not.toBeNull()
  expect(screen.getByLabelText('រូបភាពដែលម៉ាស៊ីនរក្សាទុក')).not.toBeNull()
})
