import type { PaperWord } from './paper-words.ts'
import type { ShiftReport } from './views.ts'

/**
 * The X and Z reports as the lines a person reads, in the order that adds up: the drawer first
 * (opening float + cash sales less change + cash in − cash out − refunds paid in cash − cash given
 * back on voids = expected cash, then counted and over/short), then sales, refunds, voids and net
 * sales, then how customers paid and what KHQR checks found, then the controls an owner watches.
 * The paper and the screen both print these lines, so they read the same. A line whose figures
 * are all zero is left out, except the ones the sums end on.
 */
export type ReportLine =
  | { kind: 'heading'; word: PaperWord }
  | {
      kind: 'money'
      word: PaperWord
      /** Documents behind the figure (sales, refunds…), shown beside the label. */
      count?: number
      usd: number
      khr: number
      /** '−' for what leaves the drawer or comes off the sales; '=' for a sum. */
      sign?: '+' | '−' | '='
      strong?: boolean
    }
  | { kind: 'count'; word: PaperWord; count: number; strong?: boolean }
  | {
      kind: 'rounding'
      /** Whole riel the shop kept (positive) or gave (negative) by rounding riel change to its smallest note. */
      riel: number
    }

type Pair = { usd: number; khr: number }

const minus = (a: Pair, b: Pair): Pair => ({ usd: a.usd - b.usd, khr: a.khr - b.khr })

/** Whole riel from sen (hundredths of a riel), rounded half away from zero. */
export function wholeRiel(sen: number): number {
  const riel = Math.trunc((Math.abs(sen) + 50) / 100)
  return sen < 0 ? -riel : riel
}

/** The drawer's own figures, each derived from the report so they add up to its expected cash. */
export function drawerFigures(report: ShiftReport): {
  float: Pair
  cashSales: Pair
  cashIn: Pair
  cashOut: Pair
  cashRefunds: Pair
  voidCash: Pair
} {
  const float = { usd: report.shift.floatUsd, khr: report.shift.floatKhr }
  const cashSales = minus(
    { usd: report.tenders.cash_usd.amount, khr: report.tenders.cash_khr.amount },
    report.changeGiven,
  )
  const cashIn = { usd: report.cashMovements.inUsd, khr: report.cashMovements.inKhr }
  const cashOut = { usd: report.cashMovements.outUsd, khr: report.cashMovements.outKhr }
  const cashRefunds = { usd: report.refunds.tenders.cash_usd.amount, khr: report.refunds.tenders.cash_khr.amount }
  // What a voided sale took in cash, less its change, went back: the rest of the drawer's identity.
  const accounted = {
    usd: float.usd + cashSales.usd + cashIn.usd - cashOut.usd - cashRefunds.usd,
    khr: float.khr + cashSales.khr + cashIn.khr - cashOut.khr - cashRefunds.khr,
  }
  return { float, cashSales, cashIn, cashOut, cashRefunds, voidCash: minus(accounted, report.expectedCash) }
}

