import { isAbsolute, join } from 'node:path'
import type { BackupResult, BackupStatus } from '../../shared/views.ts'
import { PosError } from './errors.ts'
import { backupTo, listBackups, rotateBackups } from './ledger/backup.ts'
import type { Ledger } from './ledger/index.ts'
import type { RestoreOutcome } from './ledger/restore.ts'

export const BACKUP_DIRECTORY = 'backups'
const HOUR_MS = 3_600_000

/**
 * The terminal's backups: made on demand or by themselves every few hours (Settings `autoBackup`)
 * into the folder the manager picked (a USB stick) or the terminal's own, the newest few kept. A
 * backup that cannot be written (the stick unplugged) is recorded and told, and selling goes on.
 */
export class BackupSchedule {
  private readonly ledger: Ledger
  private readonly dataDirectory: string
  private timer: ReturnType<typeof setInterval> | undefined
  private running: Promise<BackupResult | null> | null = null
  private lastFailure: BackupStatus['lastFailure'] = null
  private readonly lastRestore: BackupStatus['lastRestore']

  constructor(ledger: Ledger, dataDirectory: string, restored: RestoreOutcome | null = null) {
    this.ledger = ledger
    this.dataDirectory = dataDirectory
    this.lastRestore = restored && {
      at: ledger.context.now(),
      from: restored.from,
      restored: restored.restored,
      reason: restored.restored ? null : restored.reason,
      reasonCode: restored.restored ? null : restored.reasonCode,
    }
  }

  folder(): string {
    const chosen = this.ledger.settings.get().autoBackup.folder
    if (chosen === '') return join(this.dataDirectory, BACKUP_DIRECTORY)
    if (!isAbsolute(chosen))
      throw new PosError('backup_folder_invalid', `The backup folder must be a full path (got "${chosen}").`)
    return chosen
  }

  status(): BackupStatus {
    const folder = this.folder()
    return { folder, backups: listBackups(folder), lastFailure: this.lastFailure, lastRestore: this.lastRestore }
  }

  /** A backup that may be restored: one listed in the backup folder or in the terminal's own. */
  listed(path: string): string {
    const folders = [this.folder(), join(this.dataDirectory, BACKUP_DIRECTORY)]
    if (!folders.some((folder) => listBackups(folder).some((backup) => backup.path === path)))
      throw new PosError('backup_missing', `${path} is not one of the backups in ${folders.join(' or ')}.`)
    return path
  }

  /** A backup now, then the old ones beyond the number kept are removed. */
  async backUp(): Promise<BackupResult> {
    const folder = this.folder()
    try {
      const made = await backupTo(this.ledger.context, folder)
      rotateBackups(folder, this.ledger.settings.get().autoBackup.keep)
      this.lastFailure = null
      return made
    } catch (error) {
      const now = this.ledger.context.now()
      const message = (error as Error).message
      this.lastFailure = { at: now, message }
      this.ledger.context.db.transaction(() =>
        this.ledger.context.journal.audit({ action: 'backup.failed', detail: { folder, message } }, now),
      )()
      throw error instanceof PosError
        ? error
        : new PosError('backup_failed', `The backup could not be written to ${folder}: ${message}`, { cause: error })
    }
  }

  /** Makes the automatic backup when the newest one is older than the settings ask; null when none was due. */
  runIfDue(): Promise<BackupResult | null> {
    this.running ??= (async () => {
      const { everyHours } = this.ledger.settings.get().autoBackup
      const newest = listBackups(this.folder())[0]
      if (newest && this.ledger.context.now() - newest.at < everyHours * HOUR_MS) return null
      return this.backUp()
    })()
      .catch(() => null)
      .finally(() => {
        this.running = null
      })
    return this.running
  }

  /** Looks every hour whether a backup is due. */
  start(): void {
    this.timer = setInterval(() => void this.runIfDue(), HOUR_MS)
    this.timer.unref?.()
  }

  close(): void {
    clearInterval(this.timer)
  }
}
