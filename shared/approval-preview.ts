import type { Currency } from './money/index.ts'

/**
 * What a manager is asked to approve, as the engine sees it against the ledger as it stands: what
 * it acts on (a product, a person, a sale) and each value before and after. The approval dialog
 * writes it in the manager's language, so a rate from 4 100 to 4 080 reads differently from a VAT
 * change, and a price typed wrong shows before it is approved.
 */
export type PreviewValue =
  | { kind: 'money'; amount: number; currency: Currency }
  | { kind: 'rate'; khrPerUsd: number }
  | { kind: 'percent'; basisPoints: number }
  | { kind: 'text'; text: string }
  | { kind: 'flag'; value: boolean }
  | { kind: 'count'; count: number }

export interface PreviewChange {
  /**
   * What changes: a settings key (`merchant.bakongAccountId` for a part of one), a product field
   * (`price`, `nameKm`…), or `rate`, `vatRate`, `discount`, `total`, `amount`, `cashIn`, `cashOut`,
   * `role`, `item` (with its `name`), `givenBack`.
   */
  field: string
  /** For an `item`: which one. */
  name?: { km: string; en: string }
  before: PreviewValue | null
  after: PreviewValue | null
}

export interface ApprovalPreview {
  /** What the action is on: the product's or person's name, a receipt number, a backup's date. */
  subject: { km: string; en: string } | null
  changes: PreviewChange[]
}

export const money = (amount: number, currency: Currency): PreviewValue => ({ kind: 'money', amount, currency })
export const text = (value: string): PreviewValue => ({ kind: 'text', text: value })
