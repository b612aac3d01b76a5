/**
 * Settling a sale paid with any mix of USD cash, KHR cash and KHQR in either currency.
 *
 * - Everything is counted in sen (see toSen): dueSen = toSen(total), paidSen = Σ toSen(tender), all
 *   exact integers. The rate is the sale's; one rate for the whole transaction.
 * - Tolerance h = half the smallest note = smallestNote × 100 / 2 sen.
 * - paidSen < dueSen: settled when dueSen − paidSen < h (the shop absorbs less than half its smallest
 *   note, just as change is rounded); then there is no change and residualSen = paidSen − dueSen.
 *   Otherwise not settled: remainingSen = dueSen − paidSen, residualSen = 0, no change, and stillDue
 *   says what to ask for next (USD and KHQR riel rounded up so they cover the remainder, cash riel
 *   rounded half up to the smallest note and at least one note).
 * - paidSen ≥ dueSen: over = paidSen − dueSen. changeUsd is whole dollars, floor(over / (100 × rate))
 *   × 100 cents, with 'usd_then_khr' (the default) and 0 with 'khr_only'. rest = over − changeUsd ×
 *   rate; changeKhr = round half up(rest / (100 × smallestNote)) × smallestNote; residualSen = rest −
 *   changeKhr × 100.
 * - Only cash can give change: when changeUsd or changeKhr is not 0 and no tender is cash, the
 *   payment is refused ('change_without_cash'). An overpayment that rounds to no change (less than h,
 *   such as the fraction of a riel left by a KHQR riel payment for a USD sale) is the shop's residual.
 * - Hence paidSen = dueSen + changeUsd × rate + changeKhr × 100 + residualSen, with |residualSen| ≤ h.
 */
import { type Currency, checkAmount, checkCurrency } from './currency.ts'
import { checkArray, checkRecord, MoneyError, shown } from './errors.ts'
import { checkRate, SEN_PER_RIEL, toSen } from './exchange.ts'
import { divideCeil, divideRoundHalfUp, multiplyDivideFloor } from './rounding.ts'

export type TenderKind = 'cash_usd' | 'cash_khr' | 'khqr_usd' | 'khqr_khr'

export const TENDER_KINDS: readonly TenderKind[] = ['cash_usd', 'cash_khr', 'khqr_usd', 'khqr_khr']

export function tenderCurrency(kind: TenderKind): Currency {
  return checkTenderKind(kind) === 'cash_usd' || kind === 'khqr_usd' ? 'USD' : 'KHR'
}

export function isCashTender(kind: TenderKind): boolean {
  return checkTenderKind(kind) === 'cash_usd' || kind === 'cash_khr'
}

/** amount > 0, in the tender currency's minor units */
export interface Tender {
  kind: TenderKind
  amount: number
}

/** The smallest riel note the shop gives as change. */
export type SmallestNote = 100 | 500 | 1000

export type ChangePreference = 'usd_then_khr' | 'khr_only'

export interface SettlementInput {
  total: number
  currency: Currency
  khrPerUsd: number
  tenders: readonly Tender[]
  smallestNote: SmallestNote
  changePreference?: ChangePreference
}

export interface Settlement {
  dueSen: number
  paidSen: number
  settled: boolean
  /** still to pay when not settled (0 when settled) */
  remainingSen: number
  /** what to ask for next, when not settled (all 0 when settled) */
  stillDue: {
    /** cents, rounded up so it covers the remainder */
    usd: number
    /** riel, rounded up to 1 riel (for KHQR) */
    khr: number
    /** riel, the remainder rounded half up to the smallest note, and at least one note */
    khrCash: number
  }
  /** cents, always whole dollars (a multiple of 100) */
  changeUsd: number
  /** riel, a multiple of smallestNote */
  changeKhr: number
  /** signed, in sen: what the shop keeps (> 0) or gives up (< 0) by rounding to notes */
  residualSen: number
}

const NOTES: readonly number[] = [100, 500, 1000]

function checkTenderKind(kind: unknown, field = 'kind'): TenderKind {
  if (!TENDER_KINDS.includes(kind as TenderKind)) {
    throw new MoneyError(
      'tender_invalid',
      `Tender kind must be one of ${TENDER_KINDS.join(', ')} (got ${shown(kind)}).`,
      field,
    )
  }
  return kind as TenderKind
}

export function settle(input: SettlementInput): Settlement {
  const sale = checkRecord(input, 'Settlement input')
  const currency = checkCurrency(sale.currency)
  const rate = checkRate(sale.khrPerUsd)
  const total = checkAmount(sale.total, 'Sale total', 'total', 0)
  const note = sale.smallestNote
  if (typeof note !== 'number' || !NOTES.includes(note)) {
    throw new MoneyError(
      'note_invalid',
      `Smallest note must be 100, 500 or 1000 riel (got ${shown(note)}).`,
      'smallestNote',
    )
  }
  const preference = sale.changePreference ?? 'usd_then_khr'
  if (preference !== 'usd_then_khr' && preference !== 'khr_only') {
    throw new MoneyError(
      'input_invalid',
      `Change preference must be "usd_then_khr" or "khr_only" (got ${shown(preference)}).`,
      'changePreference',
    )
  }

  const dueSen = toSen(total, currency, rate)
  let paidSen = 0
  let cash = false
  checkArray(sale.tenders, 'Tenders', 'tenders').forEach((value, i) => {
    const tender = checkRecord(value, `Tender ${i + 1}`, 'tenders')
    const kind = checkTenderKind(tender.kind)
    const amount = checkAmount(tender.amount, `Tender ${i + 1} amount`, 'amount', 1)
    paidSen += toSen(amount, tenderCurrency(kind), rate)
    if (!Number.isSafeInteger(paidSen)) {
      throw new MoneyError('amount_invalid', 'The tenders add up to too much to settle exactly.', 'tenders')
    }
    cash ||= isCashTender(kind)
  })

  const halfNote = note * 50 // half a note, in sen
  const nothingDue = { usd: 0, khr: 0, khrCash: 0 }
  const noChange = { changeUsd: 0, changeKhr: 0 }
  if (paidSen < dueSen) {
    const short = dueSen - paidSen
    if (short < halfNote) {
      return { dueSen, paidSen, settled: true, remainingSen: 0, stillDue: nothingDue, ...noChange, residualSen: -short }
    }
    const stillDue = {
      usd: divideCeil(short, rate),
      khr: divideCeil(short, SEN_PER_RIEL),
      khrCash: Math.max(note, divideRoundHalfUp(short, note * SEN_PER_RIEL) * note),
    }
    return { dueSen, paidSen, settled: false, remainingSen: short, stillDue, ...noChange, residualSen: 0 }
  }

  const over = paidSen - dueSen
  const dollar = SEN_PER_RIEL * rate // sen in one US dollar
  const changeUsd = preference === 'usd_then_khr' ? multiplyDivideFloor(over, 1, dollar).quotient * 100 : 0
  const rest = over - changeUsd * rate
  const changeKhr = divideRoundHalfUp(rest, note * SEN_PER_RIEL) * note
  if ((changeUsd > 0 || changeKhr > 0) && !cash) {
    throw new MoneyError(
      'change_without_cash',
      `Overpaid by ${over} sen with KHQR only: KHQR cannot give change, so take the exact amount or some cash.`,
      'tenders',
    )
  }
  const residualSen = rest - changeKhr * SEN_PER_RIEL
  return { dueSen, paidSen, settled: true, remainingSen: 0, stillDue: nothingDue, changeUsd, changeKhr, residualSen }
}
