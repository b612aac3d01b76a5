import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { checkEscPos } from '../../../electron/core/printing/decode.ts'
import { encodeDocument } from '../../../electron/core/printing/document.ts'
import { renderPreview } from '../../../electron/core/printing/preview.ts'
import { profileFor } from '../../../electron/core/printing/profiles.ts'
import type { PrintJobRow } from '../../../electron/core/printing/queue.ts'
import { stickerFaces, stickerPayload } from '../../../electron/core/printing/sticker-layouts.ts'
import type { SaleView } from '../../../shared/views.ts'
import { BARCODES, openTestPos, ownShop, type TestPos } from '../../support/pos.ts'

/** `npm run previews` writes these for people to look at: every slip, on both paper widths. */
const OUT = join(import.meta.dirname, '../../../artifacts/printing')

let t: TestPos
let sale: SaleView
let refund: SaleView
beforeAll(async () => {
  mkdirSync(OUT, { recursive: true })
  t = await openTestPos({ signIn: 'manager' })
  await t.api.updateSettings(
    { receiptHeader: 'ផ្លូវ ២៤០ ភ្នំពេញ · Street 240, Phnom Penh', receiptFooter: 'សូមអរគុណ! Thank you!' },
    t.approval(),
  )
  for (const code of [
    BARCODES.icedCoffee,
    BARCODES.icedCoffee,
    BARCODES.porkRice,
    BARCODES.amok,
    BARCODES.rice,
    BARCODES.water,
  ])
    await t.api.scanBarcode(code)
  const current = await t.api.getCurrentSale()
  await t.api.setLineDiscount(current?.lines[3]?.id as string, { kind: 'percent', basisPoints: 1000 }, t.approval())
  await t.api.payCash('KHR', 20_000)
  sale = await t.api.payCash('USD', 2000)
  refund = await t.api.refundSale(
    {
      saleId: sale.id,
      lines: [{ lineId: sale.lines[0]?.id as string, quantity: 1 }],
      tenders: [{ kind: 'cash_khr', amount: 6200 }],
    },
    t.approval('spilled'),
  )
})
afterAll(() => t.pos.close())

function job(kind: PrintJobRow['kind'], objectId: string, detail: Record<string, unknown> = {}, copy = 0) {
  return { kind, object_id: objectId, copy, detail: JSON.stringify(detail), created_at: t.clock.now }
}

function preview(name: string, blocks: ReturnType<TestPos['pos']['printing']['blocksOf']>, width: 58 | 80): void {
  const profile = profileFor(width)
  const { items, problems } = checkEscPos(encodeDocument(blocks, profile), { paperDots: profile.paperDots })
  expect(items.filter((item) => item.type === 'unknown')).toEqual([])
  expect(problems).toEqual([])
  const png = renderPreview(items, { paperDots: profile.paperDots })
  expect(PNG.sync.read(png).width).toBe(profile.paperDots)
  writeFileSync(join(OUT, `${name}-${width}mm.png`), png)
}

