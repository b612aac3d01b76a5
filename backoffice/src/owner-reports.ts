import {
  cashierNames,
  type GoodsRow,
  goods,
  type KhqrStateRow,
  khqrStates,
  type TenderRow,
  tenders,
} from './report-breakdowns.ts'
import { bucketOf, daysOf, monthsOf, type ReportPeriod } from './report-period.ts'
import {
  type CurrencyFigures,
  emptyCurrencyFigures,
  figureFacts,
  foldFacts,
  type HourRow,
  inRiel,
  type ReportScope,
  salesByHour,
} from './report-queries.ts'
import { type TerminalReport, terminalReports } from './reports.ts'
import type { SqlRunner } from './store/types.ts'

/** One row of a report grouped by something (a day, a cashier, a terminal), with its figures per currency. */
export interface GroupFigures {
  key: string
  figures: CurrencyFigures
}

export interface CashierFigures extends GroupFigures {
  /** null when the terminal did not say who sold. */
  id: string | null
  name: string | null
  terminalLabel: string | null
}

export interface TerminalFigures extends GroupFigures {
  terminal: TerminalReport
}

/** Everything the owner's report page and its CSV downloads show for one period. */
export interface OwnerReports {
  period: ReportPeriod
  totals: CurrencyFigures
  /** Bars a day, or a month for long periods; every day (month) of the period, those without sales too. */
  bucket: 'day' | 'month'
  overTime: GroupFigures[]
  hours: HourRow[]
  tenders: TenderRow[]
  khqr: KhqrStateRow[]
  products: GoodsRow[]
  categories: GoodsRow[]
  cashiers: CashierFigures[]
  terminals: TerminalFigures[]
  /** Every terminal, for the choice of one and for how fresh each one's figures are. */
  allTerminals: TerminalReport[]
}

type Names = ReadonlyMap<string, { name_en: string; name_km: string }>

/** The names the owner's catalog gives SKUs, for products whose sales did not carry their name. */
async function catalogNames(db: SqlRunner): Promise<Names> {
  const rows = await db.all<{ item: string }>(
    `SELECT c.item FROM catalog_changes c
     WHERE c.kind = 'product' AND c.version = (SELECT MAX(d.version) FROM catalog_changes d WHERE d.kind = c.kind AND d.item_id = c.item_id)`,
  )
  const names = new Map<string, { name_en: string; name_km: string }>()
  for (const row of rows) {
    const product = JSON.parse(row.item) as { sku: string; name_en: string; name_km: string }
    names.set(product.sku, product)
  }
  return names
}

function byNetRiel(a: GroupFigures, b: GroupFigures): number {
  return inRiel(b.figures).netKhr - inRiel(a.figures).netKhr || a.key.localeCompare(b.key)
}

export async function ownerReports(db: SqlRunner, period: ReportPeriod, offsetMinutes: number): Promise<OwnerReports> {
  const scope: ReportScope = { from: period.from, to: period.to, terminalId: period.terminalId, offsetMinutes }
  const bucket = bucketOf(period)
  const facts = await figureFacts(db, scope)
  const over = foldFacts(facts, (fact) => (bucket === 'day' ? fact.day : fact.day.slice(0, 7)))
  const keys = bucket === 'day' ? daysOf(period.from, period.to) : monthsOf(period.from, period.to)
  const allTerminals = await terminalReports(db)
  const labels = new Map(allTerminals.map((terminal) => [terminal.terminal_id, terminal.label]))

  const perCashier = foldFacts(facts, (fact) => fact.person)
  const names = await cashierNames(
    db,
    [...perCashier.keys()].filter((id): id is string => id !== null),
  )
  const terminalOf = new Map(facts.map((fact) => [fact.person, fact.terminalId]))
  const cashiers = [...perCashier].map(([id, figures]): CashierFigures => {
    const terminalId = terminalOf.get(id)
    return {
      key: id ?? '',
      id,
      name: id === null ? null : (names.get(id) ?? null),
      terminalLabel: terminalId === undefined ? null : (labels.get(terminalId) ?? null),
      figures,
    }
  })

  const perTerminal = foldFacts(facts, (fact) => fact.terminalId)
  const shown = allTerminals.filter(
    (terminal) => period.terminalId === null || terminal.terminal_id === period.terminalId,
  )
  const catalog = await catalogNames(db)
  const sold = await goods(db, scope)
  return {
    period,
    totals: foldFacts(facts, () => null).get(null) ?? emptyCurrencyFigures(),
    bucket,
    overTime: keys.map((key) => ({ key, figures: over.get(key) ?? emptyCurrencyFigures() })),
    hours: await salesByHour(db, scope),
    tenders: await tenders(db, scope),
    khqr: await khqrStates(db, scope),
    products: sold.products.map((row) => ({
      ...row,
      nameEn: row.nameEn ?? catalog.get(row.key)?.name_en ?? null,
      nameKm: row.nameKm ?? catalog.get(row.key)?.name_km ?? null,
    })),
    categories: sold.categories,
    cashiers: cashiers.sort(byNetRiel),
    terminals: shown.map((terminal) => ({
      key: terminal.terminal_id,
      terminal,
      figures: perTerminal.get(terminal.terminal_id) ?? emptyCurrencyFigures(),
    })),
    allTerminals,
  }
}
