import { id as idCheck, productInput } from '../../../shared/checks.ts'
import { InputError, integer, object, text } from '../../../shared/schema.ts'
import { isPlainObject } from '../../../shared/sync-protocol.ts'
import type { ProductInput, VatClassView } from '../../../shared/views.ts'
import { PosError } from '../errors.ts'
import type { Catalog } from '../ledger/catalog.ts'
import type { LedgerContext } from '../ledger/context.ts'
import type { SettingsStore } from '../ledger/settings.ts'
import { SyncAuthError } from './auth.ts'
import { parseRetryAfter } from './backoff.ts'
import type { SyncErrorClass } from './classify.ts'
import type { SyncConfig } from './sync-state.ts'
import { type SyncResponse, type SyncTransport, TransportError } from './transport.ts'

/**
 * The catalog pull (sync-protocol.md §4.3, last paragraph): products, VAT classes and exchange
 * rates flow down from the back office, read-only; the server is authoritative and nothing is
 * merged. Each page of changes is applied through the ledger's own catalog and settings code (so
 * validation, the audit log and the search index stay right) in ONE transaction together with the
 * cursor after it: a crash leaves either the whole page and its cursor or neither, so no page is
 * applied twice or skipped. A change the till cannot take is skipped with an audit entry naming
 * it, and the pull goes on.
 */

/** The system user that pulled changes are attributed to (audit `user_id`; no approver). */
export const BACKOFFICE_ACTOR = 'backoffice'

export interface CatalogPullResult {
  /** Changes applied by this call. */
  applied: number
  /** Changes refused by the till (each has a `catalog.change_skipped` audit entry). */
  skipped: number
  /** The cursor now stored: the next pull asks for changes after it. */
  cursor: string
}

export interface CatalogPullHooks {
  /**
   * Tests: called inside a page's transaction once its changes are applied, before its cursor is
   * saved. Throwing here stands for a crash at that point.
   */
  afterChangesApplied?(page: { number: number; from: string; to: string; changes: number }): void
}

export interface CatalogPullOptions {
  context: LedgerContext
  catalog: Catalog
  settings: SettingsStore
  config(): SyncConfig | null
  auth: { accessToken(): Promise<string>; invalidate(): void }
  transportFor(baseUrl: string): SyncTransport
  hooks?: CatalogPullHooks
}

/** The pull stopped before the end: the pages before were applied and their cursor kept. */
export class CatalogPullError extends Error {
  readonly errorClass: SyncErrorClass
  readonly retryAfterMs: number | null

  constructor(errorClass: SyncErrorClass, message: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    super(message, options)
    this.name = 'CatalogPullError'
    this.errorClass = errorClass
    this.retryAfterMs = options?.retryAfterMs ?? null
  }
}

interface Page {
  changes: unknown[]
  nextCursor: string
  hasMore: boolean
}

const CURSOR = /^[0-9A-Za-z_.:-]{1,64}$/
const vatClassInput = object({
  id: idCheck,
  nameEn: text({ min: 1, max: 40, what: 'name' }),
  nameKm: text({ min: 1, max: 40, what: 'name' }),
  rateBasisPoints: integer(0, 10_000, 'VAT rate'),
})
/** The till's own bounds for a rate (the screens refuse the same); the back office allows wider. */
const khrPerUsdCheck = integer(1000, 10_000, 'riel per dollar')
const epochMs = integer(0, 4_102_444_800_000, 'time')

/** Which back office a stored cursor belongs to: enrolling with another one starts from the beginning. */
function sourceOf(config: SyncConfig): string {
  return `${config.storeId}@${config.backofficeUrl}`
}

/** The stored cursor for this back office, or '0' (from the beginning). */
export function catalogCursor(context: LedgerContext, config: SyncConfig | null): string {
  const row = context.db.prepare('SELECT catalog_cursor, catalog_source FROM sync_state WHERE singleton = 1').get() as
    | { catalog_cursor: string; catalog_source: string | null }
    | undefined
  if (!row || !config || row.catalog_source !== sourceOf(config)) return '0'
  return row.catalog_cursor
}

export async function pullCatalog(options: CatalogPullOptions): Promise<CatalogPullResult> {
  const { context } = options
  const config = options.config()
  let cursor = catalogCursor(context, config)
  const result: CatalogPullResult = { applied: 0, skipped: 0, cursor }
  if (!config) return result
  const transport = options.transportFor(config.backofficeUrl)
  const apply = pageApplier(options)
  for (let number = 1; ; number++) {
    const page = await fetchPage(transport, options.auth, cursor, context.now())
    // Unenrolled, or enrolled elsewhere, while the page was on its way: it is not this terminal's any more.
    const current = options.config()
    if (!current || sourceOf(current) !== sourceOf(config)) return result
    const counts = apply(page, { number, from: cursor, source: sourceOf(config) })
    result.applied += counts.applied
    result.skipped += counts.skipped
    const advanced = page.nextCursor !== cursor
    cursor = page.nextCursor
    result.cursor = cursor
    // A server that says "more" without moving the cursor would loop forever.
    if (!page.hasMore || !advanced || page.changes.length === 0) return result
  }
}

