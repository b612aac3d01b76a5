import type { KhqrChecker } from '../../shared/bakong/checker.ts'
import { createBakongClient } from '../../shared/bakong/client.ts'
import type { HttpPost } from '../../shared/bakong/http.ts'
import { createRelayChecker } from '../../shared/bakong/relay.ts'
import type { KhqrWatchStatus } from '../../shared/bakong/watch-status.ts'
import type { Ledger } from './ledger/index.ts'
import { createFetchPost } from './payments/fetch-post.ts'
import { BAKONG_TOKEN_SECRET, type SecretStore } from './payments/secrets.ts'
import { createPaymentWatcher, type PaymentWatcher } from './payments/watcher.ts'
import { type BackofficeAddress, parseBackofficeAddress } from './sync/backoffice-address.ts'
import { createSync, type Sync, type SyncTransport } from './sync/index.ts'
import { backofficePost, newNonce, verdictVerifier } from './sync/pinned-http.ts'
import type { SyncConfig } from './sync/sync-state.ts'

/** How often hand-confirmed KHQR payments are rechecked, and the catalog pulled, while the terminal is online. */
export const RECHECK_INTERVAL_MS = 5 * 60_000

export interface OnlineOptions {
  ledger: Ledger
  secrets: SecretStore
  appVersion: string
  now: () => number
  onSyncChange(): void
  onKhqrStatus(status: KhqrWatchStatus): void
  /** Products, prices, VAT or the rate came down from the back office. */
  onCatalogChange(): void
  /** Tests: the back office transport and the HTTP client used for Bakong. */
  syncTransport?: SyncTransport | ((baseUrl: string) => SyncTransport)
  bakongPost?: HttpPost
}

export interface Online {
  sync: Sync
  payments: PaymentWatcher
  /** The network came or went (main watches it): sync retries at once, hand confirmations are rechecked. */
  networkChanged(online: boolean): void
  /** Pulls the back office's catalog changes (after enrolment, on a timer, when the network returns). */
  /** Pulls the catalog and the owner's commands now; settles (never rejects) when done. */
  pullCatalog(): Promise<void>
  close(): Promise<void>
}

/**
 * Everything that talks to the outside: the sync pusher to the back office, and the watcher that
 * confirms KHQR payments with Bakong, directly or through the back office as the settings say.
 * Both only ever add to the ledger; with no network the till sells exactly as before.
 */
export function createOnline(options: OnlineOptions): Online {
  const { ledger, secrets, now } = options
  const post = options.bakongPost ?? createFetchPost()
  const sync = createSync({
    ledger,
    secrets,
    appVersion: options.appVersion,
    now,
    onChange: options.onSyncChange,
    ...(options.syncTransport ? { transport: options.syncTransport } : {}),
  })
  // One client per address: a client remembers that Bakong refused its list endpoint.
  const clients = new Map<string, KhqrChecker>()
  const checker = (): KhqrChecker | null => {
    const settings = ledger.settings.get()
    if (settings.khqrCheckMode === 'off') return null
    const enrolment = sync.config()
    const backoffice = enrolment?.backofficeUrl ?? null
    if (settings.khqrCheckMode === 'backoffice' && !backoffice) return null
    const key =
      settings.khqrCheckMode === 'direct'
        ? `direct ${settings.bakongBaseUrl}`
        : `relay ${backoffice} ${enrolment?.verdictKey}`
    let client = clients.get(key)
    if (!client) {
      client =
        settings.khqrCheckMode === 'direct'
          ? createBakongClient({
              baseUrl: settings.bakongBaseUrl,
              token: () => secrets.get(BAKONG_TOKEN_SECRET),
              post,
              now,
            })
          : relayChecker(enrolment as SyncConfig)
      clients.set(key, client)
    }
    return client
  }
  // Relayed checks go to the enrolled back office over its pinned HTTPS, and only its signed verdicts count.
  const relayChecker = (enrolment: SyncConfig): KhqrChecker => {
    let address: BackofficeAddress
    try {
      address = parseBackofficeAddress(enrolment.backofficeUrl)
    } catch (error) {
      const detail = (error as Error).message
      return { check: async (md5s) => md5s.map((md5) => ({ md5, state: 'unreachable', detail })) }
    }
    return createRelayChecker({
      baseUrl: address.base,
      accessToken: () => sync.accessToken(),
      post: options.bakongPost ?? backofficePost(address),
      verify: verdictVerifier(enrolment.verdictKey),
      nonce: newNonce,
      terminalId: () => enrolment.terminalId,
      now,
    })
  }
  const payments = createPaymentWatcher({
    ledger,
    checker,
    now,
    systemUserId: 'bakong',
    onChange: options.onKhqrStatus,
  })
  const recheck = () => void payments.recheckUnverified().catch(() => {})
  // A failed pull is retried at the next tick; what it applied stays applied.
  const pullCatalog = (): Promise<void> =>
    sync
      .pullCatalog()
      .then((pulled) => {
        if (pulled.applied > 0) options.onCatalogChange()
      })
      .catch(() => {})
  const timer = setInterval(() => {
    recheck()
    void pullCatalog()
  }, RECHECK_INTERVAL_MS)
  timer.unref?.()
  recheck()
  void pullCatalog()
  return {
    sync,
    payments,
    networkChanged(online) {
      sync.pusher.networkChanged(online)
      if (!online) return
      recheck()
      void pullCatalog()
    },
    pullCatalog,
    async close() {
      clearInterval(timer)
      payments.close()
      await sync.close()
    },
  }
}
