import { randomUUID } from 'node:crypto'
import { MoneyError, parseMoneyInput } from '../../shared/money/index.ts'
import type { CatalogProduct, CatalogVatClass } from '../../shared/sync-protocol.ts'
import type { Catalog } from './catalog.ts'
import { HttpError } from './errors.ts'
import { csrfField, escapeHtml, scrollBox } from './html.ts'
import { formatMoney } from './money-format.ts'
import { messageBlock, type SignedInFrame, signedInPage } from './owner-layout.ts'
import { both, plain } from './owner-words.ts'
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
    return `${plain('rateSet')}: $1 = ៛${khrPerUsd.toLocaleString('en-US')}. ${plain('takenAtNextPull')}`
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
  return `${plain(existing ? 'changedProduct' : 'added')} ${field(body, 'name_en')} (${sku}). ${plain('takenAtNextPull')}`
}

/** The catalog page: the rate, the products, and the forms that change them. */
export function catalogPage(data: { frame: SignedInFrame; catalog: OwnerCatalog; message?: string }): string {
  const { catalog, frame } = data
  const csrf = csrfField(frame.csrf)
  const vatOptions = (catalog.vatClasses.length > 0 ? catalog.vatClasses : [{ id: 'standard', name_en: 'VAT 10%' }])
    .map((vat) => `<option value="${escapeHtml(vat.id)}">${escapeHtml(vat.name_en)}</option>`)
    .join('')
  const rows = catalog.products
    .map(
      (product) =>
        `<tr><td><span lang="km">${escapeHtml(product.name_km)}</span><br>${escapeHtml(product.name_en)}</td><td>${escapeHtml(product.sku)}</td><td class="num">${formatMoney(product.price_minor, product.currency)}</td><td>${product.sold_by === 'weight' ? both('byWeight') : both('byCount')}</td><td>${escapeHtml(product.vat_class)}</td><td>${escapeHtml(product.barcodes.join(' '))}</td><td>${product.active ? both('forSale') : `<span class="warn">${both('notForSale')}</span>`}</td></tr>`,
    )
    .join('\n')
  const rate =
    catalog.khrPerUsd === null ? both('notSetHere') : `$1 = ៛${escapeHtml(catalog.khrPerUsd.toLocaleString('en-US'))}`
  return signedInPage(
    frame,
    `<h1 id="catalog">${both('catalog')}</h1><p class="note">${both('catalogHint')}</p>${messageBlock(data.message)}
<form method="post" action="/catalog/rate">${csrf}<p>${both('exchangeRate')}: ${rate}. <label>${both('rielPerDollar')} <input name="khr_per_usd" inputmode="numeric" required></label> <button>${both('setRate')}</button></p></form>
${scrollBox(
  plain('catalog'),
  `<table><thead><tr><th scope="col">${both('name')}</th><th scope="col">${both('sku')}</th><th class="num" scope="col">${both('price')}</th><th scope="col">${both('soldBy')}</th><th scope="col">${both('vat')}</th><th scope="col">${both('barcodes')}</th><th scope="col">${both('status')}</th></tr></thead>
<tbody>${rows || `<tr><td colspan="7">${both('noProductHere')}</td></tr>`}</tbody></table>`,
)}
<form method="post" action="/catalog/product" class="product-form">${csrf}<h2>${both('addProduct')}</h2><p>
<label>${both('sku')} <input name="sku" required maxlength="64"></label> <label>${both('nameKm')} <input name="name_km" required maxlength="200"></label>
<label>${both('nameEn')} <input name="name_en" required maxlength="200"></label> <label>${both('price')} <input name="price" required></label>
<label>${both('currency')} <select name="currency"><option>USD</option><option>KHR</option></select></label> <label>${both('vat')} <select name="vat_class">${vatOptions}</select></label>
<label>${both('soldBy')} <select name="sold_by"><option value="count">${escapeHtml(plain('byCount'))}</option><option value="weight">${escapeHtml(plain('byWeight'))}</option></select></label> <label>${both('scaleCode')} <input name="scale_code" inputmode="numeric" pattern="[0-9]{0,6}" maxlength="6"></label>
<label>${both('barcodes')} <input name="barcodes"></label> <label><input type="checkbox" name="active" value="yes" checked> ${both('forSale')}</label> <button>${both('saveProduct')}</button></p></form>`,
  )
}
