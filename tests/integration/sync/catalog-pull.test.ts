/**
 * The catalog pull (sync-protocol.md §4.3): the owner edits the catalog at a real back office over
 * HTTP, a real terminal ledger pulls it. Products become sellable and searchable, price, VAT and
 * rate changes apply to what is rung up from then on, pages are applied exactly once even when
 * the pull dies between or inside them, and a change the till cannot take is skipped and audited.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { openDatabase } from '../../../electron/core/ledger/database.ts'
import { type Ledger, openLedger } from '../../../electron/core/ledger/index.ts'
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/core/ledger/migrations/index.ts'
import { createHttpTransport } from '../../../electron/core/sync/http-transport.ts'
import {
  type CatalogPullHooks,
  createSync,
  type SecretStore,
  type Sync,
  type SyncTransport,
} from '../../../electron/core/sync/index.ts'
import { TransportError } from '../../../electron/core/sync/transport.ts'
import type { CatalogProduct } from '../../../shared/sync-protocol.ts'
import { openTestBackoffice, type TestBackoffice } from '../../support/backoffice-harness.ts'
import { memorySecrets } from '../../support/memory-secrets.ts'

const opened: Array<{ close(): unknown }> = []
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close()
})

interface Till {
  ledger: Ledger
  sync: Sync
  secrets: SecretStore
  path: string
  close(): Promise<void>
  clock: { now: number }
  requests: string[]
  /** Makes the next catalog GETs fail as if the network dropped. */
  failCatalogRequests: { after: number | null }
  cashierId: string
}

async function backoffice(): Promise<TestBackoffice> {
  const office = await openTestBackoffice('sqlite', null)
  opened.push(office)
  return office
}

async function till(
  office: TestBackoffice,
  options: { hooks?: CatalogPullHooks; path?: string; secrets?: SecretStore; enrol?: boolean } = {},
): Promise<Till> {
  const path = options.path ?? join(mkdtempSync(join(tmpdir(), 'catalog-pull-')), 'pos.sqlite3')
  const clock = { now: Date.UTC(2026, 10, 24, 9, 0, 0) }
  const ledger = await openLedger(path, () => clock.now++)
  const requests: string[] = []
  const failCatalogRequests: Till['failCatalogRequests'] = { after: null }
  const transport = (baseUrl: string): SyncTransport => {
    const http = createHttpTransport(baseUrl)
    return {
      send: async (request) => {
        if (request.path.startsWith('/v1/catalog')) {
          if (failCatalogRequests.after !== null && failCatalogRequests.after-- <= 0)
            throw new TransportError('network', 'cable out')
          requests.push(request.path)
        }
        return http.send(request)
      },
    }
  }
  const secrets = options.secrets ?? memorySecrets()
  const sync = createSync({
    ledger,
    secrets,
    appVersion: '1.0.0',
    now: () => clock.now,
    transport,
    catalogPullHooks: options.hooks,
  })
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await sync.close()
    ledger.close()
  }
  opened.push({ close })
  if (options.enrol !== false) {
    const created = await office.http('POST', '/v1/admin/terminals', {
      body: { label: 'Till 1' },
      token: await office.ownerToken(),
    })
    await sync.enroll(office.url, created.body.code as string)
  }
  const cashierId = ledger.context.db
    .prepare("SELECT id FROM users WHERE role = 'cashier' LIMIT 1")
    .pluck()
    .get() as string
  return { ledger, sync, secrets, path, close, clock, requests, failCatalogRequests, cashierId }
}

async function edit(office: TestBackoffice, kind: string, item: unknown): Promise<number> {
  const answer = await office.http('POST', '/v1/admin/catalog', {
    body: { kind, item },
    token: await office.ownerToken(),
  })
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`catalog edit failed: ${answer.text}`)
  return answer.body.version as number
}

