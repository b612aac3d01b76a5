/**
 * "Find my printer" against real parts: socat PTY pairs with virtual printers at different baud
 * rates (each hears only noise when the host opens its end at another speed), a port with nothing on
 * it, a USB printer-class file, and a network printer on 127.0.0.1. Then a test page straight to the
 * one chosen, before any setting is saved.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { decodedText } from '../../../electron/core/printing/decode.ts'
import { findPrinters, SERIAL_SETTINGS_TRIED } from '../../../electron/core/printing/discovery.ts'
import type { FoundPrinterView } from '../../../shared/views.ts'
import { openTestPos } from '../../support/pos.ts'
import { type SocatPair, startSocatPair } from '../../support/socat.ts'
import { VirtualPrinter } from '../../support/virtual-printer.ts'
import { closeTcpPrinters, fakePrinter } from '../../support/virtual-tcp-printer.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  await closeTcpPrinters()
})

async function pair(): Promise<SocatPair> {
  const made = await startSocatPair()
  cleanups.push(() => made.close())
  return made
}

/** A printer at `baudRate` on a serial port; it hears noise when the host opens the port at another speed. */
async function serialPrinter(baudRate: number): Promise<{ port: SocatPair; printer: VirtualPrinter }> {
  const port = await pair()
  const printer = await VirtualPrinter.open({ path: port.printerPath, baudRate, hostPath: port.hostPath })
  cleanups.push(() => printer.close())
  return { port, printer }
}

const where = (found: FoundPrinterView[], address: string) => found.find((printer) => printer.address === address)

describe('finding printers', { timeout: 90_000 }, () => {
  test('serial printers at 9600, 38400 and 115200 baud are found at their speed; an empty port and nothing printed', async () => {
    const slow = await serialPrinter(9600)
    const middle = await serialPrinter(38_400)
    const fast = await serialPrinter(115_200)
    const empty = await pair()
    const found = await findPrinters({
      listSerialPorts: async () => [
        { path: slow.port.hostPath, manufacturer: 'Prolific' },
        { path: middle.port.hostPath },
        { path: fast.port.hostPath },
        { path: empty.hostPath },
      ],
      usbDirectory: join(empty.dir, 'no-usb-here'),
    })
    expect(where(found, slow.port.hostPath)).toEqual({
      transport: 'serial',
      address: slow.port.hostPath,
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      answered: true,
      state: 'ready',
      maker: 'Prolific',
    })
    expect(where(found, middle.port.hostPath)).toMatchObject({ baudRate: 38_400, parity: 'none', answered: true })
    expect(where(found, fast.port.hostPath)).toMatchObject({ baudRate: 115_200, parity: 'none', answered: true })
    expect(where(found, empty.hostPath)).toMatchObject({ answered: false, state: 'offline' })
    // The ones that answered come first.
    expect(found.map((printer) => printer.answered)).toEqual([true, true, true, false])
    // Asked at the wrong speed first, the 38400 printer heard only noise; no printer printed anything.
    expect(middle.printer.noise).toBeGreaterThan(0)
    for (const { printer } of [slow, middle, fast])
      expect(printer.paper().filter((item) => item.type === 'text')).toEqual([])
  })

  test('the settings are tried from the factory defaults: 8N1 at each speed, then even and odd parity', () => {
    expect(SERIAL_SETTINGS_TRIED.slice(0, 4).map((s) => `${s.baudRate} ${s.dataBits}${s.parity[0]}`)).toEqual([
      '9600 8n',
      '115200 8n',
      '19200 8n',
      '38400 8n',
    ])
    expect(new Set(SERIAL_SETTINGS_TRIED.map((s) => s.parity))).toEqual(new Set(['none', 'even', 'odd']))
    expect(SERIAL_SETTINGS_TRIED).toHaveLength(12)
  })

  test('a USB printer-class file and a typed network address are asked too', async () => {
    const usb = await pair()
    const printer = await VirtualPrinter.open({ path: usb.printerPath, baudRate: 115_200 })
    cleanups.push(() => printer.close())
    const usbDirectory = mkdtempSync(join(tmpdir(), 'pos-usb-'))
    cleanups.push(async () => rmSync(usbDirectory, { recursive: true, force: true }))
    symlinkSync(usb.hostPath, join(usbDirectory, 'lp0'))
    const network = await fakePrinter(undefined, { state: 'ready', paperLow: true, drawerPin3High: false })
    const found = await findPrinters({
      listSerialPorts: async () => [],
      usbDirectory,
      networkAddress: `127.0.0.1:${network.port}`,
    })
    expect(found).toEqual([
      expect.objectContaining({
        transport: 'device',
        address: join(usbDirectory, 'lp0'),
        answered: true,
        state: 'ready',
      }),
      expect.objectContaining({
        transport: 'tcp',
        address: `127.0.0.1:${network.port}`,
        answered: true,
        state: 'ready',
      }),
    ])
  })
})

describe('through the engine: find, then a test page on the one chosen', { timeout: 90_000 }, () => {
  test('a manager finds the printer and prints a test page on it before saving; a cashier may not look', async () => {
    const { port, printer } = await serialPrinter(19_200)
    const t = await openTestPos({
      signIn: 'manager',
      printerDiscovery: {
        listSerialPorts: async () => [{ path: port.hostPath }],
        usbDirectory: join(port.dir, 'none'),
      },
    })
    cleanups.push(async () => t.pos.close())
    const [found] = await t.api.findPrinters(null)
    expect(found).toMatchObject({ transport: 'serial', address: port.hostPath, baudRate: 19_200, answered: true })
    if (!found) return
    const settings = t.pos.ledger.settings.get().printer
    const result = await t.api.printTestPageOn({
      ...settings,
      transport: found.transport,
      address: found.address,
      baudRate: found.baudRate,
      dataBits: found.dataBits,
      parity: found.parity,
      flowControl: 'none',
    })
    expect(result).toMatchObject({ printed: true, state: 'ready', pictures: 'none' })
    const lines = decodedText(printer.paper())
    expect(lines.some((line) => line.includes('PRINTER TEST PAGE'))).toBe(true)
    expect(lines.join('').replace(/\s+/g, '')).toContain(`Printedthroughserial${port.hostPath}@19200`)
    expect(t.pos.ledger.settings.get().printer.transport).toBe('none') // nothing saved
    const audit = t.pos.ledger.context.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'printer.test_page'")
      .get() as { n: number }
    expect(audit.n).toBe(1)
    await t.api.signOut()
    await t.api.signIn(t.cashier.id, '2468')
    await expect(t.api.findPrinters(null)).rejects.toMatchObject({ code: 'manager_only' })
  })
})
