import { readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { BackupResult } from '../../../shared/views.ts'
import { makePrivateDirectory, preparePrivateFile } from '../private-files.ts'
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
  const path = join(directory, `pos-${stamp(now)}.sqlite3`)
  preparePrivateFile(path)
  await context.db.backup(path)
  context.db.transaction(() => context.journal.audit({ action: 'backup.created', detail: { path } }, now))()
  return { path, bytes: statSync(path).size, at: now }
}

const BACKUP_FILE = /^pos-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ)\.sqlite3$/

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
      // The time in the name is the ledger's clock when it was made (the file's mtime is the disk's).
      const stamped = (BACKUP_FILE.exec(name)?.[1] ?? '').replace(/T(\d\d)-(\d\d)-(\d\d)Z$/, 'T$1:$2:$3Z')
      return { path, bytes: statSync(path).size, at: Date.parse(stamped) }
    })
    .sort((a, b) => b.path.localeCompare(a.path))
}

/** Keeps the newest `keep` backups in `directory` and removes the older ones. */
export function rotateBackups(directory: string, keep: number): number {
  const old = listBackups(directory).slice(Math.max(1, keep))
  for (const backup of old) rmSync(backup.path, { force: true })
  return old.length
}
