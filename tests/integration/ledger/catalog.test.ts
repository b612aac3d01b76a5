import { afterEach, describe, expect, test } from 'vitest'
import { parseCsv } from '../../../electron/core/ledger/csv.ts'
import { codeOf, openTestPos, type TestPos } from '../../support/pos.ts'

const opened: TestPos[] = []
afterEach(() => {
  for (const test of opened.splice(0)) test.pos.close()
})
async function till(): Promise<TestPos> {
  const t = await openTestPos()
  opened.push(t)
  return t
}

const GOOD_CSV = [
  '\uFEFFsku,name_en,name_km,category,price,currency,vat_class,barcodes,active',
  'TEA-1,Green tea,តែបៃតង,Drinks,1.25,USD,standard,8851111111111,yes',
  'NOOD-1,"Noodles, beef",មីសាច់គោ,Food,"6,000",KHR,standard,8852222222222|8852222222229,yes',
  'RICE-9,Broken rice 1 kg,អង្ករបាក់ ១គ.ក,Rice,4500,KHR,exempt,,no',
].join('\r\n')

describe('catalog', () => {
  test('a preview says what the import would do, by line and column, and writes nothing', async () => {
    const t = await openTestPos({ signIn: 'manager' })
    opened.push(t)
    const before = await t.api.listCategories()
    expect(await t.api.previewProductsCsv(GOOD_CSV)).toEqual({ created: 3, updated: 0, errors: [] })
    expect(await t.api.findProductByBarcode('8851111111111')).toBeNull()
    expect(await t.api.listCategories()).toEqual(before)
    const bad = `${GOOD_CSV}\r\nBAD-1,Bad,ខូច,,ten,USD,standard,,yes`
    const preview = await t.api.previewProductsCsv(bad)
    expect(preview.errors).toEqual([expect.objectContaining({ line: 5, column: 'price', code: 'amount_invalid' })])
    expect(preview.created).toBe(0)
    const audits = t.pos.ledger.context.db
      .prepare("SELECT count(*) FROM audit_log WHERE action = 'catalog.imported'")
      .pluck()
    expect(audits.get()).toBe(0)
  })

  test('every mistake of a row is named at once, with the value found; categories take their Khmer names', async () => {
    const t = await openTestPos({ signIn: 'manager' })
    opened.push(t)
    const csv = [
      'sku,name_en,name_km,category,category_km,price,currency,active,sold_by',
      'OK-1,Chilli sauce,ទឹកម្ទេស,Spices,គ្រឿងទេស,1.00,USD,yes,count',
      'BAD-1,Three mistakes,,Spices,គ្រឿងទេស,one,USD,maybe,count',
      'OK-1,Twice,ពីរដង,Spices,គ្រឿងទេស,2.00,USD,yes,count',
    ].join('\n')
    const preview = await t.api.previewProductsCsv(csv)
    expect(preview.errors.map((problem) => [problem.line, problem.column, problem.code, problem.value])).toEqual([
      [3, 'price', 'amount_invalid', 'one'],
      [3, 'active', 'active_invalid', 'maybe'],
      [3, 'name_km', 'value_invalid', ''],
      [4, 'sku', 'sku_duplicate', 'OK-1'],
    ])
    expect(preview.errors[3]?.otherLine).toBe(2)
    const fixed = csv.split('\n').slice(0, 2).join('\n')
    await t.api.importProductsCsv(fixed, t.approval('spices'))
    expect((await t.api.listCategories()).find((category) => category.nameEn === 'Spices')?.nameKm).toBe('គ្រឿងទេស')
    expect((await t.api.exportProductsCsv()).content).toContain('OK-1,Chilli sauce,ទឹកម្ទេស,Spices,គ្រឿងទេស,1.00,USD')
  })

  test('the catalog exported as CSV imports again unchanged, Khmer names and commas and all', async () => {
    const t = await openTestPos({ signIn: 'manager' })
    opened.push(t)
    await t.api.importProductsCsv(GOOD_CSV, t.approval('stock list'))
    const exported = await t.api.exportProductsCsv()
    expect(exported.fileName).toMatch(/^products-\d{4}-\d\d-\d\d\.csv$/)
    expect(exported.content).toContain(
      'NOOD-1,"Noodles, beef",មីសាច់គោ,Food,អាហារ,6000,KHR,standard,8852222222222|8852222222229,yes',
    )
    expect(exported.content).toContain('RICE-9,Broken rice 1 kg,អង្ករបាក់ ១គ.ក,Rice,Rice,4500,KHR,exempt,,no')
    const again = await t.api.previewProductsCsv(exported.content)
    expect(again.errors).toEqual([])
    expect(again.created).toBe(0)
    expect(await t.api.importProductsCsv(exported.content, t.approval('round trip'))).toMatchObject({ created: 0 })
    expect(await t.api.findProductByBarcode('8852222222229')).toMatchObject({ price: 6000, currency: 'KHR' })
  })

  test('a name a spreadsheet would run as a formula is exported as text and imported back as it was', async () => {
    const t = await openTestPos({ signIn: 'manager' })
    opened.push(t)
    const csv = ['sku,name_en,name_km,price,currency', 'EVIL-1,"=HYPERLINK(""http://x"")",+ប្រូម៉ូសិន,1.00,USD'].join('\r\n')
    await t.api.importProductsCsv(csv, t.approval('promo'))
    const exported = await t.api.exportProductsCsv()
    expect(exported.content.startsWith('\uFEFF')).toBe(true)
    expect(exported.content).toContain(`EVIL-1,"'=HYPERLINK(""http://x"")",'+ប្រូម៉ូសិន,`)
    await t.api.importProductsCsv(exported.content, t.approval('round trip'))
    const [product] = await t.api.searchProducts('EVIL-1')
    expect(product).toMatchObject({ nameEn: '=HYPERLINK("http://x")', nameKm: '+ប្រូម៉ូសិន' })
  })

  test('the manager’s list: a search inside the filters, products off sale found too, by Khmer name, a page at a time', async () => {
    const t = await openTestPos({ signIn: 'manager' })
    opened.push(t)
    await t.api.importProductsCsv(GOOD_CSV, t.approval('stock list'))
    const skus = async (query: Partial<Parameters<typeof t.api.listProducts>[0]>) =>
      (await t.api.listProducts({ categoryId: null, offset: 0, limit: 50, ...query })).map((product) => product.sku)
    // RICE-9 is not for sale: the till's search leaves it out, the manager's list finds it.
    expect((await t.api.searchProducts('Broken rice')).map((product) => product.sku)).toEqual([])
    expect(await skus({ text: 'Broken rice', status: 'all' })).toEqual(['RICE-9'])
    expect(await skus({ text: 'Broken rice', status: 'active' })).toEqual([])
    expect(await skus({ text: 'ri', status: 'inactive' })).toEqual(['RICE-9']) // two characters: a scan
    expect(await skus({ text: 'អង្ករបាក់', status: 'all' })).toEqual(['RICE-9'])
    expect(await skus({ text: 'អង្ករ', status: 'all' })).toEqual(['RICE-9', 'DEMO-008'])
    const categories = await t.api.listCategories()
    const named = (name: string) => categories.find((category) => category.nameEn === name)?.id as string
    expect(await skus({ text: 'beef', status: 'all', categoryId: named('Food') })).toEqual(['NOOD-1'])
    expect(await skus({ text: 'beef', status: 'all', categoryId: named('Drinks') })).toEqual([])
    const byKm = await t.api.listProducts({ categoryId: null, offset: 0, limit: 50, status: 'all', orderBy: 'name_km' })
    const namesKm = byKm.map((product) => product.nameKm)
    expect(namesKm.length).toBeGreaterThan(3)
    expect(namesKm).toEqual([...namesKm].sort())
    const all = await skus({ status: 'all', orderBy: 'sku' })
    const paged = [
      ...(await skus({ status: 'all', orderBy: 'sku', limit: 2 })),
      ...(await skus({ status: 'all', orderBy: 'sku', limit: 2, offset: 2 })),
    ]
    expect(paged).toEqual(all.slice(0, 4))
    expect(
      await codeOf(
        t.api.listProducts({ categoryId: null, offset: 0, limit: 10, orderBy: 'price; DROP TABLE sales' as 'sku' }),
      ),
    ).toBe('input_invalid')
  })

  test('RFC 4180 CSV: quotes, commas and line breaks inside fields, BOM, CRLF', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, ""y""","line\nbreak"\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, "y"', 'line\nbreak'] },
    ])
  })

  test('imports a bilingual CSV, creating categories; importing it again changes nothing', async () => {
    const t = await till()
    expect(await t.api.importProductsCsv(GOOD_CSV, t.approval('new stock list'))).toEqual({
      created: 3,
      updated: 0,
      errors: [],
    })
    expect(await t.api.importProductsCsv(GOOD_CSV, t.approval('again'))).toEqual({ created: 0, updated: 3, errors: [] })
    const noodles = await t.api.findProductByBarcode('8852222222229')
    expect(noodles).toMatchObject({
      sku: 'NOOD-1',
      nameEn: 'Noodles, beef',
      nameKm: 'មីសាច់គោ',
      price: 6000,
      currency: 'KHR',
    })
    expect((await t.api.searchProducts('RICE')).map((product) => product.sku)).not.toContain('RICE-9') // inactive
    expect((await t.api.listCategories()).map((category) => category.nameEn)).toEqual(
      expect.arrayContaining(['Drinks', 'Food', 'Rice']),
    )
  })

  test('a file with bad rows writes nothing and names every problem by line and column', async () => {
    const t = await till()
    const csv = [
      'sku,name_en,name_km,price,currency,barcodes',
      'A-1,Apple,ផ្លែប៉ោម,0.50,USD,',
      'A-2,Banana,ចេក,1.234,USD,',
      'A-3,Cake,នំ,500.5,KHR,',
      'A-1,Duplicate,ស្ទួន,1,USD,',
      'A-5,,ទទេ,1,USD,',
      'A-6,Egg,ពង,1,EUR,',
      'A-7,Fish,ត្រី,1,USD,8850000000011',
      'A-8,Short row',
    ].join('\n')
    const result = await t.api.importProductsCsv(csv, t.approval())
    expect(result.created + result.updated).toBe(0)
    expect(result.errors.map((error) => [error.line, error.column, error.code])).toEqual([
      [3, 'price', 'amount_invalid'],
      [4, 'price', 'amount_invalid'],
      [5, 'sku', 'sku_duplicate'],
      [6, 'name_en', 'value_invalid'],
      [7, 'currency', 'currency_invalid'],
      [8, 'barcodes', 'barcode_taken'],
      [9, null, 'csv_field_count'],
    ])
    expect(await t.api.searchProducts('Apple')).toEqual([])
  })

  test('search finds English, Khmer and SKU substrings; barcodes are unique', async () => {
    const t = await till()
    expect((await t.api.searchProducts('coffee')).map((product) => product.sku)).toEqual(['DEMO-001'])
    expect((await t.api.searchProducts('កាហ្វេ')).map((product) => product.sku)).toEqual(['DEMO-001'])
    expect((await t.api.searchProducts('ទឹ')).map((product) => product.sku).sort()).toEqual([
      'DEMO-001',
      'DEMO-002',
      'DEMO-003',
    ]) // កាហ្វេទឹកកក, ទឹកសុទ្ធ, ទឹកអំពៅ
    expect((await t.api.searchProducts('demo-00')).length).toBe(9)
    expect((await t.api.searchProducts('50%')).length).toBe(0)
    const input = {
      sku: 'NEW-1',
      nameEn: 'New',
      nameKm: 'ថ្មី',
      categoryId: null,
      price: 100,
      currency: 'USD' as const,
      vatClass: 'standard',
      active: true,
      barcodes: ['8850000000011'],
    }
    expect(await codeOf(t.api.saveProduct(input, null, t.approval()))).toBe('barcode_taken')
    const saved = await t.api.saveProduct({ ...input, barcodes: ['123'] }, null, t.approval())
    expect(saved).toMatchObject({ sku: 'NEW-1', barcodes: ['123'], demo: false })
  })
})

describe('categories', () => {
  test('a manager adds, renames and orders the categories the cashier’s tabs show; a name twice is refused', async () => {
    const t = await openTestPos({ signIn: 'manager' })
    opened.push(t)
    const fruit = await t.api.saveCategory({ nameEn: 'Fruit', nameKm: 'ផ្លែឈើ' }, null, t.approval('new shelf'))
    expect((await t.api.listCategories()).at(-1)).toEqual(fruit)
    expect(await codeOf(t.api.saveCategory({ nameEn: 'fruit', nameKm: 'ផ្លែ' }, null, t.approval('again')))).toBe(
      'category_name_taken',
    )
    await t.api.saveCategory({ nameEn: 'Fresh fruit', nameKm: 'ផ្លែឈើស្រស់' }, fruit.id, t.approval('renamed'))
    const before = (await t.api.listCategories()).map((category) => category.id)
    const moved = await t.api.moveCategory(fruit.id, 'up', t.approval('closer to the front'))
    const after = moved.map((category) => category.id)
    expect(after.indexOf(fruit.id)).toBe(before.indexOf(fruit.id) - 1)
    expect((await t.api.listCategories()).map((category) => category.nameEn)).toEqual(moved.map((c) => c.nameEn))
    expect(moved.find((category) => category.id === fruit.id)?.nameKm).toBe('ផ្លែឈើស្រស់')
    // The first one moved up stays first.
    const first = moved[0]?.id as string
    expect((await t.api.moveCategory(first, 'up', t.approval('no-op'))).map((c) => c.id)).toEqual(after)
  })
})
