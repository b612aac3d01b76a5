import { dirname, join } from 'node:path'
import type { AppInfo, ApprovalMethod, CustomerView, PosApi, PosEventName, PosEvents } from '../../shared/api.ts'
import type { HttpPost } from '../../shared/bakong/http.ts'
import type { Approval, PrinterStatusView, SaleView, SyncStatus } from '../../shared/views.ts'
import { CashierAuthority } from './cashier-authority.ts'
import { customerViewOf, PAID_DISPLAY_MS } from './customer-view.ts'
import { PosError } from './errors.ts'
import { backupTo } from './ledger/backup.ts'
import { endDemo } from './ledger/demo.ts'
import { exportSales } from './ledger/export.ts'
import { type Ledger, openLedger } from './ledger/index.ts'
import { integrityProblemsInBackground } from './ledger/integrity.ts'
import { createOnline } from './online.ts'
import { KhqrIssues } from './payments/issues.ts'
import {
  assertSecretsCanBeKept,
  BAKONG_TOKEN_SECRET,
  bakongTokenStatus,
  createFileSecretStore,
  type SecretStore,
} from './payments/secrets.ts'
import { peopleApi } from './people-api.ts'
import { PoleDisplay } from './pole-display/service.ts'
import type { QueueStatus } from './printing/queue.ts'
import { Printing } from './printing/service.ts'
import type { PrinterTransport } from './printing/transport.ts'
import { makePrivateDirectory } from './private-files.ts'
import { Session } from './session.ts'
import { SyncAuthError } from './sync/auth.ts'
import { BackofficeAddressError, parseBackofficeAddress } from './sync/backoffice-address.ts'
import type { SyncTransport } from './sync/index.ts'
import { PinMismatchError } from './sync/pinned-http.ts'
import { TransportError } from './sync/transport.ts'

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
  /** Where the Bakong token and the back-office refresh token are kept: Electron's safeStorage in the app. */
  secrets?: SecretStore
  /** Tests: how the terminal reaches the back office and Bakong. */
  syncTransport?: SyncTransport | ((baseUrl: string) => SyncTransport)
  bakongPost?: HttpPost
}

/** The part of PosApi the engine answers; main adds what only it knows (windows, displays). */
export type CoreApi = Omit<PosApi, 'getCustomerDisplayStatus'>

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
  /** At quit: sends what it can within a few seconds, lets a push in flight finish, then closes. */
  shutdown(deadlineMs?: number): Promise<void>
  close(): void
}

/** Without safeStorage (tests, plain Node) secrets live in this file, readable by its owner only. */
export const SECRETS_FILE = 'secrets.json'

export const DATABASE_FILE = 'pos.sqlite3'

function printerView(status: QueueStatus): PrinterStatusView {
  return {
    printer: status.printer,
    state: status.status.state,
    paperLow: status.status.paperLow,
    detail: status.status.detail,
    pending: status.pending,
    held: status.held,
    lastError: status.lastError,
  }
}

const READ_ONLY_METHODS: ReadonlySet<keyof CoreApi> = new Set([
  'getAppInfo',
  'getCustomerView',
  'listUsers',
  'getSession',
  'getSettings',
  'getExchangeRate',
  'listExchangeRates',
  'listCategories',
  'listVatClasses',
  'listProducts',
  'searchProducts',
  'findProductByBarcode',
  'getShift',
  'getXReport',
  'getZReport',
  'getCurrentSale',
  'listHeldSales',
  'getSale',
  'listSales',
  'quoteRefund',
  'getSyncStatus',
  'listQuarantinedEvents',
  'getBakongTokenStatus',
  'getKhqrStatus',
  'listKhqrIssues',
  'getPrinterStatus',
  'listPrintJobs',
  'previewReceipt',
  'previewStickers',
  'verifyJournal',
  'exportSales',
  'signIn',
  'signOut',
  'grantApproval',
  'unlockWithRecoveryCode',
])
export const BACKUP_DIRECTORY = 'backups'
export const EXPORT_DIRECTORY = 'exports'

