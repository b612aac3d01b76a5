import { Catalog } from '../ledger/catalog.ts'
import type { LedgerContext } from '../ledger/context.ts'
import { SettingsStore } from '../ledger/settings.ts'
import type { Users } from '../ledger/users.ts'
import { type SecretStore, SyncAuth } from './auth.ts'
import { type CatalogPullHooks, type CatalogPullResult, pullCatalog } from './catalog-pull.ts'
import { type ExportResult, exportPending } from './export.ts'
import { assertNoUnsyncedLoss } from './guard.ts'
import { createHttpTransport } from './http-transport.ts'
import { OutboxQueue } from './outbox-queue.ts'
import { pullOwnerCommands } from './owner-commands.ts'
import { Pusher } from './pusher.ts'
import { listQuarantined, type QuarantinedEvent, type SyncStatusView, syncStatus } from './status.ts'
import { type SyncConfig, SyncStateStore } from './sync-state.ts'
import type { SyncTimers, SyncTransport } from './transport.ts'

export type { SecretStore } from './auth.ts'
export type { CatalogPullHooks, CatalogPullResult } from './catalog-pull.ts'
export { CatalogPullError } from './catalog-pull.ts'
export type { ExportResult } from './export.ts'
export type { Pusher } from './pusher.ts'
export type { QuarantinedEvent, SyncStatusView } from './status.ts'
export type { SyncConfig } from './sync-state.ts'
export type { SyncRequest, SyncResponse, SyncTimers, SyncTransport } from './transport.ts'

export interface SyncOptions {
  /** The ledger's catalog and settings are used for the catalog pull when given (else made from the context). */
  ledger: { context: LedgerContext; catalog?: Catalog; settings?: SettingsStore; users?: Users }
  secrets: SecretStore
  appVersion: string
  /** Sent at enrolment so the owner can tell terminals apart; defaults to the ledger's terminal id. */
  deviceFingerprint?: string
  now?: () => number
  random?: () => number
  timers?: SyncTimers
  /** One transport for every back office (tests, simulation), or a factory per base URL. */
  transport?: SyncTransport | ((baseUrl: string) => SyncTransport)
  onChange?: () => void
  /** Tests: crash points inside the catalog pull. */
  catalogPullHooks?: CatalogPullHooks
}

export interface Sync {
  pusher: Pusher
  status(): SyncStatusView
  enroll(baseUrl: string, code: string): Promise<SyncConfig>
  /** The enrolment: which back office, as whom, and the key its verdicts are signed with. */
  config(): SyncConfig | null
  /** Forgets the back office and the refresh token; the queued events stay and wait for the next enrolment. */
  unenroll(): void
  listQuarantined(): QuarantinedEvent[]
  /** A valid access token for other calls to the back office (the KHQR check relay). */
  accessToken(): Promise<string>
  exportPending(path: string): ExportResult
  /**
   * Pulls the back office's catalog changes (products, VAT classes, exchange rates) after the
   * stored cursor, page by page, each page applied with its cursor in one transaction. Does
   * nothing when not enrolled; a call while one runs joins it. Rejects (SyncAuthError or
   * CatalogPullError) when the back office cannot be reached or refuses; the pages before stay.
   */
  pullCatalog(): Promise<CatalogPullResult>
  /** Throws a PosError (`unsynced_events`) while unsynced, unexported events exist. */
  assertNoUnsyncedLoss(action: string): void
  close(): Promise<void>
}

/** The terminal's sync, composed: the pusher, its auth and state, the status figures, export and guard. */
export function createSync(options: SyncOptions): Sync {
  const { db, terminal } = options.ledger.context
  const now = options.now ?? Date.now
  const random = options.random ?? Math.random
  const state = new SyncStateStore(db)
  const given = options.transport
  const transports = new Map<string, SyncTransport>()
  const transportFor = (baseUrl: string): SyncTransport => {
    if (given) return typeof given === 'function' ? given(baseUrl) : given
    let transport = transports.get(baseUrl)
    if (!transport) {
      transport = createHttpTransport(baseUrl, { gzipAboveBytes: 64 * 1024 })
      transports.set(baseUrl, transport)
    }
    return transport
  }
  const auth = new SyncAuth({ secrets: options.secrets, state, now, transportFor })
  let config = state.config()
  let pulling: Promise<CatalogPullResult> | null = null
  const catalog = options.ledger.catalog ?? new Catalog(options.ledger.context)
  const settings = options.ledger.settings ?? new SettingsStore(options.ledger.context)
  const pusher = new Pusher({
    queue: new OutboxQueue(db),
    state,
    auth,
    transport: () => (config ? transportFor(config.backofficeUrl) : null),
    terminalId: () => config?.terminalId ?? null,
    appVersion: options.appVersion,
    now,
    random,
    timers: options.timers,
    onChange: options.onChange,
  })
  return {
    pusher,
    status: () => syncStatus(db, state, pusher.phase, now()),
    enroll: async (baseUrl, code) => {
      config = await auth.enroll(baseUrl, code, {
        fingerprint: options.deviceFingerprint ?? terminal.id,
        appVersion: options.appVersion,
      })
      pusher.resume()
      return config
    },
    config: () => config,
    unenroll: () => {
      auth.forget()
      config = null
      options.onChange?.()
    },
    listQuarantined: () => listQuarantined(db),
    accessToken: () => auth.accessToken(),
    exportPending: (path) =>
      exportPending(db, state, path, {
        now: now(),
        appVersion: options.appVersion,
        localTerminalId: terminal.id,
        sign: (text) => auth.signWithTerminalKey(text),
      }),
    assertNoUnsyncedLoss: (action) => assertNoUnsyncedLoss(db, action),
    pullCatalog: () => {
      pulling ??= pullCatalog({
        context: options.ledger.context,
        catalog,
        settings,
        config: () => config,
        auth,
        transportFor,
        hooks: options.catalogPullHooks,
      })
        .then(async (pulled) => {
          // The owner's commands ride on the same tick; one that cannot be fetched now comes next time.
          const users = options.ledger.users
          if (users)
            await pullOwnerCommands({
              context: options.ledger.context,
              users,
              config: () => config,
              auth,
              transportFor,
            }).catch(() => undefined)
          return pulled
        })
        .finally(() => {
          pulling = null
        })
      return pulling
    },
    close: () => pusher.close(),
  }
}