describe('previews of every slip', () => {
  for (const width of [58, 80] as const) {
    test(`${width} mm: receipt (Khmer and English), copy, refund slip, X and Z reports, stickers, test page`, async () => {
      const printing = t.pos.printing
      preview('receipt-km', printing.blocksOf(job('receipt', sale.id)), width)
      await t.api.updateSettings({ receiptLanguage: 'en' }, t.approval())
      preview('receipt-en-copy', printing.blocksOf(job('receipt', sale.id, {}, 1)), width)
      await t.api.updateSettings({ receiptLanguage: 'km' }, t.approval())
      preview('refund', printing.blocksOf(job('receipt', refund.id)), width)
      preview('x-report', printing.blocksOf(job('report', 'x', { report: t.pos.ledger.shifts.xReport() })), width)
      const { serials } = await t.api.printStickers(1, 'M')
      const stickerJob = t.pos.ledger.context.db
        .prepare("SELECT * FROM print_jobs WHERE kind = 'sticker' ORDER BY created_at DESC, rowid DESC LIMIT 1")
        .get() as PrintJobRow
      expect(JSON.parse(stickerJob.detail).serials).toEqual(serials)
      preview('sticker', printing.blocksOf(stickerJob, profileFor(width)), width)
      preview('test-page', printing.blocksOf(job('test', 'test'), profileFor(width)), width)
    })
  }

  test('label printer: a KHQR sticker face (each currency) and shelf labels, riel only and with the dollar price', async () => {
    const labels = t.pos.printing.labels
    for (const currency of ['KHR', 'USD'] as const) {
      const png = await t.api.previewStickers('Q', 'label')
      expect(png.startsWith('data:image/png;base64,')).toBe(true)
      const settings = t.pos.ledger.settings.get()
      const faces = stickerFaces(settings, [{ currency, payload: stickerPayload(settings, currency) }], ['T1-S00007'])
      writeFileSync(
        join(OUT, `label-sticker-${currency.toLowerCase()}.png`),
        labels.preview(labels.stickerLabels(faces, 'Q')),
      )
    }
    const porkRice = (await t.api.findProductByBarcode(BARCODES.porkRice))?.id as string
    writeFileSync(join(OUT, 'label-shelf-riel.png'), labels.previewShelfLabel(porkRice, false))
    const amok = (await t.api.findProductByBarcode(BARCODES.amok))?.id as string
    writeFileSync(join(OUT, 'label-shelf-dual.png'), labels.previewShelfLabel(amok, true))
  })

  test('Z report after closing the shift', async () => {
    const z = await t.api.closeShift({ usd: { '1000': 5 }, khr: { '100000': 2, '20000': 1 } })
    for (const width of [58, 80] as const)
      preview('z-report', t.pos.printing.blocksOf(job('report', z.shift.id, { report: z })), width)
  })
})

describe('previews of a shop’s tax documents', () => {
  test('VAT invoice with a business buyer and its credit note (Khmer and English), Z report in Khmer and English', async () => {
    const shop = await openTestPos({ signIn: 'manager' })
    try {
      const own = await ownShop(shop, { vatTin: 'K001-901234567' })
      await shop.api.updateSettings(
        { shopAddress: 'ផ្ទះលេខ ១២ ផ្លូវ ៦៣ ភ្នំពេញ\nNo. 12, Street 63, Phnom Penh', shopPhone: '012 345 678' },
        own.approval(),
      )
      await shop.api.scanBarcode('8851000000017')
      await shop.api.scanBarcode('8851000000017')
      await shop.api.scanBarcode('8851000000024')
      await shop.api.addProduct(own.products.pork, 612)
      await shop.api.setSaleBuyer({ name: 'Angkor Trading Co., Ltd.', tin: 'B112-900000001' })
      const invoice = await shop.api.payCash('USD', 1000)
      const credit = await shop.api.refundSale(
        {
          saleId: invoice.id,
          lines: [{ lineId: invoice.lines[0]?.id as string, quantity: 1 }],
          tenders: [{ kind: 'cash_usd', amount: 150 }],
        },
        own.approval('returned'),
      )
      const blocks = (saleId: string) => shop.pos.printing.blocksOf(job('receipt', saleId))
      for (const width of [58, 80] as const) {
        preview('vat-invoice-km', blocks(invoice.id), width)
        preview('credit-note-km', blocks(credit.id), width)
      }
      const z = await shop.api.closeShift({ usd: { '2000': 1 }, khr: { '20000': 2 } })
      preview('z-report-km', shop.pos.printing.blocksOf(job('report', z.shift.id, { report: z })), 80)
      await shop.api.updateSettings({ receiptLanguage: 'en' }, own.approval())
      preview('vat-invoice-en', blocks(invoice.id), 80)
      preview('z-report-en', shop.pos.printing.blocksOf(job('report', z.shift.id, { report: z })), 80)
    } finally {
      shop.pos.close()
    }
  })
})
