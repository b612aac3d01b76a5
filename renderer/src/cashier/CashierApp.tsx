import { useState } from 'react'
import type { SessionView, ShiftReport } from '../../../shared/views.ts'
import { CATALOG_MESSAGES } from '../i18n/catalog-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { REPORT_MESSAGES } from '../i18n/report-messages.ts'
import { STAFF_MESSAGES } from '../i18n/staff-messages.ts'
import { SYNC_MESSAGES } from '../i18n/sync-messages.ts'
import { usePosQuery } from '../ui/usePosQuery.ts'
import { AboutTerminal, CounterWarnings } from './AboutTerminal.tsx'
import { BackofficePanel } from './BackofficePanel.tsx'
import { ClosedShift } from './ClosedShift.tsx'
import { OpenShift } from './OpenShift.tsx'
import { ProductsPanel } from './products/ProductsPanel.tsx'
import { ReportsPanel } from './reports/ReportsPanel.tsx'
import { SalesPanel } from './SalesPanel.tsx'
import { SettingsPanel } from './SettingsPanel.tsx'
import { ShelfLabelsPanel } from './ShelfLabelsPanel.tsx'
import { ShiftPanel } from './ShiftPanel.tsx'
import { SignIn } from './SignIn.tsx'
import { StatusBar } from './StatusBar.tsx'
import { StickersPanel } from './StickersPanel.tsx'
import { DemoBanner, FirstRunSetup, Welcome } from './setup/FirstRunSetup.tsx'
import { StaffPanel } from './staff/StaffPanel.tsx'
import { Till } from './Till.tsx'
import { useTill } from './useTill.ts'

/** Set once someone chose to look around the demo shop first: the welcome is not shown again. */
const DEMO_CHOSEN = 'pos.demoChosen'

/** Which screen the cashier sees: setting up the shop, sign in, open the shift, then sell. */
function Workspace() {
  const { till } = useTill()
  const { language } = useLanguage()
  const session = usePosQuery(() => window.pos.getSession())
  const [current, setCurrent] = useState<SessionView | null | undefined>(undefined)
  const [view, setView] = useState<
    'till' | 'sales' | 'shift' | 'stickers' | 'products' | 'staff' | 'reports' | 'settings' | 'backoffice' | 'about'
  >('till')
  const [closed, setClosed] = useState<ShiftReport | null>(null)
  const settings = usePosQuery(() => window.pos.getSettings())
  const [setup, setSetup] = useState<'welcome' | 'wizard' | null>(() =>
    localStorage.getItem(DEMO_CHOSEN) === '1' ? null : 'welcome',
  )
  // The settings were read at start; the setup's end is known here without asking again.
  const [demoEnded, setDemoEnded] = useState(false)
  const known = current !== undefined ? current : session.status === 'ready' ? session.value : undefined
  if (known === undefined || settings.status === 'loading') return null
  const demo = settings.status === 'ready' && settings.value.demo && !demoEnded
  if (demo && setup === 'wizard')
    return (
      <main className="content">
        <FirstRunSetup
          onDone={(signedIn) => {
            setSetup(null)
            setDemoEnded(true)
            setCurrent(signedIn)
          }}
          onCancel={() => setSetup(null)}
        />
      </main>
    )
  if (known === null) {
    return (
      <main className="content">
        {demo && setup === 'welcome' ? (
          <Welcome
            onSetUp={() => setSetup('wizard')}
            onDemo={() => {
              localStorage.setItem(DEMO_CHOSEN, '1')
              setSetup(null)
            }}
          />
        ) : (
          <>
            {demo && <DemoBanner onSetUp={() => setSetup('wizard')} />}
            <CounterWarnings />
            <SignIn
              onSignedIn={(signedIn) => {
                setCurrent(signedIn)
                setView('till')
              }}
            />
          </>
        )}
      </main>
    )
  }
  const signOut = async () => {
    await window.pos.signOut()
    setCurrent(null)
    setView('till')
  }
  const views =
    known.user.role === 'manager'
      ? (['till', 'sales', 'shift', 'reports', 'stickers', 'products', 'staff', 'settings', 'backoffice'] as const)
      : (['till', 'sales', 'shift', 'stickers', 'staff'] as const)
  // A page of someone else's role is never shown, whoever was signed in before.
  const shown =
    (views as readonly string[]).includes(view) || (view === 'about' && known.user.role === 'manager') ? view : 'till'
  return (
    <>
      <div className="user-bar">
        <span data-testid="signed-in-user" title={`${known.user.name} · ${till.roles[known.user.role]}`}>
          {known.user.name} · {till.roles[known.user.role]}
        </span>
        {known.shift && (
          <nav className="views" aria-label={till.nav.till}>
            {views.map((name) => {
              // The About page is part of the manager's settings.
              const current = shown === name || (name === 'settings' && shown === 'about')
              return (
                <button
                  key={name}
                  type="button"
                  aria-pressed={current}
                  className={current ? 'selected' : ''}
                  onClick={() => setView(name)}
                >
                  {name === 'backoffice'
                    ? SYNC_MESSAGES[language].page.nav
                    : name === 'reports'
                      ? REPORT_MESSAGES[language].nav
                      : name === 'products'
                        ? CATALOG_MESSAGES[language].nav
                        : name === 'staff'
                          ? STAFF_MESSAGES[language][known.user.role === 'manager' ? 'nav' : 'navOwn']
                          : till.nav[name]}
                </button>
              )
            })}
          </nav>
        )}
        <button type="button" onClick={() => void signOut()}>
          {till.signOut}
        </button>
      </div>
      {closed ? (
        <main className="content">
          <ClosedShift report={closed} onDone={() => setClosed(null)} />
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
      ) : shown === 'till' ? (
        <Till />
      ) : (
        <main className="content wide">
          {shown === 'sales' ? (
            <SalesPanel />
          ) : shown === 'stickers' ? (
            <>
              <StickersPanel />
              <ShelfLabelsPanel />
            </>
          ) : shown === 'settings' ? (
            <SettingsPanel onAbout={() => setView('about')} />
          ) : shown === 'about' ? (
            <AboutTerminal onBack={() => setView('settings')} />
          ) : shown === 'backoffice' ? (
            <BackofficePanel />
          ) : shown === 'reports' ? (
            <ReportsPanel />
          ) : shown === 'products' ? (
            <ProductsPanel />
          ) : shown === 'staff' ? (
            <StaffPanel me={known.user} />
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
