/**
 * Checks for the data the screens send. Each returns the value normalised (trimmed, NFC) or
 * throws InputError naming the field, before anything reaches the ledger.
 */
import { MAX_AMOUNT } from './money/index.ts'
import { boolean, type Check, InputError, integer, listOf, nullable, object, oneOf, optional, text } from './schema.ts'
import type { Approval, CashCount, ManagerConsent, ProductInput } from './views.ts'

export const id = text({ min: 1, max: 64, pattern: /^[0-9A-Za-z_-]+$/, what: 'id' })
export const currency = oneOf(['USD', 'KHR'] as const)
export const amount = integer(0, MAX_AMOUNT, 'amount')
export const positiveAmount = integer(1, MAX_AMOUNT, 'amount')
export const quantity = integer(1, 100_000, 'quantity')
export const pin = text({ min: 4, max: 8, pattern: /^[0-9]+$/, what: 'PIN' })
export const reason = text({ min: 1, max: 200, what: 'reason' })
export const timestamp = integer(0, 8_640_000_000_000_000, 'time')

/** A grant id: 32 hex digits of randomness from grantApproval. */
export const approval: Check<Approval> = object({
  grantId: text({ min: 32, max: 32, pattern: /^[0-9a-f]{32}$/, what: 'approval' }),
})
export const managerConsent: Check<ManagerConsent> = object({ managerId: id, pin, reason })

export const discount = nullable((value: unknown) => {
  const kind = object({
    kind: oneOf(['percent', 'amount'] as const),
    basisPoints: optional(integer(0, 10_000, 'percent')),
    amount: optional(amount),
  })(value)
  if (kind.kind === 'percent') {
    if (kind.basisPoints === undefined || kind.amount !== undefined)
      throw new InputError('A percent discount has basisPoints only.', 'basisPoints')
    return { kind: 'percent' as const, basisPoints: kind.basisPoints }
  }
  if (kind.amount === undefined || kind.basisPoints !== undefined)
    throw new InputError('An amount discount has amount only.', 'amount')
  return { kind: 'amount' as const, amount: kind.amount }
})

export const barcode = text({ min: 1, max: 64, pattern: /^[\x21-\x7e]+$/, what: 'barcode' })
export const sku = text({ min: 1, max: 64, what: 'SKU' })
export const productName = text({ min: 1, max: 120, what: 'name' })

/** A VAT TIN in the tax office's form: a letter, three digits, a dash, nine digits (K001-901234567). */
export const VAT_TIN = /^[A-Z][0-9]{3}-[0-9]{9}$/

/** The business customer of a VAT invoice: their name and VAT TIN, or null for none. */
export const buyerInput = nullable(
  object({
    name: text({ min: 1, max: 120, what: "the buyer's name" }),
    tin: text({ min: 14, max: 14, pattern: VAT_TIN, what: "the buyer's VAT TIN" }),
  }),
)

export const productInput: Check<ProductInput> = object({
  sku,
  nameEn: productName,
  nameKm: productName,
  categoryId: nullable(id),
  price: amount,
  currency,
  vatClass: id,
  active: boolean,
  barcodes: listOf(barcode, 20),
  soldBy: optional(oneOf(['count', 'weight'] as const)),
  scaleCode: optional(nullable(text({ min: 1, max: 6, pattern: /^[0-9]*[1-9][0-9]*$/, what: 'scale item code' }))),
})

const noteCounts = (value: unknown): Record<string, number> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError('Expected counts per denomination.')
  const counts: Record<string, number> = {}
  for (const [denomination, count] of Object.entries(value)) {
    if (!/^[1-9][0-9]{0,9}$/.test(denomination))
      throw new InputError(`"${denomination}" is not a denomination in minor units.`, denomination)
    counts[denomination] = integer(0, 1_000_000, 'count')(count)
  }
  return counts
}

export const cashCount: Check<CashCount> = object({ usd: noteCounts, khr: noteCounts })

export const searchQuery = text({ min: 0, max: 100, what: 'search' })
