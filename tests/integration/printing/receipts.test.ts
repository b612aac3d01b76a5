import { afterEach, describe, expect, test } from 'vitest'
import { checkEscPos, type DecodedItem, decodedText } from '../../../electron/core/printing/decode.ts'
import { encodeDocument } from '../../../electron/core/printing/document.ts'
import { profileFor } from '../../../electron/core/printing/profiles.ts'
import type { PrintJobRow } from '../../../electron/core/printing/queue.ts'
import { verifyKhqr } from '../../../shared/khqr/index.ts'
import type { SaleView } from '../../../shared/views.ts'
import { scanRaster } from '../../fixtures/printing/escpos.ts'
import { BARCODES, openTestPos, type TestPos } from '../../support/pos.ts'

const opened: TestPos[] = []
afterEach(() => {
  for (const test of opened.splice(0)) test.pos.close()
})
async function till(): Promise<TestPos> {
  const t = await openTestPos({ signIn: 'manager' })
  opened.push(t)
  return t
}

/** The bytes a job would send, for a profile, decoded back. */
function paper(
  t: TestPos,
  job: Pick<PrintJobRow, 'kind' | 'object_id' | 'copy' | 'detail' | 'created_at'>,
  width: 58 | 80 = 80,
  nativeQr = true,
): DecodedItem[] {
  const profile = profileFor(width, nativeQr)
  const { items, problems } = checkEscPos(encodeDocument(t.pos.printing.blocksOf(job, profile), profile), {
    paperDots: profile.paperDots,
  })
  expect(items.filter((item) => item.type === 'unknown')).toEqual([])
  expect(problems).toEqual([])
  return items
}

function receiptJob(sale: SaleView, copy = 0) {
  return { kind: 'receipt' as const, object_id: sale.id, copy, detail: '{}', created_at: sale.completedAt ?? 0 }
}

function lineWith(lines: string[], start: string): string {
  const found = lines.find((line) => line.trimStart().startsWith(start))
  expect(found, `a line starting "${start}" in:\n${lines.join('\n')}`).toBeDefined()
  return found as string
}

