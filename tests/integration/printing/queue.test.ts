import { afterEach, describe, expect, test } from 'vitest'
import { decodedText, decodeEscPos } from '../../../electron/core/printing/decode.ts'
import type { PrinterStatusView } from '../../../shared/views.ts'
import { BARCODES, codeOf, openTestPos, type TestPos } from '../../support/pos.ts'
import { type SocatPair, startSocatPair } from '../../support/socat.ts'
import { VirtualPrinter } from '../../support/virtual-printer.ts'

const BAUD = 115_200

interface Counter {
  t: TestPos
  pair: SocatPair
  printer: VirtualPrinter
}

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A till whose receipt printer is a virtual printer on the far end of a socat PTY pair. */
async function counter(): Promise<Counter> {
  const pair = await startSocatPair()
  cleanups.push(() => pair.close())
  const printer = await VirtualPrinter.open({ path: pair.printerPath, baudRate: BAUD })
  cleanups.push(() => printer.close())
  const t = await openTestPos({ signIn: 'manager' })
  cleanups.push(async () => t.pos.close())
  const settings = await t.api.getSettings()
  await t.api.updateSettings(
    {
      receiptLanguage: 'en',
      printer: {
        ...settings.printer,
        transport: 'serial',
        address: pair.hostPath,
        baudRate: BAUD,
        flowControl: 'none',
        paperWidth: 80,
      },
    },
    t.approval('receipt printer installed'),
  )
  return { t, pair, printer }
}

/** Receipts that came out whole (their cut reached the printer while it was printing), by receipt number. */
function receiptsOnPaper(printer: VirtualPrinter): string[] {
  const items = decodeEscPos(printer.printed())
  const numbers: string[] = []
  let current: string | null = null
  for (const item of items) {
    if (item.type === 'text') {
      const match = /^Receipt\s+(T1-\d{6})/.exec(item.text)
      if (match) current = match[1] ?? null
    }
    if (item.type === 'cut' && current) {
      numbers.push(current)
      current = null
    }
  }
  return numbers
}

async function sell(t: TestPos): Promise<string> {
  await t.api.scanBarcode(BARCODES.amok)
  return (await t.api.payCash('USD', 500)).receiptNo as string
}

async function settle(t: TestPos): Promise<void> {
  await t.pos.printing.queue.kick()
}

