import type { CategoryView, CsvImportResult, ProductInput, ProductView, VatClassView } from '../../../shared/views.ts'
import { PosError } from '../errors.ts'
import { uuidv7 } from '../ids.ts'
import { readProductCsv } from './catalog-csv.ts'
import type { LedgerContext } from './context.ts'

interface ProductRow {
  rowid: number
  id: string
  sku: string
  name_en: string
  name_km: string
  category_id: string | null
  price: number
  currency: 'USD' | 'KHR'
  vat_class: string
  active: number
  is_demo: number
  sold_by: 'count' | 'weight'
  scale_code: string | null
}

const SEARCH_LIMIT = 50

/** Thrown at the end of a dry-run import to roll its writes back. */
const DRY_RUN = Symbol('dry run')

export class Catalog {
  private readonly context: LedgerContext
  private readonly byBarcode
  private readonly barcodesOf
  private readonly byId
  private readonly searchMatch
  private readonly searchShort
  private readonly bySku

  constructor(context: LedgerContext) {
    this.context = context
    const db = context.db
    this.byBarcode = db.prepare(
      'SELECT p.rowid, p.* FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.barcode = ?',
    )
    this.barcodesOf = db.prepare('SELECT barcode FROM barcodes WHERE product_id = ? ORDER BY barcode').pluck()
    this.byId = db.prepare('SELECT rowid, * FROM products WHERE id = ?')
    // Trigram full-text search for 3+ characters: substring matches in English, Khmer or the SKU.
    // The best-ranked matches are picked inside the index first, so a common syllable matching
    // thousands of products is not sorted in full.
    this.searchMatch = db.prepare(
      `SELECT p.rowid, p.* FROM (SELECT rowid, rank FROM product_search WHERE product_search MATCH ? ORDER BY rank LIMIT ${SEARCH_LIMIT * 4}) s
       JOIN products p ON p.rowid = s.rowid WHERE p.active = 1 ORDER BY s.rank LIMIT ${SEARCH_LIMIT}`,
    )
    this.bySku = db.prepare('SELECT rowid, * FROM products WHERE sku = ? AND active = 1')
    // Trigrams need three characters; shorter queries scan for the substring and stop at the
    // SEARCH_LIMIT-th match (the cashier is still typing), then sort those by name.
    this.searchShort = db.prepare(
      `SELECT rowid, * FROM products WHERE active = 1 AND (sku LIKE @q ESCAPE '\\' OR name_en LIKE @q ESCAPE '\\' OR name_km LIKE @q ESCAPE '\\')
       LIMIT ${SEARCH_LIMIT}`,
    )
  }

  vatClasses(): VatClassView[] {
    return (
      this.context.db.prepare('SELECT * FROM vat_classes ORDER BY rate_bp DESC, plt_rate_bp, id').all() as {
        id: string
        name_en: string
        name_km: string
        rate_bp: number
        plt_rate_bp: number
        plt_base_bp: number
      }[]
    ).map((row) => ({
      id: row.id,
      nameEn: row.name_en,
      nameKm: row.name_km,
      rateBasisPoints: row.rate_bp,
      pltRateBasisPoints: row.plt_rate_bp,
      pltBaseBasisPoints: row.plt_base_bp,
    }))
  }

