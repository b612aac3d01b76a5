import { productInput } from '../../../shared/checks.ts'
import { isCurrency, MoneyError, parseMoneyInput } from '../../../shared/money/index.ts'
import { InputError } from '../../../shared/schema.ts'
import type { CsvRowError, ProductInput } from '../../../shared/views.ts'
import { CsvSyntaxError, parseCsv } from './csv.ts'

/** The columns of a catalog CSV. `sku`, both names, `price` and `currency` are required. */
export const CSV_COLUMNS = [
  'sku',
  'name_en',
  'name_km',
  'category',
  'category_km',
  'price',
  'currency',
  'vat_class',
  'barcodes',
  'active',
  'sold_by',
  'scale_code',
] as const

const REQUIRED = ['sku', 'name_en', 'name_km', 'price', 'currency'] as const

export interface CsvRow {
  line: number
  input: ProductInput
  category: { nameEn: string; nameKm: string } | null
}

/** What the file's rows are checked against: the catalog as it stands. */
export interface CsvLookups {
  vatClasses: ReadonlySet<string>
  /** The SKU of the product that holds this barcode now, if any. */
  barcodeOwner(code: string): string | null
  skuExists(sku: string): boolean
}

/** The cell as found, short enough to show beside the problem. */
const shownValue = (value: string) => (value.length > 40 ? `${value.slice(0, 39)}…` : value)

/**
 * Reads a product CSV into rows to write, or every problem in it: each by line and column with a
 * code the screens put in words, the value found, and (for a duplicate) the other line. Every
 * field of every row is checked, so a row with three mistakes shows all three at once.
 */
