import { type FormEvent, useState } from 'react'
import { useLanguage } from '../../i18n/language.tsx'
import { STAFF_MESSAGES } from '../../i18n/staff-messages.ts'
import { Notice } from '../../ui/Notice.tsx'
import { PinField } from '../../ui/PinField.tsx'
import { PinFields } from '../../ui/PinFields.tsx'
import { useTill } from '../useTill.ts'

/** Anyone signed in changes their own PIN, giving the current one (no manager needed). */
export function OwnPinForm() {
  const { explain } = useTill()
  const { language } = useLanguage()
  const words = STAFF_MESSAGES[language]
  const [current, setCurrent] = useState('')
  const [pin, setPin] = useState('')
  const [again, setAgain] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setDone(false)
    if (pin !== again) return setError(words.pinsDiffer)
    const result = await window.pos.changeOwnPin(current, pin)
    if (!result.ok) return setError(explain(result.error))
    setError(null)
    setCurrent('')
    setPin('')
    setAgain('')
    setDone(true)
  }
  return (
    <form className="setup-form own-pin" onSubmit={submit} aria-labelledby="own-pin-heading">
      <h3 id="own-pin-heading">{words.own.title}</h3>
      <PinField label={words.own.current} value={current} onChange={setCurrent} />
      <PinFields
        labels={{ pin: words.own.next, again: words.own.again }}
        pin={pin}
        again={again}
        onChange={(next, repeated) => {
          setPin(next)
          setAgain(repeated)
          setError(null)
        }}
      />
      {error && <Notice tone="error">{error}</Notice>}
      {done && (
        <p role="status" className="done">
          {words.done.ownPin}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={current.length < 4 || pin.length < 4}>
          {words.own.change}
        </button>
      </div>
    </form>
  )
}
