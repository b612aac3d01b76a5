import { DEFAULT_SCALE_LABEL_LAYOUT } from '../../../shared/scale-label.ts'
import type { ExchangeRateView, Settings } from '../../../shared/views.ts'
import { PosError } from '../errors.ts'
import { uuidv7 } from '../ids.ts'
import type { LedgerContext } from './context.ts'

/** A fresh install's settings: a clearly marked demo shop, so the till works at once; onboarding replaces it. */
export const DEFAULT_SETTINGS: Settings = {
  shopNameEn: 'Demo Shop',
  shopNameKm: 'ហាងសាកល្បង',
  shopAddress: '',
  shopPhone: '',
  vatTin: '',
  merchant: {
    bakongAccountId: 'demo_shop@demo',
    kind: 'merchant',
    merchantNameEn: 'DEMO SHOP',
    merchantNameKm: 'ហាងសាកល្បង',
    city: 'Phnom Penh',
    merchantId: 'DEMO0001',
    acquiringBank: 'Demo Bank',
    mcc: '5411',
    mobileNumber: '',
    storeLabel: 'Demo',
    currencies: ['USD', 'KHR'],
  },
  saleCurrency: 'USD',
  taxInclusive: true,
  smallestNote: 100,
  changePreference: 'usd_then_khr',
  receiptHeader: 'Demo Shop · ហាងសាកល្បង',
  receiptFooter: 'Thank you · អរគុណ',
  khqrLifetimeSeconds: 300,
  bakongBaseUrl: 'https://api-bakong.nbc.gov.kh',
  khqrCheckMode: 'direct',
  // Offline hand confirmation, as Square and Shopify cap offline card payments: $50 a sale, $200 a shift.
  khqrManualLimits: { perSaleUsd: 5_000, perSaleKhr: 200_000, perShiftUsd: 20_000, perShiftKhr: 800_000 },
  // A cashier gives no discount and takes no cash out alone until a manager says otherwise.
  cashierLimits: { discountBasisPoints: 0, cashOutUsd: 0, cashOutKhr: 0 },
  receiptLanguage: 'km',
  timeZone: 'Asia/Phnom_Penh',
  printer: {
    transport: 'none',
    address: '',
    baudRate: 115200,
    dataBits: 8,
    parity: 'none',
    flowControl: 'rtscts',
    paperWidth: 80,
    nativeQr: true,
    cutter: true,
    drawerPin: 0,
    pictures: 'auto',
  },
  labelPrinter: {
    transport: 'none',
    address: '',
    baudRate: 9600,
    dataBits: 8,
    parity: 'none',
    flowControl: 'none',
    widthMm: 60,
    heightMm: 90,
    gapMm: 2,
  },
  customerDisplayId: null,
  paymentChime: true,
  poleDisplay: { port: '', baudRate: 9600, commandSet: 'cd5220' },
  autoBackup: { folder: '', keep: 14, everyHours: 24 },
  scaleLabels: DEFAULT_SCALE_LABEL_LAYOUT,
  demo: true,
}

export const DEMO_RATE = 4100

type SettingKey = keyof Settings

export class SettingsStore {
  private readonly context: LedgerContext
  private cache: Settings | null = null

  constructor(context: LedgerContext) {
    this.context = context
  }