export function readProductCsv(text: string, lookups: CsvLookups): { rows: CsvRow[]; errors: CsvRowError[] } {
  let records: ReturnType<typeof parseCsv>
  try {
    records = parseCsv(text)
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return { rows: [], errors: [{ line: error.line, column: null, code: 'csv_syntax', message: error.message }] }
    throw error
  }
  const header = records.shift()
  if (!header)
    return { rows: [], errors: [{ line: 1, column: null, code: 'csv_empty', message: 'The file is empty.' }] }
  const columns = header.fields.map((name) => name.trim().toLowerCase())
  const errors: CsvRowError[] = []
  for (const required of REQUIRED)
    if (!columns.includes(required))
      errors.push({
        line: 1,
        column: required,
        code: 'csv_column_missing',
        message: `The header has no "${required}" column.`,
      })
  for (const name of columns)
    if (!(CSV_COLUMNS as readonly string[]).includes(name))
      errors.push({ line: 1, column: name, code: 'csv_column_unknown', message: `Unknown column "${name}".` })
  if (errors.length > 0) return { rows: [], errors }

  const seenSku = new Map<string, number>()
  const seenBarcode = new Map<string, number>()
  const rows: CsvRow[] = []
  for (const record of records) {
    const cell = (name: string) => {
      const index = columns.indexOf(name)
      // The apostrophe the export puts before text a spreadsheet would run as a formula.
      return index < 0 ? '' : (record.fields[index] ?? '').trim().replace(/^'(?=[=+\-@])/, '')
    }
    const problems: CsvRowError[] = []
    const fail = (column: string | null, code: string, message: string, extra: Partial<CsvRowError> = {}) =>
      problems.push({ line: record.line, column, code, message, ...extra })
    if (record.fields.length !== columns.length) {
      fail(null, 'csv_field_count', `Line has ${record.fields.length} fields; the header has ${columns.length}.`, {
        value: String(record.fields.length),
      })
      errors.push(...problems)
      continue
    }
    const currencyText = cell('currency').toUpperCase()
    const currency = isCurrency(currencyText) ? currencyText : null
    if (!currency)
      fail('currency', 'currency_invalid', `Currency must be USD or KHR, got "${cell('currency')}".`, {
        value: shownValue(cell('currency')),
      })
    let price: number | null = null
    try {
      price = parseMoneyInput(cell('price'), currency ?? 'USD')
    } catch (error) {
      if (!(error instanceof MoneyError)) throw error
      fail('price', error.code, error.message, { value: shownValue(cell('price')) })
    }
    const activeText = cell('active').toLowerCase()
    if (!['', 'yes', 'no', 'true', 'false', '1', '0'].includes(activeText))
      fail('active', 'active_invalid', `Active must be yes or no, got "${cell('active')}".`, {
        value: shownValue(cell('active')),
      })
    const soldBy = ({ '': 'count', count: 'count', each: 'count', weight: 'weight', kg: 'weight' } as const)[
      cell('sold_by').toLowerCase() as '' | 'count'
    ]
    if (soldBy === undefined)
      fail('sold_by', 'sold_by_invalid', `Sold by must be count or weight, got "${cell('sold_by')}".`, {
        value: shownValue(cell('sold_by')),
      })
    const vatClass = cell('vat_class') || 'standard'
    if (!lookups.vatClasses.has(vatClass))
      fail('vat_class', 'vat_class_unknown', `There is no VAT class "${vatClass}".`, { value: shownValue(vatClass) })
    // The fields the product check reads, each checked alone so each mistake is named.
    const candidate = {
      sku: cell('sku'),
      nameEn: cell('name_en'),
      nameKm: cell('name_km'),
      categoryId: null,
      price: price ?? 0,
      currency: currency ?? 'USD',
      vatClass,
      active: !['no', 'false', '0'].includes(activeText),
      barcodes: cell('barcodes')
        .split(/[|;\s]+/)
        .filter((code) => code !== ''),
      soldBy: soldBy ?? 'count',
      scaleCode: cell('scale_code') === '' ? null : cell('scale_code'),
    }
    const columnOf = { sku: 'sku', nameEn: 'name_en', nameKm: 'name_km', barcodes: 'barcodes', scaleCode: 'scale_code' }
    for (const [field, column] of Object.entries(columnOf)) {
      try {
        productInput({ ...candidate, ...validFieldsBut(field) })
      } catch (error) {
        if (!(error instanceof InputError)) throw error
        fail(column, 'value_invalid', error.message, { value: shownValue(cell(column)) })
      }
    }
    if (problems.length > 0) {
      errors.push(...problems)
      continue
    }
    const input = productInput(candidate)
    const firstSku = seenSku.get(input.sku)
    if (firstSku !== undefined)
      fail('sku', 'sku_duplicate', `SKU ${input.sku} is also on line ${firstSku}.`, {
        value: input.sku,
        otherLine: firstSku,
      })
    else seenSku.set(input.sku, record.line)
    const existing = lookups.skuExists(input.sku)
    for (const code of input.barcodes) {
      const firstLine = seenBarcode.get(code)
      const owner = lookups.barcodeOwner(code)
      if (firstLine !== undefined)
        fail('barcodes', 'barcode_duplicate', `Barcode ${code} is also on line ${firstLine}.`, {
          value: code,
          otherLine: firstLine,
        })
      else if (owner && owner !== input.sku && !existing)
        fail('barcodes', 'barcode_taken', `Barcode ${code} already belongs to product ${owner}.`, {
          value: code,
          owner,
        })
      seenBarcode.set(code, record.line)
    }
    if (problems.length > 0) {
      errors.push(...problems)
      continue
    }
    const categoryEn = cell('category')
    rows.push({
      line: record.line,
      input,
      category: categoryEn === '' ? null : { nameEn: categoryEn, nameKm: cell('category_km') || categoryEn },
    })
  }
  return { rows, errors }
}

/** The candidate with every checked field but `field` replaced by a value that passes, to check `field` alone. */
function validFieldsBut(field: string): Partial<ProductInput> {
  const valid: Partial<ProductInput> = { sku: 'SKU-1', nameEn: 'x', nameKm: 'x', barcodes: [], scaleCode: null }
  return Object.fromEntries(Object.entries(valid).filter(([name]) => name !== field))
}
