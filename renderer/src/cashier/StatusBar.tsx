import { type ReactNode, useEffect, useState } from 'react'
import type { SyncStatus } from '../../../shared/views.ts'
import { COUNTER_MESSAGES } from '../i18n/counter-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { SYNC_MESSAGES } from '../i18n/sync-messages.ts'
import { useLiveValue } from '../ui/useLiveValue.ts'
import { useTill } from './useTill.ts'

type Tone = 'ok' | 'wait' | 'bad'
/** The shape says it as well as the colour: ● fine, ◐ waiting, ▲ needs attention. */
const SHAPES: Record<Tone, string> = { ok: '●', wait: '◐', bad: '▲' }

function Status({ tone, testId, children }: { tone: Tone; testId: string; children: ReactNode }) {
  return (
    <span className={`status ${tone}`} data-testid={testId}>
      <span className="dot" aria-hidden="true">
        {SHAPES[tone]}
      </span>
      {children}
    </span>
  )
}

/** Sync figures as the engine announces them, and asked again every few seconds so the ages stay true. */
function useSyncStatus(): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null)
  useEffect(() => {
    const ask = () => void window.pos.getSyncStatus().then((result) => result.ok && setStatus(result.value))
    ask()
    const timer = setInterval(ask, 10_000)
    const stop = window.pos.on('sync.changed', setStatus)
    return () => {
      clearInterval(timer)
      stop()
    }
  }, [])
  return status
}

function SyncFigures({ sync }: { sync: SyncStatus }) {
  const { till } = useTill()
  const { language } = useLanguage()
  const words = SYNC_MESSAGES[language].bar
  const minutes = sync.oldestUnsyncedAt ? Math.floor((Date.now() - sync.oldestUnsyncedAt) / 60_000) : null
  const trouble = sync.state === 'revoked' || sync.state === 'update_needed' || sync.state === 'offline'
  const pending = sync.unsynced === 0 ? till.status.allSent : till.status.unsynced(sync.unsynced, minutes)
  // With no back office nothing is ever sent: say where the sales are instead of "everything sent".
  const shown =
    sync.state === 'not_configured'
      ? `${words.state.not_configured} · ${COUNTER_MESSAGES[language].keptHere}`
      : sync.state === 'synced' || sync.state === 'syncing'
        ? pending
        : `${words.state[sync.state]} · ${pending}`
  const tone: Tone = trouble ? 'bad' : sync.unsynced === 0 || sync.state === 'not_configured' ? 'ok' : 'wait'
  return (
    <>
      <Status tone={tone} testId="sync-status">
        {shown}
      </Status>
      {sync.quarantined > 0 && (
        <Status tone="bad" testId="sync-quarantined">
          {words.quarantined(sync.quarantined)}
        </Status>
      )}
      {sync.khqrIssues > 0 && (
        <Status tone="bad" testId="khqr-issues-status">
          {words.khqrIssues(sync.khqrIssues)}
        </Status>
      )}
      {sync.clockWarning && sync.clockOffsetMs !== null && (
        <Status tone="bad" testId="clock-status">
          {words.clock(Math.round(Math.abs(sync.clockOffsetMs) / 60_000))}
        </Status>
      )}
    </>
  )
}

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine)
  useEffect(() => {
    const update = () => setOnline(navigator.onLine)
    window.addEventListener('online', update)
    window.addEventListener('offline', update)
    return () => {
      window.removeEventListener('online', update)
      window.removeEventListener('offline', update)
    }
  }, [])
  return online
}

/** Always honest: the printer, what is waiting to be sent and since when, and the network. Words and a shape, never colour alone. */
export function StatusBar() {
  const { till } = useTill()
  const printer = useLiveValue('printer.changed', () => window.pos.getPrinterStatus())
  const sync = useSyncStatus()
  const online = useOnline()
  const display = useLiveValue('customerDisplay.changed', () => window.pos.getCustomerDisplayStatus())
  const { messages } = useLanguage()
  const printerTone: Tone = printer?.state === 'ready' ? 'ok' : printer?.state === 'unknown' ? 'wait' : 'bad'
  const previewOnly = printer?.printer.startsWith('preview') ?? false
  return (
    <footer className="status-bar">
      {printer && (
        <Status tone={previewOnly ? 'wait' : printerTone} testId="printer-status">
          {previewOnly ? till.status.previewOnly : till.status.printer[printer.state]}
          {(printer.pending > 0 || printer.held > 0) && ` · ${till.status.printQueue(printer.pending, printer.held)}`}
        </Status>
      )}
      {sync && <SyncFigures sync={sync} />}
      {display?.placement === 'cashier-screen' && (
        <Status tone="bad" testId="display-status">
          {messages.onCashierScreen}
        </Status>
      )}
      {display?.placement === 'second-screen' && display.chosenMissing && (
        <Status tone="bad" testId="display-status">
          {till.settings.chosenMissing}
        </Status>
      )}
      <Status tone={online ? 'ok' : 'bad'} testId="network-status">
        {online ? till.status.online : till.status.offline}
      </Status>
    </footer>
  )
}
