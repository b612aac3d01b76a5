import { escapeHtml, scrollBox } from './html.ts'
import { formatMoney } from './money-format.ts'
import type { CashierFigures, GroupFigures, OwnerReports, TerminalFigures } from './owner-reports.ts'
import { both, plain, type Word } from './owner-words.ts'
import { type GoodsRow, TENDER_METHODS } from './report-breakdowns.ts'
import { cashierLabel, quantityText } from './report-format.ts'
import { periodQuery, type ReportPeriod } from './report-period.ts'
import { type CurrencyFigures, inRiel, netOf } from './report-queries.ts'
import { methodCurrency } from './report-rows.ts'
import { type Bar, barList, columnChart } from './svg-charts.ts'

/**
 * The report sections of the owner's page: each a chart beside the table of its figures, with a
 * link that downloads the same figures as CSV. Money is shown in each currency as taken, and all
 * in riel at each sale's own rate (the only way to add dollars and riel honestly).
 */

/** The CSV downloads, by name: each a report of the page. */
export const CSV_REPORTS = [
  'summary',
  'days',
  'hours',
  'payments',
  'khqr',
  'products',
  'categories',
  'cashiers',
  'terminals',
] as const
export type CsvReport = (typeof CSV_REPORTS)[number]

export const PRODUCTS_SHOWN = 50

const riel = (amount: number) => formatMoney(amount, 'KHR')
const cell = (content: string, numeric = true) => `<td${numeric ? ' class="num"' : ''}>${content}</td>`
const head = (word: Word, numeric = true) => `<th${numeric ? ' class="num"' : ''} scope="col">${both(word)}</th>`

function csvLink(name: CsvReport, period: ReportPeriod): string {
  return `<a class="csv" href="/reports/${name}.csv?${escapeHtml(periodQuery(period))}" download>${both('downloadCsv')}</a>`
}

function section(id: string, title: Word, period: ReportPeriod, csv: CsvReport, body: string, note = ''): string {
  return `<section class="report" id="${id}" aria-labelledby="${id}-heading"><div class="report-head"><h2 id="${id}-heading">${both(title)}</h2>${csvLink(csv, period)}</div>${note}${body}</section>`
}

/** The chart beside its table; `wide` gives a table of many columns two thirds of the width. */
function pair(title: Word, chart: string, table: string, wide = false): string {
  return `<div class="pair${wide ? ' wide' : ''}"><div class="chart-box">${chart}</div>${scrollBox(plain(title), table)}</div>`
}

function table(headings: string, rows: string, footer = ''): string {
  return `<table><thead><tr>${headings}</tr></thead><tbody>${rows}</tbody>${footer}</table>`
}

/** A group's net all in riel: first after the row's name, so a phone shows it without scrolling. */
function rielCell(figures: CurrencyFigures): string {
  return cell(`<strong>${riel(inRiel(figures).netKhr)}</strong>`)
}
/** A group's net in each currency, as taken. */
function currencyCells(figures: CurrencyFigures): string {
  return cell(formatMoney(netOf(figures.USD).minor, 'USD')) + cell(riel(netOf(figures.KHR).minor))
}
const RIEL_HEADING = head('rielEquivalent')
const CURRENCY_HEADINGS = head('dollars') + head('riel')

function salesCount(figures: CurrencyFigures): number {
  return figures.USD.sales + figures.KHR.sales
}

