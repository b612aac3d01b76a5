import type { Currency } from '../../shared/money/index.ts'
import type { Approval, SaleView } from '../../shared/views.ts'
import type { ApprovedActor } from './approval-grants.ts'
import { PosError } from './errors.ts'
import type { Ledger } from './ledger/index.ts'
import { Session } from './session.ts'

/** The share of the sale's gross that its discounts take off, in basis points, rounded up. */
export function discountShareBasisPoints(sale: SaleView): number {
  const { grossTotal, discountTotal } = sale.totals
  return grossTotal <= 0 ? 0 : Math.ceil((discountTotal * 10_000) / grossTotal)
}

const percent = (basisPoints: number) => `${basisPoints / 100} %`

/**
 * What a cashier may do alone and what needs a manager (Settings.cashierLimits, docs/security.md §3):
 * a discount beyond the limit, a cash out above it, and goods given for nothing. Managers are not
 * limited, except that nobody gives goods away or takes more cash out than the drawer holds without
 * a trace. Each check happens in the engine, so a cashier at DevTools meets the same rule as one at
 * the screen.
 */
export class CashierAuthority {
  private readonly ledger: Ledger
  private readonly session: Session
  /** The discount share a manager approved for each sale; a cashier may go down from it, not up. */
  private readonly approvedShare = new Map<string, number>()

  constructor(ledger: Ledger, session: Session) {
    this.ledger = ledger
    this.session = session
  }

  /**
   * Applies a discount change and keeps it only if it stays within the cashier's limit or was
   * approved for exactly this call; otherwise it is rolled back and approval is asked for.
   */
  discount(
    method: 'setLineDiscount' | 'setSaleDiscount',
    args: unknown[],
    approval: Approval | null,
    apply: (userId: string) => SaleView,
  ): SaleView {
    const actor = approval ? this.session.approve(approval, method, ...args) : null
    const { db, journal, now } = this.ledger.context
    return db.transaction(() => {
      const sale = apply(this.session.user().id)
      const share = discountShareBasisPoints(sale)
      if (actor) {
        this.approvedShare.set(sale.id, share)
        journal.audit(
          {
            userId: actor.userId,
            approverId: actor.approverId,
            action: 'sale.discount_approved',
            objectType: 'sale',
            objectId: sale.id,
            detail: { share_bp: share, reason: actor.reason },
          },
          now(),
        )
      } else if (this.overLimit(sale))
        throw Session.approvalRequired(
          `A discount of ${percent(share)} of the sale (a cashier may give ${percent(this.limits().discountBasisPoints)})`,
        )
      return sale
    })()
  }

  /**
   * Before money is taken: a discount that grew past the limit since it was set (an amount off a
   * sale whose lines were then removed) must be approved first.
   */
  assertPayable(): void {
    const sale = this.ledger.sales.current()
    if (sale && this.overLimit(sale))
      throw new PosError(
        'discount_needs_approval',
        `The discounts now take ${percent(discountShareBasisPoints(sale))} off the sale, more than a cashier may give; set the discount again for a manager to approve.`,
      )
  }

  /** Goods leave for nothing only with a manager's approval of this sale. */
  completeWithoutPayment(approval: Approval | null): SaleView {
    const sale = this.ledger.sales.current()
    const free = sale?.payment.settled && sale.totals.grossTotal > 0
    if (free && !approval) throw Session.approvalRequired('Giving the goods for nothing')
    const actor = approval ? this.session.approve(approval, 'completeWithoutPayment') : null
    if (!actor) return this.ledger.sales.completeWithoutPayment(this.session.user().id)
    const { db, journal, now } = this.ledger.context
    return db.transaction(() => {
      const completed = this.ledger.sales.completeWithoutPayment(actor.userId)
      journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: 'sale.completed_without_payment',
          objectType: 'sale',
          objectId: completed.id,
          detail: { gross: completed.totals.grossTotal, reason: actor.reason },
        },
        now(),
      )
      return completed
    })()
  }

  /** A cash out above the cashier's limit is approved for exactly this amount; none is more than the drawer holds. */
  moveCash(
    move: { direction: 'in' | 'out'; currency: Currency; amount: number; reason: string },
    approval: Approval | null,
  ): void {
    const actor: ApprovedActor | null = approval ? this.session.approve(approval, 'moveCash', move) : null
    const limits = this.limits()
    const limit = move.currency === 'USD' ? limits.cashOutUsd : limits.cashOutKhr
    if (move.direction === 'out' && !actor && !this.session.isManager() && move.amount > limit)
      throw Session.approvalRequired('A cash out above the cashier’s limit')
    this.ledger.shifts.moveCash(move, this.session.user().id, actor?.approverId ?? null)
  }

  private overLimit(sale: SaleView): boolean {
    if (this.session.isManager()) return false
    const share = discountShareBasisPoints(sale)
    return share > this.limits().discountBasisPoints && share > (this.approvedShare.get(sale.id) ?? -1)
  }

  private limits() {
    return this.ledger.settings.get().cashierLimits
  }
}
