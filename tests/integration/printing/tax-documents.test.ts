/**
 * The papers as the tax office and a Khmer-speaking owner read them, decoded from the bytes the
 * printer would get: Khmer papers label every figure in Khmer (drawn) above its English; a shop
 * with a VAT TIN issues numbered VAT invoices (seller's TIN, buyer's name and TIN, the amount before
 * tax, each tax, the riel total and the rate) and credit notes that name the invoice they correct;
 * a shop without one prints receipts; and the X and Z reports add up on paper.
 */
import { describe, expect, test } from 'vitest'
import { checkEscPos, type DecodedItem, decodedText } from '../../../electron/core/printing/decode.ts'
import { encodeDocument } from '../../../electron/core/printing/document.ts'
import { profileFor } from '../../../electron/core/printing/profiles.ts'
import type { PrintJobRow } from '../../../electron/core/printing/queue.ts'
import { PAPER_WORDS } from '../../../shared/paper-words.ts'
import type { SaleView, ShiftReport } from '../../../shared/views.ts'
import { BARCODES, codeOf, openTestPosPerTest, ownShop, type TestPos } from '../../support/pos.ts'

const till = openTestPosPerTest()

type Job = Pick<PrintJobRow, 'kind' | 'object_id' | 'copy' | 'detail' | 'created_at'>

/** The bytes a job would send, read by the strict decoder: nothing out of spec, nothing unknown. */
function bytesOf(t: TestPos, job: Job): DecodedItem[] {
  const profile = profileFor(80, true)
  const { items, problems } = checkEscPos(encodeDocument(t.pos.printing.blocksOf(job, profile), profile), {
    paperDots: profile.paperDots,
  })
  expect(items.filter((item) => item.type === 'unknown')).toEqual([])
  expect(problems).toEqual([])
  return items
}

const receipt = (sale: SaleView, copy = 0): Job => ({
  kind: 'receipt',
  object_id: sale.id,
  copy,
  detail: '{}',
  created_at: sale.completedAt ?? 0,
})
const report = (z: ShiftReport): Job => ({
  kind: 'report',
  object_id: z.shift.id,
  copy: 0,
  detail: JSON.stringify({ report: z }),
  created_at: z.generatedAt,
})

const ENGLISH_LABELS = Object.values(PAPER_WORDS)
  .map((words) => words.en)
  .sort((a, b) => b.length - a.length)

/**
 * Every printed line that starts with an English label is the English below its Khmer: the item
 * printed just before it is a drawn (raster) image. Returns the labels found, for the caller to check.
 */
function expectKhmerAboveEveryLabel(items: DecodedItem[]): string[] {
  const found: string[] = []
  items.forEach((item, index) => {
    if (item.type !== 'text') return
    const text = item.text.trim().replace(/^\*\*\* /, '')
    const label = ENGLISH_LABELS.find((english) => text === english || text.startsWith(`${english} `))
    if (!label) return
    found.push(label)
    // The drawn line sits in its band: blank feeds around it are not what the eye reads.
    const above = items
      .slice(0, index)
      .filter((each) => each.type !== 'feed')
      .at(-1)
    expect(above?.type, `the Khmer for "${item.text.trim()}" above it`).toBe('raster')
  })
  return found
}

function lineOf(lines: string[], pattern: RegExp): string {
  const found = lines.find((line) => pattern.test(line.trim()))
  expect(found, `a line like ${pattern} in:\n${lines.join('\n')}`).toBeDefined()
  return (found as string).trim()
}

