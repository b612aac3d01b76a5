/**
 * `npm run bench -- printing`: what a typical receipt costs on paper and on the wire.
 *
 * - The receipt: 10 lines, paid in both currencies (cash riel and KHQR in dollars, with its Bakong
 *   reference), once with English names and a shop without Khmer text, once with Khmer names, a
 *   Khmer shop name, header and footer; 80 mm paper, native QR printer.
 * - encode_ms: laying it out and encoding it (median of many); raster_line_ms: one full-width
 *   576-dot Khmer line rendered, binarised, cropped and wrapped in GS v 0, against the bare canvas
 *   render + getImageData of the same line (the part that cannot be avoided).
 * - delivery: the real SerialTransport writing each receipt to a virtual printer on a socat PTY
 *   that reads at the baud rate, timed until the printer has every byte, divided by the line-rate
 *   bound bytes × 10 / baud.
 */
import { createCanvas } from '@napi-rs/canvas'
import { encodeDocument } from '../electron/core/printing/document.ts'
import { RECEIPT_FONT_FAMILY, registerReceiptFonts } from '../electron/core/printing/fonts.ts'
import { profileFor } from '../electron/core/printing/profiles.ts'
import { rasterCommand, renderTextLine } from '../electron/core/printing/raster.ts'
import { SerialTransport } from '../electron/core/printing/transports/serial.ts'
import type { SaleView } from '../shared/views.ts'
import { openTestPos } from '../tests/support/pos.ts'
import { startSocatPair } from '../tests/support/socat.ts'
import { VirtualPrinter } from '../tests/support/virtual-printer.ts'

const TARGETS = { receipt_en_bytes: 1500, receipt_km_bytes: 8000, raster_line_ms: 1, delivery_ratio: 1.1 }

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[sorted.length >> 1] as number
}

function timeMedian(runs: number, work: () => unknown): number {
  for (let i = 0; i < Math.min(20, runs); i++) work()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    work()
    times.push(performance.now() - started)
  }
  return median(times)
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits))

async function typicalSale() {
  const t = await openTestPos({ signIn: 'manager' })
  const products = await t.api.listProducts({ categoryId: null, offset: 0, limit: 10 })
  for (const [index, product] of products.entries()) await t.api.addProduct(product.id, 1 + (index % 3))
  await t.api.payCash('KHR', 20_000)
  const khqr = (await t.api.startKhqr('USD')).khqr as NonNullable<SaleView['khqr']>
  const sale = t.pos.ledger.sales.recordBakongPayment(
    {
      md5: khqr.md5,
      hash: '9f2c4d1e'.repeat(8),
      amount: khqr.amount,
      currency: 'USD',
      toAccountId: 'demo_shop@demo',
      createdAt: khqr.createdAt + 1000,
    },
    t.manager.id,
  )
  if (sale.lines.length !== 10 || sale.state !== 'paid')
    throw new Error('the typical sale did not come out as 10 paid lines')
  return { t, sale }
}

