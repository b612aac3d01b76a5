import { useState } from 'react'
import type { FoundPrinterView, PrinterSettings } from '../../../shared/views.ts'
import { useLanguage } from '../i18n/language.tsx'
import { PRINTER_MESSAGES } from '../i18n/printer-messages.ts'
import { Notice } from '../ui/Notice.tsx'
import { useTill } from './useTill.ts'

/** The printer settings a found printer answered at, over the ones being edited. */
function withFound(printer: PrinterSettings, found: FoundPrinterView): PrinterSettings {
  return {
    ...printer,
    transport: found.transport,
    address: found.address,
    baudRate: found.baudRate,
    dataBits: found.dataBits,
    parity: found.parity,
    // The probe had no flow control; a cable wired for it can be set after.
    flowControl: found.transport === 'serial' ? 'none' : printer.flowControl,
  }
}

/**
 * "Find my printer": every port asked at the usual speeds (and a network address, if typed), what
 * answered listed first; one is used (the fields above fill in) or gets a test page straight away,
 * before anything is saved.
 */
export function FindPrinter({
  printer,
  onChange,
}: {
  printer: PrinterSettings
  onChange(printer: PrinterSettings): void
}) {
  const { explain } = useTill()
  const { language } = useLanguage()
  const words = PRINTER_MESSAGES[language]
  const [network, setNetwork] = useState('')
  const [searching, setSearching] = useState(false)
  const [found, setFound] = useState<FoundPrinterView[] | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const search = async () => {
    setSearching(true)
    setMessage(null)
    setError(null)
    const result = await window.pos.findPrinters(network.trim() === '' ? null : network.trim())
    setSearching(false)
    if (result.ok) setFound(result.value)
    else setError(explain(result.error))
  }
  const testOn = async (candidate: FoundPrinterView) => {
    setMessage(null)
    setError(null)
    const result = await window.pos.printTestPageOn(withFound(printer, candidate))
    if (!result.ok) return setError(explain(result.error))
    if (result.value.printed) setMessage(words.testResult(result.value))
    else setError(words.testResult(result.value))
  }
  const answered = found?.filter((candidate) => candidate.answered) ?? []
  const silent = found?.filter((candidate) => !candidate.answered) ?? []

  return (
    <div className="find-printer" data-testid="find-printer">
      <p className="fine">{words.findHint}</p>
      <label className="field">
        <span>{words.networkAddress}</span>
        <input
          value={network}
          placeholder="192.168.1.50"
          onChange={(event) => setNetwork(event.target.value.replace(/[^A-Za-z0-9.:_-]/g, ''))}
        />
      </label>
      <button type="button" onClick={() => void search()} disabled={searching}>
        {words.find}
      </button>
      {searching && <p role="status">{words.searching}</p>}
      {found && answered.length === 0 && <Notice tone="error">{words.nothingFound}</Notice>}
      {answered.length > 0 && (
        <ul className="found-printers" aria-label={words.find}>
          {answered.map((candidate) => (
            <li key={`${candidate.transport}:${candidate.address}`}>
              <span>{words.found(candidate)}</span>
              <button
                type="button"
                onClick={() => {
                  onChange(withFound(printer, candidate))
                  setMessage(words.chosen)
                }}
              >
                {words.use}
              </button>
              <button type="button" onClick={() => void testOn(candidate)}>
                {words.testOnIt}
              </button>
            </li>
          ))}
        </ul>
      )}
      {silent.length > 0 && (
        <ul className="fine silent-ports">
          {silent.map((candidate) => (
            <li key={`${candidate.transport}:${candidate.address}`}>{words.noAnswer(candidate)}</li>
          ))}
        </ul>
      )}
      {message && (
        <p role="status" className="done">
          {message}
        </p>
      )}
      {error && <Notice tone="error">{error}</Notice>}
    </div>
  )
}
