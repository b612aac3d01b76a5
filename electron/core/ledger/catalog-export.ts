import { csvDocument, plainText } from '../../../shared/csv-write.ts'
import { formatMoney } from '../../../shared/money/index.ts'
import type { Catalog } from './catalog.ts'
import { CSV_COLUMNS } from './catalog-csv.ts'
import type { LedgerContext } from './context.ts'

/**
 * The whole catalog (for sale or not) as a CSV in the import's own columns, so a file exported,
 * edited in a spreadsheet and imported again changes only what was edited. Once the demo has
 * ended its retired products are left out. Names a spreadsheet would run as formulas get a leading
 * apostrophe, which the import takes off again.
 */
export function catalogCsv(
  context: LedgerContext,
  catalog: Catalog,
  withoutDemo: boolean,
): { fileName: string; mimeType: string; content: string } {
  const categories = new Map(catalog.categories().map((category) => [category.id, category]))
  const products = catalog.list({ categoryId: null, offset: 0, limit: 1_000_000, status: 'all', withoutDemo })
  const rows: string[][] = []
  for (const product of products) {
    const price = formatMoney(product.price, product.currency, 'en').replace(/^[$៛]/, '').replaceAll(',', '')
    const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
      sku: product.sku,
      name_en: plainText(product.nameEn),
      name_km: plainText(product.nameKm),
      category: plainText(product.categoryId ? (categories.get(product.categoryId)?.nameEn ?? '') : ''),
      category_km: plainText(product.categoryId ? (categories.get(product.categoryId)?.nameKm ?? '') : ''),
      price,
      currency: product.currency,
      vat_class: product.vatClass,
      barcodes: product.barcodes.join('|'),
      active: product.active ? 'yes' : 'no',
      sold_by: product.soldBy,
      scale_code: product.scaleCode ?? '',
    }
    rows.push(CSV_COLUMNS.map((column) => cells[column]))
  }
  const day = new Date(context.now()).toISOString().slice(0, 10)
  return { fileName: `products-${day}.csv`, mimeType: 'text/csv', content: csvDocument(CSV_COLUMNS, rows) }
}
