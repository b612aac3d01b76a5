import { type CsvCell as Cell, csvDocument, plainText } from '../../shared/csv-write.ts'
import { shopTime } from './html.ts'
import type { CsvReport } from './owner-report-sections.ts'
import type { OwnerReports } from './owner-reports.ts'
import { WORDS, type Word } from './owner-words.ts'
import type { GoodsRow } from './report-breakdowns.ts'
import { cashierLabel, csvAmount } from './report-format.ts'
import { type CurrencyFigures, inRiel, netOf } from './report-queries.ts'
import { methodCurrency } from './report-rows.ts'

/**
 * Each report of the page as a CSV file a spreadsheet opens as it is: UTF-8 with a byte-order
 * mark (so Khmer reads right in Excel), CRLF lines, headers in Khmer and English, amounts as
 * plain numbers (dollars with two decimals, riel whole), kilograms with three decimals.
 */

/** Text that a spreadsheet would take for a formula is made plain text (a product named "=1+1"). */
export const textCell = plainText
const csv = csvDocument

/** A header made of words: "ប្រាក់សុទ្ធ ដុល្លារ / Net sales US dollars". */
function header(...words: Word[]): string {
  return `${words.map((word) => WORDS[word][0]).join(' ')} / ${words.map((word) => WORDS[word][1]).join(' ')}`
}

/** Grams (never negative here) as kilograms with three decimals: 1250 → "1.250". */
function kilograms(grams: number): string {
  const digits = String(grams).padStart(4, '0')
  return `${digits.slice(0, -3)}.${digits.slice(-3)}`
}

const FIGURE_HEADERS = [
  header('numberOfSales'),
  header('grossSales', 'dollars'),
  header('grossSales', 'riel'),
  header('voids'),
  header('voids', 'dollars'),
  header('voids', 'riel'),
  header('refunds'),
  header('refunds', 'dollars'),
  header('refunds', 'riel'),
  header('net', 'dollars'),
  header('net', 'riel'),
  header('net', 'rielEquivalent'),
  header('vat', 'dollars'),
  header('vat', 'riel'),
  header('vat', 'rielEquivalent'),
]

function figureCells(figures: CurrencyFigures): Cell[] {
  const { USD, KHR } = figures
  const all = inRiel(figures)
  return [
    USD.sales + KHR.sales,
    csvAmount(USD.grossMinor, 'USD'),
    KHR.grossMinor,
    USD.voids + KHR.voids,
    csvAmount(USD.voidedMinor, 'USD'),
    KHR.voidedMinor,
    USD.refunds + KHR.refunds,
    csvAmount(USD.refundedMinor, 'USD'),
    KHR.refundedMinor,
    csvAmount(netOf(USD).minor, 'USD'),
    netOf(KHR).minor,
    all.netKhr,
    csvAmount(netOf(USD).vatMinor, 'USD'),
    netOf(KHR).vatMinor,
    all.vatKhr,
  ]
}

function goodsCsv(rows: readonly GoodsRow[], first: Word, empty: Word): string {
  return csv(
    [
      header(first),
      `${WORDS.product[0]} ខ្មែរ / Name Khmer`,
      `${WORDS.product[0]} អង់គ្លេស / Name English`,
      header('quantity'),
      header('refundedQuantity'),
      `${WORDS.quantity[0]} ${WORDS.kg[0]} / ${WORDS.quantity[1]} kg`,
      `${WORDS.refundedQuantity[0]} ${WORDS.kg[0]} / ${WORDS.refundedQuantity[1]} kg`,
      header('net', 'dollars'),
      header('net', 'riel'),
      header('net', 'rielEquivalent'),
    ],
    rows.map((row) => [
      textCell(row.key === '' ? `${WORDS[empty][0]} / ${WORDS[empty][1]}` : row.key),
      textCell(row.nameKm ?? ''),
      textCell(row.nameEn ?? ''),
      row.units,
      row.unitsRefunded,
      kilograms(row.grams),
      kilograms(row.gramsRefunded),
      csvAmount(row.usdMinor, 'USD'),
      row.khrMinor,
      row.totalKhr,
    ]),
  )
}

function body(name: CsvReport, reports: OwnerReports, offsetMinutes: number): string {
  switch (name) {
    case 'summary':
      return csv(FIGURE_HEADERS, [figureCells(reports.totals)])
    case 'days':
      return csv(
        [header(reports.bucket === 'day' ? 'day' : 'month'), ...FIGURE_HEADERS],
        reports.overTime.map((row) => [row.key, ...figureCells(row.figures)]),
      )
    case 'hours':
      return csv(
        [
          header('hour'),
          header('numberOfSales'),
          header('sales', 'dollars'),
          header('sales', 'riel'),
          header('rielEquivalent'),
        ],
        reports.hours.map((row) => [row.hour, row.sales, csvAmount(row.usdMinor, 'USD'), row.khrMinor, row.totalKhr]),
      )
    case 'payments':
      return csv(
        [
          header('method'),
          header('currency'),
          header('payments'),
          header('tendered'),
          header('change'),
          header('refunded'),
          header('kept'),
          header('kept', 'rielEquivalent'),
        ],
        reports.tenders.map((row) => {
          const currency = methodCurrency(row.method)
          return [
            textCell(row.method),
            currency,
            row.payments,
            csvAmount(row.tenderedMinor, currency),
            csvAmount(row.changeMinor, currency),
            csvAmount(row.refundedMinor, currency),
            csvAmount(row.netMinor, currency),
            row.netKhr,
          ]
        }),
      )
    case 'khqr':
      return csv(
        [header('verification'), header('count'), header('dollars'), header('riel')],
        reports.khqr.map((row) => [
          `${WORDS[row.state][0]} / ${WORDS[row.state][1]}`,
          row.payments,
          csvAmount(row.usdMinor, 'USD'),
          row.khrMinor,
        ]),
      )
    case 'products':
      return goodsCsv(reports.products, 'sku', 'notItemised')
    case 'categories':
      return goodsCsv(reports.categories, 'category', 'noCategory')
    case 'cashiers':
      return csv(
        [header('cashier'), 'ID', header('terminal'), ...FIGURE_HEADERS],
        reports.cashiers.map((row) => [
          textCell(row.name ?? cashierLabel(row).shortId ?? `${WORDS.unknownCashier[0]} / ${WORDS.unknownCashier[1]}`),
          textCell(row.id ?? ''),
          textCell(row.terminalLabel ?? ''),
          ...figureCells(row.figures),
        ]),
      )
    case 'terminals':
      return csv(
        [header('terminal'), 'ID', header('lastSeen'), header('hashChain'), ...FIGURE_HEADERS],
        reports.terminals.map(({ terminal, figures }) => [
          textCell(terminal.label),
          terminal.terminal_id,
          terminal.last_seen === null ? '' : shopTime(terminal.last_seen, offsetMinutes),
          terminal.max_seq === 0
            ? `${WORDS.neverSynced[0]} / ${WORDS.neverSynced[1]}`
            : terminal.chain_break_seq === null
              ? `${WORDS.verified[0]} / ${WORDS.verified[1]}`
              : `${WORDS.broken[0]} / ${WORDS.broken[1]} (seq ${terminal.chain_break_seq})`,
          ...figureCells(figures),
        ]),
      )
  }
}

export function reportCsv(
  name: CsvReport,
  reports: OwnerReports,
  offsetMinutes: number,
): { fileName: string; content: string } {
  const { from, to } = reports.period
  return { fileName: `${name}-${from}${from === to ? '' : `-${to}`}.csv`, content: body(name, reports, offsetMinutes) }
}
