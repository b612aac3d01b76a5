import { bakongAmountToMinor } from './amount.ts'
import type { BakongTransaction } from './checker.ts'

/** Numbers found under an `amount` key, with their source text when the runtime exposes it. */
export type AmountSources = WeakMap<object, string>

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

function millis(record: Record<string, unknown>, ...keys: string[]): number | null | undefined {
  for (const key of keys) {
    const value = record[key]
    if (value === undefined || value === null) continue
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined
  }
  return null
}

/**
 * A Bakong transaction object, strictly: hash, accounts and currency must be strings of the
 * expected kind and the creation time a positive integer. Both spellings of the date fields are
 * read (`createdDateMs` in published samples, `createDateMs` in one SDK's types). An amount that
 * cannot be read exactly becomes 0, which never matches a sale (the reason is in `detail`).
 */
export function parseTransaction(
  value: unknown,
  amountSource?: string,
): { transaction: BakongTransaction; detail?: string } | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const record = value as Record<string, unknown>
  const hash = text(record.hash)
  const fromAccountId = text(record.fromAccountId)
  const toAccountId = text(record.toAccountId)
  const currency = record.currency
  if (!hash || !/^[0-9a-fA-F]{8,64}$/.test(hash) || fromAccountId === null || !toAccountId) return null
  if (currency !== 'USD' && currency !== 'KHR') return null
  const createdAtMs = millis(record, 'createdDateMs', 'createDateMs')
  const acknowledgedAtMs = millis(record, 'acknowledgedDateMs', 'acknowledgeDateMs')
  if (createdAtMs === null || createdAtMs === undefined || acknowledgedAtMs === undefined) return null
  const amount = bakongAmountToMinor(record.amount, currency, amountSource)
  const transaction: BakongTransaction = {
    hash: hash.toLowerCase(),
    fromAccountId,
    toAccountId,
    currency,
    amount: amount ?? 0,
    createdAtMs,
    acknowledgedAtMs,
    description: text(record.description),
    externalRef: text(record.externalRef),
  }
  if (amount === null)
    return {
      transaction,
      detail: `Bakong reported an amount that is not an exact ${currency} amount: ${String(amountSource ?? record.amount)}`,
    }
  return { transaction }
}

/**
 * JSON.parse that remembers the exact text of every numeric `amount` (where the runtime passes the
 * source text to revivers, as V8 does), so 1.50 is read as written, not through a float.
 */
export function parseJsonKeepingAmounts(bodyText: string): {
  value: unknown
  amountSource: (holder: object) => string | undefined
} {
  const sources: AmountSources = new WeakMap()
  const value = JSON.parse(
    bodyText,
    function (this: unknown, key: string, raw: unknown, context?: { source?: string }) {
      if (
        key === 'amount' &&
        typeof raw === 'number' &&
        typeof context?.source === 'string' &&
        typeof this === 'object' &&
        this !== null
      )
        sources.set(this, context.source)
      return raw
    },
  ) as unknown
  return { value, amountSource: (holder) => sources.get(holder) }
}

const nullableText = (value: unknown) => value === null || typeof value === 'string'

/** Whether a value is a BakongTransaction of the shared contract (amount already an integer of minor units). */
export function isBakongTransaction(value: unknown): value is BakongTransaction {
  if (typeof value !== 'object' || value === null) return false
  const record = value as Record<string, unknown>
  return (
    typeof record.hash === 'string' &&
    /^[0-9a-f]{8,64}$/.test(record.hash) &&
    typeof record.fromAccountId === 'string' &&
    typeof record.toAccountId === 'string' &&
    (record.currency === 'USD' || record.currency === 'KHR') &&
    Number.isSafeInteger(record.amount) &&
    (record.amount as number) >= 0 &&
    Number.isSafeInteger(record.createdAtMs) &&
    (record.acknowledgedAtMs === null || Number.isSafeInteger(record.acknowledgedAtMs)) &&
    nullableText(record.description) &&
    nullableText(record.externalRef)
  )
}
