import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import {
  type OutboxRow,
  openTestBackoffice,
  type StoreKind,
  type TestBackoffice,
} from '../../support/backoffice-harness.ts'
import { BARCODES, openTestPos, type TestPos } from '../../support/pos.ts'
import { testPostgres } from '../../support/postgres.ts'

/** A till's outbox rows as stored, in order: what its sync pushes. */
export function outboxRows(t: TestPos): OutboxRow[] {
  return t.pos.ledger.context.db
    .prepare(
      'SELECT seq, event_id, type, payload, payload_sha256, prev_hash, hash, occurred_at_device FROM outbox ORDER BY seq',
    )
    .all() as OutboxRow[]
}

/**
 * A shift on a real ledger: a $4.50 sale paid cash, a $1.50 sale voided, a $6.25 sale paid by a
 * KHQR confirmed by hand then refunded, two cash moves, then the KHQR account changed to another
 * one (with a manager's approval, as a dishonest manager could). Returns its outbox rows as stored.
 */
export async function ledgerShiftOutbox(): Promise<OutboxRow[]> {
  const t = await openTestPos()
  try {
    await t.api.scanBarcode(BARCODES.amok)
    await t.api.payCash('USD', 1000)
    await t.api.scanBarcode(BARCODES.icedCoffee)
    const voided = await t.api.payCash('KHR', 10_000)
    await t.api.voidSale(voided.id, t.approval('rang twice'))
    const kept = await t.api.scanBarcode(BARCODES.rice)
    await t.api.startKhqr('USD')
    await t.api.confirmKhqrByHand(t.approval('saw the app'))
    await t.api.refundSale(
      {
        saleId: kept.id,
        lines: [{ lineId: kept.lines[0]?.id as string, quantity: 1 }],
        tenders: [{ kind: 'cash_usd', amount: 625 }],
      },
      t.approval('bag torn'),
    )
    await t.api.moveCash({ direction: 'out', currency: 'KHR', amount: 50_000, reason: 'ice delivery' }, t.approval())
    const { merchant } = await t.api.getSettings()
    await t.api.updateSettings(
      { merchant: { ...merchant, bakongAccountId: 'someone_else@wing', merchantNameEn: 'Other Shop' } },
      t.approval('new bank'),
    )
    return outboxRows(t)
  } finally {
    t.pos.close()
  }
}

/**
 * A real ledger tried as the demo (two practice sales, one of them refunded), then set up as the
 * shop's own (its manager, Bakong account and rate; the demo ended), then one real $4.50 sale.
 */
export async function demoThenOwnShopOutbox(): Promise<OutboxRow[]> {
  const t = await openTestPos()
  try {
    await t.api.scanBarcode(BARCODES.icedCoffee)
    await t.api.payCash('USD', 200)
    const refunded = await t.api.scanBarcode(BARCODES.rice)
    await t.api.payCash('USD', 1000)
    await t.api.refundSale(
      {
        saleId: refunded.id,
        lines: [{ lineId: refunded.lines[0]?.id as string, quantity: 1 }],
        tenders: [{ kind: 'cash_usd', amount: 625 }],
      },
      t.approval('practice refund'),
    )
    const owner = await t.api.createUser({ name: 'Dara', role: 'manager', pin: '5820' }, t.approval('owner'))
    const ownerApproval = t.approval('opening day', { managerId: owner.id, pin: '5820' })
    const { merchant } = await t.api.getSettings()
    await t.api.updateSettings({ merchant: { ...merchant, bakongAccountId: 'dara_shop@aclb' } }, ownerApproval)
    await t.api.setExchangeRate(4080, 'nbc', ownerApproval)
    await t.api.endDemo(ownerApproval)
    await t.api.signIn(owner.id, '5820')
    await t.api.openShift({ usd: 0, khr: 0 })
    const product = await t.api.saveProduct(
      {
        sku: 'AMOK',
        nameEn: 'Amok',
        nameKm: 'អាម៉ុក',
        categoryId: null,
        price: 450,
        currency: 'USD',
        vatClass: 'standard',
        active: true,
        barcodes: [],
        soldBy: 'count',
        scaleCode: null,
      },
      null,
      ownerApproval,
    )
    await t.api.addProduct(product.id, 1)
    await t.api.payCash('USD', 500)
    return outboxRows(t)
  } finally {
    t.pos.close()
  }
}
type BackofficeOptions = Parameters<typeof openTestBackoffice>[2]

/**
 * The back-office suites' common ground: a real PostgreSQL (started once per file), the ledger
 * shift's outbox rows, and `describe` run on SQLite and on PostgreSQL with an `open` that closes
 * what it opened after each test. Without PostgreSQL the PostgreSQL half fails under CI and is
 * skipped, saying why, elsewhere.
 */
export async function backofficeSuites(): Promise<{
  ledgerRows(): OutboxRow[]
  onEachStore(
    name: string,
    body: (kind: StoreKind, open: (options?: BackofficeOptions) => Promise<TestBackoffice>) => void,
  ): void
}> {
  const postgres = await testPostgres()
  afterAll(() => postgres.stop())
  let rows: OutboxRow[] = []
  beforeAll(async () => {
    rows = await ledgerShiftOutbox()
  }, 30_000)
  const opened: TestBackoffice[] = []
  afterEach(async () => {
    for (const backoffice of opened.splice(0)) await backoffice.close()
  })
  return {
    ledgerRows: () => rows,
    onEachStore(name, body) {
      describe.each<StoreKind>(['sqlite', 'postgres'])(name, (kind) => {
        if (kind === 'postgres' && !postgres.url) {
          if (process.env.CI) test('PostgreSQL is available under CI', () => expect.fail(postgres.reason))
          else test.skip(`PostgreSQL tests skipped: ${postgres.reason}`, () => {})
          return
        }
        body(kind, async (options = {}) => {
          const backoffice = await openTestBackoffice(kind, postgres, options)
          opened.push(backoffice)
          return backoffice
        })
      })
    },
  }
}
