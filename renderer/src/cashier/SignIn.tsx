import { type FormEvent, useEffect, useRef, useState } from 'react'
import type { SessionView, UserSummary } from '../../../shared/views.ts'
import { AUTHORITY_MESSAGES } from '../i18n/authority-messages.ts'
import { COUNTER_MESSAGES } from '../i18n/counter-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { Notice } from '../ui/Notice.tsx'
import { usePosQuery } from '../ui/usePosQuery.ts'
import { useShopTime } from '../ui/useShopTime.ts'
import { useTill } from './useTill.ts'

const DEMO_PINS: Record<UserSummary['role'], string> = { manager: '1357', cashier: '2468' }

const MAX_PIN = 8

/** A touch PIN pad for a counter screen; the keyboard (and a number pad) work in the field as well. */
function PinPad({ pin, onChange, disabled }: { pin: string; onChange(pin: string): void; disabled: boolean }) {
  const { language } = useLanguage()
  const pad = COUNTER_MESSAGES[language].pinPad
  const key = (digit: string) => (
    <button
      key={digit}
      type="button"
      className="pin-key"
      aria-label={pad.digit(digit)}
      disabled={disabled || pin.length >= MAX_PIN}
      onClick={() => onChange(pin + digit)}
    >
      {digit}
    </button>
  )
  return (
    <fieldset className="pin-pad" aria-label={pad.label}>
      {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(key)}
      <span aria-hidden="true" />
      {key('0')}
      <button
        type="button"
        className="pin-key"
        aria-label={pad.erase}
        disabled={disabled || pin === ''}
        onClick={() => onChange(pin.slice(0, -1))}
      >
        ⌫
      </button>
    </fieldset>
  )
}

/**
 * A locked manager (five wrong PINs) unlocked with the owner's recovery code, which is then used up.
 * Cashiers are unlocked by a manager instead.
 */
function RecoveryUnlock({
  manager,
  onUnlocked,
  onBack,
}: {
  manager: UserSummary
  onUnlocked(message: string): void
  onBack(): void
}) {
  const { till, explain } = useTill()
  const { language } = useLanguage()
  const words = AUTHORITY_MESSAGES[language].recovery
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const unlock = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    // The engine reads the code as typed from paper (any case, spaces or dashes, O for 0).
    const result = await window.pos.unlockWithRecoveryCode(manager.id, code.trim())
    setBusy(false)
    if (!result.ok) return setError(explain(result.error))
    setCode('')
    onUnlocked(words.unlocked(manager.name))
  }
  return (
    <form className="recovery-form pin-form" onSubmit={unlock} aria-labelledby="recovery-heading">
      <h3 id="recovery-heading">{words.title}</h3>
      <p className="fine">{words.hint}</p>
      <label className="field">
        <span>{words.code}</span>
        <input
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      </label>
      {error && <Notice tone="error">{error}</Notice>}
      <div className="actions">
        <button type="button" onClick={onBack}>
          {till.back}
        </button>
        <button type="submit" className="primary" disabled={busy || code.replace(/[\s-]/g, '').length < 20}>
          {words.unlock}
        </button>
      </div>
    </form>
  )
}

/** Each person signs in with their own PIN: tap your name, then type your PIN. */
export function SignIn({ onSignedIn }: { onSignedIn(session: SessionView): void }) {
  const { till, explain } = useTill()
  const { language } = useLanguage()
  const users = usePosQuery(() => window.pos.listUsers())
  const time = useShopTime()
  const [chosen, setChosen] = useState<UserSummary | null>(null)
  const [pin, setPin] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [unlocked, setUnlocked] = useState<string | null>(null)
  const [recovering, setRecovering] = useState(false)
  const pinInput = useRef<HTMLInputElement>(null)
  // The PIN is the only thing to type once a name is chosen.
  useEffect(() => {
    if (chosen) pinInput.current?.focus()
  }, [chosen])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!chosen || busy) return
    setBusy(true)
    const result = await window.pos.signIn(chosen.id, pin)
    setBusy(false)
    setPin('')
    if (result.ok) onSignedIn(result.value)
    else setError(explain(result.error))
  }

  if (users.status === 'loading') return null
  if (users.status === 'failed') return <Notice tone="error">{explain(users.error)}</Notice>
  if (!chosen) {
    return (
      <section className="card sign-in" aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">{till.chooseUser}</h2>
        <ul className="user-grid">
          {users.value.map((user) => (
            <li key={user.id}>
              <button
                type="button"
                className="user-tile"
                onClick={() => {
                  setChosen(user)
                  setError(null)
                }}
              >
                <span className="user-name">{user.name}</span>
                <span className="user-role">
                  {till.roles[user.role]}
                  {user.locked && ` · ${till.locked}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    )
  }
  if (recovering)
    return (
      <section className="card sign-in" aria-labelledby="recovery-heading">
        <RecoveryUnlock
          manager={chosen}
          onBack={() => setRecovering(false)}
          onUnlocked={(message) => {
            setChosen({ ...chosen, locked: false, unlocksAt: null })
            setError(null)
            setUnlocked(message)
            setRecovering(false)
          }}
        />
      </section>
    )
  return (
    <section className="card sign-in" aria-labelledby="pin-heading">
      <h2 id="pin-heading">{till.enterPin(chosen.name)}</h2>
      <form onSubmit={submit} className="pin-form">
        <label className="field">
          <span>{till.pin}</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="off"
            ref={pinInput}
            maxLength={MAX_PIN}
            value={pin}
            onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
          />
        </label>
        <PinPad pin={pin} onChange={setPin} disabled={busy} />
        {chosen.demo && <p className="fine">{till.demoPin(DEMO_PINS[chosen.role])}</p>}
        {chosen.locked && chosen.unlocksAt !== null && (
          <p className="fine" data-testid="unlocks-at">
            {AUTHORITY_MESSAGES[language].tryAgainAt(time.clock(chosen.unlocksAt))}
          </p>
        )}
        {error && <Notice tone="error">{error}</Notice>}
        {unlocked && (
          <p role="status" className="done">
            {unlocked}
          </p>
        )}
        <div className="actions">
          <button
            type="button"
            onClick={() => {
              setChosen(null)
              setUnlocked(null)
              setRecovering(false)
            }}
          >
            {till.back}
          </button>
          <button type="submit" className="primary" disabled={pin.length < 4 || busy}>
            {till.signIn}
          </button>
        </div>
      </form>
      {chosen.role === 'manager' && chosen.locked && (
        <button type="button" className="quiet" onClick={() => setRecovering(true)}>
          {AUTHORITY_MESSAGES[language].recovery.open}
        </button>
      )}
    </section>
  )
}