async function fetchPage(
  transport: SyncTransport,
  auth: CatalogPullOptions['auth'],
  cursor: string,
  now: number,
): Promise<Page> {
  for (let attempt = 0; ; attempt++) {
    const token = await auth.accessToken()
    let response: SyncResponse
    try {
      response = await transport.send({
        method: 'GET',
        path: `/v1/catalog?cursor=${encodeURIComponent(cursor)}`,
        headers: { authorization: `Bearer ${token}` },
      })
    } catch (error) {
      if (error instanceof TransportError) throw new CatalogPullError(error.kind, error.message, { cause: error })
      throw error
    }
    if (response.status === 401 && attempt === 0) {
      auth.invalidate()
      continue
    }
    if (response.status !== 200) throw failure(response, now)
    const page = parsePage(response.body)
    if (!page) throw new CatalogPullError('server', 'the back office answered the catalog pull with an unreadable page')
    return page
  }
}

function failure(response: SyncResponse, now: number): Error {
  const status = response.status
  const error = isPlainObject(response.body) ? response.body.error : undefined
  const code = isPlainObject(error) && typeof error.code === 'string' ? error.code : `HTTP ${status}`
  if (status === 401 || status === 403) return new SyncAuthError('revoked', `the back office refused the pull: ${code}`)
  if (status === 409) return new SyncAuthError('update_needed', code)
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], now) ?? undefined
  if (status === 429 || status === 503) return new CatalogPullError('busy', code, { retryAfterMs })
  if (status >= 500) return new CatalogPullError('server', code, { retryAfterMs })
  // 400 and the like (a cursor the server does not know): waiting will not fix it, but it must not stop the till.
  return new CatalogPullError('server', `the back office refused the catalog pull: ${code}`)
}

function parsePage(body: unknown): Page | null {
  if (!isPlainObject(body) || !Array.isArray(body.changes)) return null
  if (typeof body.next_cursor !== 'string' || !CURSOR.test(body.next_cursor)) return null
  if (typeof body.has_more !== 'boolean') return null
  return { changes: body.changes, nextCursor: body.next_cursor, hasMore: body.has_more }
}

/** An error that says the storage failed (disk, corruption), not that the change was wrong: the page must not commit. */
function isStorageFailure(error: unknown): boolean {
  if (error instanceof PosError || error instanceof InputError) return false
  const code = (error as { code?: unknown })?.code
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return !code.startsWith('SQLITE_CONSTRAINT')
  return false
}

