import { useState } from 'react'
import type { SessionView, ShiftReport } from '../../../shared/views.ts'
import { useLanguage } from '../i18n/language.tsx'
import { describeFailure } from '../i18n/messages.ts'
import { SYNC_MESSAGES } from '../i18n/sync-messages.ts'
import { Notice } from '../ui/Notice.tsx'
import { useLiveValue } from '../ui/useLiveValue.ts'
import { usePosQuery } from '../ui/usePosQuery.ts'
import { BackofficePanel } from './BackofficePanel.tsx'
import { OpenShift } from './OpenShift.tsx'
import { SalesPanel } from './SalesPanel.tsx'
import { SettingsPanel } from './SettingsPanel.tsx'
import { ReportFigures, ShiftPanel } from './ShiftPanel.tsx'
import { SignIn } from './SignIn.tsx'
import { StatusBar } from './StatusBar.tsx'
import { StickersPanel } from './StickersPanel.tsx'
import { Till } from './Till.tsx'
import { useTill } from './useTill.ts'

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

/** Which screen the cashier sees: sign in, open the shift, then sell. */
function Workspace() {
  const { till } = useTill()
  const { language } = useLanguage()
  const session = usePosQuery(() => window.pos.getSession())
  const [current, setCurrent] = useState<SessionView | null | undefined>(undefined)
  const [view, setView] = useState<'till' | 'sales' | 'shift' | 'stickers' | 'settings' | 'backoffice'>('till')
  const [closed, setClosed] = useState<ShiftReport | null>(null)
  const known = current !== undefined ? current : session.status === 'ready' ? session.value : undefined
  if (known === undefined) return null
  if (known === null) {
    return (
      <main className="content">
        <SignIn onSignedIn={setCurrent} />
        <section className="card" aria-labelledby="terminal-heading">
          <h2 id="terminal-heading">{till.signInTitle}</h2>
          <TerminalInfo />
          <CustomerDisplayLine />
        </section>
      </main>
    )
  }
  const signOut = async () => {
    await window.pos.signOut()
    setCurrent(null)
  }
  return (
    <>
      <div className="user-bar">
        <span data-testid="signed-in-user">
          {known.user.name} · {till.roles[known.user.role]}
        </span>
        {known.shift && (
          <nav className="views" aria-label={till.nav.till}>
            {(known.user.role === 'manager'
              ? (['till', 'sales', 'shift', 'stickers', 'settings', 'backoffice'] as const)
              : (['till', 'sales', 'shift', 'stickers'] as const)
            ).map((name) => (
              <button
                key={name}
                type="button"
                aria-pressed={view === name}
                className={view === name ? 'selected' : ''}
                onClick={() => setView(name)}
              >
                {name === 'backoffice' ? SYNC_MESSAGES[language].page.nav : till.nav[name]}
              </button>
            ))}
          </nav>
        )}
        <button type="button" onClick={() => void signOut()}>
          {till.signOut}
        </button>
      </div>
      {closed ? (
        <main className="content">
          <section className="card" aria-labelledby="z-heading">
            <h2 id="z-heading">
              {till.report.closed} #{closed.shift.number}
            </h2>
            <ReportFigures report={closed} />
            <div className="actions">
              <button type="button" className="primary" onClick={() => setClosed(null)}>
                {till.nextSale}
              </button>
            </div>
          </section>
        </main>
      ) : !known.shift ? (
        <main className="content">
          <OpenShift
            onOpened={(shift) => {
              setCurrent({ ...known, shift })
              setView('till')
            }}
          />
        </main>
      ) : view === 'till' ? (
        <Till />
      ) : (
        <main className="content wide">
          {view === 'sales' ? (
            <SalesPanel />
          ) : view === 'stickers' ? (
            <StickersPanel />
          ) : view === 'settings' ? (
            <SettingsPanel />
          ) : view === 'backoffice' ? (
            <BackofficePanel />
          ) : (
            <ShiftPanel
              onClosed={(report) => {
                setClosed(report)
                setCurrent({ ...known, shift: null })
              }}
            />
          )}
        </main>
      )}
    </>
  )
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
      <Workspace />
      <StatusBar />
    </div>
  )
}