export function shiftReportLines(report: ShiftReport): ReportLine[] {
  const lines: ReportLine[] = []
  const money = (line: Omit<Extract<ReportLine, { kind: 'money' }>, 'kind'>, always = false) => {
    if (always || line.usd !== 0 || line.khr !== 0) lines.push({ kind: 'money', ...line })
  }
  const count = (word: PaperWord, value: number, strong = false) => {
    if (value !== 0) lines.push({ kind: 'count', word, count: value, strong })
  }
  const drawer = drawerFigures(report)
  lines.push({ kind: 'heading', word: 'cashDrawer' })
  money({ word: 'openingFloat', ...drawer.float }, true)
  money({ word: 'cashSales', sign: '+', ...drawer.cashSales })
  money({ word: 'cashIn', sign: '+', ...drawer.cashIn })
  money({ word: 'cashOut', sign: '−', ...drawer.cashOut })
  money({ word: 'cashRefunds', sign: '−', ...drawer.cashRefunds })
  money({ word: 'voidCash', sign: '−', ...drawer.voidCash })
  money({ word: 'expectedCash', sign: '=', strong: true, ...report.expectedCash }, true)
  if (report.countedCash && report.variance) {
    money({ word: 'counted', ...report.countedCash }, true)
    money({ word: 'overShort', strong: true, ...report.variance }, true)
  }

  const sales = { usd: report.sales.totalUsd, khr: report.sales.totalKhr }
  const refunds = { usd: report.refunds.totalUsd, khr: report.refunds.totalKhr }
  const voids = { usd: report.voids.totalUsd, khr: report.voids.totalKhr }
  lines.push({ kind: 'heading', word: 'salesHeading' })
  money({ word: 'sales', count: report.sales.count, ...sales }, true)
  money({ word: 'refunds', count: report.refunds.count, sign: '−', ...refunds })
  money({ word: 'voids', count: report.voids.count, sign: '−', ...voids })
  money({ word: 'netSales', sign: '=', strong: true, ...minus(minus(sales, refunds), voids) }, true)
  money({ word: 'discounts', ...report.discounts })
  money({ word: 'vat', ...report.vat })
  if (report.plt) money({ word: 'publicLightingTax', ...report.plt })

  lines.push({ kind: 'heading', word: 'tendersHeading' })
  const tender = (word: PaperWord, figures: { count: number; amount: number }, currency: 'usd' | 'khr') =>
    money({
      word,
      count: figures.count,
      usd: currency === 'usd' ? figures.amount : 0,
      khr: currency === 'khr' ? figures.amount : 0,
    })
  tender('cashUsd', report.tenders.cash_usd, 'usd')
  tender('cashKhr', report.tenders.cash_khr, 'khr')
  tender('khqrUsd', report.tenders.khqr_usd, 'usd')
  tender('khqrKhr', report.tenders.khqr_khr, 'khr')
  const khqrCount = report.tenders.khqr_usd.count + report.tenders.khqr_khr.count
  count('khqrVerified', khqrCount - report.khqrManual.unverifiedCount)
  count('khqrByHand', report.khqrManual.count)
  if (report.khqrManual.unverifiedCount > 0)
    money({
      word: 'khqrUnverified',
      count: report.khqrManual.unverifiedCount,
      usd: report.khqrManual.unverifiedUsd,
      khr: report.khqrManual.unverifiedKhr,
      strong: true,
    })
  const checks = report.khqrChecks
  count('khqrVerifiedLater', checks.verified)
  count('khqrMismatch', checks.mismatches, true)
  count('khqrNotFound', checks.notFound, true)
  count('khqrPaidTwice', checks.overPayments, true)
  count('khqrPaidLate', checks.latePayments, true)
  count('khqrForManager', checks.unresolved, true)

  const rounding = wholeRiel(report.roundingResidualSen)
  if (report.noSaleDrawerOpens + report.reprints !== 0 || rounding !== 0) {
    lines.push({ kind: 'heading', word: 'controlsHeading' })
    count('noSaleOpens', report.noSaleDrawerOpens, true)
    count('reprints', report.reprints)
    if (rounding !== 0) lines.push({ kind: 'rounding', riel: rounding })
  }
  return lines
}

/**
 * A figure as the sums read it: what comes in `+`, what goes out `−` (a negative amount turns its
 * sign round: "− ៛700" of cash sales is change given beyond what came in), a sum `=` with its own
 * sign; an over or short is signed either way. Returns the sign to print and the amount after it.
 */
export function figureParts(
  line: Extract<ReportLine, { kind: 'money' }>,
  amount: number,
): { sign: '' | '+' | '−' | '='; amount: number } {
  if (line.sign === '=') return { sign: '=', amount }
  if (line.sign === '+' || line.sign === '−')
    return { sign: (line.sign === '+') === amount >= 0 ? '+' : '−', amount: Math.abs(amount) }
  if (line.word === 'overShort' && amount !== 0) return { sign: amount > 0 ? '+' : '−', amount: Math.abs(amount) }
  return { sign: '', amount }
}

/** The rounding line in words: which way the riel change was rounded, and by how much in all. */
export function roundingWords(riel: number, smallestNote: number, language: 'km' | 'en'): string {
  const amount = Math.abs(riel).toLocaleString('en-US')
  if (language === 'km')
    return riel > 0
      ? `ប្រាក់អាប់ជារៀលបង្គត់ទៅក្រដាស ${smallestNote} រៀល៖ ហាងទទួលបានលើស ${amount} រៀល`
      : `ប្រាក់អាប់ជារៀលបង្គត់ទៅក្រដាស ${smallestNote} រៀល៖ អតិថិជនទទួលបានលើស ${amount} រៀល`
  return riel > 0
    ? `Riel change rounded to ${smallestNote}-riel notes: the shop kept ${amount} KHR in all`
    : `Riel change rounded to ${smallestNote}-riel notes: customers got ${amount} KHR more in all`
}
