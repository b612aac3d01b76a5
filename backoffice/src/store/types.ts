/** What a query parameter may be: every id, hash and JSON text is a string, every amount and time an integer. */
export type SqlValue = string | number | null

/**
 * The one way the back office talks to its database. SQL is written once with `?` placeholders
 * in the subset both SQLite and PostgreSQL understand; the PostgreSQL store renumbers them.
 * Integers come back as JS numbers on both (PostgreSQL's bigint is parsed, never left a string).
 */
export interface SqlRunner {
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