async function main(): Promise<void> {
  const { t, sale } = await typicalSale()
  const profile = profileFor(80)
  const job = { kind: 'receipt' as const, object_id: sale.id, copy: 0, detail: '{}', created_at: sale.completedAt ?? 0 }
  const settings = await t.api.getSettings()
  // A real shop, not the demo (whose slips say so on a line of their own).
  t.pos.ledger.settings.update(
    { demo: false },
    { userId: t.manager.id, approverId: t.manager.id, reason: 'benchmark shop' },
  )
  await t.api.updateSettings(
    { receiptLanguage: 'en', shopNameKm: '', receiptHeader: 'Street 240, Phnom Penh', receiptFooter: 'Thank you!' },
    t.approval('English shop'),
  )
  const english = () => encodeDocument(t.pos.printing.blocksOf(job, profile), profile)
  const englishBytes = english()
  const encodeMs = timeMedian(200, english)
  await t.api.updateSettings(
    {
      receiptLanguage: 'km',
      shopNameKm: settings.shopNameKm,
      receiptHeader: 'ផ្លូវ ២៤០ ភ្នំពេញ',
      receiptFooter: 'សូមអរគុណ!',
    },
    t.approval('Khmer shop'),
  )
  const khmer = () => encodeDocument(t.pos.printing.blocksOf(job, profile), profile)
  const khmerBytes = khmer()
  const encodeKmMs = timeMedian(100, khmer)
  t.pos.close()

  const line = 'កាហ្វេទឹកកកស្រស់ ទឹកអំពៅ នំបញ្ចុក អាម៉ុកត្រី បាយសាច់ជ្រូក'
  const options = { width: 576, size: 24 }
  const full = renderTextLine(line, options)
  const rasterMs = timeMedian(300, () => rasterCommand(renderTextLine(line, options)))
  registerReceiptFonts()
  const bareMs = timeMedian(300, () => {
    const canvas = createCanvas(576, 53)
    const context = canvas.getContext('2d')
    context.font = `24px ${RECEIPT_FONT_FAMILY}`
    context.fillText(line, 1, 34)
    return context.getImageData(0, 0, 576, 53)
  })
  console.log(
    `receipt, 10 lines, cash riel + KHQR dollars: English ${englishBytes.length} bytes (encode ${round(encodeMs)} ms), Khmer ${khmerBytes.length} bytes (encode ${round(encodeKmMs)} ms)`,
  )
  console.log(
    `Khmer line, ${full.width}×${full.height} dots of ink on 576: ${round(rasterMs)} ms (bare canvas render ${round(bareMs)} ms)`,
  )

  const delivery: Record<string, number> = {}
  for (const baud of [9600, 115_200]) {
    const pair = await startSocatPair()
    const printer = await VirtualPrinter.open({ path: pair.printerPath, baudRate: baud })
    const transport = new SerialTransport({
      path: pair.hostPath,
      baudRate: baud,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      flowControl: 'none',
    })
    const ratios: number[] = []
    for (const bytes of baud === 9600 ? [englishBytes] : [englishBytes, khmerBytes, khmerBytes]) {
      printer.reset()
      const started = performance.now()
      await transport.write(bytes)
      await printer.waitForBytes(bytes.length, 60_000)
      const seconds = (performance.now() - started) / 1000
      const bound = (bytes.length * 10) / baud
      ratios.push(seconds / bound)
      console.log(
        `delivery at ${baud} baud: ${bytes.length} bytes in ${round(seconds)} s, line-rate bound ${round(bound)} s, ratio ${round(seconds / bound)}`,
      )
    }
    delivery[`delivery_ratio_${baud}`] = round(Math.max(...ratios))
    await transport.close()
    await printer.close()
    await pair.close()
  }

  const figures = {
    receipt_en_bytes: englishBytes.length,
    receipt_km_bytes: khmerBytes.length,
    encode_ms: round(encodeMs),
    encode_km_ms: round(encodeKmMs),
    raster_line_ms: round(rasterMs),
    bare_render_ms: round(bareMs),
    raster_vs_bare_ratio: round(rasterMs / bareMs, 2),
    delivery_ratio_9600: delivery.delivery_ratio_9600,
    delivery_ratio_115200: delivery.delivery_ratio_115200,
  }
  console.log(
    JSON.stringify({
      ...figures,
      targets_met: {
        receipt_en_bytes: figures.receipt_en_bytes <= TARGETS.receipt_en_bytes,
        receipt_km_bytes: figures.receipt_km_bytes <= TARGETS.receipt_km_bytes,
        raster_line_ms: figures.raster_line_ms <= TARGETS.raster_line_ms,
        delivery_9600: (figures.delivery_ratio_9600 ?? Infinity) <= TARGETS.delivery_ratio,
        delivery_115200: (figures.delivery_ratio_115200 ?? Infinity) <= TARGETS.delivery_ratio,
      },
    }),
  )
}

await main()