describe('Khmer papers', () => {
  test('receipt, refund, void slip, KHQR bill, X and Z: every label in Khmer above its English', async () => {
    const t = await till({ signIn: 'manager' })
    const shop = await ownShop(t, { vatTin: 'K001-901234567' })
    expect((await t.api.getSettings()).receiptLanguage).toBe('km')
    await t.api.scanBarcode('8851000000017')
    await t.api.scanBarcode('8851000000024')
    await t.api.setLineDiscount(
      (await t.api.getCurrentSale())?.lines[0]?.id as string,
      { kind: 'percent', basisPoints: 1000 },
      shop.approval(),
    )
    const paid = await t.api.payCash('USD', 1000)
    const refund = await t.api.refundSale(
      {
        saleId: paid.id,
        lines: [{ lineId: paid.lines[1]?.id as string, quantity: 1 }],
        tenders: [{ kind: 'cash_khr', amount: 1000 }],
      },
      shop.approval('returned'),
    )
    await t.api.scanBarcode('8851000000017')
    const voided = await t.api.payCash('USD', 200)
    await t.api.voidSale(voided.id, shop.approval('rang twice'))
    await t.api.scanBarcode('8851000000017')
    const waiting = (await t.api.startKhqr('KHR')) as SaleView
    const khqr = waiting.khqr as NonNullable<SaleView['khqr']>
    const bill: Job = {
      kind: 'bill',
      object_id: khqr.id,
      copy: 0,
      detail: JSON.stringify({ saleId: waiting.id }),
      created_at: khqr.createdAt,
    }
    const x = await t.api.getXReport()

    const labels = new Set<string>()
    for (const job of [receipt(paid), receipt(refund), receipt(voided, 1), bill, report(x)])
      for (const label of expectKhmerAboveEveryLabel(bytesOf(t, job))) labels.add(label)
    for (const english of [
      'TAX INVOICE',
      'CREDIT NOTE',
      'Invoice',
      'Receipt',
      'TOTAL',
      'Total incl. VAT in KHR',
      'Rate',
      'Change',
      'Discount',
      'Expected cash',
      'Net sales',
      'X REPORT',
    ])
      expect(labels).toContain(english)

    await t.api.cancelKhqr()
    await t.api.cancelSale(shop.approval('test over'))
    const z = await t.api.closeShift({ usd: { '1000': 2 }, khr: {} })
    expect(expectKhmerAboveEveryLabel(bytesOf(t, report(z)))).toContain('Z REPORT')
  })

  test('an English paper has no Khmer labels: nothing drawn but the shop’s Khmer name', async () => {
    const t = await till({ signIn: 'manager' })
    const shop = await ownShop(t)
    await t.api.updateSettings({ receiptLanguage: 'en' }, shop.approval())
    await t.api.scanBarcode('8851000000017')
    const items = bytesOf(t, receipt(await t.api.payCash('USD', 200)))
    expect(lineOf(decodedText(items), /^RECEIPT$/)).toBe('RECEIPT')
    // Only the shop's own Khmer words are drawn (its name, header and footer), never above a label.
    items.forEach((item, index) => {
      if (item.type !== 'text') return
      const text = item.text.trim()
      if (ENGLISH_LABELS.some((english) => text === english || text.startsWith(`${english} `)))
        expect(
          items
            .slice(0, index)
            .filter((each) => each.type !== 'feed')
            .at(-1)?.type,
          text,
        ).not.toBe('raster')
    })
  })
})