function product(overrides: Partial<CatalogProduct> = {}): CatalogProduct {
  return {
    id: 'bo-prod-1',
    sku: 'NOODLE-1',
    name_en: 'Kuy teav noodles',
    name_km: 'គុយទាវសាច់គោ',
    price_minor: 250,
    currency: 'USD',
    vat_class: 'standard',
    barcodes: ['8851234500017'],
    active: true,
    ...overrides,
  }
}

/** Audit entries written by the pull, by action. */
function pulledAudit(ledger: Ledger): { action: string; result: string; object_id: string | null; detail: string }[] {
  return ledger.context.db
    .prepare("SELECT action, result, object_id, detail FROM audit_log WHERE user_id = 'backoffice' ORDER BY seq")
    .all() as { action: string; result: string; object_id: string | null; detail: string }[]
}

function openShift(t: Till): void {
  if (!t.ledger.shifts.current()) t.ledger.shifts.open({ usd: 5000, khr: 200_000 }, t.cashierId)
}

describe('the catalog pull', () => {
  test('migration 006 keeps the rate history, its order and its append-only trigger', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'catalog-pull-')), 'pos.sqlite3')
    const old = openDatabase(path)
    for (const migration of MIGRATIONS.slice(0, 5))
      old.transaction(() => {
        old.exec(migration.sql)
        old.pragma(`user_version = ${migration.version}`)
      })()
    // Same time: the later row is the current rate.
    old
      .prepare(
        "INSERT INTO exchange_rates (id, khr_per_usd, source, set_by, set_at) VALUES ('b', 4000, 'nbc', NULL, 1000), ('a', 4100, 'shop', NULL, 1000)",
      )
      .run()
    old.close()
    const ledger = await openLedger(path, () => 500)
    opened.push(ledger)
    expect(ledger.context.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(ledger.settings.rateHistory(2).map((rate) => rate.id)).toEqual(['a', 'b'])
    expect(() => ledger.context.db.prepare('UPDATE exchange_rates SET khr_per_usd = 1').run()).toThrow(/never changed/)
    expect(ledger.context.db.prepare('SELECT catalog_cursor FROM sync_state').pluck().get()).toBe('0')
  })

  test('not enrolled: nothing is asked and nothing changes', async () => {
    const office = await backoffice()
    await edit(office, 'product', product())
    const t = await till(office, { enrol: false })
    expect(await t.sync.pullCatalog()).toEqual({ applied: 0, skipped: 0, cursor: '0' })
    expect(t.requests).toEqual([])
  })

  test('a new product is sellable by barcode and found in Khmer; price, activity, VAT and rate changes follow; a second pull applies nothing', async () => {
    const office = await backoffice()
    const t = await till(office)
    await edit(office, 'product', product())
    await edit(office, 'exchange_rate', { id: 'rate-1', khr_per_usd: 4050, set_at: office.clock.now })

    // The timer and the network coming back may ask at once: one pull runs, both get its answer.
    const [first, joined] = await Promise.all([t.sync.pullCatalog(), t.sync.pullCatalog()])
    expect(joined).toBe(first)
    expect(t.requests).toEqual(['/v1/catalog?cursor=0'])
    expect(first).toMatchObject({ applied: 2, skipped: 0, cursor: '2' })
    const found = t.ledger.catalog.findByBarcode('8851234500017')
    expect(found).toMatchObject({ sku: 'NOODLE-1', nameKm: 'គុយទាវសាច់គោ', price: 250, currency: 'USD', active: true })
    expect(found?.demo).toBe(false)
    // Trigram search on a Khmer fragment (no spaces in Khmer) finds it, so the FTS index was kept.
    expect(t.ledger.catalog.search('ទាវសាច់').map((p) => p.sku)).toContain('NOODLE-1')
    expect(t.ledger.catalog.search('Kuy teav').map((p) => p.sku)).toContain('NOODLE-1')
    expect(t.ledger.settings.currentRate()).toMatchObject({ khrPerUsd: 4050, source: 'backoffice', setBy: null })

    openShift(t)
    const sale = t.ledger.sales.addBarcode('8851234500017', 1, t.cashierId)
    expect(sale.lines[0]).toMatchObject({ unitPrice: 250, vatRateBasisPoints: 1000 })
    expect(sale.khrPerUsd).toBe(4050)

    // The owner raises the price, changes VAT and the rate, and retires a second product.
    await edit(office, 'product', product({ price_minor: 300 }))
    await edit(office, 'vat_class', { id: 'standard', name_en: 'VAT 10%', name_km: 'អាករ ១០%', rate_bp: 800 })
    await edit(office, 'exchange_rate', { id: 'rate-2', khr_per_usd: 4110, set_at: office.clock.now })
    await edit(
      office,
      'product',
      product({ id: 'bo-prod-2', sku: 'TEA-1', name_en: 'Iced tea', barcodes: ['8851234500024'] }),
    )
    await edit(
      office,
      'product',
      product({ id: 'bo-prod-2', sku: 'TEA-1', name_en: 'Iced tea', barcodes: ['8851234500024'], active: false }),
    )

    const second = await t.sync.pullCatalog()
    expect(second).toMatchObject({ applied: 5, skipped: 0, cursor: '7' })
    const productId = found?.id as string
    expect(t.ledger.catalog.product(productId)).toMatchObject({ price: 300, vatClass: 'standard' })
    expect(t.ledger.catalog.vatClasses().find((vat) => vat.id === 'standard')?.rateBasisPoints).toBe(800)
    expect(t.ledger.settings.currentRate()).toMatchObject({ khrPerUsd: 4110, source: 'backoffice' })
    expect(t.ledger.settings.rateHistory(10).filter((rate) => rate.source === 'backoffice')).toHaveLength(2)

    // The open sale keeps the price, VAT rate and exchange rate it was rung up with (the ledger
    // stores them on the line and the sale); scanning the same product again adds to that line.
    const again = t.ledger.sales.addBarcode('8851234500017', 1, t.cashierId)
    expect(again.khrPerUsd).toBe(4050)
    expect(again.lines).toHaveLength(1)
    expect(again.lines[0]).toMatchObject({ quantity: 2, unitPrice: 250, vatRateBasisPoints: 1000 })
    t.ledger.sales.payCash('USD', 1000, t.cashierId)
    // A new sale takes the new price, VAT rate and exchange rate.
    const next = t.ledger.sales.addBarcode('8851234500017', 1, t.cashierId)
    expect(next.khrPerUsd).toBe(4110)
    expect(next.lines[0]).toMatchObject({ unitPrice: 300, vatRateBasisPoints: 800 })

    // Deactivated: not sellable and not found by search.
    const tea = t.ledger.catalog.findByBarcode('8851234500024')
    expect(tea?.active).toBe(false)
    expect(() => t.ledger.sales.addBarcode('8851234500024', 1, t.cashierId)).toThrow(/inactive/)
    expect(t.ledger.catalog.search('Iced tea')).toEqual([])
    // One local product per back-office product, however often it changed.
    expect(t.ledger.context.db.prepare('SELECT count(*) FROM catalog_products').pluck().get()).toBe(2)

    // The pull is attributed to the back office, with no approver, each change named by its number.
    const audit = pulledAudit(t.ledger)
    expect(audit.map((entry) => entry.action)).toEqual([
      'product.created',
      'rate.changed',
      'product.updated',
      'settings.changed',
      'rate.changed',
      'product.created',
      'product.updated',
    ])
    expect(audit.every((entry) => entry.result === 'ok')).toBe(true)
    expect(audit.map((entry) => JSON.parse(entry.detail).backoffice_version)).toEqual([1, 2, 3, 4, 5, 6, 7])
    const approvers = t.ledger.context.db
      .prepare("SELECT count(*) FROM audit_log WHERE user_id = 'backoffice' AND approver_id IS NOT NULL")
      .pluck()
      .get()
    expect(approvers).toBe(0)

    const outboxBefore = t.ledger.context.db.prepare('SELECT count(*) FROM outbox').pluck().get()
    const third = await t.sync.pullCatalog()
    expect(third).toEqual({ applied: 0, skipped: 0, cursor: '7' })
    expect(pulledAudit(t.ledger)).toHaveLength(7)
    expect(t.ledger.context.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(outboxBefore)
    expect(t.requests.at(-1)).toBe('/v1/catalog?cursor=7')
  })

  test('a product the till already has under the same SKU is adopted, not duplicated; its category stays', async () => {
    const office = await backoffice()
    const t = await till(office)
    const local = t.ledger.catalog.list({ categoryId: null, offset: 0, limit: 100 }).find((p) => p.categoryId !== null)
    if (!local) throw new Error('the demo catalog has no product with a category')
    await edit(office, 'product', product({ id: 'bo-adopt', sku: local.sku, name_en: 'Renamed at the office' }))
    expect(await t.sync.pullCatalog()).toMatchObject({ applied: 1, skipped: 0 })
    const after = t.ledger.catalog.product(local.id)
    expect(after).toMatchObject({ nameEn: 'Renamed at the office', categoryId: local.categoryId, demo: false })
    expect(t.ledger.context.db.prepare('SELECT count(*) FROM products WHERE sku = ?').pluck().get(local.sku)).toBe(1)
  })

  test('invalid changes are skipped with an audit entry naming them, and the pull goes on', async () => {
    const office = await backoffice()
    const t = await till(office)
    await edit(office, 'product', product({ id: 'bad-vat', sku: 'BAD-1', vat_class: 'no-such-class', barcodes: [] }))
    await edit(office, 'product', product({ id: 'bad-name', sku: 'BAD-2', name_en: 'x'.repeat(150), barcodes: [] }))
    await edit(office, 'exchange_rate', { id: 'rate-silly', khr_per_usd: 1, set_at: office.clock.now })
    await edit(office, 'product', product())
    // Same barcode as the product before it, under another back-office id.
    await edit(office, 'product', product({ id: 'bo-clash', sku: 'CLASH-1' }))
    // A change the back office's own validator would never let through, put straight into its store.
    await office.store.transaction(async (tx) => {
      const counter = await tx.get<{ value: number }>(
        "UPDATE counters SET value = value + 1 WHERE name = 'catalog' RETURNING value",
      )
      await tx.run('INSERT INTO catalog_changes (version, kind, item_id, item, changed_at) VALUES (?, ?, ?, ?, ?)', [
        Number(counter?.value),
        'coupon',
        'c-1',
        JSON.stringify({ id: 'c-1', price_minor: 1.5 }),
        office.clock.now,
      ])
    })
    await edit(office, 'vat_class', { id: 'reduced', name_en: 'VAT 5%', name_km: 'អាករ ៥%', rate_bp: 500 })

    const result = await t.sync.pullCatalog()
    expect(result).toEqual({ applied: 2, skipped: 5, cursor: '7' })
    expect(t.ledger.catalog.findByBarcode('8851234500017')?.sku).toBe('NOODLE-1')
    expect(t.ledger.catalog.vatClasses().map((vat) => vat.id)).toContain('reduced')
    expect(t.ledger.settings.currentRate().source).not.toBe('backoffice')
    for (const sku of ['BAD-1', 'BAD-2', 'CLASH-1'])
      expect(t.ledger.context.db.prepare('SELECT count(*) FROM products WHERE sku = ?').pluck().get(sku)).toBe(0)

    const skipped = pulledAudit(t.ledger).filter((entry) => entry.action === 'catalog.change_skipped')
    expect(skipped.every((entry) => entry.result === 'refused')).toBe(true)
    const details = skipped.map((entry) => ({ object: entry.object_id, ...JSON.parse(entry.detail) }))
    expect(details.map((detail) => [detail.backoffice_version, detail.object, detail.code])).toEqual([
      [1, 'bad-vat', 'vat_class_unknown'],
      [2, 'bad-name', 'invalid_change'],
      [3, 'rate-silly', 'invalid_change'],
      [5, 'bo-clash', 'barcode_taken'],
      [6, 'c-1', 'invalid_change'],
    ])
    expect(details[4].item).toContain('1.5')
    expect(await t.sync.pullCatalog()).toEqual({ applied: 0, skipped: 0, cursor: '7' })
  })

  test('more than one page: every page is fetched after the last, and a crash inside or between pages applies each change exactly once', async () => {
    const office = await backoffice()
    const total = 1_030
    for (let index = 0; index < total; index++) {
      if (index % 100 === 50)
        await edit(office, 'exchange_rate', {
          id: `rate-${index}`,
          khr_per_usd: 4000 + index,
          set_at: office.clock.now,
        })
      else
        await edit(
          office,
          'product',
          product({
            id: `bo-${index}`,
            sku: `SKU-${index}`,
            name_en: `Product ${index}`,
            barcodes: [`99100${String(index).padStart(8, '0')}`],
          }),
        )
    }
    const rates = Array.from({ length: total }, (_, index) => index).filter((index) => index % 100 === 50)
    let crashOnPage: number | null = 2
    const t = await till(office, {
      hooks: {
        afterChangesApplied: (page) => {
          if (page.number === crashOnPage) throw new Error('power cut after the page was applied, before its cursor')
        },
      },
    })
    // The pull dies on page 2, with its changes applied but the cursor not yet saved.
    await expect(t.sync.pullCatalog()).rejects.toThrow(/power cut/)
    expect(t.requests).toEqual(['/v1/catalog?cursor=0', '/v1/catalog?cursor=500'])
    expect(pulledAudit(t.ledger)).toHaveLength(500)

    // Again, and now the network drops before page 3: page 2 stays applied.
    crashOnPage = null
    t.failCatalogRequests.after = 1
    await expect(t.sync.pullCatalog()).rejects.toMatchObject({ name: 'CatalogPullError', errorClass: 'network' })
    expect(t.requests.slice(2)).toEqual(['/v1/catalog?cursor=500'])
    expect(pulledAudit(t.ledger)).toHaveLength(1000)

    // The till restarts (a new engine on the same file, the same secret store) and finishes.
    await t.close()
    const restarted = await till(office, { path: t.path, secrets: t.secrets, enrol: false })
    expect(await restarted.sync.pullCatalog()).toEqual({ applied: total - 1000, skipped: 0, cursor: String(total) })
    expect(restarted.requests).toEqual(['/v1/catalog?cursor=1000'])

    const audit = pulledAudit(restarted.ledger)
    expect(audit.filter((entry) => entry.result !== 'ok')).toEqual([])
    const versions = audit.map((entry) => JSON.parse(entry.detail).backoffice_version as number)
    expect(versions).toEqual(Array.from({ length: total }, (_, index) => index + 1))
    const db = restarted.ledger.context.db
    const products = total - rates.length
    expect(db.prepare("SELECT count(*) FROM products WHERE sku LIKE 'SKU-%'").pluck().get()).toBe(products)
    expect(db.prepare('SELECT count(*) FROM catalog_products').pluck().get()).toBe(products)
    expect(db.prepare("SELECT count(*) FROM exchange_rates WHERE source = 'backoffice'").pluck().get()).toBe(
      rates.length,
    )
    expect(restarted.ledger.settings.currentRate().khrPerUsd).toBe(4000 + (rates.at(-1) ?? 0))
    expect(restarted.ledger.catalog.findByBarcode('9910000001029')?.sku).toBe('SKU-1029')
    expect(restarted.ledger.catalog.search('Product 1029').map((p) => p.sku)).toContain('SKU-1029')
    expect(await restarted.sync.pullCatalog()).toEqual({ applied: 0, skipped: 0, cursor: String(total) })
  }, 120_000)
})
