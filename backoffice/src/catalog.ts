import type {
  CatalogChange,
  CatalogExchangeRate,
  CatalogProduct,
  CatalogResponse,
  CatalogVatClass,
} from '../../shared/sync-protocol.ts'
import { isIntegerIn, isPlainObject, isTextOf } from '../../shared/sync-protocol.ts'
import { badRequest } from './errors.ts'
import type { BackofficeStore } from './store/types.ts'

const PAGE = 500

/**
 * The catalog flows down only (§4.3): every edit by the owner appends a numbered change, and a
 * terminal pulls the changes after its cursor. Numbers come from a counter row updated in the
 * edit's transaction, so on PostgreSQL they also commit in order and no reader skips one.
 */
export function createCatalog(store: BackofficeStore, now: () => number) {
  return {
    async changesAfter(cursorText: string | undefined): Promise<CatalogResponse> {
      const cursor = cursorText === undefined || cursorText === '' ? 0 : Number(cursorText)
      if (!/^\d{1,15}$/.test(cursorText ?? '0') || !Number.isSafeInteger(cursor))
        throw badRequest('cursor must be a number given by an earlier answer.', 'cursor')
      const rows = await store.all<{ version: number; kind: CatalogChange['kind']; item: string }>(
        'SELECT version, kind, item FROM catalog_changes WHERE version > ? ORDER BY version LIMIT ?',
        [cursor, PAGE + 1],
      )
      const page = rows.slice(0, PAGE)
      return {
        changes: page.map(
          (row) => ({ version: row.version, kind: row.kind, item: JSON.parse(row.item) }) as CatalogChange,
        ),
        next_cursor: String(page.at(-1)?.version ?? cursor),
        has_more: rows.length > PAGE,
        server_time: now(),
      }
    },

    /** Records one owner edit (the whole item as it now is); answers the change with its number. */
    async record(body: unknown): Promise<CatalogChange> {
      if (!isPlainObject(body)) throw badRequest('The body must be {kind, item}.')
      const change = parseChange(body.kind, body.item)
      return store.transaction(async (tx) => {
        const counter = await tx.get<{ value: number }>(
          "UPDATE counters SET value = value + 1 WHERE name = 'catalog' RETURNING value",
        )
        const version = Number(counter?.value)
        await tx.run('INSERT INTO catalog_changes (version, kind, item_id, item, changed_at) VALUES (?, ?, ?, ?, ?)', [
          version,
          change.kind,
          change.item.id,
          JSON.stringify(change.item),
          now(),
        ])
        return { ...change, version } as CatalogChange
      })
    },
  }
}

function text(item: Record<string, unknown>, key: string, max: number): string {
  const value = item[key]
  if (!isTextOf(value, 1, max)) throw badRequest(`${key} must be a text of 1 to ${max} characters.`, `item.${key}`)
  return value
}
function integer(item: Record<string, unknown>, key: string, min: number, max: number): number {
  const value = item[key]
  if (!isIntegerIn(value, min, max)) throw badRequest(`${key} must be an integer from ${min} to ${max}.`, `item.${key}`)
  return value
}

function parseChange(kind: unknown, item: unknown): Omit<CatalogChange, 'version'> & { item: { id: string } } {
  if (!isPlainObject(item)) throw badRequest('item must be an object.', 'item')
  switch (kind) {
    case 'product': {
      const currency = item.currency
      if (currency !== 'USD' && currency !== 'KHR') throw badRequest('currency must be USD or KHR.', 'item.currency')
      const barcodes = item.barcodes ?? []
      if (!Array.isArray(barcodes) || barcodes.length > 20 || !barcodes.every((code) => isTextOf(code, 1, 64)))
        throw badRequest('barcodes must be a list of at most 20 texts.', 'item.barcodes')
      if (item.active !== undefined && typeof item.active !== 'boolean')
        throw badRequest('active must be true or false.', 'item.active')
      const soldBy = item.sold_by ?? 'count'
      if (soldBy !== 'count' && soldBy !== 'weight')
        throw badRequest('sold_by must be count or weight.', 'item.sold_by')
      const scaleCode = item.scale_code ?? null
      if (
        scaleCode !== null &&
        !(typeof scaleCode === 'string' && /^[0-9]*[1-9][0-9]*$/.test(scaleCode) && scaleCode.length <= 6)
      )
        throw badRequest('scale_code must be 1 to 6 digits, not all zero.', 'item.scale_code')
      const product: CatalogProduct = {
        id: text(item, 'id', 64),
        sku: text(item, 'sku', 64),
        name_en: text(item, 'name_en', 200),
        name_km: text(item, 'name_km', 200),
        price_minor: integer(item, 'price_minor', 0, 1e12),
        currency,
        vat_class: text(item, 'vat_class', 64),
        barcodes: barcodes as string[],
        active: item.active !== false,
        sold_by: soldBy,
        scale_code: scaleCode,
      }
      return { kind, item: product }
    }
    case 'vat_class': {
      const vat: CatalogVatClass = {
        id: text(item, 'id', 64),
        name_en: text(item, 'name_en', 200),
        name_km: text(item, 'name_km', 200),
        rate_bp: integer(item, 'rate_bp', 0, 10_000),
      }
      return { kind, item: vat }
    }
    case 'exchange_rate': {
      const rate: CatalogExchangeRate = {
        id: text(item, 'id', 64),
        khr_per_usd: integer(item, 'khr_per_usd', 1, 1_000_000),
        set_at: integer(item, 'set_at', 0, 4_102_444_800_000),
      }
      return { kind, item: rate }
    }
    default:
      throw badRequest('kind must be product, vat_class or exchange_rate.', 'kind')
  }
}

export type Catalog = ReturnType<typeof createCatalog>
