import { join } from 'node:path'
import { openPostgresStore } from './postgres.ts'
import { openSqliteStore } from './sqlite.ts'
import type { BackofficeStore } from './types.ts'

export type { BackofficeStore, RowsColumn, SqlRunner, SqlValue } from './types.ts'
export { openPostgresStore, openSqliteStore }

/** PostgreSQL when a URL is given (DATABASE_URL), else a SQLite file in the data directory. */
export function openStore(options: { databaseUrl?: string; dataDirectory: string }): Promise<BackofficeStore> {
  if (options.databaseUrl) return openPostgresStore({ connectionString: options.databaseUrl })
  return openSqliteStore(join(options.dataDirectory, 'backoffice.sqlite'))
}
