import { dirname, join } from 'node:path'
import type { CoreApi } from '../core-api.ts'
import { PosError } from '../errors.ts'
import type { KhqrIssues } from '../payments/issues.ts'
import { assertSecretsCanBeKept, BAKONG_TOKEN_SECRET, bakongTokenStatus } from '../payments/secrets.ts'
import { makePrivateDirectory } from '../private-files.ts'
import { SyncAuthError } from '../sync/auth.ts'
import { BackofficeAddressError, parseBackofficeAddress } from '../sync/backoffice-address.ts'
import { PinMismatchError } from '../sync/pinned-http.ts'
import { TransportError } from '../sync/transport.ts'
import type { ApiContext } from './context.ts'

export const EXPORT_DIRECTORY = 'exports'

type SyncApi = Pick<
  CoreApi,
  | 'getSyncStatus'
  | 'syncNow'
  | 'enrollTerminal'
  | 'unenrollTerminal'
  | 'listQuarantinedEvents'
  | 'exportPendingEvents'
  | 'getBakongTokenStatus'
  | 'setBakongToken'
  | 'getKhqrStatus'
  | 'listKhqrIssues'
  | 'resolveKhqrIssue'
  | 'recheckKhqr'
>

/** An enrolment that failed, as the cashier's screen can tell it. */
function syncFailure(error: unknown): PosError {
  if (error instanceof BackofficeAddressError) return new PosError(error.code, error.message)
  if (error instanceof TransportError && error.cause instanceof PinMismatchError)
    return new PosError('backoffice_certificate_mismatch', error.cause.message)
  if (error instanceof TransportError)
    return new PosError('backoffice_unreachable', `The back office could not be reached (${error.message}).`)
  if (error instanceof SyncAuthError)
    return new PosError(
      error.errorClass === 'revoked' ? 'enrolment_refused' : 'backoffice_unreachable',
      `The back office refused the enrolment: ${error.message}`,
    )
  return error instanceof PosError ? error : new PosError('backoffice_unreachable', (error as Error).message)
}

/** The back office (pairing, sync, the unsent events' export) and payments (the Bakong token, KHQR checks and issues). */
export function syncApi(ctx: ApiContext, khqrIssues: KhqrIssues): SyncApi {
  const { ledger, online, secrets } = ctx
  return {
    getSyncStatus: async () => ctx.syncStatus(),
    syncNow: async () => {
      ctx.user()
      online.networkChanged(true)
      return ctx.syncStatus()
    },
    enrollTerminal: async (backofficeUrl, code, approval) => {
      const actor = ctx.approve(approval, 'enrollTerminal', backofficeUrl, code)
      try {
        parseBackofficeAddress(backofficeUrl)
      } catch (error) {
        throw syncFailure(error)
      }
      assertSecretsCanBeKept(secrets)
      await online.sync.enroll(backofficeUrl, code).catch((error: unknown) => {
        throw syncFailure(error)
      })
      void online.pullCatalog()
      ctx.auditSetting('sync.enrolled', { backoffice_url: backofficeUrl }, actor)
      return ctx.syncStatus()
    },
    unenrollTerminal: async (approval) => {
      const actor = ctx.approve(approval, 'unenrollTerminal')
      online.sync.assertNoUnsyncedLoss('disconnect from the back office')
      online.sync.unenroll()
      ctx.auditSetting('sync.unenrolled', {}, actor)
      return ctx.syncStatus()
    },
    listQuarantinedEvents: async () => {
      ctx.manager()
      return online.sync.listQuarantined()
    },
    exportPendingEvents: async (approval) => {
      const actor = ctx.approve(approval, 'exportPendingEvents')
      const at = ledger.context.now()
      const path = join(ctx.dataDirectory, EXPORT_DIRECTORY, `unsent-${ledger.context.terminal.label}-${at}.json`)
      makePrivateDirectory(dirname(path))
      const result = online.sync.exportPending(path)
      ctx.auditSetting('sync.exported', { path, events: result.events }, actor)
      return { path: result.path, events: result.events, bytes: result.bytes }
    },
    getBakongTokenStatus: async () => {
      ctx.manager()
      return bakongTokenStatus(secrets)
    },
    setBakongToken: async (token, approval) => {
      const actor = ctx.approve(approval, 'setBakongToken', token)
      if (token !== null) assertSecretsCanBeKept(secrets)
      secrets.set(BAKONG_TOKEN_SECRET, token)
      const status = bakongTokenStatus(secrets)
      ctx.auditSetting('bakong.token_set', { set: status.set, expires_at: status.expiresAt }, actor)
      return status
    },
    getKhqrStatus: async () => {
      ctx.user()
      const sale = ledger.sales.current()
      return sale ? online.payments.status(sale.id) : null
    },
    listKhqrIssues: async (unresolvedOnly) => {
      ctx.manager()
      return khqrIssues.list({ unresolvedOnly })
    },
    resolveKhqrIssue: async (issueId, approval) =>
      khqrIssues.resolve(issueId, ctx.approve(approval, 'resolveKhqrIssue', issueId)),
    recheckKhqr: async () => {
      ctx.user()
      return online.payments.recheckUnverified()
    },
  }
}
