import { Catalog } from './catalog.ts'
import type { LedgerContext } from './context.ts'
import { openDatabase } from './database.ts'
import { seedDemo } from './demo.ts'
import { Journal } from './journal.ts'
import { migrate } from './migrations/index.ts'
import { Sales } from './sales.ts'
import { SettingsStore } from './settings.ts'
import { Shifts } from './shifts.ts'
import { ensureTerminal } from './terminal.ts'
import { Users } from './users.ts'

export interface Ledger {
  context: LedgerContext
  settings: SettingsStore
  users: Users
  catalog: Catalog
  shifts: Shifts
  sales: Sales
  close(): void
}

/**
 * Opens (or creates) the sales journal at `path`: checks it, brings the schema up to date, makes
 * the terminal's identity on the first run and seeds the demo shop into an empty database.
 */
export async function openLedger(path: string, now: () => number = Date.now): Promise<Ledger> {
  const db = openDatabase(path)
  try {
    migrate(db)
    const terminal = ensureTerminal(db, now())
    const context: LedgerContext = { db, now, terminal, journal: new Journal(db, () => terminal.id) }
    await seedDemo(context)
    const settings = new SettingsStore(context)
    const catalog = new Catalog(context)
    const shifts = new Shifts(context)
    return {
      context,
      settings,
      users: new Users(context),
      catalog,
      shifts,
      sales: new Sales(context, catalog, settings, shifts),
      close: () => db.close(),
    }
  } catch (error) {
    db.close()
    throw error
  }
}
