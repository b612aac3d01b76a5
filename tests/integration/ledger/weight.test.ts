import { describe, expect, test } from 'vitest'
import { receiptBlocks } from '../../../electron/core/printing/receipt-layout.ts'
import { scaleLabelBarcode } from '../../../shared/scale-label.ts'
import type { ProductInput } from '../../../shared/views.ts'
import { codeOf, openTestPosPerTest, type TestPos } from '../../support/pos.ts'

const till = openTestPosPerTest()

const PORK: ProductInput = {
  sku: 'PORK-KG',
  nameEn: 'Pork belly',
  nameKm: 'សាច់ជ្រូកបីជាន់',
  categoryId: null,
  price: 24_000, // ៛24,000 per kilogram
  currency: 'KHR',
  vatClass: 'standard',
  active: true,
  barcodes: [],
  soldBy: 'weight',
  scaleCode: '00042',
}
const LAYOUT = { itemDigits: 5, embeds: 'weight' } as const

async function withPork(t: TestPos) {
  return await t.api.saveProduct(PORK, null, t.approval('new product'))
}

function outboxLines(t: TestPos, type: string): Record<string, unknown>[] {
  const row = t.pos.ledger.context.db
    .prepare('SELECT payload FROM outbox WHERE type = ? ORDER BY seq DESC LIMIT 1')
    .pluck()
    .get(type) as string
  return (JSON.parse(row) as { lines: Record<string, unknown>[] }).lines
}

async function receiptText(t: TestPos, saleId: string): Promise<string> {
  const sale = await t.api.getSale(saleId)
  const settings = t.pos.ledger.settings.get()
  return receiptBlocks(
    sale,
    { settings, terminalLabel: 'T1', timeZone: settings.timeZone },
    { copy: false, language: 'en' },
  )
    .map((block) => ('left' in block ? `${block.left} | ${block.right}` : 'text' in block ? block.text : ''))
    .join('\n')
}

