import type { ApprovalMethod, ApprovalRequest } from '../../shared/api.ts'
import type { Approval, ManagerConsent, SessionView, UserSummary } from '../../shared/views.ts'
import { ApprovalGrants, type ApprovedActor } from './approval-grants.ts'
import { PosError } from './errors.ts'
import type { Ledger } from './ledger/index.ts'

/**
 * The terminal's one session: who is signed in, and the approvals managers gave them. Every
 * action is attributed to the signed-in user; an approved one also to the manager whose grant it
 * spent.
 */
export class Session {
  private signedIn: UserSummary | null = null
  private readonly ledger: Ledger
  private readonly grants: ApprovalGrants

  constructor(ledger: Ledger) {
    this.ledger = ledger
    this.grants = new ApprovalGrants(ledger.context.now)
  }

  start(user: UserSummary): void {
    this.grants.clear()
    this.signedIn = user
  }

  /** Ends the session; returns who was signed in. */
  end(): UserSummary | null {
    const user = this.signedIn
    this.signedIn = null
    this.grants.clear()
    return user
  }

  user(): UserSummary {
    if (!this.signedIn) throw new PosError('signed_out', 'Sign in with your PIN first.')
    return this.signedIn
  }

  manager(): UserSummary {
    const current = this.user()
    if (current.role !== 'manager') throw new PosError('manager_only', 'Only a manager can do this.')
    return current
  }

  isManager(): boolean {
    return this.signedIn?.role === 'manager'
  }

  view(): SessionView | null {
    if (!this.signedIn) return null
    return { user: this.signedIn, shift: this.ledger.shifts.current(), terminal: { ...this.ledger.context.terminal } }
  }

  /** Checks the manager's PIN and grants the signed-in user this one call. */
  async grant(request: ApprovalRequest, consent: ManagerConsent): Promise<Approval> {
    const requester = this.user()
    const approver = await this.ledger.users.approve(consent, request.method)
    return this.grants.issue(request, this.subject(), {
      requesterId: requester.id,
      approverId: approver.id,
      reason: consent.reason,
    })
  }

  /** Spends `approval` on this call, or refuses it; the approver must still be an active manager. */
  approve(approval: Approval, method: ApprovalMethod, ...args: unknown[]): ApprovedActor {
    const actor = this.grants.spend(approval, this.user().id, { method, args, subject: this.subject() })
    const approver = this.ledger.users.get(actor.approverId)
    if (approver.role !== 'manager' || approver.locked)
      throw new PosError('approval_invalid', `${approver.name} can no longer approve; ask another manager.`)
    return actor
  }

  /** What an approval is bound to besides its call: the sale at the counter as it stands, and the shift. */
  private subject(): unknown {
    const sale = this.ledger.sales.current()
    return {
      shift: this.ledger.shifts.current()?.id ?? null,
      sale: sale && {
        id: sale.id,
        gross: sale.totals.grossTotal,
        total: sale.totals.total,
        tenders: sale.tenders.length,
      },
    }
  }

  /** Refuses a call that needs approval and has none, naming what the manager is asked for. */
  static approvalRequired(what: string): PosError {
    return new PosError('approval_required', `${what} needs a manager's approval.`)
  }
}
