import type Database from 'better-sqlite3'

/** SQL built from values (a list's length) must not grow the map for as long as the till runs. */
const MOST_SHARED = 1000

/** The statement's methods that change it for whoever runs it next. */
const CHANGES = ['pluck', 'raw', 'expand', 'safeIntegers', 'bind'] as const

/**
 * Makes `db.prepare` hand back the statement already compiled for the same SQL text. The ledger
 * asks for most statements where it runs them (every sale runs dozens), and compiling one costs
 * more than running it.
 *
 * A shared statement never changes under another caller: asking it for a mode (pluck, raw,
 * expand, safe integers) or to bind parameters compiles that caller a statement of its own, and a
 * statement still being iterated is not handed out again. So use what such a method returns (a
 * test fails on a call whose result is dropped), and do not keep one statement iterating while
 * running the same SQL text through another kept statement: both are the one shared statement.
 */
export function reusePreparedStatements(db: Database.Database): void {
  const compile = db.prepare.bind(db)
  const shared = new Map<string, Database.Statement>()
  const share = (sql: string): Database.Statement => {
    const statement = compile(sql)
    for (const change of CHANGES) {
      const ownStatement = (...args: unknown[]) =>
        (compile(sql)[change] as (...args: unknown[]) => Database.Statement)(...args)
      Object.defineProperty(statement, change, { value: ownStatement })
    }
    if (shared.size >= MOST_SHARED) shared.delete(shared.keys().next().value as string)
    shared.set(sql, statement)
    return statement
  }
  db.prepare = ((sql: string) => {
    const statement = shared.get(sql)
    if (statement === undefined) return share(sql)
    return statement.busy ? compile(sql) : statement
  }) as typeof db.prepare
}
