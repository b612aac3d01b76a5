import { randomBytes } from 'node:crypto'
import type { ApprovalMethod, ApprovalRequest } from '../../shared/api.ts'
import { canonicalJson } from '../../shared/canonical-json.ts'
import type { Approval } from '../../shared/views.ts'
import { PosError } from './errors.ts'

/** How long a manager's approval waits for the call it was given for. */
export const GRANT_LIFETIME_MS = 2 * 60_000

interface Grant {
  call: string
  requesterId: string
  approverId: string
  reason: string
  expiresAt: number
}

/** Who did it, who approved it and why: what the ledger records with an approved action. */
export interface ApprovedActor {
  userId: string
  approverId: string
  reason: string
}

/** The call and what it acts on (the sale at the counter as it stands, the shift): a grant fits only that. */
function callOf(method: ApprovalMethod, args: readonly unknown[], subject: unknown): string {
  return canonicalJson({ method, args: args.map((arg) => arg ?? null), subject: subject ?? null })
}

/**
 * Approvals as single-use grants (docs/security.md §3): a manager's PIN buys one grant for one
 * call (the method, its exact arguments and the sale or shift it acts on, as they stand) by the
 * user who asked. A grant is spent by the first
 * call that presents it, whether that call matches or not, so a grant seen once cannot be used
 * again or for something else; it runs out after GRANT_LIFETIME_MS and when the user signs out.
 * Grants live in memory only: a restart asks the manager again.
 */
export class ApprovalGrants {
  private readonly grants = new Map<string, Grant>()
  private readonly now: () => number

  constructor(now: () => number) {
    this.now = now
  }

  issue(
    request: ApprovalRequest,
    subject: unknown,
    requester: { requesterId: string; approverId: string; reason: string },
  ): Approval {
    this.dropExpired()
    const grantId = randomBytes(16).toString('hex')
    this.grants.set(grantId, {
      call: callOf(request.method, request.args, subject),
      ...requester,
      expiresAt: this.now() + GRANT_LIFETIME_MS,
    })
    return { grantId }
  }

  /** Spends `approval` on this call by `requesterId`, or refuses it with the reason. */
  spend(
    approval: Approval,
    requesterId: string,
    call: { method: ApprovalMethod; args: readonly unknown[]; subject: unknown },
  ): ApprovedActor {
    const grant = this.grants.get(approval.grantId)
    this.grants.delete(approval.grantId)
    if (!grant || grant.expiresAt <= this.now())
      throw new PosError('approval_invalid', 'That approval was used already or has run out; ask the manager again.')
    if (grant.requesterId !== requesterId)
      throw new PosError('approval_invalid', 'That approval was given to someone else; ask the manager again.')
    if (grant.call !== callOf(call.method, call.args, call.subject))
      throw new PosError('approval_invalid', 'That approval was given for something else; ask the manager again.')
    return { userId: requesterId, approverId: grant.approverId, reason: grant.reason }
  }

  clear(): void {
    this.grants.clear()
  }

  private dropExpired(): void {
    const now = this.now()
    for (const [id, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(id)
  }
}
