import { useState } from 'react'
import type { ShiftReport } from '../../../shared/views.ts'
import { CLOSING_MESSAGES } from '../i18n/closing-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { Notice } from '../ui/Notice.tsx'
import { usePosQuery } from '../ui/usePosQuery.ts'
import { ReportFigures } from './ReportFigures.tsx'
import { useTill } from './useTill.ts'

/** The Z report just after closing, as printed, with the way to print it again (a jam, a torn slip). */
export function ClosedShift({ report, onDone }: { report: ShiftReport; onDone(): void }) {
  const { till, explain } = useTill()
  const { language } = useLanguage()
  const words = CLOSING_MESSAGES[language]
  const settings = usePosQuery(() => window.pos.getSettings())
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const printAgain = async () => {
    const result = await window.pos.printZReport(report.shift.id)
    if (result.ok) setMessage(words.zPrinting)
    else setError(explain(result.error))
  }
  return (
    <section className="card" aria-labelledby="z-heading">
      <h2 id="z-heading">{words.closedTitle(report.shift.number)}</h2>
      {message && (
        <p role="status" className="done">
          {message}
        </p>
      )}
      {error && <Notice tone="error">{error}</Notice>}
      <ReportFigures report={report} smallestNote={settings.status === 'ready' ? settings.value.smallestNote : 100} />
      <div className="actions">
        <button type="button" onClick={() => void printAgain()}>
          {words.printZAgain}
        </button>
        <button type="button" className="primary" onClick={onDone}>
          {till.nextSale}
        </button>
      </div>
    </section>
  )
}
