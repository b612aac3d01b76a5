import { useEffect, useState } from 'react'
import type { ShiftReport } from '../../../shared/views.ts'
import { AUTHORITY_MESSAGES } from '../i18n/authority-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { Notice } from '../ui/Notice.tsx'
import { usePosQuery } from '../ui/usePosQuery.ts'
import { CashDrawer } from './CashDrawer.tsx'
import { CloseShiftForm } from './CloseShiftForm.tsx'
import { ReportFigures } from './ReportFigures.tsx'
import { useTill } from './useTill.ts'

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
  const [error, setError] = useState<string | null>(null)
  const settings = usePosQuery(() => window.pos.getSettings())
  const smallestNote = settings.status === 'ready' ? settings.value.smallestNote : 100
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

  return (
    <section className="card shift-panel" aria-labelledby="shift-heading">
      <h2 id="shift-heading">{till.report.title}</h2>
      {error && <Notice tone="error">{error}</Notice>}
      {!counting && x && (
        <>
          {x === 'blind' ? (
            <p>{AUTHORITY_MESSAGES[language].blindClose}</p>
          ) : (
            <ReportFigures report={x} smallestNote={smallestNote} />
          )}
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
      {counting && <CloseShiftForm onClosed={onClosed} onCancel={() => setCounting(false)} />}
    </section>
  )
}
