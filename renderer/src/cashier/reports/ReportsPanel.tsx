import { type FormEvent, type ReactNode, useEffect, useState } from 'react'
import { formatMoney, formatWeight } from '../../../../shared/money/index.ts'
import type { OwnerReportView } from '../../../../shared/owner-report.ts'
import { dayAsDate } from '../../../../shared/shop-time.ts'
import { useLanguage } from '../../i18n/language.tsx'
import { REPORT_MESSAGES } from '../../i18n/report-messages.ts'
import { DayField } from '../../ui/DayField.tsx'
import { downloadFile } from '../../ui/download.ts'
import { Notice } from '../../ui/Notice.tsx'
import { useShopTime } from '../../ui/useShopTime.ts'
import { useTill } from '../useTill.ts'
import { BarChart } from './BarChart.tsx'
import { type Period, type PeriodKind, periodAround, shiftPeriod } from './periods.ts'
import { reportCsv } from './report-csv.ts'

const riel = (amount: number) => formatMoney(amount, 'KHR', 'en')

/** A section: its heading, its CSV, and what it shows (a chart beside its table, or a table). */
function Section({ title, onCsv, children }: { title: string; onCsv(): void; children: ReactNode }) {
  const { language } = useLanguage()
  return (
    <section className="report-section" aria-label={title}>
      <header className="panel-header">
        <h3>{title}</h3>
        <button type="button" onClick={onCsv}>
          {REPORT_MESSAGES[language].csv}
        </button>
      </header>
      {children}
    </section>
  )
}

/**
 * The owner's reports on the till (managers): a day, this week, this month or any days, with net
 * sales, VAT and payments, and charts of the days, the hours and the payment mix beside their
 * figures; best sellers, categories and cashiers; each section as a CSV.
 */
export function ReportsPanel() {
  const { explain } = useTill()
  const { language, messages } = useLanguage()
  const words = REPORT_MESSAGES[language]
  const time = useShopTime()
  const today = time.day(Date.now())
  const [period, setPeriod] = useState<Period>(() => periodAround('day', today))
  const [typed, setTyped] = useState<{ from: string | null; to: string | null }>({ from: today, to: today })
  const [report, setReport] = useState<OwnerReportView | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    setError(null)
    void window.pos.getOwnerReport({ from: period.from, to: period.to }).then((result) => {
      if (result.ok) setReport(result.value)
      else setError(explain(result.error))
    })
  }, [period.from, period.to, explain])

  const choose = (kind: Exclude<PeriodKind, 'range'>) => setPeriod(periodAround(kind, today))
  // The chosen period's days are what the fields show, until the person types others.
  useEffect(() => setTyped({ from: period.from, to: period.to }), [period.from, period.to])
  const showRange = (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    const { from, to } = typed
    if (from === null) return setError(messages.dateField.invalid(words.from))
    if (to === null) return setError(messages.dateField.invalid(words.to))
    if (from > to) return setError(messages.dateField.backwards)
    setPeriod({ kind: 'range', from, to })
  }
  const csv = (section: Parameters<typeof reportCsv>[0]) =>
    report && downloadFile(reportCsv(section, report, REPORT_MESSAGES.km, REPORT_MESSAGES.en))

  return (
    <section className="card reports" aria-labelledby="reports-heading">
      <h2 id="reports-heading">{words.title}</h2>
      <fieldset className="report-periods">
        <legend className="visually-hidden">{words.title}</legend>
        {(['day', 'week', 'month'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            aria-pressed={period.kind === kind}
            className={period.kind === kind ? 'selected' : ''}
            onClick={() => choose(kind)}
          >
            {words[kind === 'day' ? 'today' : kind]}
          </button>
        ))}
        <button type="button" onClick={() => setPeriod(shiftPeriod(period, -1))}>
          {words.previous}
        </button>
        <button type="button" onClick={() => setPeriod(shiftPeriod(period, 1))}>
          {words.next}
        </button>
      </fieldset>
      <form className="report-range" onSubmit={showRange}>
        <DayField label={words.from} day={period.from} onDay={(from) => setTyped({ ...typed, from })} />
        <DayField label={words.to} day={period.to} onDay={(to) => setTyped({ ...typed, to })} />
        <button type="submit">{words.show}</button>
      </form>
      <p className="report-period" data-testid="report-period">
        {words.period(dayAsDate(period.from), dayAsDate(period.to))}
      </p>
      {error && <Notice tone="error">{error}</Notice>}
      {report && <ReportBody report={report} csv={csv} />}
    </section>
  )
}