describe('tax invoices', () => {
  test('with a VAT TIN: a numbered VAT invoice with the seller’s TIN, the buyer, each tax and the riel total', async () => {
    const t = await till({ signIn: 'manager' })
    const shop = await ownShop(t, { vatTin: 'K001-901234567' })
    await t.api.updateSettings({ receiptLanguage: 'en' }, shop.approval())
    await t.api.scanBarcode('8851000000017')
    await t.api.scanBarcode('8851000000024')
    expect(await codeOf(t.api.setSaleBuyer({ name: 'Angkor Trading Co., Ltd.', tin: 'K0019-01234567' }))).toBe(
      'input_invalid',
    )
    await t.api.setSaleBuyer({ name: 'Angkor Trading Co., Ltd.', tin: 'B112-900000001' })
    const first = await t.api.payCash('USD', 500)
    expect(first.invoice).toEqual({ number: 'T1-INV-000001', sellerTin: 'K001-901234567' })
    const lines = decodedText(bytesOf(t, receipt(first)))
    expect(lineOf(lines, /^TAX INVOICE$/)).toBeTruthy()
    expect(lineOf(lines, /^VAT TIN /)).toBe('VAT TIN K001-901234567')
    expect(lineOf(lines, /^Invoice\s/)).toMatch(/T1-INV-000001$/)
    expect(lineOf(lines, /^Buyer VAT TIN/)).toMatch(/B112-900000001$/)
    expect(lineOf(lines, /^Angkor Trading/)).toBe('Angkor Trading Co., Ltd.')
    // Prices include VAT here: the invoice states the amount before tax, then the VAT, then the total.
    const total = first.totals.total
    expect(lineOf(lines, /^Subtotal before tax/)).toMatch(
      new RegExp(`\\$${((total - first.totals.vatTotal) / 100).toFixed(2)}$`),
    )
    expect(lineOf(lines, /^VAT 10%/)).toMatch(new RegExp(`\\$${(first.totals.vatTotal / 100).toFixed(2)}$`))
    expect(lineOf(lines, /^Total incl\. VAT in KHR/)).toMatch(/[\d,]+ KHR$/)
    expect(lineOf(lines, /^Rate/)).toMatch(/\$1 = 4,100 KHR$/)

    // The next VAT invoice takes the next number; the buyer was this sale's only.
    await t.api.scanBarcode('8851000000024')
    const second = await t.api.payCash('KHR', 1000)
    expect([second.invoice?.number, second.buyer]).toEqual(['T1-INV-000002', null])

    // Its refund is a credit note in its own series, naming the invoice, at the invoice's rate.
    await t.api.setExchangeRate(4000, 'nbc', shop.approval('new rate'))
    const credit = await t.api.refundSale(
      {
        saleId: first.id,
        lines: [{ lineId: first.lines[0]?.id as string, quantity: 1 }],
        tenders: [{ kind: 'cash_usd', amount: 150 }],
      },
      shop.approval('returned'),
    )
    expect(credit.invoice?.number).toBe('T1-CN-000001')
    expect(credit.khrPerUsd).toBe(4100)
    const note = decodedText(bytesOf(t, receipt(credit)))
    expect(lineOf(note, /^CREDIT NOTE$/)).toBeTruthy()
    expect(lineOf(note, /^Refund of/)).toMatch(/T1-INV-000001$/)
    expect(lineOf(note, /^Credit note\s/)).toMatch(/T1-CN-000001$/)
    expect(lineOf(note, /^Rate/)).toMatch(/\$1 = 4,100 KHR$/)
  })

  test('beer carries the public lighting tax (5 % of a 20 % base) on its own line, before VAT; a refund gives it back', async () => {
    const t = await till({ signIn: 'manager' })
    const shop = await ownShop(t, { vatTin: 'K001-901234567' })
    await t.api.updateSettings({ receiptLanguage: 'en', taxInclusive: false }, shop.approval())
    const classes = await t.api.listVatClasses()
    expect(classes.find((vat) => vat.id === 'alcohol_tobacco')).toMatchObject({
      rateBasisPoints: 1000,
      pltRateBasisPoints: 500,
      pltBaseBasisPoints: 2000,
    })
    const beer = await t.api.saveProduct(
      {
        sku: 'BEER',
        nameEn: 'Angkor beer',
        nameKm: 'ស្រាបៀរអង្គរ',
        categoryId: null,
        price: 10_000,
        currency: 'KHR',
        vatClass: 'alcohol_tobacco',
        active: true,
        barcodes: [],
        soldBy: 'count',
        scaleCode: null,
      },
      null,
      shop.approval('beer'),
    )
    await t.api.addProduct(beer.id, 2)
    await t.api.setSaleCurrency('KHR')
    await t.api.scanBarcode('8851000000024') // water, VAT only
    const sale = await t.api.payCash('KHR', 30_000)
    // Beer 20,000 riel: PLT 1 % = 200, VAT 10 % of 20,200 = 2,020; water 1,000 riel: VAT 100.
    expect(sale.totals).toMatchObject({ subtotal: 21_000, pltTotal: 200, vatTotal: 2120, total: 23_320 })
    const lines = decodedText(bytesOf(t, receipt(sale)))
    expect(lineOf(lines, /^Subtotal before tax/)).toMatch(/21,000 KHR$/)
    expect(lineOf(lines, /^Public lighting tax/)).toMatch(/200 KHR$/)
    expect(lineOf(lines, /^VAT 10%/)).toMatch(/2,120 KHR$/)
    expect(lineOf(lines, /^TOTAL/)).toMatch(/23,320 KHR$/)
    const event = JSON.parse(
      t.pos.ledger.context.db
        .prepare("SELECT payload FROM outbox WHERE type = 'sale.completed' ORDER BY seq DESC")
        .pluck()
        .get() as string,
    )
    expect(event.totals).toMatchObject({ plt_minor: 200, vat_minor: 2120 })
    const credit = await t.api.refundSale(
      {
        saleId: sale.id,
        lines: [{ lineId: sale.lines[0]?.id as string, quantity: 1 }],
        tenders: [{ kind: 'cash_khr', amount: 11_100 }],
      },
      shop.approval('one can was flat'),
    )
    expect(credit.totals).toMatchObject({ subtotal: 10_000, pltTotal: 100, vatTotal: 1010, total: 11_110 })
    const z = await t.api.closeShift({ usd: {}, khr: {} })
    expect(z.plt).toEqual({ usd: 0, khr: 100 })
  })

  test('without a VAT TIN (or in the demo): a receipt, with no invoice number and no TIN', async () => {
    const demo = await till({ signIn: 'manager' })
    await demo.api.updateSettings({ vatTin: 'K001-901234567', receiptLanguage: 'en' }, demo.approval())
    await demo.api.scanBarcode(BARCODES.amok)
    const practice = await demo.api.payCash('USD', 500)
    expect(practice.invoice).toBeNull()

    const t = await till({ signIn: 'manager' })
    const shop = await ownShop(t)
    await t.api.updateSettings({ receiptLanguage: 'en' }, shop.approval())
    await t.api.scanBarcode('8851000000017')
    const sale = await t.api.payCash('USD', 200)
    expect(sale.invoice).toBeNull()
    const lines = decodedText(bytesOf(t, receipt(sale)))
    expect(lineOf(lines, /^RECEIPT$/)).toBeTruthy()
    expect(lines.some((line) => /TAX INVOICE|VAT TIN|^\s*Invoice\s/.test(line))).toBe(false)
    expect(lineOf(lines, /^Total incl\. VAT in KHR/)).toMatch(/ 6,150 KHR$/)
  })
})

