import { escapeHtml, scrollBox, shopTime } from './html.ts'
import { formatMoney } from './money-format.ts'
import { type SignedInFrame, signedInPage } from './owner-layout.ts'
import {
  cashiersSection,
  categoriesSection,
  hoursSection,
  overTimeSection,
  paymentsSection,
  productsSection,
  terminalsSection,
} from './owner-report-sections.ts'
import type { OwnerReports } from './owner-reports.ts'
import { both, plain, type Word } from './owner-words.ts'
import {
  addDays,
  lastSevenDays,
  type PeriodProblem,
  periodAround,
  periodBeside,
  periodQuery,
  type ReportPeriod,
} from './report-period.ts'
import { type CurrencyFigures, type Figures, inRiel, netOf } from './report-queries.ts'

export interface ReportsPageData {
  frame: SignedInFrame
  reports: OwnerReports
  /** The shop's business day now. */
  today: string
  problem: PeriodProblem | null
}

const riel = (amount: number) => formatMoney(amount, 'KHR')
const usd = (amount: number) => formatMoney(amount, 'USD')

function link(period: ReportPeriod, text: string, current: ReportPeriod): string {
  const same =
    period.kind === current.kind &&
    period.from === current.from &&
    period.to === current.to &&
    period.terminalId === current.terminalId
  return `<a href="/?${escapeHtml(periodQuery(period))}"${same ? ' aria-current="true"' : ''}>${text}</a>`
}

function periodTitle(period: ReportPeriod): string {
  const kind: Word = period.kind === 'range' ? 'range' : period.kind
  const days = period.from === period.to ? period.from : `${period.from} – ${period.to}`
  return `${both(kind)}: <strong>${escapeHtml(days)}</strong>`
}

/** Quick periods, the one before and after, one terminal or all, and forms for any other. */
function periodChooser(data: ReportsPageData): string {
  const { period } = data.reports
  const terminalId = period.terminalId
  const around = (kind: 'day' | 'week' | 'month', anchor: string): ReportPeriod => ({
    kind,
    ...periodAround(kind, anchor),
    terminalId,
  })
  const lastMonth = around('month', addDays(periodAround('month', data.today).from, -1))
  const quick = [
    link(periodBeside(period, -1), `← ${both('previous')}`, period),
    link(around('day', data.today), both('today'), period),
    link(around('day', addDays(data.today, -1)), both('yesterday'), period),
    link(lastSevenDays(data.today, terminalId), both('lastSevenDays'), period),
    link(around('week', data.today), both('thisWeek'), period),
    link(around('month', data.today), both('thisMonth'), period),
    link(lastMonth, both('lastMonth'), period),
    link(periodBeside(period, 1), `${both('next')} →`, period),
  ].join('')
  const terminals = [
    link({ ...period, terminalId: null }, both('allTerminals'), period),
    ...data.reports.allTerminals.map((terminal) =>
      link({ ...period, terminalId: terminal.terminal_id }, escapeHtml(terminal.label), period),
    ),
  ].join('')
  const terminalField = terminalId ? `<input type="hidden" name="terminal" value="${escapeHtml(terminalId)}">` : ''
  const kinds = (['day', 'week', 'month'] as const)
    .map(
      (kind) => `<option value="${kind}"${period.kind === kind ? ' selected' : ''}>${escapeHtml(plain(kind))}</option>`,
    )
    .join('')
  return `<nav class="periods" aria-label="${escapeHtml(plain('period'))}"><div class="chips">${quick}</div>
<div class="chips terminals-choice">${terminals}</div>
<details class="more"><summary>${both('otherPeriod')}</summary><div class="period-forms"><form method="get" action="/">${terminalField}<label>${both('period')} <select name="period">${kinds}</select></label>
<label>${both('day')} <input type="date" name="date" value="${escapeHtml(period.from)}" required></label> <button>${both('show')}</button></form>
<form method="get" action="/">${terminalField}<label>${both('from')} <input type="date" name="from" value="${escapeHtml(period.from)}" required></label>
<label>${both('to')} <input type="date" name="to" value="${escapeHtml(period.to)}" required></label> <button>${both('show')}</button></form></div></details></nav>`
}

