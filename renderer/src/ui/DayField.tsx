import { useEffect, useState } from 'react'
import { dayAsDate, parseDayInput } from '../../../shared/shop-time.ts'
import { useLanguage } from '../i18n/language.tsx'

/**
 * A shop day typed day/month/year as on the papers (Khmer digits too). Chromium's own date field
 * writes the date the way its locale does (month first in the USA's), which reads wrong here.
 * `onDay` gets "YYYY-MM-DD", or null while the text is not a real date.
 */
export function DayField({ label, day, onDay }: { label: string; day: string; onDay(day: string | null): void }) {
  const { messages } = useLanguage()
  const [text, setText] = useState(() => dayAsDate(day))
  const [wrong, setWrong] = useState(false)
  // A day chosen elsewhere (a period button) shows here.
  useEffect(() => {
    setText((shown) => (parseDayInput(shown) === day ? shown : dayAsDate(day)))
    setWrong(false)
  }, [day])
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={messages.dateField.placeholder}
        value={text}
        aria-invalid={wrong}
        onChange={(event) => {
          setText(event.target.value)
          const typed = parseDayInput(event.target.value)
          setWrong(false)
          onDay(typed)
        }}
        onBlur={() => setWrong(parseDayInput(text) === null)}
      />
      {wrong && <small className="field-error">{messages.dateField.invalid(label)}</small>}
    </label>
  )
}
