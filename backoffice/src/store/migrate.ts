import { migrations } from './schema.ts'
import type { SqlRunner } from './types.ts'

/** Applies the migrations not yet recorded in schema_migrations, each in the caller's transaction. */
export async function migrate(
  tx: SqlRunner,
  dialect: 'sqlite' | 'postgres',
  exec: (sql: string) => Promise<void>,
  now: number,
): Promise<void> {
  await exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
  )
  const applied = new Set(
    (await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => Number(row.version)),
  )
  for (const migration of migrations(dialect)) {
    if (applied.has(migration.version)) continue
    await exec(migration.sql)
    await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
      migration.version,
      migration.name,
      now,
    ])
  }
}
