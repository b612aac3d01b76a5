import { offsetMinutes } from '../../../shared/shop-time.ts'
import { Catalog } from './catalog.ts'
import type { LedgerContext } from './context.ts'
import { openDatabase } from './database.ts'
import { seedDemo } from './demo.ts'
import { Journal } from './journal.ts'
import { migrate } from './migrations/index.ts'
import { ReportFacts } from './report-facts.ts'
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
  /** The owner's report tables, kept as documents are paid and voided. */
  reportFacts: ReportFacts
  /** Copies the WAL back into the database just after the current work, off the commit path. */
  checkpointWhenIdle(): void
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
    const reportFacts = new ReportFacts(db)
    // A database from before the reports (or written in bulk) gets them built once.
    if (reportFacts.missing()) reportFacts.rebuild(offsetMinutes(now(), settings.get().timeZone))
    let checkpointPending = false
    return {
      context,
      settings,
      users: new Users(context),
      catalog,
      shifts,
      sales: new Sales(context, catalog, settings, shifts, reportFacts),
      reportFacts,
      checkpointWhenIdle: () => {
        if (checkpointPending) return
        checkpointPending = true
        setImmediate(() => {
          checkpointPending = false
          if (db.open) db.pragma('wal_checkpoint(PASSIVE)')
        })
      },
      close: () => db.close(),
    }
  } catch (error) {
    db.close()
    throw error
  }
}