/** When each terminal last sent: the reports hold nothing a terminal has not synced, and say so. */
function freshness(data: ReportsPageData): string {
  const shown = data.reports.terminals.map(({ terminal }) => {
    const label = `<strong>${escapeHtml(terminal.label)}</strong>`
    if (terminal.max_seq === 0) return `<span class="warn">${label}: ${both('neverSynced')}</span>`
    const missing =
      terminal.missing_events > 0
        ? ` <span class="warn">(${both('missing')} ${escapeHtml(terminal.missing_events)})</span>`
        : ''
    return `<span class="nowrap">${label} ${shopTime(terminal.last_seen, data.frame.offsetMinutes)}</span>${missing}`
  })
  if (shown.length === 0) return ''
  return `<p class="freshness note">${both('notSyncedWarning')} ${both('lastSeen')}: ${shown.join(' · ')}</p>`
}

function figureCard(word: Word, value: string, detail = ''): string {
  return `<div class="card"><p class="card-label">${both(word)}</p><p class="card-value">${value}</p>${detail ? `<p class="card-detail">${detail}</p>` : ''}</div>`
}

function summaryRow(
  totals: CurrencyFigures,
  word: Word,
  count: string,
  pick: (figures: Figures) => number,
  allInRiel: number,
  strong = false,
): string {
  const wrap = (text: string) => (strong ? `<strong>${text}</strong>` : text)
  return `<tr><th scope="row">${both(word)}</th><td class="num">${wrap(riel(allInRiel))}</td><td class="num">${count}</td><td class="num">${wrap(usd(pick(totals.USD)))}</td><td class="num">${wrap(riel(pick(totals.KHR)))}</td></tr>`
}

/** The period at a glance: net in riel, the number of sales, refunds, voids and VAT; then per currency. */
function summary(reports: OwnerReports): string {
  const data = reports.totals
  const all = inRiel(data)
  const sales = data.USD.sales + data.KHR.sales
  const voids = data.USD.voids + data.KHR.voids
  const refunds = data.USD.refunds + data.KHR.refunds
  const usdNet = netOf(data.USD)
  const khrNet = netOf(data.KHR)
  const cards = [
    figureCard('net', riel(all.netKhr), `${usd(usdNet.minor)} + ${riel(khrNet.minor)}`),
    figureCard('numberOfSales', String(sales)),
    figureCard('refunds', String(refunds), riel(all.refundedKhr)),
    figureCard('voids', String(voids), riel(all.voidedKhr)),
    figureCard('vat', riel(all.vatKhr)),
  ].join('')
  const rows = [
    summaryRow(data, 'grossSales', String(sales), (f) => f.grossMinor, all.grossKhr),
    summaryRow(data, 'voids', String(voids), (f) => f.voidedMinor, all.voidedKhr),
    summaryRow(data, 'refunds', String(refunds), (f) => f.refundedMinor, all.refundedKhr),
    summaryRow(data, 'net', '', (f) => netOf(f).minor, all.netKhr, true),
    summaryRow(data, 'vat', '', (f) => netOf(f).vatMinor, all.vatKhr),
    summaryRow(data, 'netBeforeVat', '', (f) => netOf(f).minor - netOf(f).vatMinor, all.netKhr - all.vatKhr),
  ].join('')
  return `<section class="report" id="summary" aria-labelledby="summary-heading"><div class="report-head"><h2 id="summary-heading">${both('summary')}</h2><a class="csv" href="/reports/summary.csv?${escapeHtml(periodQuery(reports.period))}" download>${both('downloadCsv')}</a></div>
<div class="cards">${cards}</div>${scrollBox(plain('summary'), `<table><thead><tr><th scope="col"></th><th class="num" scope="col">${both('rielEquivalent')}</th><th class="num" scope="col">${both('count')}</th><th class="num" scope="col">${both('dollars')}</th><th class="num" scope="col">${both('riel')}</th></tr></thead><tbody>${rows}</tbody></table>`)}
<p class="note">${both('netNote')} ${both('rielNote')}</p></section>`
}

export function reportsPage(data: ReportsPageData): string {
  const { reports } = data
  const problem =
    data.problem === null
      ? ''
      : `<p class="message warn" role="status">${both(data.problem === 'date' ? 'dateUnreadable' : 'periodTooLong')}</p>`
  const chosen = reports.period.terminalId
    ? reports.allTerminals.find((terminal) => terminal.terminal_id === reports.period.terminalId)?.label
    : null
  return signedInPage(
    data.frame,
    `<h1>${both('reports')}</h1><p class="period-title">${periodTitle(reports.period)} · ${chosen ? escapeHtml(chosen) : both('allTerminals')}</p>
${problem}${periodChooser(data)}${freshness(data)}${summary(reports)}${reports.overTime.length > 1 ? overTimeSection(reports) : ''}${paymentsSection(reports)}${productsSection(reports)}${categoriesSection(reports)}${hoursSection(reports)}${cashiersSection(reports)}${terminalsSection(reports)}`,
  )
}
