/**
 * Stickers and shelf labels on a TSPL label printer, against real parts: the engine's label queue,
 * the serial and device-file transports, a socat PTY, and a virtual label printer that interprets
 * the TSPL into label bitmaps, from which each KHQR is scanned back (jsQR) and verified with the
 * project's KHQR codec.
 */
import { afterEach, describe, expect, test } from 'vitest'
import { verifyKhqr } from '../../../shared/khqr/index.ts'
import type { LabelPrinterSettings } from '../../../shared/views.ts'
import { BARCODES, codeOf, openTestPos, type TestPos } from '../../support/pos.ts'
import { type SocatPair, startSocatPair } from '../../support/socat.ts'
import { scanLabel, VirtualLabelPrinter } from '../../support/virtual-label-printer.ts'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function labelCounter(
  connection: 'serial' | 'device',
  stock: Partial<LabelPrinterSettings> = {},
): Promise<{ t: TestPos; printer: VirtualLabelPrinter; pair: SocatPair }> {
  const pair = await startSocatPair()
  cleanups.push(() => pair.close())
  const printer = await VirtualLabelPrinter.open({ path: pair.printerPath, baudRate: 9600 })
  cleanups.push(() => printer.close())
  const t = await openTestPos({ signIn: 'manager' })
  cleanups.push(async () => t.pos.close())
  await t.api.updateSettings(
    {
      labelPrinter: {
        transport: connection,
        address: pair.hostPath,
        baudRate: 9600,
        dataBits: 8,
        parity: 'none',
        flowControl: 'none',
        widthMm: 60,
        heightMm: 90,
        gapMm: 2,
        ...stock,
      },
    },
    t.approval('label printer installed'),
  )
  return { t, printer, pair }
}

async function settle(t: TestPos): Promise<void> {
  await t.pos.printing.labels.queue.kick()
}

/** The share of dots burned in a strip of the label. */
function inked(label: { width: number; bits: Uint8Array }, top: number, rows: number): number {
  let black = 0
  for (let y = top; y < top + rows; y++)
    for (let x = 0; x < label.width; x++) black += label.bits[y * label.width + x] ?? 0
  return black / (rows * label.width)
}

describe('KHQR stickers on a label printer', { timeout: 120_000 }, () => {
  test('over serial: each set is a riel and a dollar label whose printed QR scans back to the shop account', async () => {
    const { t, printer } = await labelCounter('serial')
    const { serials } = await t.api.printStickers(2, 'Q')
    await settle(t)
    const labels = printer.labels()
    expect(labels).toHaveLength(4)
    const scanned = labels.map((label) => {
      expect({ width: label.width, height: label.height }).toEqual({ width: 480, height: 720 })
      // The band at the top is solid black (REVERSE) with KHQR and the currency in white.
      expect(inked(label, 2, 36)).toBeGreaterThan(0.6)
      const payload = scanLabel(label)
      expect(payload, 'the printed QR scans').toBeDefined()
      const verdict = verifyKhqr(payload ?? '')
      expect(verdict.valid && verdict.fields.pointOfInitiation === 'static').toBe(true)
      return verdict.valid ? `${verdict.fields.accountId} ${verdict.fields.currency}` : ''
    })
    expect(scanned).toEqual(['demo_shop@demo KHR', 'demo_shop@demo USD', 'demo_shop@demo KHR', 'demo_shop@demo USD'])
    expect(serials).toEqual(['T1-S00001', 'T1-S00002'])
    expect(printer.unknown()).toEqual([])
    // Asked about itself before the job and after it (the delivery check), in TSPL, never DLE EOT.
    expect(printer.statusRequests).toBeGreaterThanOrEqual(2)
    expect((await t.api.listPrintJobs()).map((job) => `${job.kind} ${job.state}`)).toEqual(['sticker printed'])
  })

  test('a label too small for a code that scans is refused before a serial is given', async () => {
    const { t, printer } = await labelCounter('serial', { widthMm: 30, heightMm: 20 })
    expect(await codeOf(t.api.printStickers(1, 'M'))).toBe('label_too_small')
    expect(t.pos.ledger.context.db.prepare('SELECT count(*) AS n FROM stickers').get()).toEqual({ n: 0 })
    await settle(t)
    expect(printer.labels()).toEqual([])
  })

  test('out of paper: the job waits and prints once, whole, when paper is back', async () => {
    const { t, printer } = await labelCounter('serial')
    printer.state = 'paper_out'
    await t.api.printStickers(1, 'M')
    await settle(t)
    expect(printer.labels()).toEqual([])
    expect(t.pos.printing.labels.queue.status.status.state).toBe('paper_out')
    printer.state = 'ready'
    t.pos.printing.retry((await t.api.listPrintJobs())[0]?.id ?? '')
    await settle(t)
    expect(printer.labels()).toHaveLength(2)
  })
})