  /**
   * Creates or changes a VAT class. A new rate applies to items added from now on; lines already
   * on a sale keep the rate they were rung up with.
   */
  saveVatClass(
    vat: VatClassView,
    actor: { userId: string; approverId: string | null; reason: string; detail?: Record<string, unknown> },
  ): VatClassView {
    const now = this.context.now()
    this.context.db.transaction(() => {
      const before = this.vatClasses().find((existing) => existing.id === vat.id) ?? null
      const plt = {
        rate: vat.pltRateBasisPoints ?? before?.pltRateBasisPoints ?? 0,
        base: vat.pltBaseBasisPoints ?? before?.pltBaseBasisPoints ?? 10_000,
      }
      this.context.db
        .prepare(
          `INSERT INTO vat_classes (id, name_en, name_km, rate_bp, plt_rate_bp, plt_base_bp) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET name_en = excluded.name_en, name_km = excluded.name_km, rate_bp = excluded.rate_bp,
             plt_rate_bp = excluded.plt_rate_bp, plt_base_bp = excluded.plt_base_bp`,
        )
        .run(vat.id, vat.nameEn, vat.nameKm, vat.rateBasisPoints, plt.rate, plt.base)
      const saved = { ...vat, pltRateBasisPoints: plt.rate, pltBaseBasisPoints: plt.base }
      const change = { vat_class: { before, after: saved } }
      this.context.journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: 'settings.changed',
          objectType: 'vat_class',
          objectId: vat.id,
          detail: { changes: change, reason: actor.reason, ...actor.detail },
        },
        now,
      )
      this.context.journal.appendEvent(
        'settings.changed',
        { changes: change, changed_by: actor.userId, approved_by: actor.approverId, at: now },
        now,
      )
    })()
    return this.vatClasses().find((existing) => existing.id === vat.id) ?? vat
  }

  vatRate(vatClass: string): number {
    return this.taxRates(vatClass).vat
  }

  /**
   * The rates a line of this class is sold at: VAT, and the public lighting tax as its effective
   * rate on the amount before VAT (5 % of a 20 % base = 1 %, to the nearest basis point).
   */
  taxRates(vatClass: string): { vat: number; plt: number } {
    const row = this.context.db
      .prepare('SELECT rate_bp, plt_rate_bp, plt_base_bp FROM vat_classes WHERE id = ?')
      .get(vatClass) as { rate_bp: number; plt_rate_bp: number; plt_base_bp: number } | undefined
    if (!row) throw new PosError('vat_class_unknown', `There is no VAT class "${vatClass}".`)
    return { vat: row.rate_bp, plt: Math.round((row.plt_rate_bp * row.plt_base_bp) / 10_000) }
  }

  categories(): CategoryView[] {
    return (
      this.context.db.prepare('SELECT * FROM categories ORDER BY position, name_en').all() as {
        id: string
        name_en: string
        name_km: string
      }[]
    ).map((row) => ({
      id: row.id,
      nameEn: row.name_en,
      nameKm: row.name_km,
    }))
  }

  list(options: {
    categoryId: string | null
    offset: number
    limit: number
    status?: 'active' | 'inactive' | 'all'
    /** SKU or name holding this text (trigram index from three characters, a scan below). */
    text?: string
    orderBy?: 'name_en' | 'name_km' | 'sku'
    /** Leave out the demo's products (once the shop runs on its own data they are only kept for audit). */
    withoutDemo?: boolean
  }): ProductView[] {
    const status = options.status ?? 'active'
    const text = (options.text ?? '').normalize('NFC').trim()
    const conditions = [
      status === 'all' ? '' : `active = ${status === 'active' ? 1 : 0}`,
      options.categoryId === null ? '' : 'category_id = @category',
      options.withoutDemo ? 'is_demo = 0' : '',
      text === ''
        ? ''
        : [...text].length < 3
          ? "(sku LIKE @like ESCAPE '\\' OR name_en LIKE @like ESCAPE '\\' OR name_km LIKE @like ESCAPE '\\')"
          : 'rowid IN (SELECT rowid FROM product_search WHERE product_search MATCH @match)',
    ].filter((part) => part !== '')
    const order = ({ name_en: 'name_en', name_km: 'name_km', sku: 'sku' } as Record<string, string>)[
      options.orderBy ?? 'name_en'
    ]
    if (order === undefined) throw new PosError('input_invalid', 'Products are listed by name_en, name_km or sku.')
    const rows = this.context.db
      .prepare(
        `SELECT rowid, * FROM products ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
         ORDER BY ${order}, sku LIMIT @limit OFFSET @offset`,
      )
      .all({
        limit: options.limit,
        offset: options.offset,
        ...(options.categoryId === null ? {} : { category: options.categoryId }),
        ...(text === ''
          ? {}
          : [...text].length < 3
            ? { like: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` }
            : { match: `"${text.replaceAll('"', '""')}"` }),
      }) as ProductRow[]
    return rows.map((row) => this.view(row))
  }

  product(id: string): ProductView {
    const row = this.byId.get(id) as ProductRow | undefined
    if (!row) throw new PosError('product_unknown', `There is no product with id ${id}.`)
    return this.view(row)
  }

  findByBarcode(barcode: string): ProductView | null {
    const row = this.byBarcode.get(barcode) as ProductRow | undefined
    return row ? this.view(row) : null
  }

  /** The product whose scale item code is `code` (leading zeros not significant), if any. */
  findByScaleCode(code: string): ProductView | null {
    const key = scaleCodeKey(code)
    if (key === null) return null
    const row = this.context.db.prepare('SELECT rowid, * FROM products WHERE scale_code = ?').get(key) as
      | ProductRow
      | undefined
    return row ? this.view(row) : null
  }

  search(query: string): ProductView[] {
    const normalised = query.normalize('NFC').trim()
    if (normalised === '') return []
    if ([...normalised].length < 3) {
      const rows = this.searchShort.all({ q: `%${normalised.replace(/[\\%_]/g, (c) => `\\${c}`)}%` }) as ProductRow[]
      return rows
        .sort((a, b) => (a.name_en < b.name_en ? -1 : a.name_en > b.name_en ? 1 : 0))
        .map((row) => this.view(row))
    }
    const exact = this.bySku.get(normalised) as ProductRow | undefined
    const matches = this.searchMatch.all(`"${normalised.replaceAll('"', '""')}"`) as ProductRow[]
    const rows = exact ? [exact, ...matches.filter((row) => row.id !== exact.id)].slice(0, SEARCH_LIMIT) : matches
    return rows.map((row) => this.view(row))
  }

  /** Creates or updates the product with this SKU (or id), replacing its barcodes. */
  save(
    input: ProductInput,
    actor: { userId: string; approverId: string | null; reason: string; detail?: Record<string, unknown> },
    id?: string,
  ): ProductView {
    const now = this.context.now()
    return this.context.db.transaction(() => {
      const saved = this.write(input, now, id)
      this.context.journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: saved.before ? 'product.updated' : 'product.created',
          objectType: 'product',
          objectId: saved.id,
          detail: { before: saved.before, after: { ...input }, reason: actor.reason, ...actor.detail },
        },
        now,
      )
      return this.product(saved.id)
    })()
  }

  private write(input: ProductInput, now: number, id?: string): { id: string; before: ProductInput | null } {
    const db = this.context.db
    this.vatRate(input.vatClass)
    if (input.categoryId !== null && !db.prepare('SELECT 1 FROM categories WHERE id = ?').get(input.categoryId)) {
      throw new PosError('category_unknown', `There is no category with id ${input.categoryId}.`)
    }
    const existing = (
      id ? this.byId.get(id) : db.prepare('SELECT rowid, * FROM products WHERE sku = ?').get(input.sku)
    ) as ProductRow | undefined
    if (id && !existing) throw new PosError('product_unknown', `There is no product with id ${id}.`)
    const clash = db.prepare('SELECT id FROM products WHERE sku = ?').get(input.sku) as { id: string } | undefined
    if (clash && clash.id !== existing?.id)
      throw new PosError('sku_taken', `SKU ${input.sku} already belongs to another product.`)
    for (const code of input.barcodes) {
      const owner = db.prepare('SELECT product_id FROM barcodes WHERE barcode = ?').get(code) as
        | { product_id: string }
        | undefined
      if (owner && owner.product_id !== existing?.id)
        throw new PosError('barcode_taken', `Barcode ${code} already belongs to another product.`)
    }
    const scaleCode = input.scaleCode ? scaleCodeKey(input.scaleCode) : null
    if (input.scaleCode && (scaleCode === null || scaleCode.length > 6))
      throw new PosError(
        'scale_code_invalid',
        `Scale item code ${input.scaleCode} must be 1 to 6 digits, not all zero.`,
      )
    if (input.soldBy !== undefined && input.soldBy !== 'count' && input.soldBy !== 'weight')
      throw new PosError('sold_by_invalid', 'A product is sold by count or by weight.')
    if (scaleCode !== null) {
      const owner = db.prepare('SELECT id, sku FROM products WHERE scale_code = ?').get(scaleCode) as
        | { id: string; sku: string }
        | undefined
      if (owner && owner.id !== existing?.id)
        throw new PosError('scale_code_taken', `Scale item code ${scaleCode} already belongs to product ${owner.sku}.`)
    }
    const productId = existing?.id ?? uuidv7(now)
    const before = existing ? this.input(existing) : null
    // One upsert for both cases: editing a product makes it the shop's own (no longer demo).
    db.prepare(
      `INSERT INTO products (id, sku, name_en, name_km, category_id, price, currency, vat_class, active, sold_by, scale_code, updated_at)
       VALUES (@id, @sku, @nameEn, @nameKm, @categoryId, @price, @currency, @vatClass, @active, @soldBy, @scaleCode, @now)
       ON CONFLICT(id) DO UPDATE SET sku = excluded.sku, name_en = excluded.name_en, name_km = excluded.name_km,
         category_id = excluded.category_id, price = excluded.price, currency = excluded.currency,
         vat_class = excluded.vat_class, active = excluded.active, sold_by = excluded.sold_by,
         scale_code = excluded.scale_code, is_demo = 0, updated_at = excluded.updated_at`,
    ).run({
      ...input,
      barcodes: undefined,
      id: productId,
      active: input.active ? 1 : 0,
      soldBy: input.soldBy ?? 'count',
      scaleCode,
      now,
    })
    db.prepare('DELETE FROM barcodes WHERE product_id = ?').run(productId)
    const addBarcode = db.prepare('INSERT INTO barcodes (barcode, product_id) VALUES (?, ?)')
    for (const code of new Set(input.barcodes)) addBarcode.run(code, productId)
    return { id: productId, before }
  }

  /**
   * Imports a catalog CSV (columns CSV_COLUMNS, header row first, in any order). All or nothing:
   * every row is checked first, and if any row is wrong nothing is written and every problem is
   * reported with its line, so a manager fixes the file and imports it again. Rows are matched to
   * existing products by SKU, so importing the same file twice changes nothing.
   */
  /**
   * Imports a product CSV all or nothing. With `dryRun` it does the whole import and rolls it back:
   * the preview's counts and problems are exactly what the import would give.
   */
  importCsv(
    textContent: string,
    actor: { userId: string; approverId: string | null; reason: string },
    options: { dryRun?: boolean } = {},
  ): CsvImportResult {
    const { rows, errors } = readProductCsv(textContent, {
      vatClasses: new Set(this.vatClasses().map((vat) => vat.id)),
      barcodeOwner: (code) =>
        (this.context.db
          .prepare('SELECT p.sku FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.barcode = ?')
          .pluck()
          .get(code) as string | undefined) ?? null,
      skuExists: (sku) => this.context.db.prepare('SELECT 1 FROM products WHERE sku = ?').get(sku) !== undefined,
    })
    if (errors.length > 0) return { created: 0, updated: 0, errors }
    const categories = new Map(this.categories().map((category) => [category.nameEn.toLowerCase(), category.id]))

    const now = this.context.now()
    let created = 0
    let updated = 0
    try {
      this.context.db.transaction(() => {
        const addCategory = this.context.db.prepare(
          'INSERT INTO categories (id, name_en, name_km, position) VALUES (?, ?, ?, ?)',
        )
        for (const row of rows) {
          let categoryId: string | null = null
          if (row.category !== null) {
            categoryId = categories.get(row.category.nameEn.toLowerCase()) ?? null
            if (categoryId === null) {
              categoryId = uuidv7(now)
              addCategory.run(categoryId, row.category.nameEn, row.category.nameKm, categories.size)
              categories.set(row.category.nameEn.toLowerCase(), categoryId)
            }
          }
          const result = this.write({ ...row.input, categoryId }, now)
          if (result.before) updated++
          else created++
        }
        this.context.journal.audit(
          {
            userId: actor.userId,
            approverId: actor.approverId,
            action: 'catalog.imported',
            objectType: 'catalog',
            detail: { created, updated, rows: rows.length, reason: actor.reason },
          },
          now,
        )
        if (options.dryRun) throw DRY_RUN
      })()
    } catch (error) {
      if (error === DRY_RUN) return { created, updated, errors: [] }
      if (error instanceof PosError)
        return { created: 0, updated: 0, errors: [{ line: 0, column: null, code: error.code, message: error.message }] }
      throw error
    }
    return { created, updated, errors: [] }
  }

  private input(row: ProductRow): ProductInput {
    return {
      sku: row.sku,
      nameEn: row.name_en,
      nameKm: row.name_km,
      categoryId: row.category_id,
      price: row.price,
      currency: row.currency,
      vatClass: row.vat_class,
      active: row.active === 1,
      barcodes: this.barcodesOf.all(row.id) as string[],
      soldBy: row.sold_by,
      scaleCode: row.scale_code,
    }
  }

  private view(row: ProductRow): ProductView {
    return {
      id: row.id,
      ...this.input(row),
      demo: row.is_demo === 1,
      soldBy: row.sold_by,
      scaleCode: row.scale_code,
    }
  }
}

/** A scale item code as stored: its digits without leading zeros; null for none or all zeros. */
export function scaleCodeKey(code: string): string | null {
  const digits = code.trim().replace(/^0+/, '')
  return /^[1-9][0-9]*$/.test(digits) ? digits : null
}
