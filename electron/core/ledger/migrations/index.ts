import { PosError } from '../../errors.ts'
import type { SqliteDatabase } from '../database.ts'
import { LEDGER_V1 } from './001-ledger.ts'
import { PRINTING_V2 } from './002-printing.ts'
import { KHQR_INDEX_V3 } from './003-khqr-index.ts'
import { SYNC_V4 } from './004-sync.ts'
import { PAYMENTS_V5 } from './005-payments.ts'
import { CATALOG_PULL_V6 } from './006-catalog-pull.ts'
import { AUTHORITY_V7 } from './007-authority.ts'
import { OWNER_COMMANDS_V8 } from './008-owner-commands.ts'
import { SOLD_BY_WEIGHT_V9 } from './009-sold-by-weight.ts'
import { DEMO_RETIRED_V10 } from './010-demo-retired.ts'
import { TAX_INVOICES_V11 } from './011-tax-invoices.ts'
import { PUBLIC_LIGHTING_TAX_V12 } from './012-public-lighting-tax.ts'
import { PRINTER_PICTURES_V13 } from './013-printer-pictures.ts'
import { REPORT_FACTS_V14 } from './014-report-facts.ts'
import { HAND_CONFIRMED_INDEX_V15 } from './015-hand-confirmed-index.ts'

interface Migration {
  version: number
  name: string
  sql: string
}

/** Numbered and append-only: a released migration is never edited, a change is a new number. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'ledger', sql: LEDGER_V1 },
  { version: 2, name: 'printing', sql: PRINTING_V2 },
  { version: 3, name: 'khqr index', sql: KHQR_INDEX_V3 },
  { version: 4, name: 'sync', sql: SYNC_V4 },
  { version: 5, name: 'payments', sql: PAYMENTS_V5 },
  { version: 6, name: 'catalog pull', sql: CATALOG_PULL_V6 },
  { version: 7, name: 'authority', sql: AUTHORITY_V7 },
  { version: 8, name: 'owner commands', sql: OWNER_COMMANDS_V8 },
  { version: 9, name: 'sold by weight', sql: SOLD_BY_WEIGHT_V9 },
  { version: 10, name: 'demo retired', sql: DEMO_RETIRED_V10 },
  { version: 11, name: 'tax invoices', sql: TAX_INVOICES_V11 },
  { version: 12, name: 'public lighting tax', sql: PUBLIC_LIGHTING_TAX_V12 },
  { version: 13, name: 'printer pictures', sql: PRINTER_PICTURES_V13 },
  { version: 14, name: 'report facts', sql: REPORT_FACTS_V14 },
  { version: 15, name: 'hand-confirmed payments index', sql: HAND_CONFIRMED_INDEX_V15 },
]

export const SCHEMA_VERSION = MIGRATIONS.length

/**
 * Brings the schema up to SCHEMA_VERSION, each step in its own transaction with `user_version`
 * so a crash mid-upgrade leaves the previous version intact. A database written by a newer app is
 * refused rather than misread.
 */
export function migrate(database: SqliteDatabase): number {
  const current = database.pragma('user_version', { simple: true }) as number
  if (current > SCHEMA_VERSION) {
    throw new PosError(
      'database_too_new',
      `The sales database is at schema version ${current}, newer than this app understands (${SCHEMA_VERSION}). Install the newer app version again; the data has not been touched.`,
    )
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue
    database
      .transaction(() => {
        database.exec(migration.sql)
        database.pragma(`user_version = ${migration.version}`)
      })
      .immediate()
  }
  return current
}