/** An enrolment that failed, as the cashier's screen can tell it. */
function syncFailure(error: unknown): PosError {
  if (error instanceof BackofficeAddressError) return new PosError(error.code, error.message)
  if (error instanceof TransportError && error.cause instanceof PinMismatchError)
    return new PosError('backoffice_certificate_mismatch', error.cause.message)
  if (error instanceof TransportError)
    return new PosError('backoffice_unreachable', `The back office could not be reached (${error.message}).`)
  if (error instanceof SyncAuthError)
    return new PosError(
      error.errorClass === 'revoked' ? 'enrolment_refused' : 'backoffice_unreachable',
      `The back office refused the enrolment: ${error.message}`,
    )
  return error instanceof PosError ? error : new PosError('backoffice_unreachable', (error as Error).message)
}

/**
 * The POS engine. Plain Node: no Electron, so everything here runs under test as it runs in the
 * app. It holds the terminal's one session (who is signed in) and turns each PosApi call into
 * ledger work attributed to that person, with a manager's approval where the action needs one.
 */
export async function createPos(config: PosConfig): Promise<Pos> {
  const databasePath = join(config.dataDirectory, DATABASE_FILE)
  const ledger = await openLedger(databasePath, config.now)
  const { db } = ledger.context
  const sqliteVersion = (db.prepare('select sqlite_version() as version').get() as { version: string }).version
  const forward = config.emit ?? (() => {})
  const poleDisplay = new PoleDisplay(() => ledger.settings.get().poleDisplay)
  // The pole display follows the customer screen.
  const emit: NonNullable<PosConfig['emit']> = (name, payload) => {
    if (name === 'customerView.changed') poleDisplay.show(payload as CustomerView)
    forward(name, payload)
  }
  const session = new Session(ledger)
  const authority = new CashierAuthority(ledger, session)
  let expiryTimer: ReturnType<typeof setTimeout> | undefined
  const integrity: AppInfo['integrity'] = { state: 'checking', problems: [] }
  const checked = integrityProblemsInBackground(databasePath).then((problems) => {
    integrity.state = problems.length === 0 ? 'ok' : 'failed'
    integrity.problems = problems
  })

  const printing = new Printing(ledger, {
    previewDirectory: Printing.previewDirectoryIn(config.dataDirectory),
    onChange: (status) => emit('printer.changed', printerView(status)),
    ...(config.printerTransport ? { transportFor: config.printerTransport } : {}),
  })
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
      if (status.state === 'paid') saleChange(ledger.sales.get(status.saleId))
      // The watcher's last look at expiry may end the QR before the engine's own timer: the screens are told either way.
      if (status.state === 'expired') saleChange(ledger.sales.current())
    },
    ...(config.syncTransport ? { syncTransport: config.syncTransport } : {}),
    ...(config.bakongPost ? { bakongPost: config.bakongPost } : {}),
  })
  const khqrIssues = new KhqrIssues(ledger.context)
  const syncStatus = (): SyncStatus => {
    const { oldestUnsyncedAgeMs: _age, ...status } = online.sync.status()
    return { ...status, khqrIssues: khqrIssues.unresolvedCount() }
  }
  const auditSetting = (
    action: string,
    detail: Record<string, unknown>,
    actor: { userId: string; approverId: string; reason: string },
  ) =>
    db.transaction(() =>
      ledger.context.journal.audit(
        { userId: actor.userId, approverId: actor.approverId, action, detail: { ...detail, reason: actor.reason } },
        ledger.context.now(),
      ),
    )()
  const user = () => session.user()
  const manager = () => session.manager()
  const approve = (approval: Approval, method: ApprovalMethod, ...args: unknown[]) =>
    session.approve(approval, method, ...args)

  /** Keeps a timer on the earliest shown KHQR's expiry, so the QR leaves the screens exactly on time. */
  const watchKhqrExpiry = () => {
    clearTimeout(expiryTimer)
    const at = ledger.sales.nextKhqrExpiry()
    if (at === null) return
    expiryTimer = setTimeout(
      () => {
        if (ledger.sales.expireKhqr() > 0) {
          emit('sale.changed', ledger.sales.current())
          emit('customerView.changed', customerView())
        }
        watchKhqrExpiry()
      },
      Math.max(0, at - ledger.context.now()),
    )
    expiryTimer.unref?.()
  }
  let lastPaid: { sale: SaleView; at: number } | null = null
  let paidTimer: ReturnType<typeof setTimeout> | undefined
  const customerView = (): CustomerView =>
    customerViewOf({
      current: ledger.sales.current(),
      lastPaid,
      settings: ledger.settings.get(),
      now: ledger.context.now(),
    })
  /** Every change to the sale at the counter is announced, so both screens follow it. */
  const saleChange = <T>(result: T): T => {
    watchKhqrExpiry()
    const sale = result as Partial<SaleView> | undefined
    if (sale?.state === 'paid' && sale.kind === 'sale') {
      lastPaid = { sale: sale as SaleView, at: ledger.context.now() }
      clearTimeout(paidTimer)
      // PAID stays up for a moment, then the display goes back to idle by itself.
      paidTimer = setTimeout(() => emit('customerView.changed', customerView()), PAID_DISPLAY_MS)
      paidTimer.unref?.()
    }
    const current = ledger.sales.current()
    emit('sale.changed', current)
    emit(
      'customerView.changed',
      customerViewOf({ current, lastPaid, settings: ledger.settings.get(), now: ledger.context.now() }),
    )
    // The screens are told first; a receipt or drawer kick owed by this change goes to the printer after.
    void printing.queue.kick()
    return result
  }

  const api: CoreApi = {
    getAppInfo: async () => ({
      name: config.appName,
      version: config.appVersion,
      databasePath,
      sqliteVersion,
      integrity: { ...integrity },
      secretProtection: secrets.protection(),
    }),
    getCustomerView: async () => customerView(),

    ...peopleApi(ledger, session),

    endDemo: async (approval) => {
      endDemo(ledger.context, ledger.settings, approve(approval, 'endDemo'))
      return ledger.settings.get()
    },

    getSettings: async () => ledger.settings.get(),
    updateSettings: async (patch, approval) => {
      ledger.settings.update(patch, approve(approval, 'updateSettings', patch))
      // A new pole display (or shop name) shows the counter's state at once.
      emit('customerView.changed', customerView())
      return ledger.settings.get()
    },
    getExchangeRate: async () => ledger.settings.currentRate(),
    listExchangeRates: async () => ledger.settings.rateHistory(100),
    setExchangeRate: async (khrPerUsd, source, approval) =>
      ledger.settings.setRate(khrPerUsd, source, approve(approval, 'setExchangeRate', khrPerUsd, source)),

    listCategories: async () => ledger.catalog.categories(),
    listVatClasses: async () => ledger.catalog.vatClasses(),
    saveVatClass: async (vat, approval) => ledger.catalog.saveVatClass(vat, approve(approval, 'saveVatClass', vat)),
    listProducts: async (query) => ledger.catalog.list(query),
    searchProducts: async (text) => ledger.catalog.search(text),
    findProductByBarcode: async (barcode) => ledger.catalog.findByBarcode(barcode),
    saveProduct: async (product, productId, approval) =>
      ledger.catalog.save(product, approve(approval, 'saveProduct', product, productId), productId ?? undefined),
    importProductsCsv: async (csv, approval) =>
      ledger.catalog.importCsv(csv, approve(approval, 'importProductsCsv', csv)),

    getShift: async () => {
      user()
      return ledger.shifts.current()
    },
    openShift: async (float) => ledger.shifts.open(float, user().id),
    moveCash: async (move, approval) => authority.moveCash(move, approval),
    // Blind close: a cashier never sees the expected cash before their count is committed.
    getXReport: async () => {
      manager()
      return ledger.shifts.xReport()
    },
    closeShift: async (count) => {
      const report = ledger.shifts.close(count, user().id)
      printing.printReport(report, user().id)
      // The shift's events leave for the back office now rather than at the next retry.
      void online.sync.pusher.flush({ deadlineMs: 10_000 })
      return report
    },
    getZReport: async (shiftId) => {
      manager()
      return ledger.shifts.zReport(shiftId)
    },

    getCurrentSale: async () => {
      user()
      return ledger.sales.current()
    },
    addProduct: async (productId, quantity) => saleChange(ledger.sales.addProduct(productId, quantity, user().id)),
    scanBarcode: async (barcode) => saleChange(ledger.sales.addBarcode(barcode, 1, user().id)),
    setLineQuantity: async (lineId, quantity) => saleChange(ledger.sales.setQuantity(lineId, quantity, user().id)),
    removeLine: async (lineId) => saleChange(ledger.sales.removeLine(lineId, user().id)),
    setLineDiscount: async (lineId, discount, approval) =>
      saleChange(
        authority.discount('setLineDiscount', [lineId, discount], approval, (userId) =>
          ledger.sales.setLineDiscount(lineId, discount, userId),
        ),
      ),
    setSaleDiscount: async (discount, approval) =>
      saleChange(
        authority.discount('setSaleDiscount', [discount], approval, (userId) =>
          ledger.sales.setSaleDiscount(discount, userId),
        ),
      ),
    overrideLinePrice: async (lineId, unitPrice, approval) =>
      saleChange(
        ledger.sales.overridePrice(lineId, unitPrice, approve(approval, 'overrideLinePrice', lineId, unitPrice)),
      ),
    setSaleCurrency: async (currency) => saleChange(ledger.sales.setCurrency(currency, user().id)),
    holdSale: async () => saleChange(ledger.sales.hold(user().id)),
    listHeldSales: async () => {
      user()
      return ledger.sales.held()
    },
    recallSale: async (saleId) => saleChange(ledger.sales.recall(saleId, user().id)),
    cancelSale: async (approval) => {
      const actor = approval ? approve(approval, 'cancelSale') : { userId: user().id }
      saleChange(ledger.sales.cancel(actor))
    },
    payCash: async (currency, amount) => {
      authority.assertPayable()
      return saleChange(ledger.sales.payCash(currency, amount, user().id))
    },
    completeWithoutPayment: async (approval) => {
      authority.assertPayable()
      return saleChange(authority.completeWithoutPayment(approval))
    },
    startKhqr: async (currency) => {
      authority.assertPayable()
      const sale = saleChange(ledger.sales.startKhqr(currency, user().id))
      online.payments.watch(sale.id)
      return sale
    },
    cancelKhqr: async () => saleChange(ledger.sales.cancelKhqr(user().id)),
    confirmKhqrByHand: async (approval) =>
      saleChange(ledger.sales.confirmKhqrByHand(approve(approval, 'confirmKhqrByHand'))),

    getSale: async (saleId) => {
      user()
      return ledger.sales.get(saleId)
    },
    listSales: async (range) => {
      user()
      return ledger.sales.list(range, 500)
    },
    voidSale: async (saleId, approval) => {
      const actor = approve(approval, 'voidSale', saleId)
      const voided = ledger.sales.void(saleId, actor)
      printing.printVoidSlip(saleId, actor.userId)
      return voided
    },
    quoteRefund: async (refund) => {
      user()
      return ledger.sales.quoteRefund(refund)
    },
    refundSale: async (refund, approval) => ledger.sales.refund(refund, approve(approval, 'refundSale', refund)),

    getPrinterStatus: async () => printerView(printing.queue.status),
    listPrintJobs: async () => {
      user()
      return printing.jobs(100)
    },
    retryPrintJob: async (jobId) => {
      user()
      printing.queue.retry(jobId)
    },
    discardPrintJob: async (jobId, approval) => {
      const actor = approve(approval, 'discardPrintJob', jobId)
      printing.queue.discard(jobId)
      db.transaction(() =>
        ledger.context.journal.audit(
          {
            ...actor,
            action: 'print_job.discarded',
            objectType: 'print_job',
            objectId: jobId,
            detail: { reason: actor.reason },
          },
          ledger.context.now(),
        ),
      )()
    },
    reprintReceipt: async (saleId) => {
      printing.reprint(saleId, user().id)
    },
    printXReport: async () => {
      printing.printReport(ledger.shifts.xReport(), manager().id)
    },
    printZReport: async (shiftId) => {
      printing.printReport(ledger.shifts.zReport(shiftId), manager().id)
    },
    printTestPage: async () => {
      printing.printTestPage(user().id)
    },
    printKhqrBill: async () => {
      printing.printKhqrBill(user().id)
    },
    previewStickers: async (ecc, paperWidth) => {
      user()
      return `data:image/png;base64,${printing.previewStickers(ecc, paperWidth).toString('base64')}`
    },
    printStickers: async (copies, ecc) => ({ serials: printing.printStickers(copies, ecc, user().id).serials }),
    previewReceipt: async (saleId, paperWidth) => {
      user()
      return `data:image/png;base64,${printing.previewReceipt(saleId, paperWidth).toString('base64')}`
    },
    openDrawer: async (approval) => printing.openDrawer(approve(approval, 'openDrawer')),

    getSyncStatus: async () => syncStatus(),
    syncNow: async () => {
      user()
      online.networkChanged(true)
      return syncStatus()
    },
    enrollTerminal: async (backofficeUrl, code, approval) => {
      const actor = approve(approval, 'enrollTerminal', backofficeUrl, code)
      try {
        parseBackofficeAddress(backofficeUrl)
      } catch (error) {
        throw syncFailure(error)
      }
      assertSecretsCanBeKept(secrets)
      await online.sync.enroll(backofficeUrl, code).catch((error: unknown) => {
        throw syncFailure(error)
      })
      online.pullCatalog()
      auditSetting('sync.enrolled', { backoffice_url: backofficeUrl }, actor)
      return syncStatus()
    },
    unenrollTerminal: async (approval) => {
      const actor = approve(approval, 'unenrollTerminal')
      online.sync.assertNoUnsyncedLoss('disconnect from the back office')
      online.sync.unenroll()
      auditSetting('sync.unenrolled', {}, actor)
      return syncStatus()
    },
    listQuarantinedEvents: async () => {
      manager()
      return online.sync.listQuarantined()
    },
    exportPendingEvents: async (approval) => {
      const actor = approve(approval, 'exportPendingEvents')
      const at = ledger.context.now()
      const path = join(config.dataDirectory, EXPORT_DIRECTORY, `unsent-${ledger.context.terminal.label}-${at}.json`)
      makePrivateDirectory(dirname(path))
      const result = online.sync.exportPending(path)
      auditSetting('sync.exported', { path, events: result.events }, actor)
      return { path: result.path, events: result.events, bytes: result.bytes }
    },
    getBakongTokenStatus: async () => {
      manager()
      return bakongTokenStatus(secrets)
    },
    setBakongToken: async (token, approval) => {
      const actor = approve(approval, 'setBakongToken', token)
      if (token !== null) assertSecretsCanBeKept(secrets)
      secrets.set(BAKONG_TOKEN_SECRET, token)
      const status = bakongTokenStatus(secrets)
      auditSetting('bakong.token_set', { set: status.set, expires_at: status.expiresAt }, actor)
      return status
    },
    getKhqrStatus: async () => {
      user()
      const sale = ledger.sales.current()
      return sale ? online.payments.status(sale.id) : null
    },
    listKhqrIssues: async (unresolvedOnly) => {
      manager()
      return khqrIssues.list({ unresolvedOnly })
    },
    resolveKhqrIssue: async (issueId, approval) =>
      khqrIssues.resolve(issueId, approve(approval, 'resolveKhqrIssue', issueId)),
    recheckKhqr: async () => {
      user()
      return online.payments.recheckUnverified()
    },
    verifyJournal: async () => {
      manager()
      const result = ledger.context.journal.verify()
      return {
        outbox: {
          events: result.outboxLength,
          brokenAt: result.outbox?.seq ?? null,
          reason: result.outbox?.reason ?? null,
        },
        audit: {
          entries: result.auditLength,
          brokenAt: result.audit?.seq ?? null,
          reason: result.audit?.reason ?? null,
        },
      }
    },
    createBackup: async (approval) => {
      approve(approval, 'createBackup')
      return backupTo(ledger.context, join(config.dataDirectory, BACKUP_DIRECTORY))
    },
    exportSales: async (range, format) => {
      manager()
      return exportSales(ledger.context, range, format)
    },
  }
  // A journal that failed its integrity check is only read from: no new sale goes into a damaged file.
  // After every change the WAL is checkpointed once the answer is on its way, not inside a sale's commit.
  for (const method of Object.keys(api) as (keyof CoreApi)[]) {
    if (READ_ONLY_METHODS.has(method)) continue
    const call = api[method] as (...args: unknown[]) => Promise<unknown>
    ;(api as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      if (integrity.state === 'failed') {
        throw new PosError(
          'database_corrupt',
          `The sales database failed its integrity check (${integrity.problems[0] ?? 'unknown'}); restore the latest backup. Nothing more is written to it.`,
        )
      }
      try {
        return await call(...args)
      } finally {
        ledger.checkpointWhenIdle()
        online.sync.pusher.nudge()
      }
    }
  }
  watchKhqrExpiry()
  online.sync.pusher.start()
  poleDisplay.show(customerView())
  function close(): void {
    poleDisplay.close()
    clearTimeout(expiryTimer)
    clearTimeout(paidTimer)
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