function ReportBody({ report, csv }: { report: OwnerReportView; csv(section: Parameters<typeof reportCsv>[0]): void }) {
  const { language } = useLanguage()
  const words = REPORT_MESSAGES[language]
  const sales = report.currencies.reduce((sum, row) => sum + row.sales, 0)
  if (sales === 0 && report.inRiel.refunds === 0) return <p>{words.nothing}</p>
  const multiDay = report.days.length > 1
  // A shop's usual day, 6:00 to 21:00, widened to any hour with a sale: the day's shape at a glance.
  const open = report.hours.filter((row) => row.sales !== 0 || row.netKhr !== 0).map((row) => row.hour)
  const hours = report.hours.filter((row) => row.hour >= Math.min(6, ...open) && row.hour <= Math.max(21, ...open))
  return (
    <>
      <dl className="report-cards" data-testid="report-summary">
        <div>
          <dt>{words.net}</dt>
          <dd className="grand">{riel(report.inRiel.net)}</dd>
        </div>
        <div>
          <dt>{words.sales}</dt>
          <dd>{sales}</dd>
        </div>
        <div>
          <dt>{words.vat}</dt>
          <dd>{riel(report.inRiel.vat)}</dd>
        </div>
        {report.inRiel.plt !== 0 && (
          <div>
            <dt>{words.plt}</dt>
            <dd>{riel(report.inRiel.plt)}</dd>
          </div>
        )}
      </dl>
      <Section title={words.currency} onCsv={() => csv('summary')}>
        <table className="product-table" data-testid="report-currencies">
          <thead>
            <tr>
              <th>{words.currency}</th>
              <th className="num">{words.sales}</th>
              <th className="num">{words.refunds}</th>
              <th className="num">{words.voids}</th>
              <th className="num">{words.net}</th>
              <th className="num">{words.vat}</th>
            </tr>
          </thead>
          <tbody>
            {report.currencies.map((row) => {
              const money = (amount: number) => formatMoney(amount, row.currency, 'en')
              return (
                <tr key={row.currency}>
                  <th scope="row">{row.currency}</th>
                  <td className="num">
                    {row.sales} · {money(row.salesTotal)}
                  </td>
                  <td className="num">
                    {row.refunds} · {money(row.refundsTotal)}
                  </td>
                  <td className="num">
                    {row.voids} · {money(row.voidsTotal)}
                  </td>
                  <td className="num">
                    <strong>{money(row.net)}</strong>
                  </td>
                  <td className="num">{money(row.vat)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </Section>
      {multiDay && (
        <Section title={words.perDay} onCsv={() => csv('days')}>
          <ChartAndTable
            title={words.perDay}
            rows={report.days.map((row) => ({ label: dayAsDate(row.day), value: row.netKhr, note: String(row.sales) }))}
          />
        </Section>
      )}
      <Section title={words.perHour} onCsv={() => csv('hours')}>
        <ChartAndTable
          title={words.perHour}
          rows={hours.map((row) => ({
            label: `${String(row.hour).padStart(2, '0')}:00`,
            value: row.netKhr,
            note: String(row.sales),
          }))}
        />
      </Section>
      <Section title={words.payments} onCsv={() => csv('payments')}>
        <table className="product-table" data-testid="report-payments">
          <tbody>
            {report.tenders.map((row) => (
              <tr key={row.kind}>
                <th scope="row">{words.tender[row.kind]}</th>
                <td className="num">{row.uses}</td>
                <td className="num">{formatMoney(row.amount, row.kind.endsWith('usd') ? 'USD' : 'KHR', 'en')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={words.bestSellers} onCsv={() => csv('products')}>
        <table className="product-table" data-testid="report-products">
          <thead>
            <tr>
              <th>{words.product}</th>
              <th className="num">{words.quantity}</th>
              <th className="num">{words.amount}</th>
            </tr>
          </thead>
          <tbody>
            {report.products.slice(0, 20).map((row) => (
              <tr key={row.sku}>
                <th scope="row">
                  <span lang="km">{row.nameKm}</span> <span className="fine">{row.nameEn}</span>
                </th>
                <td className="num">{row.soldBy === 'weight' ? formatWeight(row.quantity, language) : row.quantity}</td>
                <td className="num">{riel(row.amountKhr)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={words.categories} onCsv={() => csv('categories')}>
        <ChartAndTable
          title={words.categories}
          horizontal
          rows={report.categories.map((row) => ({
            label: (language === 'km' ? row.nameKm : row.nameEn) || words.noCategory,
            value: row.amountKhr,
          }))}
        />
      </Section>
      <Section title={words.cashiers} onCsv={() => csv('cashiers')}>
        <table className="product-table" data-testid="report-cashiers">
          <tbody>
            {report.cashiers.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.name}</th>
                <td className="num">{row.sales}</td>
                <td className="num">{riel(row.amountKhr)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  )
}

/** A chart and, beside it, the same figures to read (only the rows with something in them). */
function ChartAndTable({
  title,
  rows,
  horizontal = false,
}: {
  title: string
  rows: { label: string; value: number; note?: string }[]
  horizontal?: boolean
}) {
  const { language } = useLanguage()
  return (
    <div className="chart-and-table">
      <BarChart
        title={REPORT_MESSAGES[language].chartOf(title)}
        bars={rows}
        format={riel}
        horizontal={horizontal}
        shortLabel={(label) => label.slice(0, 5)}
      />
      <table className="product-table chart-figures">
        <tbody>
          {rows
            .filter((row) => row.value !== 0 || (row.note ?? '0') !== '0')
            .map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {row.note !== undefined && <td className="num">{row.note}</td>}
                <td className="num">{riel(row.value)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  )
}