describe('printing through the queue to a serial printer', () => {
  test('a cash sale opens the drawer first, then prints its receipt once', async () => {
    const { t, printer } = await counter()
    const receipt = await sell(t)
    await settle(t)
    const items = decodeEscPos(printer.printed())
    const pulse = items.findIndex((item) => item.type === 'pulse')
    const receiptLine = items.findIndex(
      (item) => item.type === 'text' && new RegExp(`^Receipt\\s+${receipt}`).test(item.text),
    )
    expect(pulse).toBeGreaterThanOrEqual(0)
    expect(receiptLine).toBeGreaterThan(pulse)
    expect(items.find((item) => item.type === 'pulse')).toMatchObject({ pin: 0, onMs: 100, offMs: 200 })
    expect(receiptsOnPaper(printer)).toEqual([receipt])
    expect(await t.api.getPrinterStatus()).toMatchObject({ state: 'ready', pending: 0, held: 0 })
    expect((await t.api.listPrintJobs()).map((job) => `${job.kind} ${job.state}`).sort()).toEqual([
      'drawer printed',
      'receipt printed',
    ])
    expect(printer.problems()).toEqual([])
  })

  test('the drawer opened without a sale pulses the printer and is counted on the X; with no printer it is refused, uncounted', async () => {
    const { t, printer } = await counter()
    await t.api.openDrawer(t.approval('change for a 50'))
    await settle(t)
    expect(decodeEscPos(printer.printed()).filter((item) => item.type === 'pulse')).toHaveLength(1)
    expect((await t.api.getXReport()).noSaleDrawerOpens).toBe(1)

    const settings = await t.api.getSettings()
    await t.api.updateSettings({ printer: { ...settings.printer, transport: 'none' } }, t.approval('printer away'))
    expect(await codeOf(t.api.openDrawer(t.approval('again')))).toBe('drawer_without_printer')
    expect((await t.api.getXReport()).noSaleDrawerOpens).toBe(1)
    // The status bar is told at once that receipts are now previews, not what the old printer last said.
    const told = t.events.filter((event) => event.name === 'printer.changed').at(-1)?.payload as PrinterStatusView
    expect(told).toMatchObject({ state: 'ready', printer: expect.stringMatching(/^preview/) })
    expect(await t.api.getPrinterStatus()).toMatchObject({ state: 'ready', printer: expect.stringMatching(/^preview/) })

    // A receipt becomes a preview; then the printer is set up again: not asked yet, its state is unknown.
    await sell(t)
    await settle(t)
    await t.api.updateSettings({ printer: settings.printer }, t.approval('printer back'))
    const back = t.events.filter((event) => event.name === 'printer.changed').at(-1)?.payload as PrinterStatusView
    expect(back).toMatchObject({ state: 'unknown', printer: '' })
  })

  test.each(['paper_out', 'cover_open', 'off'] as const)(
    'printer %s: the cashier is told, nothing is lost, and the receipt prints once when it is back',
    async (fault) => {
      const { t, printer } = await counter()
      printer.state = fault
      const receipt = await sell(t)
      await settle(t)
      const told = t.events
        .filter((event) => event.name === 'printer.changed')
        .map((event) => event.payload as PrinterStatusView)
      expect(told.at(-1)).toMatchObject({ state: fault === 'off' ? 'offline' : fault, pending: 2 })
      expect(receiptsOnPaper(printer)).toEqual([])
      printer.state = 'ready'
      t.clock.advance(5_000)
      await settle(t)
      expect(receiptsOnPaper(printer)).toEqual([receipt])
      expect(await t.api.getPrinterStatus()).toMatchObject({ state: 'ready', pending: 0 })
    },
  )

  test('paper running out in the middle of a receipt: it is printed again in full, and only once in full', async () => {
    const { t, printer } = await counter()
    await t.api.updateSettings({ receiptLanguage: 'km' }, t.approval('Khmer receipts'))
    await t.api.scanBarcode(BARCODES.amok)
    await t.api.scanBarcode(BARCODES.porkRice)
    const receipt = (await t.api.payCash('USD', 1000)).receiptNo as string
    const printing = settle(t)
    await printer.waitForBytes(600, 5_000)
    printer.state = 'paper_out'
    await printing
    expect(printer.receivedWhile('paper_out').length).toBeGreaterThan(0)
    expect(receiptsOnPaper(printer)).toEqual([])
    printer.state = 'ready'
    t.clock.advance(5_000)
    await settle(t)
    expect(receiptsOnPaper(printer)).toEqual([receipt])
  })

  test('the cable pulled mid-job: the port is reopened when it comes back and the receipt prints once', async () => {
    const { t, pair, printer } = await counter()
    const receipt = await sell(t)
    const printing = settle(t)
    await printer.waitForBytes(20, 5_000)
    await pair.kill()
    await printing
    expect((await t.api.getPrinterStatus()).pending).toBeGreaterThan(0)
    await pair.restart(() => printer.reopen())
    t.clock.advance(5_000)
    await settle(t)
    expect(receiptsOnPaper(printer)).toEqual([receipt])
  })

  test('after a long outage an expired receipt is held for a person, never printed unasked', async () => {
    const { t, printer } = await counter()
    printer.state = 'off'
    const receipt = await sell(t)
    await settle(t)
    t.clock.advance(16 * 60_000)
    printer.state = 'ready'
    await settle(t)
    expect(receiptsOnPaper(printer)).toEqual([])
    const held = (await t.api.listPrintJobs()).filter((job) => job.state === 'held')
    expect(held.map((job) => job.kind).sort()).toEqual(['drawer', 'receipt'])
    expect(await t.api.getPrinterStatus()).toMatchObject({ held: 2 })
    await t.api.discardPrintJob(
      held.find((job) => job.kind === 'drawer')?.id as string,
      t.approval('drawer was opened by key'),
    )
    await t.api.retryPrintJob(held.find((job) => job.kind === 'receipt')?.id as string)
    await settle(t)
    expect(receiptsOnPaper(printer)).toEqual([receipt])
    expect(decodeEscPos(printer.printed()).filter((item) => item.type === 'pulse')).toEqual([])
  })

  test('a job interrupted by a crash is held, not printed a second time on restart', async () => {
    const { t } = await counter()
    await sell(t)
    const db = t.pos.ledger.context.db
    db.prepare("UPDATE print_jobs SET state = 'printing' WHERE kind = 'receipt'").run()
    const dataDirectory = t.dataDirectory
    t.pos.close()
    const again = await openTestPos({ dataDirectory, signIn: 'manager' })
    cleanups.push(async () => again.pos.close())
    const receiptJob = (await again.api.listPrintJobs()).find((job) => job.kind === 'receipt')
    expect(receiptJob).toMatchObject({ state: 'held' })
    expect(receiptJob?.lastError).toMatch(/check whether it came out/)
  })

  test('a reprint says COPY; the test page and stickers print; all decode without unknown commands', {
    timeout: 30_000,
  }, async () => {
    const { t, printer } = await counter()
    const sale = await t.api.scanBarcode(BARCODES.water)
    const paid = await t.api.payCash('KHR', 1000)
    await t.api.reprintReceipt(paid.id)
    await t.api.printTestPage()
    await t.api.printStickers(2, 'M')
    await settle(t)
    const items = decodeEscPos(printer.printed())
    expect(items.filter((item) => item.type === 'unknown')).toEqual([])
    const lines = decodedText(items)
    expect(lines.filter((line) => new RegExp(`^Receipt\\s+${paid.receiptNo}`).test(line))).toHaveLength(2)
    expect(lines.filter((line) => line.includes('*** COPY ***'))).toHaveLength(1)
    expect(lines.some((line) => line.includes('PRINTER TEST PAGE'))).toBe(true)
    // The test page says what it went through; each sticker set is a riel and a dollar code.
    expect(lines.join('').replace(/\s+/g, '')).toContain(
      `Printedthroughserial${t.pos.ledger.settings.get().printer.address}@${BAUD}`,
    )
    expect(items.filter((item) => item.type === 'qr')).toHaveLength(1 + 2 * 2)
    expect(sale.lines).toHaveLength(1)
    const report = t.pos.ledger.shifts.xReport()
    expect(report.reprints).toBe(1)
    expect(printer.problems()).toEqual([])
  })
})
