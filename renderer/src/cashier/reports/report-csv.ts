import { type CsvCell, csvDocument, plainText } from '../../../../shared/csv-write.ts'
import type { OwnerReportView } from '../../../../shared/owner-report.ts'
import type { ReportMessages } from '../../i18n/report-messages.ts'

/** Headers in Khmer and English, money in minor units (cents, riel); text never taken for a formula. */
function csvFile(name: string, report: OwnerReportView, headers: string[], rows: CsvCell[][]) {
  const plain = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? cell : plainText(cell))))
  return {
    fileName: `${name}-${report.from}-to-${report.to}.csv`,
    mimeType: 'text/csv',
    content: csvDocument(headers, plain),
  }
}

/** Each section of the report as its own CSV file. */
export function reportCsv(
  section: 'summary' | 'days' | 'hours' | 'payments' | 'products' | 'categories' | 'cashiers',
  report: OwnerReportView,
  km: ReportMessages,
  en: ReportMessages,
) {
  const both = (word: keyof ReportMessages) => `${km[word]} / ${en[word]}`
  switch (section) {
    case 'summary':
      return csvFile(
        'summary',
        report,
        ['currency', 'sales', 'sales_total', 'refunds', 'refunds_total', 'voids', 'voids_total', 'net', 'vat', 'plt'],
        report.currencies.map((row) => [
          row.currency,
          row.sales,
          row.salesTotal,
          row.refunds,
          row.refundsTotal,
          row.voids,
          row.voidsTotal,
          row.net,
          row.vat,
          row.plt,
        ]),
      )
    case 'days':
      return csvFile(
        'sales-per-day',
        report,
        [both('day'), both('sales'), `${both('net')} (KHR)`],
        report.days.map((row) => [row.day, row.sales, row.netKhr]),
      )
    case 'hours':
      return csvFile(
        'sales-per-hour',
        report,
        [both('hour'), both('sales'), `${both('net')} (KHR)`],
        report.hours.map((row) => [row.hour, row.sales, row.netKhr]),
      )
    case 'payments':
      return csvFile(
        'payments',
        report,
        ['kind', both('uses'), `${both('amount')} (cents / riel)`],
        report.tenders.map((row) => [row.kind, row.uses, row.amount]),
      )
    case 'products':
      return csvFile(
        'best-sellers',
        report,
        ['sku', 'name_km', 'name_en', 'sold_by', `${both('quantity')} (units / grams)`, `${both('amount')} (KHR)`],
        report.products.map((row) => [row.sku, row.nameKm, row.nameEn, row.soldBy, row.quantity, row.amountKhr]),
      )
    case 'categories':
      return csvFile(
        'categories',
        report,
        ['name_km', 'name_en', `${both('amount')} (KHR)`],
        report.categories.map((row) => [row.nameKm || km.noCategory, row.nameEn || en.noCategory, row.amountKhr]),
      )
    case 'cashiers':
      return csvFile(
        'cashiers',
        report,
        ['name', both('sales'), `${both('amount')} (KHR)`],
        report.cashiers.map((row) => [row.name, row.sales, row.amountKhr]),
      )
  }
}
