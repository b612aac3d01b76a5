import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { migrate } from './migrate.ts'
import { createSerialQueue } from './serial-queue.ts'
import type { BackofficeStore, RowsColumn, SqlRunner, SqlValue } from './types.ts'

/** Rows as `VALUES`, renamed from SQLite's column1, column2, … to the given names. */
function rowsTable(
  columns: readonly RowsColumn[],
  rows: readonly (readonly SqlValue[])[],
): { sql: string; params: SqlValue[] } {
  const names = columns.map(([name], index) => `column${index + 1} AS ${name}`).join(', ')
  const row = `(${columns.map(() => '?').join(', ')})`
  const params: SqlValue[] = []
  for (const values of rows) for (let index = 0; index < columns.length; index++) params.push(values[index] ?? null)
  return { sql: `(SELECT ${names} FROM (VALUES ${rows.map(() => row).join(', ')}))`, params }
}

/**
 * The one-shop store: a SQLite file in WAL mode with synchronous=FULL, so an acknowledged batch
 * survives a power cut. better-sqlite3 is synchronous and has one connection, so every operation
 * goes through one queue: a transaction's awaits can never let another request see its writes.
 */
export async function openSqliteStore(path: string): Promise<BackofficeStore> {
  if (path !== ':memory:') {
    // The file holds the back office's TLS and signing keys: owner-only, as SQLite's -wal and -shm follow it.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
    closeSync(openSync(path, 'a', 0o600))
    chmodSync(path, 0o600)
  }
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  const statements = new Map<string, Database.Statement>()
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql)
    if (!statement) {
      statement = db.prepare(sql)
      statements.set(sql, statement)
    }
    return statement
  }
  const runner: SqlRunner = {
    rowsTable,
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) => prepare(sql).get(...params) as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) => ({ changes: prepare(sql).run(...params).changes }),
  }
  const serially = createSerialQueue()
  let closed = false

  async function transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return serially(async () => {
      if (closed) throw new Error('The back-office store is closed.')
      db.exec('BEGIN IMMEDIATE')
      try {
        const result = await work(runner)
        db.exec('COMMIT')
        return result
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK')
        throw error
      }
    })
  }

  await transaction((tx) =>
    migrate(
      tx,
      'sqlite',
      async (sql) => {
        db.exec(sql)
      },
      Date.now(),
    ),
  )

  return {
    dialect: 'sqlite',
    forUpdate: '',
    rowsTable,
    all: (sql, params) => serially(() => runner.all(sql, params)),
    get: (sql, params) => serially(() => runner.get(sql, params)),
    run: (sql, params) => serially(() => runner.run(sql, params)),
    transaction,
    close: () =>
      serially(async () => {
        if (closed) return
        closed = true
        db.close()
      }),
  }
}
