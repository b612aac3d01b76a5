import { type FormEvent, useState } from 'react'
import type { ManagerConsent, UserSummary } from '../../../../shared/views.ts'
import { AUTHORITY_MESSAGES } from '../../i18n/authority-messages.ts'
import { useLanguage } from '../../i18n/language.tsx'
import { SETUP_MESSAGES } from '../../i18n/setup-messages.ts'
import { Notice } from '../../ui/Notice.tsx'
import { PinFields } from '../../ui/PinFields.tsx'
import { useTill } from '../useTill.ts'
import { withConsent } from './setup-calls.ts'

/**
 * The owner, the shop's first manager, with their own PIN; then signed in as them, the owner
 * recovery code made and shown once. `onDone` gets the owner's consent for the steps after.
 */
export function OwnerStep({ consent, onDone }: { consent: ManagerConsent; onDone(owner: ManagerConsent): void }) {
  const { explain } = useTill()
  const { language } = useLanguage()
  const words = SETUP_MESSAGES[language]
  const recovery = AUTHORITY_MESSAGES[language].recovery
  const [name, setName] = useState('')
  const [pin, setPin] = useState('')
  const [again, setAgain] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [made, setMade] = useState<{ owner: ManagerConsent; code: string } | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (name.trim() === '') return setError(words.invalid(words.owner.name))
    if (pin !== again) return setError(words.owner.pinsDiffer)
    setBusy(true)
    setError(null)
    const created = await withConsent(consent, 'createUser', { name: name.trim(), role: 'manager', pin })
    if (!created.ok) {
      setBusy(false)
      return setError(explain(created.error))
    }
    const owner = created.value as UserSummary
    const signedIn = await window.pos.signIn(owner.id, pin)
    const ownerConsent: ManagerConsent = { managerId: owner.id, pin, reason: 'first-run setup' }
    const code = signedIn.ok ? await withConsent(ownerConsent, 'createRecoveryCode') : signedIn
    setBusy(false)
    if (!code.ok) return setError(explain(code.error))
    setMade({ owner: ownerConsent, code: (code.value as { code: string }).code })
  }

  if (made)
    return (
      <div className="setup-form recovery-shown" role="status">
        <h3>{recovery.legend}</h3>
        <p>{recovery.shown}</p>
        <p className="recovery-code" data-testid="recovery-code">
          {made.code}
        </p>
        <p className="fine">{recovery.replaces}</p>
        <div className="actions">
          <button type="button" className="primary" onClick={() => onDone(made.owner)}>
            {recovery.written}
          </button>
        </div>
      </div>
    )
  return (
    <form className="setup-form" onSubmit={submit}>
      <p className="fine">{words.owner.hint}</p>
      <label className="field">
        <span>{words.owner.name}</span>
        <input value={name} autoComplete="off" onChange={(event) => setName(event.target.value)} />
      </label>
      <PinFields
        labels={{ pin: words.owner.pin, again: words.owner.pinAgain }}
        pin={pin}
        again={again}
        onChange={(next, repeated) => {
          setPin(next)
          setAgain(repeated)
        }}
      />
      {error && <Notice tone="error">{error}</Notice>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || pin.length < 4}>
          {words.next}
        </button>
      </div>
    </form>
  )
}
