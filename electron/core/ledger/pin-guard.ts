import { PosError } from '../errors.ts'
import type { LedgerContext } from './context.ts'

/**
 * The terminal-wide slowdown (docs/security.md §3): the per-user lockout alone lets someone try
 * four PINs on every user; after three wrong PINs in a row on the terminal the next attempt must
 * wait, doubling up to 8 s, until a PIN is right.
 */
export function deviceSlowdownMs(failuresInARow: number): number {
  return failuresInARow <= 3 ? 0 : Math.min(8000, 250 * 2 ** (failuresInARow - 4))
}

/**
 * PIN checks on this terminal, one at a time. Each check sees the lockout and the failure count
 * the previous one left, so sixty guesses sent at once are decided one by one, and the slowdown
 * refuses the next attempt outright instead of holding back an answer (a held-back answer does not
 * stop the next guess from being sent). The run of failures lives in the database, so a restart
 * does not reset it.
 */
export class PinGuard {
  private readonly context: LedgerContext
  private tail: Promise<unknown> = Promise.resolve()

  constructor(context: LedgerContext) {
    this.context = context
  }

  /** Runs `check` after every check already asked for has finished. */
  serialise<T>(check: () => Promise<T>): Promise<T> {
    const run = this.tail.then(check, check)
    this.tail = run.catch(() => undefined)
    return run
  }

  /** Refuses an attempt made before the slowdown allows the next one; it is not counted as a guess. */
  assertMayTry(): void {
    const waitMs = this.row().next_attempt_at - this.context.now()
    if (waitMs > 0)
      throw new PosError(
        'pin_wait',
        `Too many wrong PINs on this terminal. Wait ${Math.ceil(waitMs / 1000)} s, then try again.`,
      )
  }

  failed(): void {
    const { failures_in_a_row: failures } = this.context.db
      .prepare(
        'UPDATE pin_guard SET failures_in_a_row = failures_in_a_row + 1 WHERE id = 1 RETURNING failures_in_a_row',
      )
      .get() as { failures_in_a_row: number }
    this.context.db
      .prepare('UPDATE pin_guard SET next_attempt_at = ? WHERE id = 1')
      .run(this.context.now() + deviceSlowdownMs(failures))
  }

  succeeded(): void {
    this.context.db.prepare('UPDATE pin_guard SET failures_in_a_row = 0, next_attempt_at = 0 WHERE id = 1').run()
  }

  private row(): { failures_in_a_row: number; next_attempt_at: number } {
    return this.context.db.prepare('SELECT * FROM pin_guard WHERE id = 1').get() as {
      failures_in_a_row: number
      next_attempt_at: number
    }
  }
}
