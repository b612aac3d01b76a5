/**
 * The owner's reports, over real HTTP against the real back office on SQLite and PostgreSQL:
 * generated histories of two tills made by the real till engine are pushed as the tills push
 * them, and every figure of every report (whole history, each day, a week, a month, one
 * terminal) must equal the sums computed straight from the events (report-oracle.ts).
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { addDays } from '../../../backoffice/src/report-period.ts'
import type { PushEvent } from '../../../shared/sync-protocol.ts'
import type { TestBackoffice } from '../../support/backoffice-harness.ts'
import { seededRandom } from '../../support/seeded-random.ts'
import { backofficeSuites } from './ledger-history.ts'
import { FIRST_DAY, generateShopHistory, pushShop, type TillHistory } from './report-history.ts'
import { type CurrencyFigures, emptyFigures, type OracleScope, type ShopLedger } from './report-oracle.ts'

const suites = await backofficeSuites()
const SEEDS = [1, 2, 3]
const DAYS = 4
const histories = new Map<number, TillHistory[]>()
beforeAll(async () => {
  for (const seed of SEEDS) histories.set(seed, await generateShopHistory(seed, DAYS))
}, 300_000)

type ApiFigures = CurrencyFigures
interface ApiReport {
  period: { kind: string; from: string; to: string; terminal_id: string | null }
  totals: ApiFigures
  bucket: 'day' | 'month'
  over_time: { key: string; figures: ApiFigures }[]
  hours: unknown[]
  tenders: Record<string, unknown>[]
  khqr: unknown[]
  products: {
    key: string
    units: number
    units_refunded: number
    grams: number
    grams_refunded: number
    usd_minor: number
    khr_minor: number
    total_khr: number
  }[]
  categories: { key: string; total_khr: number }[]
  cashiers: { id: string | null; figures: ApiFigures }[]
  terminals: { key: string; figures: ApiFigures }[]
}

const byMethod = <T extends Record<string, unknown>>(rows: T[]) =>
  [...rows].sort((a, b) => String(a.method).localeCompare(String(b.method)))

function netRiel(figures: CurrencyFigures): number {
  const net = (f: CurrencyFigures['USD']) => f.gross_khr - f.voided_khr - f.refunded_khr
  return net(figures.USD) + net(figures.KHR)
}

/** Every report of one period and terminal choice against the ledger's own sums. */
async function expectReportsToMatch(bo: TestBackoffice, ledger: ShopLedger, query: string, scope: OracleScope) {
  const answer = await bo.http('GET', `/v1/admin/reports?${query}`, { token: await bo.ownerToken() })
  expect(answer.status).toBe(200)
  const report = answer.body as ApiReport
  expect(report.period).toMatchObject({ from: scope.from, to: scope.to, terminal_id: scope.terminalId })
  expect(report.totals, `totals ${query}`).toEqual(ledger.totals(scope))

  const perDay = ledger.figuresBy(
    scope,
    (sale) => sale.day,
    (refund) => refund.day,
  )
  const days: string[] = []
  for (let day = scope.from; day <= scope.to; day = addDays(day, 1)) days.push(day)
  expect(report.bucket).toBe('day')
  expect(report.over_time.map((row) => row.key)).toEqual(days)
  for (const row of report.over_time)
    expect(row.figures, `day ${row.key}`).toEqual(perDay.get(row.key) ?? emptyFigures())

  expect(report.hours, `hours ${query}`).toEqual(ledger.hours(scope))
  expect(byMethod(report.tenders), `tenders ${query}`).toEqual(byMethod(ledger.tenders(scope)))
  expect(report.khqr, `khqr ${query}`).toEqual(ledger.khqrStates(scope))

  // Products: quantities and each currency exactly; riel as whole-riel shares of each document's
  // own riel total, so they add up to the net exactly and stray from the exact share by < 1 a line.
  const expected = ledger.products(scope)
  expect(report.products.map((row) => row.key).sort()).toEqual(expected.map((row) => row.key).sort())
  for (const row of report.products) {
    const own = expected.find((candidate) => candidate.key === row.key)
    const { exactKhr, lines, ...figures } = own as NonNullable<typeof own>
    expect(row, `product ${row.key}`).toMatchObject(figures)
    expect(Math.abs(row.total_khr - exactKhr), `riel of ${row.key}`).toBeLessThan(lines)
  }
  const totalNet = netRiel(report.totals)
  expect(report.products.reduce((sum, row) => sum + row.total_khr, 0)).toBe(totalNet)
  expect(report.categories.reduce((sum, row) => sum + row.total_khr, 0)).toBe(totalNet)
  expect(report.products.map((row) => row.total_khr)).toEqual(
    [...report.products.map((row) => row.total_khr)].sort((a, b) => b - a),
  )

  const cashiers = ledger.figuresBy(
    scope,
    (sale) => sale.cashierId,
    (refund) => refund.refundedBy,
  )
  expect(new Map(report.cashiers.map((row) => [row.id, row.figures]))).toEqual(cashiers)

  const terminals = ledger.figuresBy(
    scope,
    (sale) => sale.terminalId,
    (refund) => refund.terminalId,
  )
  for (const row of report.terminals)
    expect(row.figures, `terminal ${row.key}`).toEqual(terminals.get(row.key) ?? emptyFigures())
  expect(report.terminals.map((row) => row.key).sort()).toEqual(
    scope.terminalId ? [scope.terminalId] : [...new Set(ledger.sales.map((sale) => sale.terminalId))].sort(),
  )
}