describe('X and Z reports add up on paper', () => {
  /** The figures of a money line, per currency, as printed under a label: "$12.50" and "40,000 KHR". */
  function figuresUnder(lines: string[], label: string): { usd: number; khr: number } {
    const at = lines.findIndex((line) => line.trim() === label || line.trim().startsWith(`${label} `))
    const figures = { usd: 0, khr: 0 }
    if (at < 0) return figures
    for (let i = at; i < lines.length; i++) {
      const line = lines[i] as string
      if (i > at && line.trim() !== '' && !/^\s/.test(line) && !/^[-+=] /.test(line.trim())) break
      const usd = /([-+=] )?(-?)\$([\d,]+)\.(\d\d)$/.exec(line.trim())
      const khr = /([-+=] )?(-?)([\d,]+) KHR$/.exec(line.trim())
      // "- $5.00" went out; "= -$1.00" is a negative sum.
      const sign = (match: RegExpExecArray) => (match[1] === '- ' ? -1 : 1) * (match[2] === '-' ? -1 : 1)
      if (usd) figures.usd = sign(usd) * Number((usd[3] as string).replaceAll(',', '') + usd[4])
      else if (khr) figures.khr = sign(khr) * Number((khr[3] as string).replaceAll(',', ''))
      if (i > at && !usd && !khr) break
    }
    return figures
  }

  test('a scripted day: float + cash sales − change + cash in − cash out − refunds in cash − void cash = expected', async () => {
    const t = await till({ signIn: 'manager' })
    const shop = await ownShop(t)
    await t.api.updateSettings({ receiptLanguage: 'en' }, shop.approval())
    // Cash in dollars with riel change, cash in riel, KHQR, a mixed tender, a refund in cash, a void, pay-outs.
    await t.api.scanBarcode('8851000000017')
    await t.api.scanBarcode('8851000000017')
    const a = await t.api.payCash('USD', 500)
    await t.api.scanBarcode('8851000000024')
    await t.api.payCash('KHR', 5000)
    await t.api.scanBarcode('8851000000017')
    await t.api.startKhqr('USD')
    await t.api.confirmKhqrByHand(shop.approval('saw the app'))
    await t.api.scanBarcode('8851000000017')
    await t.api.payCash('KHR', 2000)
    await t.api.payCash('USD', 200)
    await t.api.scanBarcode('8851000000024')
    const voided = await t.api.payCash('KHR', 1000)
    await t.api.voidSale(voided.id, shop.approval('wrong'))
    await t.api.refundSale(
      {
        saleId: a.id,
        lines: [{ lineId: a.lines[0]?.id as string, quantity: 1 }],
        tenders: [{ kind: 'cash_usd', amount: 150 }],
      },
      shop.approval('returned'),
    )
    await t.api.moveCash(
      { direction: 'in', currency: 'KHR', amount: 20_000, reason: 'change from the bank' },
      shop.approval(),
    )
    await t.api.moveCash({ direction: 'out', currency: 'USD', amount: 500, reason: 'ice' }, shop.approval())
    const z = await t.api.closeShift({ usd: { '2000': 1, '500': 1 }, khr: { '50000': 1, '10000': 1 } })
    const lines = decodedText(bytesOf(t, report(z)))

    const float = figuresUnder(lines, 'Opening float')
    const cashSales = figuresUnder(lines, 'Cash sales (less change)')
    const cashIn = figuresUnder(lines, 'Cash in')
    const cashOut = figuresUnder(lines, 'Cash out')
    const refunds = figuresUnder(lines, 'Refunds paid in cash')
    const voids = figuresUnder(lines, 'Cash back on voids')
    const expected = figuresUnder(lines, 'Expected cash')
    expect(float).toEqual({ usd: 2000, khr: 40_000 })
    for (const currency of ['usd', 'khr'] as const)
      expect(
        float[currency] +
          cashSales[currency] +
          cashIn[currency] +
          cashOut[currency] +
          refunds[currency] +
          voids[currency],
      ).toBe(expected[currency])
    expect(expected).toEqual(z.expectedCash)
    expect(figuresUnder(lines, 'Counted')).toEqual({ usd: 2500, khr: 60_000 })
    expect(figuresUnder(lines, 'Over (+) / short (-)')).toEqual({
      usd: 2500 - z.expectedCash.usd,
      khr: 60_000 - z.expectedCash.khr,
    })
    // Net sales = sales − refunds − voids, per currency of sale.
    const sales = figuresUnder(lines, 'Sales')
    const net = figuresUnder(lines, 'Net sales')
    expect(net.usd).toBe(sales.usd + figuresUnder(lines, 'Refunds').usd + figuresUnder(lines, 'Voids').usd)
    // KHQR: one confirmed by hand and not yet verified.
    expect(lineOf(lines, /^KHQR confirmed by hand/)).toMatch(/1$/)
    expect(lineOf(lines, /^KHQR still unverified/)).toMatch(/\$1\.50$/)
    // Riel is whole everywhere; zero lines are left out.
    expect(lines.filter((line) => /\d\.\d+ KHR/.test(line))).toEqual([])
    expect(lines.some((line) => /^Discounts given/.test(line.trim()))).toBe(false)
  })
})
