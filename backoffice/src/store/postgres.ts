import pg from 'pg'
import { migrate } from './migrate.ts'
import type { BackofficeStore, RowsColumn, SqlRunner, SqlValue } from './types.ts'

const INT8 = 20
const NUMERIC = 1700

/** bigint and numeric (sums) come back as JS numbers: every value here is an integer well inside 2^53. */
function parseInteger(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new Error(`An integer from PostgreSQL is out of range: ${text}`)
  return value
}

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC
      ? parseInteger
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/** `?` placeholders as `$1, $2, …` (the shared SQL never has a `?` inside a literal). */
function numbered(sql: string): string {
  let index = 0
  return sql.replace(/\?/g, () => `$${++index}`)
}

const ARRAY_ESCAPES = /[\\"]/g

/** A PostgreSQL array literal of one column's values (`{"a","b",NULL}`, `{1,2}`), sent as one text parameter. */
function arrayLiteral(values: readonly SqlValue[]): string {
  let literal = '{'
  for (let index = 0; index < values.length; index++) {
    const value = values[index]
    if (index > 0) literal += ','
    if (value === null || value === undefined) literal += 'NULL'
    else if (typeof value === 'number') literal += String(value)
    else literal += `"${value.replace(ARRAY_ESCAPES, '\\$&')}"`
  }
  return `${literal}}`
}

/** Rows as `unnest` of one array per column: the statement's text and parameter count do not depend on the row count. */
function rowsTable(
  columns: readonly RowsColumn[],
  rows: readonly (readonly SqlValue[])[],
): { sql: string; params: SqlValue[] } {
  const params = columns.map((_, index) => arrayLiteral(rows.map((row) => row[index] ?? null)))
  const arrays = columns.map(([, type]) => `?::${type}[]`).join(', ')
  const names = columns.map(([name]) => name).join(', ')
  return { sql: `(SELECT * FROM unnest(${arrays}) AS u(${names}))`, params }
}

function runnerOf(client: pg.Pool | pg.PoolClient): SqlRunner {
  return {
    rowsTable,
    all: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      (await client.query(numbered(sql), params as SqlValue[])).rows as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      (await client.query(numbered(sql), params as SqlValue[])).rows[0] as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) => ({
      changes: (await client.query(numbered(sql), params as SqlValue[])).rowCount ?? 0,
    }),
  }
}

/**
 * The many-stores store: PostgreSQL through a pool. A transaction holds one client from BEGIN to
 * COMMIT; concurrent pushes of one terminal are serialised by `SELECT … FOR UPDATE` on its row.
 * `schema` puts every table in a schema of its own (tests use one per test).
 */
export async function openPostgresStore(options: {
  connectionString: string
  schema?: string
  max?: number
}): Promise<BackofficeStore> {
  const schema = options.schema
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Bad schema name: ${schema}`)
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    types,
    options: schema ? `-c search_path=${schema}` : undefined,
  })
  pool.on('error', () => {
    // An idle client lost its connection (server restart); the pool replaces it on the next query.
  })
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)

  async function transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await pool.connect()
    let broken = false
    try {
      await client.query('BEGIN')
      const result = await work(runnerOf(client))
      await client.query('COMMIT')
      return result
    } catch (error) {
      try {
        await client.query('ROLLBACK')
      } catch {
        broken = true
      }
      throw error
    } finally {
      client.release(broken)
    }
  }

  await transaction(async (tx) => {
    // One migrator at a time, even with several back-office processes starting together.
    await tx.run('SELECT pg_advisory_xact_lock(7265431)')
    const client = tx
    await migrate(
      client,
      'postgres',
      async (sql) => {
        await client.run(sql)
      },
      Date.now(),
    )
  })

  const poolRunner = runnerOf(pool)
  return {
    dialect: 'postgres',
    forUpdate: ' FOR UPDATE',
    ...poolRunner,
    transaction,
    close: () => pool.end(),
  }
}