describe('shelf price labels', { timeout: 120_000 }, () => {
  test('through a device file: riel first and large, the dollar price beneath when asked, as many as asked', async () => {
    const { t, printer } = await labelCounter('device', { widthMm: 50, heightMm: 30 })
    const porkRice = await t.api.findProductByBarcode(BARCODES.porkRice) // priced in riel
    const amok = await t.api.findProductByBarcode(BARCODES.amok) // priced in dollars
    if (!porkRice || !amok) throw new Error('demo products missing')
    await t.api.printShelfLabels(
      [
        { productId: porkRice.id, copies: 2 },
        { productId: amok.id, copies: 1 },
      ],
      true,
    )
    await settle(t)
    // A device file takes the job at once; the printer reads it at its own pace.
    await expect.poll(() => printer.labels().length, { timeout: 30_000 }).toBe(3)
    const labels = printer.labels()
    for (const label of labels)
      expect({ width: label.width, height: label.height }).toEqual({ width: 400, height: 240 })
    expect(printer.unknown()).toEqual([])
    // The program the printer read: riel figure in the largest font above the dollar figure.
    const shelfLabel = (productId: string, dual: boolean) =>
      t.pos.printing.labels.labelsOf({
        detail: JSON.stringify({ printer: 'label', layout: 'shelf', items: [{ productId, copies: 1 }], dual }),
      })[0]
    const program = shelfLabel(amok.id, true)
    const riel = program?.items.find((item) => item.kind === 'text' && item.font === '5')
    const dollar = program?.items.find((item) => item.kind === 'text' && item.text.startsWith('$'))
    expect(riel).toMatchObject({ text: '18,450' }) // $4.50 at 4,100 riel
    expect(dollar).toMatchObject({ text: '$4.50' })
    expect((riel?.y ?? 0) < (dollar?.y ?? 0)).toBe(true)
    const rielOnly = shelfLabel(porkRice.id, false)
    expect(rielOnly?.items.some((item) => item.kind === 'text' && item.text.startsWith('$'))).toBe(false)
    expect(rielOnly?.items.find((item) => item.kind === 'text' && item.font === '5')).toMatchObject({ text: '8,000' })
  })

  test('refused in words: no label printer, an unknown product; a preview is the label as printed', async () => {
    const t = await openTestPos({ signIn: 'manager' })
    cleanups.push(async () => t.pos.close())
    const amok = await t.api.findProductByBarcode(BARCODES.amok)
    expect(await codeOf(t.api.printShelfLabels([{ productId: amok?.id ?? '', copies: 1 }], false))).toBe(
      'label_printer_missing',
    )
    const preview = await t.api.previewShelfLabel(amok?.id ?? '', true)
    expect(preview.startsWith('data:image/png;base64,')).toBe(true)
    const { t: withPrinter } = await labelCounter('serial')
    expect(
      await codeOf(
        withPrinter.api.printShelfLabels([{ productId: '01900000-0000-7000-8000-000000000000', copies: 1 }], false),
      ),
    ).toBe('product_unknown')
  })
})
