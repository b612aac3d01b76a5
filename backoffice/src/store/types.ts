/** What a query parameter may be: every id, hash and JSON text is a string, every amount and time an integer. */
export type SqlValue = string | number | null

/**
 * The one way the back office talks to its database. SQL is written once with `?` placeholders
 * in the subset both SQLite and PostgreSQL understand; the PostgreSQL store renumbers them.
 * Integers come back as JS numbers on both (PostgreSQL's bigint is parsed, never left a string).
 */
/** A column of a literal table: its name and its SQL type (ids and texts are text, integers bigint). */
export type RowsColumn = readonly [name: string, type: 'text' | 'bigint']

export interface SqlRunner {
  /**
   * Literal rows as a parenthesised subquery with named columns, for set-based statements such as
   * `INSERT INTO t (…) SELECT … FROM ${table.sql} AS r`: on PostgreSQL one array parameter per
   * column through `unnest` (the same text for any row count, so a few parameters whatever the
   * batch), on SQLite `VALUES` rows. Rows come out in the order given.
   */
  rowsTable(columns: readonly RowsColumn[], rows: readonly (readonly SqlValue[])[]): { sql: string; params: SqlValue[] }
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>
}

export interface BackofficeStore extends SqlRunner {
  readonly dialect: 'sqlite' | 'postgres'
  /** `SELECT … FOR UPDATE` on PostgreSQL; empty on SQLite, where a write transaction already excludes every other. */
  readonly forUpdate: string
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>
  close(): Promise<void>
}
