/**
 * `npm run bench -- printing`: what a typical receipt costs on paper and on the wire.
 *
 * - The receipt: 10 lines, paid in both currencies (cash riel and KHQR in dollars, with its Bakong
 *   reference); 80 mm paper, native QR printer.
 * - receipt_en_bytes / receipt_km_bytes: an English shop with no Khmer text, and a Khmer one (names,
 *   shop name, header, footer), sent as plain raster; encode_ms; raster_line_ms against the bare
 *   canvas render of the same line; delivery_ratio_*: the real SerialTransport to a virtual printer on
 *   a socat PTY that reads at the baud rate, timed until it has every byte, ÷ bytes × 10 / baud.
 * - Stored pictures, the demo shop's own receipts (Khmer shop name, bilingual header and footer) in
 *   English and in Khmer, to a virtual printer that keeps download graphics, the way the queue sends
 *   them (status, then ESC @ and the memory questions, then the job and its delivery probe): every
 *   byte the printer takes in. `*_first_bytes`: the first receipt after the printer starts (every
 *   picture defined); `*_warm_bytes`: the next sale of the same goods, the printer holding the
 *   pictures. Reference: the same warm receipt as plain raster (`*_warm_vs_plain` is the ratio).
 *   `receipt_km_warm_ms_9600`: that warm Khmer receipt over the real serial transport at 9600 baud,
 *   until the printer confirmed it; reference: its line-rate bound.
 * - sticker_bytes: one 80 mm KHQR sticker face to a printer that keeps nothing (the band is printer
 *   text); sticker_pair_bytes: the riel-and-dollar pair to one that keeps pictures.
 */
import { createCanvas } from '@napi-rs/canvas'
import { DEFAULT_SETTINGS } from '../electron/core/ledger/settings.ts'
import { type Block, encodeDocument } from '../electron/core/printing/document.ts'
import { RECEIPT_FONT_FAMILY, registerReceiptFonts } from '../electron/core/printing/fonts.ts'
import { PictureKeeper } from '../electron/core/printing/pictures/keeper.ts'
import { PictureRecord } from '../electron/core/printing/pictures/record.ts'
import { type PrinterProfile, profileFor } from '../electron/core/printing/profiles.ts'
import { rasterCommand, renderTextLine } from '../electron/core/printing/raster.ts'
import { stickerBlocks, stickerFaces, stickerPayload } from '../electron/core/printing/sticker-layouts.ts'
import { SerialTransport } from '../electron/core/printing/transports/serial.ts'
import type { SaleView } from '../shared/views.ts'
import { openTestPos, type TestPos } from '../tests/support/pos.ts'
import { startSocatPair } from '../tests/support/socat.ts'
import { KEEPS_DOWNLOAD_GRAPHICS, VirtualPrinter } from '../tests/support/virtual-printer.ts'

const TARGETS = {
  receipt_en_bytes: 1500,
  receipt_km_bytes: 8000,
  raster_line_ms: 1,
  delivery_ratio: 1.1,
  receipt_en_warm_bytes: 1500,
  receipt_km_warm_bytes: 2200,
  receipt_km_warm_ms_9600: 2500,
  sticker_bytes: 4000,
}

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

let bakongTransactions = 0

/** A paid sale of the first 10 products, cash riel and KHQR dollars (each with its own Bakong transaction). */
async function typicalSale(t: TestPos): Promise<SaleView> {
  const products = await t.api.listProducts({ categoryId: null, offset: 0, limit: 10 })
  for (const [index, product] of products.entries()) await t.api.addProduct(product.id, 1 + (index % 3))
  await t.api.payCash('KHR', 20_000)
  const khqr = (await t.api.startKhqr('USD')).khqr as NonNullable<SaleView['khqr']>
  const sale = t.pos.ledger.sales.recordBakongPayment(
    {
      md5: khqr.md5,
      hash: (0x9f2c4d1e + bakongTransactions++).toString(16).repeat(8),
      amount: khqr.amount,
      currency: 'USD',
      toAccountId: 'demo_shop@demo',
      createdAt: khqr.createdAt + 1000,
    },
    t.manager.id,
  )
  if (sale.lines.length !== 10 || sale.state !== 'paid')
    throw new Error('the typical sale did not come out as 10 paid lines')
  return sale
}

