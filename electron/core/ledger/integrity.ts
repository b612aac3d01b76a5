import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { PosError } from '../errors.ts'
import { restrictToOwner } from '../private-files.ts'
import { listBackups } from './backup.ts'

/** `PRAGMA integrity_check`: an empty list when the file is sound, else SQLite's findings. */
export function integrityProblems(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[]
    return rows.map((row) => row.integrity_check).filter((verdict) => verdict !== 'ok')
  } finally {
    db.close()
  }
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
try {
  const db = new Database(workerData.path, { readonly: true, fileMustExist: true })
  const rows = db.pragma('integrity_check')
  db.close()
  parentPort.postMessage({ problems: rows.map((row) => row.integrity_check).filter((verdict) => verdict !== 'ok') })
} catch (error) {
  parentPort.postMessage({ problems: [String(error && error.message || error)] })
}
`

/**
 * The full integrity check on a read-only connection in a worker thread. On a large journal it
 * takes seconds, so the till opens at once and this reports when done; WAL lets it read while
 * sales are written.
 */
export function integrityProblemsInBackground(path: string): Promise<string[]> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, driver } })
    worker.once('message', (message: { problems: string[] }) => resolve(message.problems))
    worker.once('error', (error) => resolve([`integrity check could not run: ${error.message}`]))
    worker.unref()
  })
}

/**
 * The recovery path for a damaged journal: the damaged file (with its WAL) is moved aside, never
 * deleted, and the newest backup that passes the integrity check is copied in its place. Returns
 * the backup used and where the damaged file went.
 */
export function restoreLatestBackup(
  databasePath: string,
  backupDirectory: string,
  now: number,
): { restoredFrom: string; damagedCopy: string } {
  const sound = listBackups(backupDirectory)
    .map((backup) => backup.path)
    .find((path) => {
      try {
        return integrityProblems(path).length === 0
      } catch {
        return false
      }
    })
  if (!sound)
    throw new PosError(
      'backup_missing',
      `No sound backup was found in ${backupDirectory}; keep the damaged file and contact support.`,
    )
  const damagedCopy = `${databasePath}.damaged-${now}`
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(databasePath + suffix)) renameSync(databasePath + suffix, damagedCopy + suffix)
  }
  copyFileSync(sound, databasePath)
  restrictToOwner(databasePath)
  rmSync(`${databasePath}-journal`, { force: true })
  return { restoredFrom: sound, damagedCopy }
}