describe('receipts decode to what was sold', () => {
  test('the header names the shop, its address, phone and VAT TIN as set up', async () => {
    const t = await till()
    await t.api.updateSettings(
      { shopAddress: 'No. 12, Street 63\nPhnom Penh', shopPhone: '012 345 678', vatTin: 'K001-901234567' },
      t.approval('the shop’s own details'),
    )
    await t.api.scanBarcode(BARCODES.water)
    const sale = await t.api.payCash('USD', 100)
    const lines = decodedText(paper(t, receiptJob(sale), 80)).map((line) => line.trim())
    const at = (text: string) => lines.indexOf(text)
    expect(at('No. 12, Street 63')).toBeGreaterThan(0)
    expect(at('Phnom Penh')).toBe(at('No. 12, Street 63') + 1)
    expect(at('012 345 678')).toBe(at('Phnom Penh') + 1)
    expect(at('VAT TIN K001-901234567')).toBe(at('012 345 678') + 1)
  })

  test('a Khmer-named sale in both currencies: names drawn, figures in printer text, change in dollars and riel', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.icedCoffee)
    await t.api.scanBarcode(BARCODES.icedCoffee)
    await t.api.scanBarcode(BARCODES.porkRice)
    await t.api.payCash('KHR', 10_000)
    const sale = await t.api.payCash('USD', 1000)
    const items = paper(t, receiptJob(sale), 80)
    const lines = decodedText(items)
    expect(lineWith(lines, 'Receipt')).toMatch(/^Receipt\s+T1-000001$/)
    expect(lineWith(lines, 'Date')).toMatch(/^Date\s+\d\d\/\d\d\/2026, \d\d:\d\d:\d\d$/)
    expect(lineWith(lines, 'TOTAL')).toMatch(/TOTAL\s+\$4\.95$/)
    expect(lineWith(lines, 'Total incl. VAT in KHR')).toMatch(/20,295 KHR$/)
    expect(lineWith(lines, 'Rate')).toMatch(/^Rate\s+\$1 = 4,100 KHR$/)
    expect(lineWith(lines, 'Cash KHR')).toMatch(/10,000 KHR$/)
    expect(lineWith(lines, 'Cash USD')).toMatch(/\$10\.00$/)
    // Paid 10 000 riel + $10 for $4.95 (20 295 riel): 30 705 riel over, so $7 and 2 005 riel, given as 2 000.
    expect(lineWith(lines, 'Change')).toMatch(/\$7\.00 \+ 2,000 KHR$/)
    expect(lineWith(lines, '2 x $1.50')).toMatch(/\$3\.00$/)
    // Khmer item names (and the Khmer shop name, header and footer) are images; the English ones are not printed.
    expect(lines.some((line) => line.includes('Iced coffee'))).toBe(false)
    // Khmer papers: every label in Khmer (drawn) above its English, the figures printer text.
    expect(items.filter((item) => item.type === 'raster').length).toBeGreaterThanOrEqual(2 + 3 + 10)
    expect(items.filter((item) => item.type === 'cut')).toHaveLength(1)
    expect(lines.some((line) => line.includes('COPY'))).toBe(false)
  })

  test('a riel-priced product prints its riel price and amount, with what it counts for in dollars beneath', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.porkRice)
    await t.api.scanBarcode(BARCODES.porkRice)
    const sale = await t.api.payCash('USD', 500)
    const lines = decodedText(paper(t, receiptJob(sale), 80))
    expect(lineWith(lines, '2 x 8,000 KHR')).toMatch(/16,000 KHR$/)
    expect(lines).toContainEqual(expect.stringMatching(/^\s+= \$3\.90$/))
    await t.api.updateSettings({ receiptLanguage: 'en' }, t.approval())
    const english = decodedText(paper(t, receiptJob(sale, 1), 58))
    expect(lineWith(english, '2 x Pork rice')).toMatch(/16,000 KHR$/)
    expect(lineWith(english, '@ 8,000 KHR').trim()).toBe('@ 8,000 KHR')
  })

  test('English names print as printer text; a reprint says COPY', async () => {
    const t = await till()
    await t.api.updateSettings({ receiptLanguage: 'en' }, t.approval())
    await t.api.scanBarcode(BARCODES.amok)
    const sale = await t.api.payCash('USD', 500)
    const lines = decodedText(paper(t, receiptJob(sale, 1), 58))
    expect(lineWith(lines, 'Fish amok')).toMatch(/\$4\.50$/)
    expect(lines.some((line) => line.includes('*** COPY ***'))).toBe(true)
    expect(lines.every((line) => line.length <= 32)).toBe(true)
  })

  test('KHQR tenders carry the Bakong reference, or UNVERIFIED when confirmed by hand', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.amok)
    await t.api.startKhqr('USD')
    const manual = await t.api.confirmKhqrByHand(t.approval('saw the app'))
    expect(decodedText(paper(t, receiptJob(manual))).some((line) => line.includes('UNVERIFIED'))).toBe(true)
    await t.api.scanBarcode(BARCODES.amok)
    const khqr = (await t.api.startKhqr('USD')).khqr as NonNullable<SaleView['khqr']>
    const paid = t.pos.ledger.sales.recordBakongPayment(
      {
        md5: khqr.md5,
        hash: 'c0ffee11'.repeat(8),
        amount: 450,
        currency: 'USD',
        toAccountId: 'demo_shop@demo',
        createdAt: khqr.createdAt + 1,
      },
      t.manager.id,
    )
    const lines = decodedText(paper(t, receiptJob(paid)))
    expect(lines.some((line) => /^\s*Ref\s+c0ffee11$/.test(line))).toBe(true)
    expect(lines.some((line) => line.includes('UNVERIFIED'))).toBe(false)
  })

  test('a refund slip names the receipt it refunds', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.amok)
    const sale = await t.api.payCash('USD', 500)
    const refund = await t.api.refundSale(
      {
        saleId: sale.id,
        lines: [{ lineId: sale.lines[0]?.id as string, quantity: 1 }],
        tenders: [{ kind: 'cash_usd', amount: 450 }],
      },
      t.approval(),
    )
    const lines = decodedText(paper(t, receiptJob(refund)))
    expect(lines.some((line) => line.trim() === 'REFUND')).toBe(true)
    expect(lineWith(lines, 'Refund of')).toMatch(/^Refund of\s+T1-000001$/)
    expect(lineWith(lines, 'REFUND ')).toMatch(/\$4\.50$/)
    // No VAT TIN: a refund slip, not a credit note.
    expect(lines.some((line) => line.includes('CREDIT NOTE'))).toBe(false)
  })
})