  get(): Settings {
    if (this.cache) return this.cache
    const stored = this.context.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]
    const settings = structuredClone(DEFAULT_SETTINGS) as unknown as Record<string, unknown>
    for (const { key, value } of stored) {
      if (!Object.hasOwn(DEFAULT_SETTINGS, key)) continue
      const parsed = JSON.parse(value) as unknown
      const fallback = settings[key]
      // A group saved before a field was added to it (the printer's `pictures`) takes that field's default.
      settings[key] = isGroup(fallback) && isGroup(parsed) ? { ...fallback, ...parsed } : parsed
    }
    this.cache = settings as unknown as Settings
    return this.cache
  }

  /**
   * Writes the changed keys, an audit entry with each key's value before and after, and a
   * `settings.changed` event, in one transaction. Returns the keys that changed.
   */
  update(patch: Partial<Settings>, actor: { userId: string; approverId: string; reason: string }): SettingKey[] {
    const before = this.get()
    const changed = (Object.keys(patch) as SettingKey[]).filter(
      (key) => JSON.stringify(patch[key]) !== JSON.stringify(before[key]),
    )
    if (changed.length === 0) return []
    const now = this.context.now()
    const write = this.context.db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    const diff = Object.fromEntries(changed.map((key) => [key, { before: before[key], after: patch[key] }]))
    this.context.db.transaction(() => {
      for (const key of changed) write.run(key, JSON.stringify(patch[key]))
      this.context.journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: 'settings.changed',
          objectType: 'settings',
          detail: { changes: diff, reason: actor.reason },
        },
        now,
      )
      this.context.journal.appendEvent(
        'settings.changed',
        { changes: diff, changed_by: actor.userId, approved_by: actor.approverId, at: now },
        now,
      )
    })()
    this.cache = null
    return changed
  }

  currentRate(): ExchangeRateView {
    const row = this.context.db
      .prepare(
        'SELECT id, khr_per_usd, source, set_at, set_by FROM exchange_rates ORDER BY set_at DESC, rowid DESC LIMIT 1',
      )
      .get() as
      | { id: string; khr_per_usd: number; source: ExchangeRateView['source']; set_at: number; set_by: string | null }
      | undefined
    if (!row) throw new PosError('rate_missing', 'No exchange rate is set; a manager must set one before selling.')
    return { id: row.id, khrPerUsd: row.khr_per_usd, source: row.source, setAt: row.set_at, setBy: row.set_by }
  }

  rateHistory(limit: number): ExchangeRateView[] {
    return (
      this.context.db
        .prepare(
          'SELECT id, khr_per_usd, source, set_at, set_by FROM exchange_rates ORDER BY set_at DESC, rowid DESC LIMIT ?',
        )
        .all(limit) as {
        id: string
        khr_per_usd: number
        source: ExchangeRateView['source']
        set_at: number
        set_by: string | null
      }[]
    ).map((row) => ({
      id: row.id,
      khrPerUsd: row.khr_per_usd,
      source: row.source,
      setAt: row.set_at,
      setBy: row.set_by,
    }))
  }

  /**
   * A new rate applies to sales opened from now on; a sale keeps the rate it was opened with. A
   * rate from the back office (the catalog pull) is set by no local user: its actor is the system
   * user `backoffice`, named in the audit log and the event, and `set_by` stays empty.
   */
  setRate(
    khrPerUsd: number,
    source: ExchangeRateView['source'],
    actor: { userId: string | null; approverId: string | null; reason: string; detail?: Record<string, unknown> },
  ): ExchangeRateView {
    const now = this.context.now()
    const id = uuidv7(now)
    const setBy = source === 'backoffice' ? null : actor.userId
    const previous = this.context.db
      .prepare('SELECT khr_per_usd FROM exchange_rates ORDER BY set_at DESC, rowid DESC LIMIT 1')
      .get() as { khr_per_usd: number } | undefined
    this.context.db.transaction(() => {
      this.context.db
        .prepare('INSERT INTO exchange_rates (id, khr_per_usd, source, set_by, set_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, khrPerUsd, source, setBy, now)
      this.context.journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: 'rate.changed',
          objectType: 'exchange_rate',
          objectId: id,
          detail: {
            before: previous?.khr_per_usd ?? null,
            after: khrPerUsd,
            source,
            reason: actor.reason,
            ...actor.detail,
          },
        },
        now,
      )
      this.context.journal.appendEvent(
        'rate.changed',
        {
          rate_id: id,
          khr_per_usd: khrPerUsd,
          previous: previous?.khr_per_usd ?? null,
          source,
          set_by: actor.userId,
          at: now,
        },
        now,
      )
    })()
    return { id, khrPerUsd, source, setAt: now, setBy }
  }
}

function isGroup(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
