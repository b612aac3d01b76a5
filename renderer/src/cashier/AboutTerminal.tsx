import { COUNTER_MESSAGES } from '../i18n/counter-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { describeFailure } from '../i18n/messages.ts'
import { Notice } from '../ui/Notice.tsx'
import { useLiveValue } from '../ui/useLiveValue.ts'
import { usePosQuery } from '../ui/usePosQuery.ts'

function TerminalFacts() {
  const { messages, language } = useLanguage()
  const about = COUNTER_MESSAGES[language].about
  const info = usePosQuery(() => window.pos.getAppInfo())
  if (info.status === 'loading') return <p>{messages.loading}</p>
  if (info.status === 'failed') return <Notice tone="error">{describeFailure(messages, info.error.code)}</Notice>
  const { integrity } = info.value
  return (
    <dl className="facts">
      <dt>{about.version}</dt>
      <dd data-testid="app-version">{info.value.version}</dd>
      <dt>{about.database}</dt>
      <dd>
        <code data-testid="database-path">{info.value.databasePath}</code>
        <span className="fine">{messages.sqlite(info.value.sqliteVersion)}</span>
      </dd>
      <dt>{about.integrityLabel}</dt>
      <dd data-testid="database-integrity">
        {about.integrity[integrity.state]}
        {integrity.problems.map((problem) => (
          <span key={problem} className="fine">
            {problem}
          </span>
        ))}
      </dd>
      <dt>{about.secretsLabel}</dt>
      <dd data-testid="secret-protection">
        {info.value.secretProtection.level === 'os_key_store' ||
        info.value.secretProtection.level === 'owner_only_file' ? (
          about.secrets[info.value.secretProtection.level]
        ) : (
          <Notice tone="warning">{about.secrets[info.value.secretProtection.level]}</Notice>
        )}
        <span className="fine">{info.value.secretProtection.backend}</span>
      </dd>
    </dl>
  )
}

/** Where the customer display is: on its own screen (and that screen's size), or sharing this one. */
export function CustomerDisplayLine({ onlyProblems = false }: { onlyProblems?: boolean }) {
  const { messages } = useLanguage()
  const status = useLiveValue('customerDisplay.changed', () => window.pos.getCustomerDisplayStatus())
  if (!status) return onlyProblems ? null : <p>{messages.loading}</p>
  if (status.placement === 'cashier-screen') return <Notice tone="warning">{messages.onCashierScreen}</Notice>
  if (onlyProblems) return null
  return <p data-testid="customer-display">{messages.onSecondScreen(status.bounds.width, status.bounds.height)}</p>
}

/** What a manager or support needs to know about this machine; kept off the counter's own screens. */
export function AboutTerminal({ onBack }: { onBack?(): void }) {
  const { language } = useLanguage()
  const about = COUNTER_MESSAGES[language].about
  return (
    <section className="card" aria-labelledby="terminal-heading">
      <h2 id="terminal-heading">{about.title}</h2>
      <TerminalFacts />
      <h3>{about.customerDisplay}</h3>
      <CustomerDisplayLine />
      {onBack && (
        <div className="actions">
          <button type="button" onClick={onBack}>
            {COUNTER_MESSAGES[language].backToSettings}
          </button>
        </div>
      )}
    </section>
  )
}

/**
 * What the counter must know before anyone signs in: the database cannot be read or failed its
 * check, or the customer display has no screen of its own. Nothing when all is well.
 */
export function CounterWarnings() {
  const { messages } = useLanguage()
  const info = usePosQuery(() => window.pos.getAppInfo())
  return (
    <>
      {info.status === 'failed' && <Notice tone="error">{describeFailure(messages, info.error.code)}</Notice>}
      {info.status === 'ready' && info.value.integrity?.state === 'failed' && (
        <Notice tone="error">{messages.errors.database_corrupt}</Notice>
      )}
      <CustomerDisplayLine onlyProblems />
    </>
  )
}
