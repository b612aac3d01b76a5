/** The sales tables' rows as SQLite returns them, and the small rules every part of the sale shares. */
import {
  type Currency,
  convert,
  type Discount,
  MoneyError,
  type SmallestNote,
  type SoldBy,
  type TenderKind,
} from '../../../../shared/money/index.ts'
import type { KhqrRequestView, SaleView } from '../../../../shared/views.ts'
import { PosError } from '../../errors.ts'

export interface SaleRow {
  id: string
  kind: 'sale' | 'refund'
  state: SaleView['state']
  refund_of: string | null
  /** A VAT invoice's (or credit note's) number in its own series; null for a receipt. */
  invoice_no: number | null
  seller_tin: string | null
  buyer_name: string | null
  buyer_tin: string | null
  receipt_no: number | null
  shift_id: string | null
  cashier_id: string
  currency: Currency
  khr_per_usd: number
  tax_inclusive: number
  smallest_note: SmallestNote
  discount_kind: Discount['kind'] | null
  discount_value: number | null
  gross_total: number | null
  discount_total: number | null
  subtotal: number | null
  vat_total: number | null
  plt_total: number | null
  total: number | null
  total_khr: number | null
  vat_khr: number | null
  plt_khr: number | null
  change_usd: number | null
  change_khr: number | null
  residual_sen: number | null
  opened_at: number
  completed_at: number | null
}

export interface LineRow {
  id: string
  sale_id: string
  position: number
  product_id: string | null
  refund_of_line: string | null
  sku: string
  name_en: string
  name_km: string
  quantity: number
  sold_by: SoldBy
  price_from_label: number
  list_price: number
  list_currency: Currency
  unit_price: number
  price_overridden_by: string | null
  vat_class: string
  vat_rate_bp: number
  /** The public lighting tax's effective rate on the amount before VAT (0: none). */
  plt_rate_bp: number
  discount_kind: Discount['kind'] | null
  discount_value: number | null
  gross: number
  line_discount: number
  sale_discount_share: number
  amount: number
  vat: number
  /** The line's share of the public lighting tax (null on lines from before it was kept). */
  plt: number | null
}

export interface TenderRow {
  id: string
  kind: TenderKind
  amount: number
  confirmation: 'bakong' | 'manual' | null
  verified: number | null
  bakong_hash: string | null
  at: number
}

export interface KhqrRow {
  id: string
  sale_id: string
  currency: Currency
  amount: number
  payload: string
  md5: string
  created_at: number
  expires_at: number
  state: KhqrRequestView['state']
}

/** A QR as the payment checks need it: what it asks for, where the money must go, and when. */
export interface KhqrRequestRecord {
  id: string
  saleId: string
  md5: string
  amount: number
  currency: Currency
  /** The Bakong account encoded in the QR that was shown. */
  toAccountId: string
  createdAt: number
  expiresAt: number
  state: KhqrRequestView['state']
  endedAt: number | null
}

export const MISMATCH_WORDS = {
  amount: 'amount',
  currency: 'currency',
  account: 'account',
  too_early: 'time: sent before the QR was made',
  too_late: 'time: sent after the QR expired',
} as const

export interface Actor {
  userId: string
  approverId?: string | null
  reason?: string
}

export function discountOf(kind: Discount['kind'] | null, value: number | null): Discount | null {
  if (kind === null || value === null) return null
  return kind === 'percent' ? { kind, basisPoints: value } : { kind, amount: value }
}

export function discountValue(discount: Discount | null): number | null {
  if (discount === null) return null
  return discount.kind === 'percent' ? discount.basisPoints : discount.amount
}

/** A discount's stored value in another currency: an amount is converted, a percentage stays. */
export function convertedDiscountValue(
  kind: Discount['kind'] | null,
  value: number | null,
  from: Currency,
  to: Currency,
  khrPerUsd: number,
): number | null {
  if (kind !== 'amount' || value === null) return value
  return money(() => convert(value, from, to, khrPerUsd))
}

/** Money rule violations (a discount larger than the line, say) reach the cashier as ledger errors. */
export function money<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof MoneyError) throw new PosError(error.code, error.message, { cause: error })
    throw error
  }
}