export function overTimeSection(reports: OwnerReports): string {
  const monthly = reports.bucket === 'month'
  const bars: Bar[] = reports.overTime.map((row) => ({
    label: monthly ? row.key : `${row.key.slice(8, 10)}/${row.key.slice(5, 7)}`,
    value: inRiel(row.figures).netKhr,
    valueText: riel(inRiel(row.figures).netKhr),
  }))
  const peak = Math.max(0, ...bars.map((bar) => bar.value))
  const chart = columnChart({
    id: 'chart-days',
    title: plain(monthly ? 'perMonth' : 'perDay'),
    desc: `${plain('net')}, ${plain('rielEquivalent')}: ${bars.map((bar) => `${bar.label} ${bar.valueText}`).join('; ')}`,
    bars,
    peakText: riel(peak),
  })
  const rows = reports.overTime
    .map(
      (row) =>
        `<tr><th scope="row" class="day">${escapeHtml(row.key)}</th>${rielCell(row.figures)}${cell(String(salesCount(row.figures)))}${currencyCells(row.figures)}</tr>`,
    )
    .join('')
  return section(
    'per-day',
    monthly ? 'perMonth' : 'perDay',
    reports.period,
    'days',
    pair(
      monthly ? 'perMonth' : 'perDay',
      chart,
      table(head(monthly ? 'month' : 'day', false) + RIEL_HEADING + head('numberOfSales') + CURRENCY_HEADINGS, rows),
    ),
  )
}

export function hoursSection(reports: OwnerReports): string {
  const hours = reports.hours
  const bars: Bar[] = hours.map((row) => ({
    label: String(row.hour).padStart(2, '0'),
    value: row.sales,
    valueText: `${row.sales} ${plain('sales')}`,
  }))
  const chart = columnChart({
    id: 'chart-hours',
    title: plain('byHour'),
    desc: `${plain('numberOfSales')}: ${hours.map((row) => `${String(row.hour).padStart(2, '0')}h ${row.sales}`).join('; ')}`,
    bars,
    labelEvery: 3,
    peakText: `${Math.max(0, ...hours.map((row) => row.sales))} ${plain('sales')}`,
  })
  const rows = hours
    .filter((row) => row.sales > 0)
    .map(
      (row) =>
        `<tr><th scope="row" class="day">${String(row.hour).padStart(2, '0')}:00–${String(row.hour).padStart(2, '0')}:59</th>${cell(String(row.sales))}${cell(`<strong>${riel(row.totalKhr)}</strong>`)}${cell(formatMoney(row.usdMinor, 'USD'))}${cell(riel(row.khrMinor))}</tr>`,
    )
    .join('')
  return section(
    'by-hour',
    'byHour',
    reports.period,
    'hours',
    pair(
      'byHour',
      chart,
      table(
        head('hour', false) + head('numberOfSales') + RIEL_HEADING + CURRENCY_HEADINGS,
        rows || `<tr><td colspan="5">${both('noSales')}</td></tr>`,
      ),
    ),
  )
}

function methodWord(method: string): Word | null {
  return (TENDER_METHODS as readonly string[]).includes(method) ? (method as Word) : null
}

export function paymentsSection(reports: OwnerReports): string {
  const bars: Bar[] = reports.tenders.map((row) => {
    const word = methodWord(row.method)
    return { label: word ? plain(word) : row.method, value: row.netKhr, valueText: riel(row.netKhr) }
  })
  const chart = barList({
    id: 'chart-payments',
    title: plain('payments'),
    desc: `${plain('kept')}, ${plain('rielEquivalent')}: ${bars.map((bar) => `${bar.label} ${bar.valueText}`).join('; ')}`,
    bars,
  })
  const rows = reports.tenders
    .map((row) => {
      const word = methodWord(row.method)
      const money = (amount: number) => formatMoney(amount, methodCurrency(row.method))
      return `<tr><th scope="row">${word ? both(word) : escapeHtml(row.method)}</th>${cell(`<strong>${money(row.netMinor)}</strong>`)}${cell(riel(row.netKhr))}${cell(String(row.payments))}${cell(money(row.tenderedMinor))}${cell(money(row.changeMinor))}${cell(money(row.refundedMinor))}</tr>`
    })
    .join('')
  const khqrRows = reports.khqr
    .map((row) => {
      const doubtful = (row.state === 'unverified' || row.state === 'problem') && row.payments > 0
      return `<tr${doubtful ? ' class="warn"' : ''}><th scope="row">${both(row.state)}</th>${cell(String(row.payments))}${cell(formatMoney(row.usdMinor, 'USD'))}${cell(riel(row.khrMinor))}</tr>`
    })
    .join('')
  return section(
    'payments',
    'payments',
    reports.period,
    'payments',
    pair(
      'payments',
      chart,
      table(
        head('method', false) +
          head('kept') +
          head('rielEquivalent') +
          head('payments') +
          head('tendered') +
          head('change') +
          head('refunded'),
        rows,
      ),
      true,
    ) +
      `<h3>${both('khqrChecks')} ${csvLink('khqr', reports.period)}</h3>${scrollBox(
        plain('khqrChecks'),
        table(head('verification', false) + head('count') + head('dollars') + head('riel'), khqrRows),
      )}`,
  )
}