suites.onEachStore('owner reports on %s', (_kind, open) => {
  describe.each(SEEDS)('a generated history of two tills (seed %i)', (seed) => {
    test('every report equals the ledger’s own sums: the whole history, each day, a week, a month, one terminal', async () => {
      const bo = await open({ now: () => Date.UTC(2026, 11, 3, 3, 0) })
      const ledger = await pushShop(bo, histories.get(seed) ?? [])
      expect(ledger.sales.length).toBeGreaterThan(20)
      expect(ledger.refunds.length + ledger.sales.filter((sale) => sale.voided).length).toBeGreaterThan(0)
      const last = addDays(FIRST_DAY, DAYS - 1)
      const all = { from: FIRST_DAY, to: last, terminalId: null }
      await expectReportsToMatch(bo, ledger, `from=${FIRST_DAY}&to=${last}`, all)
      for (let day = FIRST_DAY; day <= last; day = addDays(day, 1))
        await expectReportsToMatch(bo, ledger, `period=day&date=${day}`, { from: day, to: day, terminalId: null })
      // Monday 30 November to Sunday 6 December holds the last two days; November the first three.
      await expectReportsToMatch(bo, ledger, 'period=week&date=2026-12-03', {
        from: '2026-11-30',
        to: '2026-12-06',
        terminalId: null,
      })
      await expectReportsToMatch(bo, ledger, 'period=month&date=2026-11-15', {
        from: '2026-11-01',
        to: '2026-11-30',
        terminalId: null,
      })
      const front = ledger.sales[0]?.terminalId as string
      await expectReportsToMatch(bo, ledger, `from=${last}&to=${FIRST_DAY}&terminal=${front}`, {
        ...all,
        terminalId: front,
      })
    }, 120_000)
  })

  test.each(['reversed', 'shuffled'])(
    'the same figures whatever order the events arrive in (%s): voids before their sales, documents before their shifts',
    async (order) => {
      const bo = await open({ now: () => Date.UTC(2026, 11, 3, 3, 0) })
      const random = seededRandom(7)
      const reordered = (histories.get(1) ?? []).map((till) => {
        const events = [...till.events].reverse()
        if (order === 'shuffled')
          for (let index = events.length - 1; index > 0; index--) {
            const other = Math.floor(random() * (index + 1))
            ;[events[index], events[other]] = [events[other] as PushEvent, events[index] as PushEvent]
          }
        return { ...till, events }
      })
      const ledger = await pushShop(bo, reordered)
      const last = addDays(FIRST_DAY, DAYS - 1)
      const all = { from: FIRST_DAY, to: last, terminalId: null }
      await expectReportsToMatch(bo, ledger, `from=${FIRST_DAY}&to=${last}`, all)
      for (let day = FIRST_DAY; day <= last; day = addDays(day, 1))
        await expectReportsToMatch(bo, ledger, `period=day&date=${day}`, { from: day, to: day, terminalId: null })
    },
    120_000,
  )
})
