import { join } from 'node:path'
import type { PosEventName, PosEvents } from '../../shared/api.ts'
import type { HttpPost } from '../../shared/bakong/http.ts'
import type { BackupResult, SyncStatus } from '../../shared/views.ts'
import { catalogApi } from './api/catalog-api.ts'
import type { ApiContext } from './api/context.ts'
import { guardWrites } from './api/guarded.ts'
import { peopleApi } from './api/people-api.ts'
import { printerView, printingApi } from './api/printing-api.ts'
import { reportsApi } from './api/reports-api.ts'
import { salesApi } from './api/sales-api.ts'
import { settingsApi } from './api/settings-api.ts'
import { shiftsApi } from './api/shifts-api.ts'
import { syncApi } from './api/sync-api.ts'
import { BackupSchedule } from './backup-schedule.ts'
import { CashierAuthority } from './cashier-authority.ts'
import type { CoreApi } from './core-api.ts'
import { CounterScreens } from './counter-screens.ts'
import { type Ledger, openLedger } from './ledger/index.ts'
import { integrityProblemsInBackground } from './ledger/integrity.ts'
import { carryOutRequestedRestore, type RestoreOutcome } from './ledger/restore.ts'
import { createOnline } from './online.ts'
import { KhqrIssues } from './payments/issues.ts'
import { createFileSecretStore, type SecretStore } from './payments/secrets.ts'
import { PoleDisplay } from './pole-display/service.ts'
import type { PrinterDiscovery } from './printing/printer-setup.ts'
import { Printing } from './printing/service.ts'
import type { PrinterTransport } from './printing/transport.ts'
import { Session } from './session.ts'
import type { SyncTransport } from './sync/index.ts'

export { EXPORT_DIRECTORY } from './api/sync-api.ts'
export { BACKUP_DIRECTORY } from './backup-schedule.ts'
export type { CoreApi } from './core-api.ts'

export interface PosConfig {
  /** Directory that holds the terminal's data (Electron's userData). */
  dataDirectory: string
  appName: string
  appVersion: string
  /** Called for every event the engine raises; main forwards them to the windows. */
  emit?: <E extends PosEventName>(name: E, payload: PosEvents[E]) => void
  now?: () => number
  /** Tests put their own printer here (a virtual printer on a PTY, say) instead of the configured one. */
  printerTransport?: () => PrinterTransport
  /** Where "Find my printer" looks (tests: PTYs instead of the system's ports). */
  printerDiscovery?: PrinterDiscovery
  /** Where the Bakong token and the back-office refresh token are kept: Electron's safeStorage in the app. */
  secrets?: SecretStore
  /** Tests: how the terminal reaches the back office and Bakong. */
  syncTransport?: SyncTransport | ((baseUrl: string) => SyncTransport)
  bakongPost?: HttpPost
  /** Main relaunches the app: a restore the manager asked for is carried out at the next start. */
  restart?: () => void
}

export interface Pos {
  api: CoreApi
  ledger: Ledger
  printing: Printing
  poleDisplay: PoleDisplay
  /** Settles when the background integrity check has finished. */
  integrityChecked: Promise<void>
  /** The network came or went: sync retries at once, hand-confirmed KHQR payments are rechecked. */
  networkChanged(online: boolean): void
  /** Asks the back office for catalog changes and the owner's commands now (also done every 5 minutes). */
  pullFromBackoffice(): Promise<void>
  /** Makes the automatic backup if one is due (the engine also looks every hour). */
  backupIfDue(): Promise<BackupResult | null>
  /** At quit: sends what it can within a few seconds, lets a push in flight finish, then closes. */
  shutdown(deadlineMs?: number): Promise<void>
  close(): void
}

/** Without safeStorage (tests, plain Node) secrets live in this file, readable by its owner only. */
export const SECRETS_FILE = 'secrets.json'

export const DATABASE_FILE = 'pos.sqlite3'

/**
 * The POS engine. Plain Node: no Electron, so everything here runs under test as it runs in the
 * app. It holds the terminal's one session (who is signed in) and turns each PosApi call into
 * ledger work attributed to that person, with a manager's approval where the action needs one.
 * The API itself is one module per capability (electron/core/api/), composed here.
 */
