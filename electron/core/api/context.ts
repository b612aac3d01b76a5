import type { ApprovalMethod, PosEventName, PosEvents } from '../../../shared/api.ts'
import type { Approval, SyncStatus, UserSummary } from '../../../shared/views.ts'
import type { ApprovedActor } from '../approval-grants.ts'
import type { BackupSchedule } from '../backup-schedule.ts'
import type { CashierAuthority } from '../cashier-authority.ts'
import type { CounterScreens } from '../counter-screens.ts'
import type { Ledger } from '../ledger/index.ts'
import type { Online } from '../online.ts'
import type { SecretStore } from '../payments/secrets.ts'
import type { Printing } from '../printing/service.ts'
import type { Session } from '../session.ts'

/**
 * What every part of the API is built from: the ledger and the services around it, the one session
 * of the terminal, and the screens that follow the counter. `createPos` makes one; each capability's
 * module (people, catalog, sales, shifts and cash, printing, sync and payments, settings and
 * maintenance) answers its methods from it.
 */
export interface ApiContext {
  ledger: Ledger
  session: Session
  authority: CashierAuthority
  printing: Printing
  online: Online
  secrets: SecretStore
  screens: CounterScreens
  backups: BackupSchedule
  dataDirectory: string
  app: { name: string; version: string; databasePath: string; sqliteVersion: string }
  integrity: { state: 'checking' | 'ok' | 'failed'; problems: string[] }
  emit<E extends PosEventName>(name: E, payload: PosEvents[E]): void
  syncStatus(): SyncStatus
  /** The signed-in person, or `not_signed_in`. */
  user(): UserSummary
  /** The signed-in person if a manager, else `manager_required`. */
  manager(): UserSummary
  /** Spends the grant for exactly this call and names who asked and who approved. */
  approve(approval: Approval, method: ApprovalMethod, ...args: unknown[]): ApprovedActor
  /** An audit entry for a change outside the ledger's own tables (sync, tokens), in its own transaction. */
  auditSetting(action: string, detail: Record<string, unknown>, actor: ApprovedActor): void
  /** Restarts the terminal (main relaunches the app); a requested restore is carried out at the start. */
  restart(): void
}