function pageApplier(options: CatalogPullOptions) {
  const { context, catalog, settings, hooks } = options
  const db = context.db
  const mappedProduct = db.prepare('SELECT product_id FROM catalog_products WHERE backoffice_id = ?').pluck()
  const mappingOf = db.prepare('SELECT backoffice_id FROM catalog_products WHERE product_id = ?').pluck()
  const productBySku = db.prepare('SELECT id FROM products WHERE sku = ?').pluck()
  const productExists = db.prepare('SELECT 1 FROM products WHERE id = ?').pluck()
  const saveMapping = db.prepare(
    `INSERT INTO catalog_products (backoffice_id, product_id, version) VALUES (?, ?, ?)
     ON CONFLICT(backoffice_id) DO UPDATE SET product_id = excluded.product_id, version = excluded.version`,
  )
  const saveCursor = db.prepare(
    'UPDATE sync_state SET catalog_cursor = ?, catalog_source = ?, catalog_pulled_at = ? WHERE singleton = 1',
  )

  const actor = (version: number, itemId: string) => ({
    userId: BACKOFFICE_ACTOR,
    approverId: null,
    reason: `back office catalog change ${version}`,
    detail: { backoffice_version: version, backoffice_id: itemId },
  })

  function applyProduct(version: number, item: Record<string, unknown>): void {
    const itemId = idCheck(item.id)
    const price = item.price_minor
    const wire = {
      sku: item.sku,
      nameEn: item.name_en,
      nameKm: item.name_km,
      price,
      currency: item.currency,
      vatClass: item.vat_class,
      active: item.active ?? true,
      barcodes: item.barcodes ?? [],
      soldBy: item.sold_by ?? 'count',
      scaleCode: item.scale_code ?? null,
    }
    let localId = mappedProduct.get(itemId) as string | undefined
    if (localId !== undefined && !productExists.get(localId)) localId = undefined
    if (localId === undefined && typeof wire.sku === 'string') {
      // A product the till already has under this SKU (made here, or imported) becomes the back
      // office's, unless another back-office product already owns it.
      const bySku = productBySku.get(wire.sku.normalize('NFC').trim()) as string | undefined
      if (bySku !== undefined) {
        const owner = mappingOf.get(bySku) as string | undefined
        if (owner !== undefined && owner !== itemId)
          throw new PosError('sku_taken', `SKU ${wire.sku} already belongs to back-office product ${owner}.`)
        localId = bySku
      }
    }
    // The wire carries no category: a product keeps the category it was given on the till.
    const categoryId = localId === undefined ? null : catalog.product(localId).categoryId
    const input: ProductInput = productInput({ ...wire, categoryId })
    const saved = catalog.save(input, actor(version, itemId), localId)
    saveMapping.run(itemId, saved.id, version)
  }

  function applyVatClass(version: number, item: Record<string, unknown>): void {
    const vat: VatClassView = vatClassInput({
      id: item.id,
      nameEn: item.name_en,
      nameKm: item.name_km,
      rateBasisPoints: item.rate_bp,
    })
    catalog.saveVatClass(vat, actor(version, vat.id))
  }

  function applyExchangeRate(version: number, item: Record<string, unknown>): void {
    const itemId = text({ min: 1, max: 64, what: 'id' })(item.id)
    const khrPerUsd = khrPerUsdCheck(item.khr_per_usd)
    const setAt = epochMs(item.set_at)
    // Recorded now, so the rate the back office sent last is the current one (sales opened from
    // now on use it); when the owner set it is kept in the audit entry.
    settings.setRate(khrPerUsd, 'backoffice', {
      ...actor(version, itemId),
      detail: { backoffice_version: version, backoffice_id: itemId, backoffice_set_at: setAt },
    })
  }

  function applyChange(change: unknown): void {
    if (!isPlainObject(change)) throw new InputError('A change must be an object.')
    const version = integer(1, Number.MAX_SAFE_INTEGER, 'version')(change.version)
    if (!isPlainObject(change.item)) throw new InputError('item must be an object.', 'item')
    switch (change.kind) {
      case 'product':
        applyProduct(version, change.item)
        return
      case 'vat_class':
        applyVatClass(version, change.item)
        return
      case 'exchange_rate':
        applyExchangeRate(version, change.item)
        return
      default:
        throw new InputError(`Unknown kind of catalog change: ${String(change.kind).slice(0, 40)}.`, 'kind')
    }
  }

  function auditSkipped(change: unknown, error: unknown, now: number): void {
    const record = isPlainObject(change) ? change : {}
    const item = isPlainObject(record.item) ? record.item : {}
    const code = error instanceof PosError ? error.code : error instanceof InputError ? 'invalid_change' : 'refused'
    const field = error instanceof InputError ? error.field : undefined
    let itemText: string
    try {
      itemText = JSON.stringify(record.item) ?? 'undefined'
    } catch {
      itemText = 'unreadable'
    }
    context.journal.audit(
      {
        userId: BACKOFFICE_ACTOR,
        approverId: null,
        action: 'catalog.change_skipped',
        objectType: typeof record.kind === 'string' ? record.kind.slice(0, 40) : 'catalog',
        ...(typeof item.id === 'string' ? { objectId: item.id.slice(0, 64) } : {}),
        result: 'refused',
        detail: {
          backoffice_version: Number.isSafeInteger(record.version) ? record.version : null,
          kind: typeof record.kind === 'string' ? record.kind.slice(0, 40) : null,
          code,
          ...(field ? { field } : {}),
          message: ((error as Error)?.message ?? String(error)).slice(0, 500),
          item: itemText.slice(0, 2000),
        },
      },
      now,
    )
  }

  const applyPage = db.transaction((page: Page, at: { number: number; from: string; source: string }) => {
    let applied = 0
    let skipped = 0
    for (const change of page.changes) {
      try {
        // Each change in its own savepoint: a refused one leaves nothing half-written.
        db.transaction(() => applyChange(change))()
        applied++
      } catch (error) {
        if (isStorageFailure(error)) throw error
        auditSkipped(change, error, context.now())
        skipped++
      }
    }
    hooks?.afterChangesApplied?.({
      number: at.number,
      from: at.from,
      to: page.nextCursor,
      changes: page.changes.length,
    })
    saveCursor.run(page.nextCursor, at.source, context.now())
    return { applied, skipped }
  })
  return (page: Page, at: { number: number; from: string; source: string }) => applyPage.immediate(page, at)
}
