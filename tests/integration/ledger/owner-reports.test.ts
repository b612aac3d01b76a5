/**
 * The owner's report figures are the ledger's own sums: on generated histories (sales in both
 * currencies over days and hours, by count and by weight, cash and KHQR, voids and refunds on later
 * days) every figure of every range equals what the sales, tenders and lines say when summed
 * directly, and the tables kept as documents are paid equal the same tables built whole.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { shopDay } from '../../../shared/shop-time.ts'
import { BARCODES, codeOf, openTestPosPerTest, type TestPos } from '../../support/pos.ts'
import { seededRandom } from '../../support/seeded-random.ts'

const till = openTestPosPerTest()
const ZONE = 'Asia/Phnom_Penh'
const HOUR = 3_600_000

const CODES = [BARCODES.icedCoffee, BARCODES.water, BARCODES.porkRice, BARCODES.amok, BARCODES.rice, '8850000000042']

/** A history of a few days: sales, some voided, some refunded later, the clock moving hours at a time. */
async function history(t: TestPos, seed: number, sales: number): Promise<void> {
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const paid: string[] = []
  for (let n = 0; n < sales; n++) {
    t.clock.advance(Math.floor(random() * 9 * HOUR))
    if (random() < 0.3) await t.api.setSaleCurrency('KHR').catch(() => undefined)
    const lines = 1 + Math.floor(random() * 3)
    for (let l = 0; l < lines; l++) await t.api.scanBarcode(pick(CODES))
    if (random() < 0.3) {
      const sale = await t.api.getCurrentSale()
      if (sale && sale.currency === 'USD') await t.api.setSaleCurrency('KHR')
    }
    const sale = await t.api.getCurrentSale()
    if (!sale) continue
    const way = random()
    let done: Awaited<ReturnType<TestPos['api']['payCash']>>
    if (way < 0.25) {
      await t.api.startKhqr(sale.currency)
      done = await t.api.confirmKhqrByHand(t.approval('saw it'))
    } else if (way < 0.6) {
      done = await t.api.payCash('KHR', Math.ceil(sale.payment.stillDue.khrCash / 1000) * 1000 + 5000)
    } else {
      done = await t.api.payCash('USD', Math.ceil(sale.payment.stillDue.usd / 100) * 100 + 500)
    }
    paid.push(done.id)
    const after = random()
    if (after < 0.15 && paid.length > 1) {
      const earlier = paid.splice(Math.floor(random() * paid.length), 1)[0] as string
      await t.api.voidSale(earlier, t.approval('rung wrong')).catch(() => undefined)
    } else if (after < 0.3 && paid.length > 1) {
      const earlier = await t.api.getSale(pick(paid))
      const line = earlier.lines[0]
      if (line && !earlier.voided) {
        const quote = await t.api
          .quoteRefund({ saleId: earlier.id, lines: [{ lineId: line.id, quantity: 1 }] })
          .catch(() => null) // already refunded whole
        if (!quote) continue
        const tender =
          quote.currency === 'USD'
            ? { kind: 'cash_usd' as const, amount: quote.total }
            : { kind: 'cash_khr' as const, amount: Math.round(quote.total / 100) * 100 }
        if (tender.amount > 0)
          await t.api
            .refundSale(
              { saleId: earlier.id, lines: [{ lineId: line.id, quantity: 1 }], tenders: [tender] },
              t.approval(),
            )
            .catch(() => undefined)
      }
    }
  }
}

interface Document {
  kind: 'sale' | 'refund' | 'void'
  day: string
  hour: number
  currency: 'USD' | 'KHR'
  total: number
  totalKhr: number
  vat: number
  saleId: string
}

/** Every sale, refund and void straight from the ledger's rows, on its shop day and hour. */
function documents(t: TestPos): Document[] {
  const db = t.pos.ledger.context.db
  const hourOf = (at: number) =>
    Number(new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' }).format(at))
  const rows = db
    .prepare(
      `SELECT id, kind, currency, total, total_khr, vat_total, completed_at FROM sales WHERE state = 'paid'
       UNION ALL SELECT s.id, 'void', s.currency, s.total, s.total_khr, s.vat_total, v.at FROM sale_voids v JOIN sales s ON s.id = v.sale_id`,
    )
    .all() as {
    id: string
    kind: Document['kind']
    currency: 'USD' | 'KHR'
    total: number
    total_khr: number
    vat_total: number
    completed_at: number
  }[]
  return rows.map((row) => ({
    kind: row.kind,
    day: shopDay(row.completed_at, ZONE),
    hour: hourOf(row.completed_at),
    currency: row.currency,
    total: row.total,
    totalKhr: row.total_khr,
    vat: row.vat_total,
    saleId: row.id,
  }))
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0)
}

