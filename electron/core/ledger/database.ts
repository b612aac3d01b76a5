import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { PosError } from '../errors.ts'
import { makePrivateDirectory, preparePrivateFile } from '../private-files.ts'
import { reusePreparedStatements } from './reused-statements.ts'

export type SqliteDatabase = Database.Database

/**
 * Opens the sales journal: WAL so readers never block the till, synchronous=FULL so a committed
 * sale survives a power cut, foreign keys enforced. Reading the schema proves the file is a
 * database before anything is written; a file that is not is left untouched and reported. The
 * full integrity check reads every page, so it runs in the background (integrity.ts).
 */
export function openDatabase(path: string): SqliteDatabase {
  let database: SqliteDatabase
  try {
    if (path !== ':memory:') {
      makePrivateDirectory(dirname(path))
      preparePrivateFile(path)
    }
    database = new Database(path)
  } catch (error) {
    throw new PosError(
      'database_unavailable',
      `Cannot open the sales database at ${path}: ${(error as Error).message}`,
      {
        cause: error,
      },
    )
  }
  try {
    database.pragma('journal_mode = WAL')
    database.pragma('synchronous = FULL')
    database.pragma('foreign_keys = ON')
    database.pragma('busy_timeout = 5000')
    // SQLite's automatic checkpoint would run inside whichever sale commit crosses the threshold
    // (1 000 pages: about 2 % of sales); the ledger checkpoints when idle instead (checkpointWhenIdle).
    // This larger threshold is only the safety net.
    database.pragma('wal_autocheckpoint = 10000')
    database.prepare('SELECT count(*) FROM sqlite_schema').get()
    reusePreparedStatements(database)
  } catch (error) {
    database.close()
    if (error instanceof PosError) throw error
    throw new PosError(
      'database_corrupt',
      `The file at ${path} is not a usable sales database: ${(error as Error).message}`,
      {
        cause: error,
      },
    )
  }
  return database
}
