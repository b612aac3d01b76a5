import type { Approval, Role, UserSummary } from '../../../shared/views.ts'
import { PosError } from '../errors.ts'
import { uuidv7 } from '../ids.ts'
import type { LedgerContext } from './context.ts'
import { hashPin, pinMatches, weakPinReason } from './pins.ts'

/** Wrong PINs in a row before the user is locked until a manager unlocks them (docs/security.md §3). */
export const MAX_FAILED_PINS = 5

interface UserRow {
  id: string
  name: string
  role: Role
  pin_hash: string
  failed_attempts: number
  locked_at: number | null
  active: number
  is_demo: number
}

/**
 * The device-wide slowdown (docs/security.md §3): the per-user lockout alone lets someone try four
 * PINs on every user; after three wrong PINs in a row on the terminal each answer waits longer,
 * doubling up to 8 s, until a PIN is right.
 */
export function deviceSlowdownMs(failuresInARow: number): number {
  return failuresInARow <= 3 ? 0 : Math.min(8000, 250 * 2 ** (failuresInARow - 4))
}

function summary(row: UserRow): UserSummary {
  return { id: row.id, name: row.name, role: row.role, locked: row.locked_at !== null, demo: row.is_demo === 1 }
}

export class Users {
  private readonly context: LedgerContext
  /** Wrong PINs in a row on this terminal, whoever they were for: guessing across users gets slower. */
  private failuresInARow = 0

  constructor(context: LedgerContext) {
    this.context = context
  }

  list(): UserSummary[] {
    return (
      this.context.db.prepare('SELECT * FROM users WHERE active = 1 ORDER BY role DESC, name').all() as UserRow[]
    ).map(summary)
  }

  get(id: string): UserSummary {
    return summary(this.row(id))
  }

  private row(id: string): UserRow {
    const row = this.context.db.prepare('SELECT * FROM users WHERE id = ? AND active = 1').get(id) as
      | UserRow
      | undefined
    if (!row) throw new PosError('user_unknown', `No active user with id ${id}.`)
    return row
  }

  async create(
    input: { name: string; role: Role; pin: string },
    actor: { userId: string | null; approverId: string | null; reason: string },
  ): Promise<UserSummary> {
    const weak = weakPinReason(input.pin)
    if (weak) throw new PosError('pin_weak', weak)
    const pinHash = await hashPin(input.pin)
    const now = this.context.now()
    const id = uuidv7(now)
    this.context.db.transaction(() => {
      this.context.db
        .prepare('INSERT INTO users (id, name, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, input.name, input.role, pinHash, now)
      this.context.journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: 'user.created',
          objectType: 'user',
          objectId: id,
          detail: { name: input.name, role: input.role, reason: actor.reason },
        },
        now,
      )
    })()
    return { id, name: input.name, role: input.role, locked: false, demo: false }
  }

  /**
   * Checks a user's PIN. A wrong PIN counts towards the lockout and is audited even though the
   * action it was for is refused; the fifth in a row locks the user until a manager unlocks them.
   */
  async verifyPin(userId: string, pin: string, purpose: string): Promise<UserSummary> {
    const row = this.row(userId)
    if (row.locked_at !== null) {
      this.recordRefusal(row, purpose, 'locked')
      throw new PosError(
        'user_locked',
        `${row.name} is locked after ${MAX_FAILED_PINS} wrong PINs; a manager must unlock them.`,
      )
    }
    if (await pinMatches(pin, row.pin_hash)) {
      this.failuresInARow = 0
      if (row.failed_attempts > 0)
        this.context.db.prepare('UPDATE users SET failed_attempts = 0 WHERE id = ?').run(userId)
      return summary(row)
    }
    const now = this.context.now()
    const locked = this.context.db.transaction(() => {
      const { failed_attempts: failed } = this.context.db
        .prepare('UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts')
        .get(userId) as { failed_attempts: number }
      const lock = failed >= MAX_FAILED_PINS
      if (lock) this.context.db.prepare('UPDATE users SET locked_at = ? WHERE id = ?').run(now, userId)
      this.context.journal.audit(
        {
          userId,
          action: lock ? 'user.locked' : 'pin.failed',
          objectType: 'user',
          objectId: userId,
          result: 'refused',
          detail: { purpose, failed },
        },
        now,
      )
      return lock
    })()
    this.failuresInARow++
    await new Promise((settle) => setTimeout(settle, deviceSlowdownMs(this.failuresInARow)))
    if (locked) throw new PosError('user_locked', `Wrong PIN. ${row.name} is now locked; a manager must unlock them.`)
    throw new PosError('pin_wrong', 'Wrong PIN.')
  }

  private recordRefusal(row: UserRow, purpose: string, why: string): void {
    const now = this.context.now()
    this.context.db.transaction(() => {
      this.context.journal.audit(
        {
          userId: row.id,
          action: 'pin.refused',
          objectType: 'user',
          objectId: row.id,
          result: 'refused',
          detail: { purpose, why },
        },
        now,
      )
    })()
  }

  /**
   * A manager's approval: their PIN is checked (wrong ones count towards their own lockout), the
   * approver must be a manager, and must not be approving for themselves only by being signed in.
   * Returns the approver; the caller records the approval with the action in one transaction.
   */
  async approve(approval: Approval, purpose: string): Promise<UserSummary> {
    const approver = await this.verifyPin(approval.managerId, approval.pin, purpose)
    if (approver.role !== 'manager') {
      this.recordRefusal(this.row(approver.id), purpose, 'not a manager')
      throw new PosError('approval_not_manager', `${approver.name} is not a manager and cannot approve this.`)
    }
    return approver
  }

  unlock(userId: string, actor: { userId: string; approverId: string; reason: string }): UserSummary {
    const row = this.row(userId)
    const now = this.context.now()
    this.context.db.transaction(() => {
      this.context.db.prepare('UPDATE users SET locked_at = NULL, failed_attempts = 0 WHERE id = ?').run(userId)
      this.context.journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: 'user.unlocked',
          objectType: 'user',
          objectId: userId,
          detail: { reason: actor.reason },
        },
        now,
      )
    })()
    return { ...summary(row), locked: false }
  }

  async changePin(
    userId: string,
    pin: string,
    actor: { userId: string; approverId: string; reason: string },
  ): Promise<void> {
    const weak = weakPinReason(pin)
    if (weak) throw new PosError('pin_weak', weak)
    this.row(userId)
    const pinHash = await hashPin(pin)
    const now = this.context.now()
    this.context.db.transaction(() => {
      this.context.db
        .prepare('UPDATE users SET pin_hash = ?, failed_attempts = 0, locked_at = NULL WHERE id = ?')
        .run(pinHash, userId)
      this.context.journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: 'user.pin_changed',
          objectType: 'user',
          objectId: userId,
          detail: { reason: actor.reason },
        },
        now,
      )
    })()
  }
}