function goodsTitle(row: GoodsRow, emptyKey: Word, showKey: boolean): string {
  if (row.key === '') return both(emptyKey)
  const km = row.nameKm ? `<span lang="km">${escapeHtml(row.nameKm)}</span>` : ''
  const en = row.nameEn ? ` <span class="en" lang="en">${escapeHtml(row.nameEn)}</span>` : ''
  const key = showKey || (!km && !en) ? ` <small>${escapeHtml(row.key)}</small>` : ''
  return `${km}${en}${key}`
}

function goodsPlainName(row: GoodsRow, emptyKey: Word): string {
  if (row.key === '') return plain(emptyKey)
  return [row.nameKm, row.nameEn].filter((name) => name).join(' / ') || row.key
}

function goodsSection(
  reports: OwnerReports,
  options: {
    id: string
    title: Word
    csv: CsvReport
    rows: GoodsRow[]
    emptyKey: Word
    showKey: boolean
    note: string
  },
): string {
  const top = options.rows.slice(0, 10)
  const chart = barList({
    id: `chart-${options.id}`,
    title: plain(options.title),
    desc: `${plain('net')}, ${plain('rielEquivalent')}: ${top.map((row) => `${goodsPlainName(row, options.emptyKey)} ${riel(row.totalKhr)}`).join('; ')}`,
    bars: top.map((row) => ({
      label: goodsPlainName(row, options.emptyKey),
      value: row.totalKhr,
      valueText: riel(row.totalKhr),
    })),
  })
  const shown = options.rows.slice(0, PRODUCTS_SHOWN)
  const rows = shown
    .map(
      (row) =>
        `<tr><th scope="row">${goodsTitle(row, options.emptyKey, options.showKey)}</th>${cell(`<strong>${riel(row.totalKhr)}</strong>`)}${cell(quantityText(row.units, row.grams))}${cell(row.unitsRefunded || row.gramsRefunded ? quantityText(row.unitsRefunded, row.gramsRefunded) : '')}${cell(formatMoney(row.usdMinor, 'USD'))}${cell(riel(row.khrMinor))}</tr>`,
    )
    .join('')
  const more =
    options.rows.length > PRODUCTS_SHOWN
      ? `<tfoot><tr><td colspan="6">${both('showingTop')} ${PRODUCTS_SHOWN} / ${options.rows.length}: ${both('allInCsv')}</td></tr></tfoot>`
      : ''
  return section(
    options.id,
    options.title,
    reports.period,
    options.csv,
    pair(
      options.title,
      chart,
      table(
        head(options.csv === 'products' ? 'product' : 'category', false) +
          RIEL_HEADING +
          head('quantity') +
          head('refundedQuantity') +
          CURRENCY_HEADINGS,
        rows || `<tr><td colspan="6">${both('noSales')}</td></tr>`,
        more,
      ),
      true,
    ),
    options.note,
  )
}

export function productsSection(reports: OwnerReports): string {
  return goodsSection(reports, {
    id: 'products',
    title: 'bestSellers',
    csv: 'products',
    rows: reports.products,
    emptyKey: 'notItemised',
    showKey: true,
    note: '',
  })
}