describe('void slips', () => {
  test('voiding a sale prints its receipt headed VOIDED (not COPY), and it is not counted as a reprint', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.amok)
    const sale = await t.api.payCash('USD', 500)
    await t.api.voidSale(sale.id, t.approval('wrong items'))
    const job = t.pos.ledger.context.db
      .prepare("SELECT * FROM print_jobs WHERE kind = 'receipt' AND object_id = ? AND copy = 1")
      .get(sale.id) as PrintJobRow
    const lines = decodedText(paper(t, job))
    expect(lines.some((line) => line.includes('*** VOIDED ***'))).toBe(true)
    expect(lines.some((line) => line.includes('COPY'))).toBe(false)
    expect(t.pos.ledger.shifts.xReport().reprints).toBe(0)
  })
})

describe('QR codes on paper are the KHQR they should be', () => {
  test('a bill carries the exact QR shown for the sale, native or as an image that scans', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.amok)
    const sale = (await t.api.startKhqr('KHR')) as SaleView
    const khqr = sale.khqr as NonNullable<SaleView['khqr']>
    const job = {
      kind: 'bill' as const,
      object_id: khqr.id,
      copy: 0,
      detail: JSON.stringify({ saleId: sale.id }),
      created_at: khqr.createdAt,
    }
    const native = paper(t, job, 80).find((item) => item.type === 'qr')
    expect(native?.type === 'qr' && native.payload).toBe(khqr.payload)
    const verdict = verifyKhqr(khqr.payload, { now: t.clock.now })
    expect(verdict.valid && verdict.fields.amount === 18_450 && verdict.fields.currency === 'KHR').toBe(true)
    const image = paper(t, job, 58, false).find((item) => item.type === 'raster' && item.width === item.height)
    expect(image?.type).toBe('raster')
    if (image?.type !== 'raster') return
    expect(scanRaster(image)).toBe(khqr.payload)
    t.clock.advance(300_000)
    expect(() => paper(t, job)).toThrow(/no longer waiting/)
  })

  test('stickers: per copy a riel and a dollar static KHQR of the shop account, riel first, marked, with its serial', async () => {
    const t = await till()
    const { serials } = await t.api.printStickers(3, 'Q')
    expect(serials).toEqual(['T1-S00001', 'T1-S00002', 'T1-S00003'])
    const row = t.pos.ledger.context.db.prepare("SELECT * FROM print_jobs WHERE kind = 'sticker'").get() as PrintJobRow
    const items = paper(t, row, 80)
    const qrs = items.filter((item) => item.type === 'qr')
    expect(qrs).toHaveLength(6)
    const currencies = qrs.map((qr) => {
      const verdict = qr.type === 'qr' ? verifyKhqr(qr.payload) : null
      expect(qr.type === 'qr' && qr.ecc).toBe('Q')
      expect(
        verdict?.valid &&
          verdict.fields.pointOfInitiation === 'static' &&
          verdict.fields.accountId === 'demo_shop@demo',
      ).toBe(true)
      return verdict?.valid ? verdict.fields.currency : null
    })
    expect(currencies).toEqual(['KHR', 'USD', 'KHR', 'USD', 'KHR', 'USD'])
    const lines = decodedText(items).map((line) => line.trim())
    // The band over each code says KHQR and its currency, in white on black (printer text, not a picture).
    const bands = items.filter((item) => item.type === 'text' && item.runs?.some((run) => run.invert))
    expect(bands.map((band) => (band.type === 'text' ? band.text.trim() : ''))).toEqual(
      Array.from({ length: 3 }, () => ['KHQR  KHR', 'KHQR  USD']).flat(),
    )
    for (const serial of serials) {
      expect(lines).toContain(`Sticker ${serial} KHR`)
      expect(lines).toContain(`Sticker ${serial} USD`)
    }
    expect(lines).toContain('demo_shop@[demo]')
  })
})