describe('owner reports', () => {
  test('every figure of every range is the ledger’s own sum, on generated histories', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
        const t = await till({ signIn: 'manager' })
        await history(t, seed, 14)
        const docs = documents(t)
        const allDays = [...new Set(docs.map((doc) => doc.day))].sort()
        const first = allDays[0] as string
        const last = allDays.at(-1) as string
        const random = seededRandom(seed + 1)
        const ranges = [
          { from: first, to: last },
          { from: first, to: first },
          { from: allDays[Math.floor(random() * allDays.length)] as string, to: last },
        ]
        for (const range of ranges) {
          const report = await t.api.getOwnerReport(range)
          const inside = docs.filter((doc) => doc.day >= range.from && doc.day <= range.to)
          for (const currency of ['USD', 'KHR'] as const) {
            const of = (kind: Document['kind']) =>
              inside.filter((doc) => doc.kind === kind && doc.currency === currency)
            const row = report.currencies.find((each) => each.currency === currency)
            const expected = {
              sales: of('sale').length,
              salesTotal: sum(of('sale'), (doc) => doc.total),
              refundsTotal: sum(of('refund'), (doc) => doc.total),
              voidsTotal: sum(of('void'), (doc) => doc.total),
              vat:
                sum(of('sale'), (doc) => doc.vat) -
                sum(of('refund'), (doc) => doc.vat) -
                sum(of('void'), (doc) => doc.vat),
            }
            if (!row) expect(expected).toEqual({ sales: 0, salesTotal: 0, refundsTotal: 0, voidsTotal: 0, vat: 0 })
            else {
              expect(row).toMatchObject(expected)
              expect(row.net).toBe(expected.salesTotal - expected.refundsTotal - expected.voidsTotal)
            }
          }
          const netKhr = (docsOf: Document[]) =>
            sum(docsOf, (doc) => (doc.kind === 'sale' ? doc.totalKhr : -doc.totalKhr))
          expect(report.inRiel.net).toBe(netKhr(inside))
          for (const day of report.days) expect(day.netKhr).toBe(netKhr(inside.filter((doc) => doc.day === day.day)))
          for (const hour of report.hours)
            expect(hour.netKhr).toBe(netKhr(inside.filter((doc) => doc.hour === hour.hour)))
          // Best sellers and categories add up to the net in riel, as every line is in one of each.
          expect(sum(report.categories, (category) => category.amountKhr)).toBe(lineNetKhr(t, inside))
          expect(sum(report.cashiers, (cashier) => cashier.amountKhr)).toBe(report.inRiel.net)
        }
        // The tables kept sale by sale are the tables built whole.
        const kept = reportTables(t)
        t.pos.ledger.reportFacts.rebuild(420)
        expect(reportTables(t)).toEqual(kept)
      }),
      { numRuns: 6 },
    )
  })

  test('a range is two days in order, at most ten years; managers only', async () => {
    const t = await till({ signIn: 'manager' })
    expect(await codeOf(t.api.getOwnerReport({ from: '2026-12-07', to: '2026-12-06' }))).toBe('report_range_invalid')
    expect(await codeOf(t.api.getOwnerReport({ from: '2026-02-30', to: '2026-03-01' }))).toBe('report_range_invalid')
    expect(await codeOf(t.api.getOwnerReport({ from: '2000-01-01', to: '2026-01-01' }))).toBe('report_range_invalid')
    const empty = await t.api.getOwnerReport({ from: '2026-12-01', to: '2026-12-07' })
    expect(empty.days.map((day) => day.day)).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
      '2026-12-07',
    ])
    expect(empty.inRiel.net).toBe(0)
    await t.api.signIn(t.cashier.id, '2468')
    expect(await codeOf(t.api.getOwnerReport({ from: '2026-12-01', to: '2026-12-07' }))).toBe('manager_only')
  })
})

/** The net of the documents' lines in riel, each at its sale's rate (what products and categories share out). */
function lineNetKhr(t: TestPos, inside: Document[]): number {
  const db = t.pos.ledger.context.db
  const line = db.prepare(
    `SELECT coalesce(sum(CASE s.currency WHEN 'KHR' THEN l.amount ELSE (l.amount * s.khr_per_usd + 50) / 100 END), 0)
     FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE l.sale_id = ?`,
  )
  return sum(inside, (doc) => (doc.kind === 'sale' ? 1 : -1) * (line.pluck().get(doc.saleId) as number))
}

function reportTables(t: TestPos): Record<string, unknown[]> {
  const db = t.pos.ledger.context.db
  const tables: Record<string, unknown[]> = {}
  for (const table of ['report_sales', 'report_tenders', 'report_products', 'report_cashiers'])
    tables[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3`).all()
  return tables
}
