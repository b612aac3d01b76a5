import { useEffect, useState } from 'react'
import type { ManagerConsent, SessionView } from '../../../../shared/views.ts'
import { useLanguage } from '../../i18n/language.tsx'
import { SETUP_MESSAGES } from '../../i18n/setup-messages.ts'
import { Notice } from '../../ui/Notice.tsx'
import { useTill } from '../useTill.ts'
import { KhqrStep } from './KhqrStep.tsx'
import { OwnerStep } from './OwnerStep.tsx'
import { PrinterStep } from './PrinterStep.tsx'
import { ShopStep } from './ShopStep.tsx'
import { withConsent } from './setup-calls.ts'

/** The demo manager's PIN, which the demo shop shows to everyone; it only sets up the shop's own manager. */
const DEMO_MANAGER_PIN = '1357'

const STEPS = ['shop', 'khqr', 'owner', 'printer', 'done'] as const
type Step = (typeof STEPS)[number]

/**
 * The first-run setup, instead of the demo: the shop, its KHQR account from its sticker, its owner
 * (the first manager, with the recovery code shown once), its printer; then the demo ends (its
 * products and people leave the shop's figures) and the owner is signed in. Each step is saved
 * when the manager goes on, so a setup left halfway keeps what was entered.
 */
export function FirstRunSetup({ onDone, onCancel }: { onDone(session: SessionView): void; onCancel(): void }) {
  const { explain } = useTill()
  const { language } = useLanguage()
  const words = SETUP_MESSAGES[language]
  const [step, setStep] = useState<Step>('shop')
  const [consent, setConsent] = useState<ManagerConsent | null>(null)
  const [error, setError] = useState<string | null>(null)

  // Until the owner exists, the demo manager approves: the demo shows its PIN to everyone.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when setup starts (never again once the owner signed in).
  useEffect(() => {
    void (async () => {
      const users = await window.pos.listUsers()
      const demo = users.ok ? users.value.find((user) => user.demo && user.role === 'manager') : undefined
      if (!demo) return setError(words.invalid(words.steps.owner))
      const signedIn = await window.pos.signIn(demo.id, DEMO_MANAGER_PIN)
      if (!signedIn.ok) return setError(explain(signedIn.error))
      setConsent({ managerId: demo.id, pin: DEMO_MANAGER_PIN, reason: 'first-run setup' })
    })()
  }, [])

  const finish = async () => {
    if (!consent) return
    const ended = await withConsent(consent, 'endDemo')
    if (!ended.ok) return setError(explain(ended.error))
    const session = await window.pos.getSession()
    if (session.ok && session.value) onDone(session.value)
  }

  const index = STEPS.indexOf(step)
  return (
    <section className="card setup" aria-labelledby="setup-heading">
      <header className="panel-header">
        <h2 id="setup-heading">{words.steps[step]}</h2>
        <span className="fine">{words.stepOf(index + 1, STEPS.length)}</span>
      </header>
      <ol className="setup-steps" aria-label={words.welcome.setUp}>
        {STEPS.map((name, at) => (
          <li key={name} aria-current={name === step ? 'step' : undefined} className={at < index ? 'passed' : ''}>
            {words.steps[name]}
          </li>
        ))}
      </ol>
      {error && <Notice tone="error">{error}</Notice>}
      {consent && step === 'shop' && <ShopStep consent={consent} onDone={() => setStep('khqr')} />}
      {consent && step === 'khqr' && <KhqrStep consent={consent} onDone={() => setStep('owner')} />}
      {consent && step === 'owner' && (
        <OwnerStep
          consent={consent}
          onDone={(owner) => {
            setConsent(owner)
            setStep('printer')
          }}
        />
      )}
      {consent && step === 'printer' && <PrinterStep consent={consent} onDone={() => setStep('done')} />}
      {step === 'done' && (
        <div className="setup-form" role="status">
          <h3>{words.done.title}</h3>
          <p>{words.done.body}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void finish()}>
              {words.done.start}
            </button>
          </div>
        </div>
      )}
      {(step === 'shop' || step === 'khqr') && (
        <div className="actions">
          <button type="button" onClick={onCancel}>
            {words.back}
          </button>
        </div>
      )}
    </section>
  )
}

/** The first start: set up the shop, or look around the demo first (clearly marked). */
export function Welcome({ onSetUp, onDemo }: { onSetUp(): void; onDemo(): void }) {
  const { language } = useLanguage()
  const words = SETUP_MESSAGES[language].welcome
  return (
    <section className="card welcome" aria-labelledby="welcome-heading">
      <h2 id="welcome-heading">{words.title}</h2>
      <p>{words.body}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onSetUp}>
          {words.setUp}
        </button>
        <button type="button" onClick={onDemo}>
          {words.demo}
        </button>
      </div>
      <p className="fine">{words.demoNote}</p>
    </section>
  )
}

/** Above the sign-in screen while the terminal is the demo shop: it says so, with the way out. */
export function DemoBanner({ onSetUp }: { onSetUp(): void }) {
  const { language } = useLanguage()
  const words = SETUP_MESSAGES[language].banner
  return (
    <div className="demo-banner" role="note">
      <span>{words.text}</span>
      <button type="button" onClick={onSetUp}>
        {words.setUp}
      </button>
    </div>
  )
}