describe('selling by weight', () => {
  test('a product sold by weight keeps its kind and its scale item code (leading zeros not significant)', async () => {
    const t = await till({ signIn: 'manager' })
    const pork = await withPork(t)
    expect(pork).toMatchObject({ soldBy: 'weight', scaleCode: '42' })
    expect((await t.api.findProductByBarcode('8850000000011'))?.soldBy).toBe('count')
    const clash = { ...PORK, sku: 'BEEF-KG', nameEn: 'Beef', scaleCode: '42' }
    expect(await codeOf(t.api.saveProduct(clash, null, t.approval()))).toBe('scale_code_taken')
    expect(await codeOf(t.api.saveProduct({ ...clash, scaleCode: '000' }, null, t.approval()))).toBe(
      'scale_code_invalid',
    )
  })

  test('grams × price per kg, rounded by the one rule; each weighing its own line; receipt and event carry grams', async () => {
    const t = await till({ signIn: 'manager' })
    const pork = await withPork(t)
    await t.api.addProduct(pork.id, 455) // 0.455 kg × ៛24,000 = ៛10,920
    let sale = await t.api.addProduct(pork.id, 1250)
    expect(sale.lines.map((line) => [line.soldBy, line.quantity])).toEqual([
      ['weight', 455],
      ['weight', 1250],
    ])
    expect(sale.currency).toBe('USD')
    // In the dollar sale the kilo price is ៛24,000 / 4,100 = $5.85 per kg; the line's own riel figure stays exact.
    expect(sale.lines[0]).toMatchObject({ unitPrice: 585, gross: 266 }) // 0.455 × 585 = 266.175 → 266
    sale = await t.api.setSaleCurrency('KHR')
    expect(sale.lines.map((line) => line.gross)).toEqual([10_920, 30_000])
    expect(sale.totals.total).toBe(40_920)
    sale = await t.api.payCash('KHR', 41_000)
    expect(sale.state).toBe('paid')
    expect(outboxLines(t, 'sale.completed').map((line) => [line.qty, line.sold_by])).toEqual([
      [455, 'weight'],
      [1250, 'weight'],
    ])
    const text = await receiptText(t, sale.id)
    expect(text).toContain('0.455 kg @ 24,000 KHR/kg')
    expect(text).toContain('1.250 kg @ 24,000 KHR/kg')
  })

  test('a scale label rings up its product with the weight on it; a misread or unknown label is refused', async () => {
    const t = await till({ signIn: 'manager' })
    await t.api.updateSettings({ saleCurrency: 'KHR' }, t.approval('sell in riel'))
    await withPork(t)
    const sale = await t.api.scanBarcode(scaleLabelBarcode(21, '00042', 612, LAYOUT))
    expect(sale.lines[0]).toMatchObject({ sku: 'PORK-KG', soldBy: 'weight', quantity: 612, gross: 14_688 })
    const label = scaleLabelBarcode(21, '00042', 612, LAYOUT)
    const misread = `${label.slice(0, 12)}${(Number(label[12]) + 1) % 10}`
    expect(await codeOf(t.api.scanBarcode(misread))).toBe('scale_label_misread')
    expect(await codeOf(t.api.scanBarcode(scaleLabelBarcode(21, '00077', 612, LAYOUT)))).toBe('scale_item_unknown')
    expect((await t.api.getCurrentSale())?.lines).toHaveLength(1)
  })

  test('a price label is one pack at the printed price, in the product currency', async () => {
    const t = await till({ signIn: 'manager' })
    await t.api.updateSettings(
      { saleCurrency: 'KHR', scaleLabels: { itemDigits: 5, embeds: 'price' } },
      t.approval('labels'),
    )
    await withPork(t)
    await t.api.scanBarcode(scaleLabelBarcode(22, '42', 12_300, { itemDigits: 5, embeds: 'price' }))
    const sale = await t.api.scanBarcode(scaleLabelBarcode(22, '42', 8_100, { itemDigits: 5, embeds: 'price' }))
    expect(sale.lines.map((line) => [line.soldBy, line.quantity, line.gross])).toEqual([
      ['count', 1, 12_300],
      ['count', 1, 8_100],
    ])
  })

  test('a weighed line is refunded by grams; the parts add up to the line exactly', async () => {
    const t = await till({ signIn: 'manager' })
    await t.api.updateSettings({ saleCurrency: 'KHR' }, t.approval('sell in riel'))
    const pork = await withPork(t)
    let sale = await t.api.addProduct(pork.id, 777) // ៛18,648
    sale = await t.api.payCash('KHR', 20_000)
    const line = sale.lines[0]?.id as string
    const part = await t.api.quoteRefund({ saleId: sale.id, lines: [{ lineId: line, quantity: 333 }] })
    const first = await t.api.refundSale(
      {
        saleId: sale.id,
        lines: [{ lineId: line, quantity: 333 }],
        tenders: [{ kind: 'cash_khr', amount: part.total }],
      },
      t.approval('too much fat'),
    )
    expect(first.lines[0]).toMatchObject({ soldBy: 'weight', quantity: 333 })
    const rest = await t.api.quoteRefund({ saleId: sale.id, lines: [{ lineId: line, quantity: 444 }] })
    expect(part.total + rest.total).toBe(18_648)
    expect(outboxLines(t, 'refund.created')[0]).toMatchObject({ qty: 333, sold_by: 'weight' })
    expect(await codeOf(t.api.quoteRefund({ saleId: sale.id, lines: [{ lineId: line, quantity: 445 }] }))).toBe(
      'refund_too_many',
    )
  })

  test('the catalog CSV carries sold_by and scale_code both ways', async () => {
    const t = await till({ signIn: 'manager' })
    const csv = 'sku,name_en,name_km,price,currency,sold_by,scale_code\r\nFISH-KG,Fish,ត្រី,18000,KHR,kg,7\r\n'
    expect(await t.api.importProductsCsv(csv, t.approval('import'))).toMatchObject({ created: 1, errors: [] })
    const bad = 'sku,name_en,name_km,price,currency,sold_by\r\nX-1,X,អ,1,USD,litre\r\n'
    expect((await t.api.previewProductsCsv(bad)).errors).toEqual([
      expect.objectContaining({ line: 2, column: 'sold_by', code: 'sold_by_invalid' }),
    ])
    const exported = await t.api.exportProductsCsv()
    expect(exported.content).toMatch(/FISH-KG,Fish,ត្រី,,,18000,KHR,standard,,yes,weight,7/)
  })
})

test('a price-label line is never merged into by a plain scan of the same product', async () => {
  const t = await till({ signIn: 'manager' })
  await t.api.updateSettings(
    { saleCurrency: 'KHR', scaleLabels: { itemDigits: 5, embeds: 'price' } },
    t.approval('labels'),
  )
  const pork = await t.api.saveProduct({ ...PORK, soldBy: 'count' }, null, t.approval('per pack'))
  await t.api.scanBarcode(scaleLabelBarcode(22, '42', 12_300, { itemDigits: 5, embeds: 'price' }))
  const sale = await t.api.addProduct(pork.id, 2)
  expect(sale.lines.map((line) => [line.quantity, line.gross])).toEqual([
    [1, 12_300],
    [2, 48_000],
  ])
})