export async function createPos(config: PosConfig): Promise<Pos> {
  const databasePath = join(config.dataDirectory, DATABASE_FILE)
  const restored = carryOutRequestedRestore(config.dataDirectory, databasePath, (config.now ?? Date.now)())
  const ledger = await openLedger(databasePath, config.now)
  if (restored) recordRestore(ledger, restored)
  const { db } = ledger.context
  const sqliteVersion = (db.prepare('select sqlite_version() as version').get() as { version: string }).version
  const forward = config.emit ?? (() => {})
  const poleDisplay = new PoleDisplay(() => ledger.settings.get().poleDisplay)
  // The printer's and the sync's status are reported on every change of the print queue or the
  // outbox (each scan), mostly with nothing new: a status the windows already have is not sent again.
  const statusSent = new Map<string, string>()
  // The pole display follows the customer screen.
  const emit: ApiContext['emit'] = (name, payload) => {
    if (name === 'printer.changed' || name === 'sync.changed') {
      const status = JSON.stringify(payload)
      if (statusSent.get(name) === status) return
      statusSent.set(name, status)
    }
    if (name === 'customerView.changed') poleDisplay.show(payload as PosEvents['customerView.changed'])
    forward(name, payload)
  }
  const session = new Session(ledger)
  const integrity: ApiContext['integrity'] = { state: 'checking', problems: [] }
  const checked = integrityProblemsInBackground(databasePath).then((problems) => {
    integrity.state = problems.length === 0 ? 'ok' : 'failed'
    integrity.problems = problems
  })

  const printing = new Printing(ledger, {
    previewDirectory: Printing.previewDirectoryIn(config.dataDirectory),
    onChange: (status) => emit('printer.changed', printerView(status, ledger.settings.get().printer)),
    ...(config.printerTransport ? { transportFor: config.printerTransport } : {}),
    ...(config.printerDiscovery ? { discovery: config.printerDiscovery } : {}),
  })
  // The screens are told first; a receipt or drawer kick owed by the change goes to the printer after.
  const screens = new CounterScreens(ledger, emit, () => void printing.queue.kick())
  const secrets = config.secrets ?? createFileSecretStore(join(config.dataDirectory, SECRETS_FILE))
  const online = createOnline({
    ledger,
    secrets,
    appVersion: config.appVersion,
    now: ledger.context.now,
    onSyncChange: () => emit('sync.changed', syncStatus()),
    onCatalogChange: () => emit('catalog.changed', { at: ledger.context.now() }),
    onKhqrStatus: (status) => {
      emit('khqr.status', status)
      // Bakong confirmed it: the watcher has completed the sale; both screens show PAID and the receipt prints.
      if (status.state === 'paid') screens.saleChange(ledger.sales.get(status.saleId))
      // The watcher's last look at expiry may end the QR before the engine's own timer: the screens are told either way.
      if (status.state === 'expired') screens.saleChange(ledger.sales.current())
    },
    ...(config.syncTransport ? { syncTransport: config.syncTransport } : {}),
    ...(config.bakongPost ? { bakongPost: config.bakongPost } : {}),
  })
  const khqrIssues = new KhqrIssues(ledger.context)
  const syncStatus = (): SyncStatus => {
    const { oldestUnsyncedAgeMs: _age, ...status } = online.sync.status()
    return { ...status, khqrIssues: khqrIssues.unresolvedCount() }
  }
  const backups = new BackupSchedule(ledger, config.dataDirectory, restored)
  const ctx: ApiContext = {
    ledger,
    session,
    authority: new CashierAuthority(ledger, session),
    printing,
    online,
    secrets,
    screens,
    backups,
    dataDirectory: config.dataDirectory,
    app: { name: config.appName, version: config.appVersion, databasePath, sqliteVersion },
    integrity,
    emit,
    syncStatus,
    user: () => session.user(),
    manager: () => session.manager(),
    approve: (approval, method, ...args) => session.approve(approval, method, ...args),
    auditSetting: (action, detail, actor) =>
      db.transaction(() =>
        ledger.context.journal.audit(
          { userId: actor.userId, approverId: actor.approverId, action, detail: { ...detail, reason: actor.reason } },
          ledger.context.now(),
        ),
      )(),
    // A moment for the answer to reach the screen, which says the till is restarting.
    restart: () => setTimeout(() => config.restart?.(), 1_000).unref?.(),
  }

  const api = guardWrites(
    {
      getCustomerView: async () => screens.customerView(),
      ...peopleApi(ctx),
      ...settingsApi(ctx),
      ...catalogApi(ctx),
      ...shiftsApi(ctx),
      ...reportsApi(ctx),
      ...salesApi(ctx),
      ...printingApi(ctx),
      ...syncApi(ctx, khqrIssues),
    },
    integrity,
    () => {
      ledger.checkpointWhenIdle()
      online.sync.pusher.nudge()
    },
  )
  screens.watchKhqrExpiry()
  online.sync.pusher.start()
  backups.start()
  poleDisplay.show(screens.customerView())
  function close(): void {
    poleDisplay.close()
    screens.close()
    backups.close()
    void online.close()
    printing.close()
    ledger.close()
  }
  return {
    api,
    integrityChecked: checked,
    ledger,
    printing,
    poleDisplay,
    networkChanged: (isOnline) => online.networkChanged(isOnline),
    pullFromBackoffice: () => online.pullCatalog(),
    backupIfDue: () => backups.runIfDue(),
    shutdown: async (deadlineMs = 3_000) => {
      // Bounded in real time whatever the engine's clock says.
      let timer: ReturnType<typeof setTimeout> | undefined
      await Promise.race([
        online.sync.pusher.flush({ deadlineMs }),
        new Promise((resolve) => {
          timer = setTimeout(resolve, deadlineMs)
        }),
      ])
      clearTimeout(timer)
      await online.close()
      close()
    },
    close,
  }
}

/** The restore carried out (or refused) at this start, in the journal of the database now in use. */
function recordRestore(ledger: Ledger, outcome: RestoreOutcome): void {
  const now = ledger.context.now()
  const detail = outcome.restored
    ? { from: outcome.from, set_aside: outcome.setAside, sales: outcome.preview.sales }
    : { from: outcome.from, reason: outcome.reason }
  ledger.context.db.transaction(() =>
    ledger.context.journal.audit(
      {
        action: outcome.restored ? 'backup.restored' : 'backup.restore_refused',
        result: outcome.restored ? 'ok' : 'refused',
        detail,
      },
      now,
    ),
  )()
}