export function categoriesSection(reports: OwnerReports): string {
  const noneSent = reports.categories.length > 0 && reports.categories.every((row) => row.key === '')
  return goodsSection(reports, {
    id: 'categories',
    title: 'byCategory',
    csv: 'categories',
    rows: reports.categories,
    emptyKey: 'noCategory',
    showKey: false,
    note: noneSent ? `<p class="note">${both('categoriesMissing')}</p>` : '',
  })
}

function groupChart(id: string, title: Word, rows: readonly GroupFigures[], labelOf: (row: GroupFigures) => string) {
  const bars = rows.map((row) => ({
    label: labelOf(row),
    value: inRiel(row.figures).netKhr,
    valueText: riel(inRiel(row.figures).netKhr),
  }))
  return barList({
    id,
    title: plain(title),
    desc: `${plain('net')}, ${plain('rielEquivalent')}: ${bars.map((bar) => `${bar.label} ${bar.valueText}`).join('; ')}`,
    bars,
  })
}

function cashierPlain(row: CashierFigures): string {
  const { name, shortId } = cashierLabel(row)
  const who = name ?? shortId ?? plain('unknownCashier')
  return row.terminalLabel ? `${who} (${row.terminalLabel})` : who
}

function countCells(figures: CurrencyFigures): string {
  return (
    cell(String(salesCount(figures))) +
    cell(String(figures.USD.voids + figures.KHR.voids)) +
    cell(String(figures.USD.refunds + figures.KHR.refunds))
  )
}

export function cashiersSection(reports: OwnerReports): string {
  const rows = reports.cashiers
    .map((row) => {
      const { name, shortId } = cashierLabel(row)
      const who = name ? escapeHtml(name) : shortId ? `<code>${escapeHtml(shortId)}</code>` : both('unknownCashier')
      return `<tr><th scope="row">${who}</th>${rielCell(row.figures)}${cell(escapeHtml(row.terminalLabel ?? '—'), false)}${countCells(row.figures)}${currencyCells(row.figures)}</tr>`
    })
    .join('')
  const namesMissing = reports.cashiers.some((row) => row.id !== null && row.name === null)
  return section(
    'cashiers',
    'byCashier',
    reports.period,
    'cashiers',
    pair(
      'byCashier',
      groupChart('chart-cashiers', 'byCashier', reports.cashiers, (row) => cashierPlain(row as CashierFigures)),
      table(
        head('cashier', false) +
          RIEL_HEADING +
          head('terminal', false) +
          head('sales') +
          head('voids') +
          head('refunds') +
          CURRENCY_HEADINGS,
        rows || `<tr><td colspan="8">${both('noSales')}</td></tr>`,
      ),
      true,
    ),
    namesMissing ? `<p class="note">${both('cashierNamesMissing')}</p>` : '',
  )
}

export function terminalsSection(reports: OwnerReports): string {
  const rows = reports.terminals
    .map((row) => {
      const label = escapeHtml(row.terminal.label)
      if (row.terminal.max_seq === 0)
        return `<tr><th scope="row">${label}</th><td colspan="6" class="warn">${both('neverSynced')}</td></tr>`
      return `<tr><th scope="row">${label}</th>${rielCell(row.figures)}${countCells(row.figures)}${currencyCells(row.figures)}</tr>`
    })
    .join('')
  return section(
    'terminals-report',
    'byTerminal',
    reports.period,
    'terminals',
    pair(
      'byTerminal',
      groupChart('chart-terminals', 'byTerminal', reports.terminals, (row) => {
        const { terminal } = row as TerminalFigures
        return terminal.max_seq === 0 ? `${terminal.label} (${plain('neverSynced')})` : terminal.label
      }),
      table(
        head('terminal', false) + RIEL_HEADING + head('sales') + head('voids') + head('refunds') + CURRENCY_HEADINGS,
        rows || `<tr><td colspan="7">${both('noTerminal')}</td></tr>`,
      ),
      true,
    ),
  )
}
