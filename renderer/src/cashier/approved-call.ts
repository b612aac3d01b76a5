import type { ApprovalArgs, ApprovalMethod, ApprovalRequest, PosResult } from '../../../shared/api.ts'
import type { Approval } from '../../../shared/views.ts'

/** The call a manager is asked to approve: this method with exactly these arguments. */
export function approvalRequest<M extends ApprovalMethod>(method: M, ...args: ApprovalArgs<M>): ApprovalRequest {
  return { method, args } as ApprovalRequest
}

/** Makes the call with the grant the manager's PIN bought for it (or with none, where the call may need none). */
export function callApproved(request: ApprovalRequest, approval: Approval | null): Promise<PosResult<unknown>> {
  const method = window.pos[request.method] as unknown as (...args: unknown[]) => Promise<PosResult<unknown>>
  return method(...request.args, approval)
}
