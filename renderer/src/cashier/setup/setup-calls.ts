import type { ApprovalArgs, ApprovalMethod, PosResult } from '../../../../shared/api.ts'
import type { ManagerConsent } from '../../../../shared/views.ts'
import { approvalRequest, callApproved } from '../approved-call.ts'

/**
 * A call made during setup with a manager's consent turned into a grant for exactly that call: the
 * demo manager's (whose PIN the demo shows to everyone) until the owner exists, the owner's after.
 */
export async function withConsent<M extends ApprovalMethod>(
  consent: ManagerConsent,
  method: M,
  ...args: ApprovalArgs<M>
): Promise<PosResult<unknown>> {
  const request = approvalRequest(method, ...args)
  const grant = await window.pos.grantApproval(request, consent)
  if (!grant.ok) return grant
  return callApproved(request, grant.value)
}
