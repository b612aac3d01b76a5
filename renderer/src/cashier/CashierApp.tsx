import { useLanguage } from '../i18n/language.tsx'
import { describeFailure } from '../i18n/messages.ts'
import { Notice } from '../ui/Notice.tsx'
import { useLiveValue } from '../ui/useLiveValue.ts'
import { usePosQuery } from '../ui/usePosQuery.ts'

function TerminalInfo() {
  const { messages } = useLanguage()
  const info = usePosQuery(() => window.pos.getAppInfo())
  if (info.status === 'loading') return <p>{messages.loading}</p>
  if (info.status === 'failed') return <Notice tone="error">{describeFailure(messages, info.error.code)}</Notice>
  return (
    <dl className="facts">
      <dt>{messages.version}</dt>
      <dd data-testid="app-version">{info.value.version}</dd>
      <dt>{messages.salesDatabase}</dt>
      <dd>
        <code data-testid="database-path">{info.value.databasePath}</code>
        <span className="fine">{messages.sqlite(info.value.sqliteVersion)}</span>
      </dd>
    </dl>
  )
}

function CustomerDisplayLine() {
  const { messages } = useLanguage()
  const status = useLiveValue('customerDisplay.changed', () => window.pos.getCustomerDisplayStatus())
  if (!status) return <p>{messages.loading}</p>
  if (status.placement === 'cashier-screen') return <Notice tone="warning">{messages.onCashierScreen}</Notice>
  return <p data-testid="customer-display">{messages.onSecondScreen(status.bounds.width, status.bounds.height)}</p>
}

export function CashierApp() {
  const { messages, setLanguage, language } = useLanguage()
  return (
    <div className="cashier">
      <header className="topbar">
        <h1>{messages.appTitle}</h1>
        <button
          type="button"
          lang={language === 'km' ? 'en' : 'km'}
          onClick={() => setLanguage(language === 'km' ? 'en' : 'km')}
        >
          {messages.switchLanguage}
        </button>
      </header>
      <main className="content">
        <section className="card" aria-labelledby="terminal-heading">
          <h2 id="terminal-heading">{messages.terminal}</h2>
          <TerminalInfo />
        </section>
        <section className="card" aria-labelledby="display-heading">
          <h2 id="display-heading">{messages.customerDisplay}</h2>
          <CustomerDisplayLine />
        </section>
      </main>
    </div>
  )
}
