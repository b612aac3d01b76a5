import { randomUUID } from 'node:crypto'
import { MoneyError, parseMoneyInput } from '../../shared/money/index.ts'
import type { CatalogProduct, CatalogVatClass } from '../../shared/sync-protocol.ts'
import type { Catalog } from './catalog.ts'
import { HttpError } from './errors.ts'
import { formatMoney } from './money-format.ts'
import { escapeHtml } from './owner-page.ts'
import type { SqlRunner } from './store/types.ts'

/** The catalog as every terminal will have it: the newest version of each item. */
export interface OwnerCatalog {
  products: CatalogProduct[]
  vatClasses: CatalogVatClass[]
  khrPerUsd: number | null
}

async function latest<T>(db: SqlRunner, kind: string): Promise<T[]> {
  const rows = await db.all<{ item: string }>(
    `SELECT c.item FROM catalog_changes c
     WHERE c.kind = ? AND c.version = (SELECT max(d.version) FROM catalog_changes d WHERE d.kind = c.kind AND d.item_id = c.item_id)
     ORDER BY c.version`,
    [kind],
  )
  return rows.map((row) => JSON.parse(row.item) as T)
}

export async function ownerCatalog(db: SqlRunner): Promise<OwnerCatalog> {
  const rates = await latest<{ khr_per_usd: number; set_at: number }>(db, 'exchange_rate')
  const newest = rates.sort((a, b) => b.set_at - a.set_at)[0]
  return {
    products: (await latest<CatalogProduct>(db, 'product')).sort((a, b) => a.name_en.localeCompare(b.name_en)),
    vatClasses: await latest<CatalogVatClass>(db, 'vat_class'),
    khrPerUsd: newest?.khr_per_usd ?? null,
  }
}

const field = (body: Record<string, unknown>, name: string) =>
  typeof body[name] === 'string' ? (body[name] as string).trim() : ''

/**
 * The owner's catalog forms, recorded as catalog changes that every enrolled terminal pulls: a
 * product (by SKU: the same SKU edits the same product), or today's exchange rate. The change's own
 * checks name the field at fault; nothing half-written is recorded.
 */
export async function recordCatalogForm(
  catalog: Catalog,
  db: SqlRunner,
  form: 'product' | 'rate',
  body: Record<string, unknown>,
  now: number,
): Promise<string> {
  if (form === 'rate') {
    const khrPerUsd = Number(field(body, 'khr_per_usd'))
    if (!Number.isInteger(khrPerUsd) || khrPerUsd < 1000 || khrPerUsd > 10_000)
      throw new HttpError(400, 'rate_invalid', 'Riel per dollar must be a whole number from 1000 to 10000.')
    await catalog.record({ kind: 'exchange_rate', item: { id: randomUUID(), khr_per_usd: khrPerUsd, set_at: now } })
    return `Exchange rate set: $1 = ៛${khrPerUsd.toLocaleString('en-US')}. Terminals take it at their next pull.`
  }
  const sku = field(body, 'sku')
  const currency = field(body, 'currency') === 'KHR' ? 'KHR' : 'USD'
  let price: number
  try {
    price = parseMoneyInput(field(body, 'price'), currency)
  } catch (error) {
    if (error instanceof MoneyError) throw new HttpError(400, 'price_invalid', `Price: ${error.message}`)
    throw error
  }
  const existing = (await ownerCatalog(db)).products.find((product) => product.sku === sku)
  await catalog.record({
    kind: 'product',
    item: {
      id: existing?.id ?? randomUUID(),
      sku,
      name_en: field(body, 'name_en'),
      name_km: field(body, 'name_km'),
      price_minor: price,
      currency,
      vat_class: field(body, 'vat_class') || 'standard',
      barcodes: field(body, 'barcodes')
        .split(/[\s,|;]+/)
        .filter((code) => code !== ''),
      active: body.active === 'yes',
      sold_by: field(body, 'sold_by') === 'weight' ? 'weight' : 'count',
      scale_code: field(body, 'scale_code') === '' ? null : field(body, 'scale_code'),
    },
  })
  return `${existing ? 'Changed' : 'Added'} ${field(body, 'name_en')} (${sku}). Terminals take it at their next pull.`
}

/** The catalog section of the owner page: the rate, the products, and the forms that change them. */
export function catalogSection(data: OwnerCatalog, csrf: string): string {
  const vatOptions = (data.vatClasses.length > 0 ? data.vatClasses : [{ id: 'standard', name_en: 'VAT 10%' }])
    .map((vat) => `<option value="${escapeHtml(vat.id)}">${escapeHtml(vat.name_en)}</option>`)
    .join('')
  const rows = data.products
    .map(
      (product) =>
        `<tr><td>${escapeHtml(product.name_km)}<br>${escapeHtml(product.name_en)}</td><td>${escapeHtml(product.sku)}</td><td class="num">${formatMoney(product.price_minor, product.currency)}${product.sold_by === 'weight' ? ' / kg' : ''}</td><td>${escapeHtml(product.vat_class)}</td><td>${escapeHtml(product.barcodes.join(' '))}</td><td>${product.active ? 'for sale' : '<span class="warn">not for sale</span>'}</td></tr>`,
    )
    .join('\n')
  return `<h2 id="catalog">Catalog (every terminal pulls it)</h2>
<form method="post" action="/catalog/rate"><input type="hidden" name="csrf" value="${csrf}"><p>Exchange rate now: ${data.khrPerUsd === null ? 'not set here (each terminal keeps its own)' : `$1 = ៛${escapeHtml(data.khrPerUsd.toLocaleString('en-US'))}`}. <label>Riel per dollar <input name="khr_per_usd" inputmode="numeric" required></label> <button>Set rate</button></p></form>
<table><thead><tr><th>Name</th><th>SKU</th><th>Price</th><th>VAT</th><th>Barcodes</th><th>Status</th></tr></thead>
<tbody>${rows || '<tr><td colspan="6">No product here yet: terminals keep their own.</td></tr>'}</tbody></table>
<form method="post" action="/catalog/product"><input type="hidden" name="csrf" value="${csrf}"><p>Add or change a product (the same SKU changes it):
<label>SKU <input name="sku" required maxlength="64"></label> <label>Name (Khmer) <input name="name_km" required maxlength="200"></label>
<label>Name (English) <input name="name_en" required maxlength="200"></label> <label>Price <input name="price" required></label>
<label>Currency <select name="currency"><option>USD</option><option>KHR</option></select></label> <label>VAT <select name="vat_class">${vatOptions}</select></label>
<label>Sold by <select name="sold_by"><option value="count">count</option><option value="weight">weight (price per kg)</option></select></label> <label>Scale item code <input name="scale_code" inputmode="numeric" pattern="[0-9]{0,6}" maxlength="6"></label>
<label>Barcodes <input name="barcodes"></label> <label><input type="checkbox" name="active" value="yes" checked> For sale</label> <button>Save product</button></p></form>`
}
