import { useEffect, useState } from 'react'
import type { SyncStatus } from '../../../shared/views.ts'
import { useLanguage } from '../i18n/language.tsx'
import { SYNC_MESSAGES } from '../i18n/sync-messages.ts'
import { useLiveValue } from '../ui/useLiveValue.ts'
import { useTill } from './useTill.ts'

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
  return (
    <>
      <span className={`status ${trouble ? 'bad' : sync.unsynced === 0 ? 'ok' : 'wait'}`} data-testid="sync-status">
        <span className="dot" aria-hidden="true">
          {trouble ? '▲' : sync.unsynced === 0 ? '●' : '◐'}
        </span>
        {sync.state === 'synced' || sync.state === 'syncing' ? pending : `${words.state[sync.state]} · ${pending}`}
      </span>
      {sync.quarantined > 0 && (
        <span className="status bad" data-testid="sync-quarantined">
          <span className="dot" aria-hidden="true">
            ▲
          </span>
          {words.quarantined(sync.quarantined)}
        </span>
      )}
      {sync.khqrIssues > 0 && (
        <span className="status bad" data-testid="khqr-issues-status">
          <span className="dot" aria-hidden="true">
            ▲
          </span>
          {words.khqrIssues(sync.khqrIssues)}
        </span>
      )}
      {sync.clockWarning && sync.clockOffsetMs !== null && (
        <span className="status bad" data-testid="clock-status">
          <span className="dot" aria-hidden="true">
            ▲
          </span>
          {words.clock(Math.round(Math.abs(sync.clockOffsetMs) / 60_000))}
        </span>
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
  const printerOk = printer?.state === 'ready' || printer?.state === 'unknown'
  return (
    <footer className="status-bar">
      {printer && (
        <span className={`status ${printerOk ? 'ok' : 'bad'}`} data-testid="printer-status">
          <span className="dot" aria-hidden="true">
            {printerOk ? '●' : '▲'}
          </span>
          {printer.printer.startsWith('preview') ? till.status.previewOnly : till.status.printer[printer.state]}
          {(printer.pending > 0 || printer.held > 0) && ` · ${till.status.printQueue(printer.pending, printer.held)}`}
        </span>
      )}
      {sync && <SyncFigures sync={sync} />}
      {display?.placement === 'cashier-screen' && (
        <span className="status bad" data-testid="display-status">
          <span className="dot" aria-hidden="true">
            ▲
          </span>
          {messages.onCashierScreen}
        </span>
      )}
      {display?.placement === 'second-screen' && display.chosenMissing && (
        <span className="status bad" data-testid="display-status">
          <span className="dot" aria-hidden="true">
            ▲
          </span>
          {till.settings.chosenMissing}
        </span>
      )}
      <span className={`status ${online ? 'ok' : 'bad'}`} data-testid="network-status">
        <span className="dot" aria-hidden="true">
          {online ? '●' : '▲'}
        </span>
        {online ? till.status.online : till.status.offline}
      </span>
    </footer>
  )
}
