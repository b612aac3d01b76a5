import { closeSync, openSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { BackupResult } from '../../../shared/views.ts'
import { makePrivateDirectory, PRIVATE_FILE_MODE, restrictToOwner } from '../private-files.ts'
import type { LedgerContext } from './context.ts'

function stamp(now: number): string {
  return new Date(now)
    .toISOString()
    .replaceAll(':', '-')
    .replace(/\.\d+Z$/, 'Z')
}

/**
 * A consistent copy of the live database with SQLite's online backup API: sales can go on while
 * it runs, and the copy is a complete database as of one moment.
 */
export async function backupTo(context: LedgerContext, directory: string): Promise<BackupResult> {
  makePrivateDirectory(directory)
  const now = context.now()
  const path = claimBackupName(directory, stamp(now))
  restrictToOwner(path)
  await context.db.backup(path)
  context.db.transaction(() => context.journal.audit({ action: 'backup.created', detail: { path } }, now))()
  return { path, bytes: statSync(path).size, at: now }
}

/**
 * A new file for a backup made at `stamped`, created here so no other backup can take its name:
 * two backups in the same second (the automatic one and a manager's) are `…Z` and `…Z-2`, never
 * one written over the other.
 */
function claimBackupName(directory: string, stamped: string): string {
  for (let sequence = 1; ; sequence++) {
    const path = join(directory, `pos-${stamped}${sequence === 1 ? '' : `-${sequence}`}.sqlite3`)
    try {
      closeSync(openSync(path, 'wx', PRIVATE_FILE_MODE))
      return path
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
}

const BACKUP_FILE = /^pos-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ)(?:-(\d+))?\.sqlite3$/

/** The backups in `directory`, newest first (none when the folder is missing, a USB stick unplugged). */
export function listBackups(directory: string): BackupResult[] {
  let names: string[]
  try {
    names = readdirSync(directory)
  } catch {
    return []
  }
  return names
    .filter((name) => BACKUP_FILE.test(name))
    .map((name) => {
      const path = join(directory, name)
      const [, stamped = '', sequence = '1'] = BACKUP_FILE.exec(name) ?? []
      // The time in the name is the ledger's clock when it was made (the file's mtime is the disk's).
      const at = Date.parse(stamped.replace(/T(\d\d)-(\d\d)-(\d\d)Z$/, 'T$1:$2:$3Z'))
      return { backup: { path, bytes: statSync(path).size, at }, sequence: Number(sequence) }
    })
    .sort((a, b) => b.backup.at - a.backup.at || b.sequence - a.sequence)
    .map((found) => found.backup)
}

/** Keeps the newest `keep` backups in `directory` and removes the older ones. */
export function rotateBackups(directory: string, keep: number): number {
  const old = listBackups(directory).slice(Math.max(1, keep))
  for (const backup of old) rmSync(backup.path, { force: true })
  return old.length
}