const receiptJob = (sale: SaleView) => ({
  kind: 'receipt' as const,
  object_id: sale.id,
  copy: 0,
  detail: '{}',
  created_at: sale.completedAt ?? 0,
})

/** The real serial transport to `path` at `baud`, 8N1, no flow control (a PTY has none). */
function serialTo(path: string, baud: number): SerialTransport {
  return new SerialTransport({ path, baudRate: baud, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' })
}

/** A virtual printer that keeps download graphics, on a socat PTY at `baud`, and the terminal's side of it. */
async function pictureRig(t: TestPos, baud: number) {
  const pair = await startSocatPair()
  const printer = await VirtualPrinter.open({
    path: pair.printerPath,
    baudRate: baud,
    understands: KEEPS_DOWNLOAD_GRAPHICS,
  })
  const transport = serialTo(pair.hostPath, baud)
  const keeper = new PictureKeeper(new PictureRecord(t.pos.ledger.context.db), t.pos.ledger.context.now)
  const printerId = `serial:${pair.hostPath}`
  return {
    printer,
    /** One job as the queue sends it; the bytes the printer took in and the time until it confirmed. */
    async send(blocks: Block[], profile: PrinterProfile): Promise<{ bytes: number; ms: number; plain: number }> {
      printer.reset()
      const started = performance.now()
      const status = await transport.status()
      if (status.state !== 'ready') throw new Error(`virtual printer not ready: ${status.state}`)
      const session = await keeper.begin(transport, profile, printerId)
      await transport.write(encodeDocument(blocks, profile, { pictures: session }))
      session.commit()
      const ms = performance.now() - started
      if (printer.problems().length > 0 || printer.refused().length > 0)
        throw new Error(`the printer found problems: ${JSON.stringify(printer.problems())}`)
      return { bytes: printer.receivedBytes, ms, plain: encodeDocument(blocks, profile).length }
    },
    async close() {
      await transport.close()
      await printer.close()
      await pair.close()
    },
  }
}

async function storedPictureFigures(t: TestPos) {
  const profile = profileFor(80, true, 'download')
  // The demo shop as installed: Khmer shop name, bilingual header and footer.
  const shop = {
    shopNameKm: DEFAULT_SETTINGS.shopNameKm,
    receiptHeader: DEFAULT_SETTINGS.receiptHeader,
    receiptFooter: DEFAULT_SETTINGS.receiptFooter,
  }
  const figures: Record<string, number> = {}
  for (const language of ['en', 'km'] as const) {
    await t.api.updateSettings({ ...shop, receiptLanguage: language }, t.approval(`demo shop, ${language}`))
    const rig = await pictureRig(t, 115_200)
    const receipt = async () => t.pos.printing.blocksOf(receiptJob(await typicalSale(t)), profile)
    const first = await rig.send(await receipt(), profile)
    const warm = await rig.send(await receipt(), profile)
    await rig.close()
    figures[`receipt_${language}_first_bytes`] = first.bytes
    figures[`receipt_${language}_warm_bytes`] = warm.bytes
    figures[`receipt_${language}_warm_plain_bytes`] = warm.plain
    figures[`receipt_${language}_warm_vs_plain`] = round(warm.bytes / warm.plain, 3)
    console.log(
      `${language} receipt, demo shop, printer keeping download graphics: first ${first.bytes} bytes, warm ${warm.bytes} bytes (plain raster ${warm.plain})`,
    )
  }
  const slow = await pictureRig(t, 9600)
  const receipt = async () => t.pos.printing.blocksOf(receiptJob(await typicalSale(t)), profile)
  await slow.send(await receipt(), profile)
  const warm = await slow.send(await receipt(), profile)
  await slow.close()
  const bound = (warm.bytes * 10 * 1000) / 9600
  figures.receipt_km_warm_ms_9600 = Math.round(warm.ms)
  figures.receipt_km_warm_line_rate_ms_9600 = Math.round(bound)
  figures.receipt_km_warm_ms_vs_line_rate = round(warm.ms / bound, 3)
  console.log(
    `warm Khmer receipt at 9600 baud: ${warm.bytes} bytes in ${Math.round(warm.ms)} ms (line-rate bound ${Math.round(bound)} ms)`,
  )
  return figures
}

function stickerFigures(t: TestPos) {
  const settings = t.pos.ledger.settings.get()
  const plain = profileFor(80)
  const payloads = (['KHR', 'USD'] as const).map((currency) => ({
    currency,
    payload: stickerPayload(settings, currency),
  }))
  const one = encodeDocument(
    stickerBlocks(stickerFaces(settings, payloads.slice(0, 1), ['T1-S00001']), plain, 'Q'),
    plain,
  )
  console.log(`one 80 mm KHQR sticker face (riel), printer keeping nothing: ${one.length} bytes`)
  return { sticker_bytes: one.length, pair: payloads }
}

/** The riel-and-dollar pair to a printer that keeps pictures: the second face's Khmer lines go by key. */
async function stickerPairBytes(t: TestPos, payloads: ReturnType<typeof stickerFigures>['pair']): Promise<number> {
  const profile = profileFor(80, true, 'download')
  const rig = await pictureRig(t, 115_200)
  const faces = stickerFaces(t.pos.ledger.settings.get(), payloads, ['T1-S00001'])
  const { bytes } = await rig.send(stickerBlocks(faces, profile, 'Q'), profile)
  await rig.close()
  return bytes
}

async function main(): Promise<void> {
  const t = await openTestPos({ signIn: 'manager' })
  const sale = await typicalSale(t)
  const profile = profileFor(80)
  const job = receiptJob(sale)
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
    `receipt, 10 lines, cash riel + KHQR dollars, plain raster: English shop ${englishBytes.length} bytes (encode ${round(encodeMs)} ms), Khmer shop ${khmerBytes.length} bytes (encode ${round(encodeKmMs)} ms)`,
  )
  console.log(
    `Khmer line, ${full.width}×${full.height} dots of ink on 576: ${round(rasterMs)} ms (bare canvas render ${round(bareMs)} ms)`,
  )

  const delivery: Record<string, number> = {}
  for (const baud of [9600, 115_200]) {
    const pair = await startSocatPair()
    const printer = await VirtualPrinter.open({ path: pair.printerPath, baudRate: baud })
    const transport = serialTo(pair.hostPath, baud)
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

  t.pos.ledger.settings.update({ demo: true }, { userId: t.manager.id, approverId: t.manager.id, reason: 'demo shop' })
  const stored = await storedPictureFigures(t)
  const sticker = stickerFigures(t)
  const stickerPair = await stickerPairBytes(t, sticker.pair)
  t.pos.close()

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
    ...stored,
    sticker_bytes: sticker.sticker_bytes,
    sticker_pair_bytes: stickerPair,
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
        receipt_en_warm_bytes: (stored.receipt_en_warm_bytes ?? Infinity) <= TARGETS.receipt_en_warm_bytes,
        receipt_km_warm_bytes: (stored.receipt_km_warm_bytes ?? Infinity) <= TARGETS.receipt_km_warm_bytes,
        receipt_km_warm_ms_9600: (stored.receipt_km_warm_ms_9600 ?? Infinity) <= TARGETS.receipt_km_warm_ms_9600,
        sticker_bytes: figures.sticker_bytes <= TARGETS.sticker_bytes,
      },
    }),
  )
}

await main()
