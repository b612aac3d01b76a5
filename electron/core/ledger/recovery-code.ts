import { randomInt } from 'node:crypto'
import type { UserSummary } from '../../../shared/views.ts'
import { PosError } from '../errors.ts'
import type { LedgerContext } from './context.ts'
import type { PinGuard } from './pin-guard.ts'
import { hashPin, pinMatches } from './pins.ts'

/** Crockford's base32: no I, L, O or U, so a code read off paper is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const LENGTH = 20

/** What the owner types: case, spaces and dashes do not matter, and O, I and L read as 0, 1, 1. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}

/**
 * The owner recovery code (docs/security.md §3): 100 random bits, shown once when it is made, kept
 * only as a scrypt hash, and used once to unlock a locked manager when no other manager can. A
 * wrong code counts towards the terminal's slowdown like a wrong PIN. Making a new one replaces
 * the old.
 */
export class RecoveryCode {
  private readonly context: LedgerContext
  private readonly guard: PinGuard

  constructor(context: LedgerContext, guard: PinGuard) {
    this.context = context
    this.guard = guard
  }

  exists(): boolean {
    return this.context.db.prepare('SELECT 1 FROM recovery_code WHERE id = 1').get() !== undefined
  }

  /** Returns the new code, grouped `XXXXX-XXXXX-XXXXX-XXXXX`; it is never shown again. */
  async create(actor: { userId: string; approverId: string; reason: string }): Promise<string> {
    const code = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
    const hash = await hashPin(code)
    const now = this.context.now()
    this.context.db.transaction(() => {
      this.context.db
        .prepare(
          `INSERT INTO recovery_code (id, code_hash, created_at, created_by) VALUES (1, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET code_hash = excluded.code_hash, created_at = excluded.created_at,
             created_by = excluded.created_by`,
        )
        .run(hash, now, actor.userId)
      this.context.journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: 'recovery_code.created',
          detail: { reason: actor.reason },
        },
        now,
      )
    })()
    return code.match(/.{5}/g)?.join('-') ?? code
  }

  /** Unlocks `manager` with the code, which is then spent. */
  unlockManager(manager: UserSummary, typed: string): Promise<void> {
    return this.guard.serialise(async () => {
      if (manager.role !== 'manager')
        throw new PosError('recovery_not_manager', 'The recovery code unlocks a manager; a manager unlocks a cashier.')
      this.guard.assertMayTry()
      const stored = this.context.db.prepare('SELECT code_hash FROM recovery_code WHERE id = 1').pluck().get() as
        | string
        | undefined
      if (!stored) throw new PosError('recovery_code_none', 'This terminal has no owner recovery code.')
      const now = this.context.now()
      const right = await pinMatches(normaliseRecoveryCode(typed), stored)
      this.context.db.transaction(() => {
        if (right) {
          this.guard.succeeded()
          this.context.db.prepare('DELETE FROM recovery_code WHERE id = 1').run()
          this.context.db
            .prepare('UPDATE users SET locked_at = NULL, failed_attempts = 0, lockouts = 0 WHERE id = ?')
            .run(manager.id)
        } else this.guard.failed()
        this.context.journal.audit(
          {
            userId: manager.id,
            action: right ? 'user.recovered' : 'recovery_code.failed',
            objectType: 'user',
            objectId: manager.id,
            result: right ? 'ok' : 'refused',
          },
          now,
        )
      })()
      if (!right) throw new PosError('recovery_code_wrong', 'That is not the owner recovery code.')
    })
  }
}
