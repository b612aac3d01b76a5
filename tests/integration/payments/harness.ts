import { createFetchPost } from '../../../electron/core/payments/fetch-post.ts'
import { createPaymentWatcher, type PaymentWatcher, type SetTimer } from '../../../electron/core/payments/watcher.ts'
import type { KhqrChecker } from '../../../shared/bakong/checker.ts'
import { createBakongClient } from '../../../shared/bakong/client.ts'
import type { KhqrWatchStatus } from '../../../shared/bakong/watch-status.ts'
import type { KhqrRequestView, SaleView } from '../../../shared/views.ts'
import { type BakongStandin, type StandinPayment, startBakongStandin } from '../../support/bakong-standin.ts'
import { BARCODES, openTestPos, type TestPos } from '../../support/pos.ts'
import { seededRandom } from '../../support/seeded-random.ts'

export const SHOP_ACCOUNT = 'demo_shop@demo'
export const DAY = 86_400_000

/** Timers the test fires by hand; firing one moves the till's clock by its delay, as time would. */
export interface ManualTimers {
  set: SetTimer
  delays: number[]
  pending(): number
  /** Runs the next timer and waits for the check it starts; false when none is pending. */
  fireNext(): Promise<boolean>
}

export interface PaymentsHarness {
  t: TestPos
  standin: BakongStandin
  watcher: PaymentWatcher
  timers: ManualTimers
  changes: KhqrWatchStatus[]
  /** The token the checker sends; tests may replace it. */
  token: { value: string | null }
  checker: { current: KhqrChecker | null }
  close(): Promise<void>
}

export async function openPaymentsHarness(): Promise<PaymentsHarness> {
  const t = await openTestPos()
  const standin = await startBakongStandin({ now: () => t.clock.now })
  const token = { value: standin.issueToken({ expiresAt: t.clock.now + 90 * DAY }) as string | null }
  const client = createBakongClient({
    baseUrl: standin.baseUrl,
    token: () => token.value,
    post: createFetchPost({ timeoutMs: 5_000 }),
    now: () => t.clock.now,
  })
  const checker = { current: client as KhqrChecker | null }
  const changes: KhqrWatchStatus[] = []
  let watcher: PaymentWatcher | null = null
  const queue: { callback: () => void; delayMs: number; cancelled: boolean }[] = []
  const timers: ManualTimers = {
    delays: [],
    set(callback, delayMs) {
      const entry = { callback, delayMs, cancelled: false }
      queue.push(entry)
      timers.delays.push(delayMs)
      return () => {
        entry.cancelled = true
      }
    },
    pending: () => queue.filter((entry) => !entry.cancelled).length,
    async fireNext() {
      let entry = queue.shift()
      while (entry?.cancelled) entry = queue.shift()
      if (!entry) return false
      t.clock.advance(entry.delayMs)
      entry.callback()
      await watcher?.idle()
      return true
    },
  }
  watcher = createPaymentWatcher({
    ledger: t.pos.ledger,
    checker: () => checker.current,
    now: () => t.clock.now,
    setTimer: timers.set,
    random: seededRandom(2026),
    onChange: (status) => changes.push(status),
    systemUserId: 'bakong',
  })
  return {
    t,
    standin,
    watcher,
    timers,
    changes,
    token,
    checker,
    async close() {
      watcher?.close()
      t.pos.close()
      await standin.close()
    },
  }
}

/** A sale of one amok ($4.50) with its KHQR on screen. */
export async function saleAwaitingKhqr(
  t: TestPos,
  currency: 'USD' | 'KHR' = 'USD',
): Promise<SaleView & { khqr: KhqrRequestView }> {
  await t.api.scanBarcode(BARCODES.amok)
  const sale = await t.api.startKhqr(currency)
  if (!sale.khqr) throw new Error('no KHQR was shown')
  return sale as SaleView & { khqr: KhqrRequestView }
}

/**
 * The customer pays the QR exactly as shown ($4.50 to the shop, now), as Bakong would report it;
 * `overrides` changes what a test needs wrong. Answers the Bakong hash.
 */
export function payInFull(
  h: PaymentsHarness,
  sale: { khqr: KhqrRequestView },
  overrides: Partial<StandinPayment> = {},
): string {
  return h.standin.pay({
    md5: sale.khqr.md5,
    amount: 4.5,
    currency: 'USD',
    toAccountId: SHOP_ACCOUNT,
    createdDateMs: h.t.clock.now,
    ...overrides,
  })
}

export function outboxEvents(t: TestPos, type: string): Record<string, unknown>[] {
  return (
    t.pos.ledger.context.db.prepare('SELECT payload FROM outbox WHERE type = ? ORDER BY seq').all(type) as {
      payload: string
    }[]
  ).map((row) => JSON.parse(row.payload) as Record<string, unknown>)
}
