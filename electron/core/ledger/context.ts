import type { SqliteDatabase } from './database.ts'
import type { Journal } from './journal.ts'

/** What every part of the ledger shares: the database, the journals, the clock and the terminal. */
export interface LedgerContext {
  db: SqliteDatabase
  journal: Journal
  now: () => number
  terminal: { id: string; label: string }
}
