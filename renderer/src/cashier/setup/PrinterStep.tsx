import { useEffect, useState } from 'react'
import type { ManagerConsent, PrinterSettings } from '../../../../shared/views.ts'
import { useLanguage } from '../../i18n/language.tsx'
import { SETUP_MESSAGES } from '../../i18n/setup-messages.ts'
import { Notice } from '../../ui/Notice.tsx'
import { PrinterFields } from '../PrinterFields.tsx'
import { useTill } from '../useTill.ts'
import { withConsent } from './setup-calls.ts'

/** The receipt printer: chosen, saved, and a test page printed on it; or skipped for later. */
export function PrinterStep({ consent, onDone }: { consent: ManagerConsent; onDone(): void }) {
  const { explain } = useTill()
  const { language } = useLanguage()
  const words = SETUP_MESSAGES[language]
  const [printer, setPrinter] = useState<PrinterSettings | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    void window.pos.getSettings().then((settings) => settings.ok && setPrinter(settings.value.printer))
  }, [])
  if (!printer) return null

  const save = async (): Promise<boolean> => {
    const saved = await withConsent(consent, 'updateSettings', { printer })
    if (!saved.ok) setError(explain(saved.error))
    return saved.ok
  }
  const testPage = async () => {
    setMessage(null)
    if (!(await save())) return
    const printed = await window.pos.printTestPage()
    if (printed.ok) setMessage(words.printer.testSent)
    else setError(explain(printed.error))
  }

  return (
    <div className="setup-form">
      <p className="fine">{words.printer.hint}</p>
      <PrinterFields printer={printer} onChange={setPrinter} onTestPage={() => void testPage()} />
      {message && (
        <p role="status" className="done">
          {message}
        </p>
      )}
      {error && <Notice tone="error">{error}</Notice>}
      <div className="actions">
        <button type="button" onClick={onDone}>
          {words.skip}
        </button>
        <button type="button" className="primary" onClick={() => void save().then((ok) => ok && onDone())}>
          {words.next}
        </button>
      </div>
    </div>
  )
}
