import type { PosApi } from '../../../shared/api.ts'
import type { SessionView } from '../../../shared/views.ts'
import { PosError } from '../errors.ts'
import { RecoveryCode } from '../ledger/recovery-code.ts'
import { previewApproval } from './approval-preview.ts'
import type { ApiContext } from './context.ts'

type PeopleApi = Pick<
  PosApi,
  | 'listUsers'
  | 'signIn'
  | 'signOut'
  | 'getSession'
  | 'grantApproval'
  | 'previewApproval'
  | 'unlockWithRecoveryCode'
  | 'createRecoveryCode'
  | 'createUser'
  | 'unlockUser'
  | 'changePin'
  | 'changeOwnPin'
  | 'deactivateUser'
>

/** Signing in and out, approvals, and the people of the shop. */
export function peopleApi(ctx: ApiContext): PeopleApi {
  const { ledger, session } = ctx
  const { db, journal, now } = ledger.context
  const recovery = new RecoveryCode(ledger.context, ledger.users.guard)
  const auditSession = (userId: string, action: string) =>
    db.transaction(() => journal.audit({ userId, action, objectType: 'user', objectId: userId }, now()))()
  return {
    listUsers: async () => ledger.users.list(),
    signIn: async (userId, pin) => {
      session.start(await ledger.users.verifyPin(userId, pin, 'sign-in'))
      auditSession(userId, 'user.signed_in')
      return session.view() as SessionView
    },
    signOut: async () => {
      const user = session.end()
      if (user) auditSession(user.id, 'user.signed_out')
    },
    getSession: async () => session.view(),
    grantApproval: async (request, consent) => session.grant(request, consent),
    previewApproval: async (request) => {
      ctx.user()
      return previewApproval(ctx.ledger, request)
    },
    unlockWithRecoveryCode: async (managerId, code) => {
      await recovery.unlockManager(ledger.users.get(managerId), code)
      return ledger.users.get(managerId)
    },
    createRecoveryCode: async (approval) => ({
      code: await recovery.create(session.approve(approval, 'createRecoveryCode')),
    }),
    createUser: async (input, approval) => ledger.users.create(input, session.approve(approval, 'createUser', input)),
    unlockUser: async (userId, approval) =>
      ledger.users.unlock(userId, session.approve(approval, 'unlockUser', userId)),
    changePin: async (userId, pin, approval) =>
      ledger.users.changePin(userId, pin, session.approve(approval, 'changePin', userId, pin)),
    changeOwnPin: async (currentPin, newPin) => {
      const me = session.user()
      await ledger.users.verifyPin(me.id, currentPin, 'change own PIN')
      await ledger.users.changePin(me.id, newPin, { userId: me.id, approverId: me.id, reason: 'changed their own PIN' })
    },
    deactivateUser: async (userId, approval) => {
      const actor = session.approve(approval, 'deactivateUser', userId)
      if (userId === session.user().id)
        throw new PosError('user_self', 'Nobody takes themselves off the staff; another manager does.')
      ledger.users.deactivate(userId, actor)
    },
  }
}
