import { statSync } from 'node:fs'
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
