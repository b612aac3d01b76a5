import { type FormEvent, useState } from 'react'
import { type Currency, formatMoney } from '../../../shared/money/index.ts'
import type { CashCount, ShiftReport } from '../../../shared/views.ts'
import { CLOSING_MESSAGES } from '../i18n/closing-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { Notice } from '../ui/Notice.tsx'
import { useTill } from './useTill.ts'

/** The notes a drawer holds, in minor units (dollar notes in cents, riel notes in riel). */
const NOTES: Record<Currency, number[]> = {
  USD: [10000, 5000, 2000, 1000, 500, 200, 100],
  KHR: [200000, 100000, 50000, 30000, 20000, 15000, 10000, 5000, 2000, 1000, 500, 200, 100],
}

const money = (amount: number, currency: Currency) => formatMoney(amount, currency, 'en')

/** Each currency's count from what was typed, or null when a box holds something that is not a number of notes. */
function countOf(typed: Record<string, string>): CashCount | null {
  const count: CashCount = { usd: {}, khr: {} }
  for (const currency of ['USD', 'KHR'] as const) {
    for (const note of NOTES[currency]) {
      const value = typed[`${currency}-${note}`]?.trim() ?? ''
      if (value === '') continue
      if (!/^\d{1,6}$/.test(value)) return null
      count[currency === 'USD' ? 'usd' : 'khr'][String(note)] = Number(value)
    }
  }
  return count
}

function totalOf(count: Record<string, number>): number {
  return Object.entries(count).reduce((sum, [note, notes]) => sum + Number(note) * notes, 0)
}

/**
 * The blind count at closing, note by note with its running total per currency. Before closing the
 * engine is asked once whether the count is empty or far off (never by how much); then the cashier
 * counts again or closes anyway.
 */
export function CloseShiftForm({ onClosed, onCancel }: { onClosed(report: ShiftReport): void; onCancel(): void }) {
  const { till, explain } = useTill()
  const { language } = useLanguage()
  const words = CLOSING_MESSAGES[language]
  const [typed, setTyped] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [asking, setAsking] = useState<'empty' | 'recount' | null>(null)
  const count = countOf(typed)

  const close = async (checked: boolean) => {
    if (count === null) return setError(till.report.countInvalid)
    if (!checked) {
      const check = await window.pos.checkCount(count)
      if (!check.ok) return setError(explain(check.error))
      if (check.value.empty) return setAsking('empty')
      if (check.value.recount) return setAsking('recount')
    }
    const result = await window.pos.closeShift(count)
    if (result.ok) onClosed(result.value)
    else setError(explain(result.error))
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    setAsking(null)
    void close(false)
  }

  return (
    <form onSubmit={submit} className="count-form" noValidate>
      <p className="fine">{till.report.blindHint}</p>
      {error && <Notice tone="error">{error}</Notice>}
      {(['USD', 'KHR'] as const).map((currency) => (
        <fieldset key={currency} className="notes">
          <legend>{currency === 'USD' ? till.dollars : till.riel}</legend>
          {NOTES[currency].map((note) => (
            <label key={note} className="note-count">
              <span>{money(note, currency)}</span>
              <input
                inputMode="numeric"
                aria-label={till.report.notesOf(money(note, currency))}
                value={typed[`${currency}-${note}`] ?? ''}
                onChange={(event) => {
                  setTyped({ ...typed, [`${currency}-${note}`]: event.target.value })
                  setError(null)
                  setAsking(null)
                }}
              />
            </label>
          ))}
          <p className="count-total" aria-live="polite" data-testid={`counted-${currency}`}>
            {words.countedSoFar(
              count === null ? '—' : money(totalOf(count[currency === 'USD' ? 'usd' : 'khr']), currency),
            )}
          </p>
        </fieldset>
      ))}
      {asking && (
        <div role="alertdialog" aria-labelledby="count-question" className="count-question">
          <h3 id="count-question" className="count-question-title">
            {asking === 'empty' ? words.emptyTitle : words.recountTitle}
          </h3>
          <p>{asking === 'empty' ? words.emptyText : words.recountText}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => setAsking(null)}>
              {words.countAgain}
            </button>
            <button type="button" onClick={() => void close(true)}>
              {asking === 'empty' ? words.closeAnyway : words.closeWithThisCount}
            </button>
          </div>
        </div>
      )}
      {!asking && (
        <div className="actions">
          <button type="button" onClick={onCancel}>
            {till.cancel}
          </button>
          <button type="submit" className="primary">
            {till.report.closeShift}
          </button>
        </div>
      )}
    </form>
  )
}
