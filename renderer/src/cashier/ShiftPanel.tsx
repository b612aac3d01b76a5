import { type FormEvent, useEffect, useState } from 'react'
import { type Currency, formatMoney } from '../../../shared/money/index.ts'
import type { ShiftReport } from '../../../shared/views.ts'
import { AUTHORITY_MESSAGES } from '../i18n/authority-messages.ts'
import { CASH_MESSAGES } from '../i18n/cash-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { Notice } from '../ui/Notice.tsx'
import { CashDrawer } from './CashDrawer.tsx'
import { useTill } from './useTill.ts'

/** The notes a drawer holds, in minor units (dollar notes in cents, riel notes in riel). */
const NOTES: Record<Currency, number[]> = {
  USD: [10000, 5000, 2000, 1000, 500, 200, 100],
  KHR: [200000, 100000, 50000, 30000, 20000, 15000, 10000, 5000, 2000, 1000, 500, 200, 100],
}

function money(amount: number, currency: Currency): string {
  return formatMoney(amount, currency, 'en')
}

/** X or Z figures, as on paper: a definition list a cashier can read down. */
export function ReportFigures({ report }: { report: ShiftReport }) {
  const { till } = useTill()
  const { language } = useLanguage()
  const cash = CASH_MESSAGES[language]
  const rows: [string, string][] = [
    [
      till.report.sales(report.sales.count),
      `${money(report.sales.totalUsd, 'USD')} · ${money(report.sales.totalKhr, 'KHR')}`,
    ],
    [till.cash, `${money(report.tenders.cash_usd.amount, 'USD')} · ${money(report.tenders.cash_khr.amount, 'KHR')}`],
    ['KHQR', `${money(report.tenders.khqr_usd.amount, 'USD')} · ${money(report.tenders.khqr_khr.amount, 'KHR')}`],
    [till.change, `${money(report.changeGiven.usd, 'USD')} · ${money(report.changeGiven.khr, 'KHR')}`],
    [
      till.report.refunds(report.refunds.count),
      `${money(report.refunds.totalUsd, 'USD')} · ${money(report.refunds.totalKhr, 'KHR')}`,
    ],
    [
      till.report.voids(report.voids.count),
      `${money(report.voids.totalUsd, 'USD')} · ${money(report.voids.totalKhr, 'KHR')}`,
    ],
    [till.discount, `${money(report.discounts.usd, 'USD')} · ${money(report.discounts.khr, 'KHR')}`],
    [till.vat, `${money(report.vat.usd, 'USD')} · ${money(report.vat.khr, 'KHR')}`],
    [
      cash.cashInOut,
      `+${money(report.cashMovements.inUsd, 'USD')} · +${money(report.cashMovements.inKhr, 'KHR')} / −${money(report.cashMovements.outUsd, 'USD')} · −${money(report.cashMovements.outKhr, 'KHR')}`,
    ],
    [cash.noSaleOpens, String(report.noSaleDrawerOpens)],
    [till.report.expected, `${money(report.expectedCash.usd, 'USD')} · ${money(report.expectedCash.khr, 'KHR')}`],
  ]
  if (report.countedCash && report.variance) {
    rows.push(
      [till.report.counted, `${money(report.countedCash.usd, 'USD')} · ${money(report.countedCash.khr, 'KHR')}`],
      [till.report.variance, `${money(report.variance.usd, 'USD')} · ${money(report.variance.khr, 'KHR')}`],
    )
  }
  rows.push([
    till.report.unverified(report.khqrManual.unverifiedCount),
    `${money(report.khqrManual.unverifiedUsd, 'USD')} · ${money(report.khqrManual.unverifiedKhr, 'KHR')}`,
  ])
  const checks = report.khqrChecks
  const problems = checks.mismatches + checks.notFound + checks.overPayments + checks.latePayments
  if (checks.verified + problems > 0)
    rows.push([till.report.bakongChecks, till.report.checkFigures(checks.verified, problems, checks.unresolved)])
  return (
    <dl className="report" data-testid={`report-${report.kind}`}>
      {rows.map(([label, value]) => (
        <div key={label} className="report-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/**
 * The shift: X figures at any time, and closing with a blind count per currency and note (the
 * expected cash is shown only in the Z report, after the count).
 */
export function ShiftPanel({ onClosed }: { onClosed(report: ShiftReport): void }) {
  const { till, explain } = useTill()
  const { language } = useLanguage()
  // 'blind': a cashier closes without seeing the figures; they are a manager's.
  const [x, setX] = useState<ShiftReport | 'blind' | null>(null)
  const [counting, setCounting] = useState(false)
  const [counts, setCounts] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  // Bumped after cash goes in or out, so the X figures are asked again.
  const [version, setVersion] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again after each cash movement (version).
  useEffect(() => {
    void window.pos.getXReport().then((result) => {
      if (result.ok) setX(result.value)
      else if (result.error.code === 'manager_only') setX('blind')
      else setError(explain(result.error))
    })
  }, [explain, version])

  const close = async (event: FormEvent) => {
    event.preventDefault()
    const count = { usd: {} as Record<string, number>, khr: {} as Record<string, number> }
    for (const currency of ['USD', 'KHR'] as const) {
      for (const note of NOTES[currency]) {
        const value = counts[`${currency}-${note}`]?.trim() ?? ''
        if (value === '') continue
        if (!/^\d{1,6}$/.test(value)) return setError(till.report.countInvalid)
        count[currency === 'USD' ? 'usd' : 'khr'][String(note)] = Number(value)
      }
    }
    const result = await window.pos.closeShift(count)
    if (result.ok) onClosed(result.value)
    else setError(explain(result.error))
  }

  return (
    <section className="card shift-panel" aria-labelledby="shift-heading">
      <h2 id="shift-heading">{till.report.title}</h2>
      {error && <Notice tone="error">{error}</Notice>}
      {!counting && x && (
        <>
          {x === 'blind' ? <p>{AUTHORITY_MESSAGES[language].blindClose}</p> : <ReportFigures report={x} />}
          <div className="actions">
            {x !== 'blind' && (
              <button type="button" onClick={() => void window.pos.printXReport()}>
                {till.report.printX}
              </button>
            )}
            <button type="button" className="primary" onClick={() => setCounting(true)}>
              {till.report.closeShift}
            </button>
          </div>
          <CashDrawer onChange={() => setVersion(version + 1)} />
        </>
      )}
      {counting && (
        <form onSubmit={close} className="count-form">
          <p className="fine">{till.report.blindHint}</p>
          {(['USD', 'KHR'] as const).map((currency) => (
            <fieldset key={currency} className="notes">
              <legend>{currency === 'USD' ? till.dollars : till.riel}</legend>
              {NOTES[currency].map((note) => (
                <label key={note} className="note-count">
                  <span>{money(note, currency)}</span>
                  <input
                    inputMode="numeric"
                    aria-label={till.report.notesOf(money(note, currency))}
                    value={counts[`${currency}-${note}`] ?? ''}
                    onChange={(event) => setCounts({ ...counts, [`${currency}-${note}`]: event.target.value })}
                  />
                </label>
              ))}
            </fieldset>
          ))}
          <div className="actions">
            <button type="button" onClick={() => setCounting(false)}>
              {till.cancel}
            </button>
            <button type="submit" className="primary">
              {till.report.closeShift}
            </button>
          </div>
        </form>
      )}
    </section>
  )
}
