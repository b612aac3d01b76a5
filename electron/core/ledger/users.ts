import type { ManagerConsent, Role, UserSummary } from '../../../shared/views.ts'
import { PosError } from '../errors.ts'
import { uuidv7 } from '../ids.ts'
import type { LedgerContext } from './context.ts'
import { PinGuard } from './pin-guard.ts'
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
  lockouts: number
}

/** How long a locked manager waits before one more try: 15 minutes, doubling with each lockout, up to a day. */
export function managerCooldownMs(lockouts: number): number {
  return Math.min(24 * 3600_000, 15 * 60_000 * 2 ** Math.max(0, lockouts - 1))
}

/** When a locked user may try again by themselves, or null: a cashier waits for a manager. */
function unlocksAt(row: UserRow): number | null {
  if (row.locked_at === null || row.role !== 'manager') return null
  return row.locked_at + managerCooldownMs(row.lockouts)
}

function isLocked(row: UserRow, now: number): boolean {
  if (row.locked_at === null) return false
  const until = unlocksAt(row)
  return until === null || now < until
}

function summary(row: UserRow, now: number): UserSummary {
  const locked = isLocked(row, now)
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    locked,
    unlocksAt: locked ? unlocksAt(row) : null,
    demo: row.is_demo === 1,
  }
}

export class Users {
  private readonly context: LedgerContext
  readonly guard: PinGuard

  constructor(context: LedgerContext) {
    this.context = context
    this.guard = new PinGuard(context)
  }

  list(): UserSummary[] {
    return (
      this.context.db.prepare('SELECT * FROM users WHERE active = 1 ORDER BY role DESC, name').all() as UserRow[]
    ).map((row) => summary(row, this.context.now()))
  }

  get(id: string): UserSummary {
    return summary(this.row(id), this.context.now())
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
    return { id, name: input.name, role: input.role, locked: false, unlocksAt: null, demo: false }
  }

  /**
   * Checks a user's PIN, one check at a time on this terminal (PinGuard). The attempt is counted
   * before the PIN is hashed, so a check cut short still counts; the fifth wrong one in a row locks
   * the user. A cashier stays locked until a manager unlocks them; a manager may try once more after
   * a cool-down that doubles with every lockout, or be unlocked with the owner recovery code.
   */
  verifyPin(userId: string, pin: string, purpose: string): Promise<UserSummary> {
    return this.guard.serialise(() => this.checkPin(userId, pin, purpose))
  }

  private async checkPin(userId: string, pin: string, purpose: string): Promise<UserSummary> {
    const row = this.row(userId)
    const now = this.context.now()
    if (isLocked(row, now)) {
      this.recordRefusal(row, purpose, 'locked')
      throw this.lockedError(row, `${row.name} is locked after ${MAX_FAILED_PINS} wrong PINs`)
    }
    this.guard.assertMayTry()
    const failed = this.context.db
      .prepare('UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts')
      .pluck()
      .get(userId) as number
    if (await pinMatches(pin, row.pin_hash)) {
      this.context.db.transaction(() => {
        this.guard.succeeded()
        this.context.db
          .prepare('UPDATE users SET failed_attempts = 0, locked_at = NULL, lockouts = 0 WHERE id = ?')
          .run(userId)
      })()
      return summary({ ...row, failed_attempts: 0, locked_at: null, lockouts: 0 }, now)
    }
    const lock = failed >= MAX_FAILED_PINS
    this.context.db.transaction(() => {
      this.guard.failed()
      if (lock)
        this.context.db.prepare('UPDATE users SET locked_at = ?, lockouts = lockouts + 1 WHERE id = ?').run(now, userId)
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
    })()
    if (lock) throw this.lockedError(this.row(userId), `Wrong PIN. ${row.name} is now locked`)
    throw new PosError('pin_wrong', 'Wrong PIN.')
  }

  private lockedError(row: UserRow, why: string): PosError {
    const until = unlocksAt(row)
    return new PosError(
      'user_locked',
      until === null
        ? `${why}; a manager must unlock them.`
        : `${why}; they can try again at ${new Date(until).toISOString()}, or be unlocked with the owner recovery code.`,
    )
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
  async approve(consent: ManagerConsent, purpose: string): Promise<UserSummary> {
    const approver = await this.verifyPin(consent.managerId, consent.pin, purpose)
    if (approver.role !== 'manager') {
      this.recordRefusal(this.row(approver.id), purpose, 'not a manager')
      throw new PosError('approval_not_manager', `${approver.name} is not a manager and cannot approve this.`)
    }
    return approver
  }

  /** Takes someone off the staff: no more sign-in; what they did keeps their name. The last manager stays. */
  deactivate(userId: string, actor: { userId: string; approverId: string; reason: string }): void {
    const row = this.row(userId)
    const now = this.context.now()
    this.context.db.transaction(() => {
      if (row.role === 'manager') {
        const { others } = this.context.db
          .prepare("SELECT count(*) AS others FROM users WHERE role = 'manager' AND active = 1 AND id <> ?")
          .get(userId) as { others: number }
        if (others === 0)
          throw new PosError(
            'last_manager',
            'This is the only manager; add another manager before taking this one off.',
          )
      }
      this.context.db.prepare('UPDATE users SET active = 0 WHERE id = ?').run(userId)
      this.context.journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: 'user.deactivated',
          objectType: 'user',
          objectId: userId,
          detail: { name: row.name, role: row.role, reason: actor.reason },
        },
        now,
      )
    })()
  }

  unlock(userId: string, actor: { userId: string; approverId: string; reason: string }): UserSummary {
    const row = this.row(userId)
    const now = this.context.now()
    this.context.db.transaction(() => {
      this.context.db
        .prepare('UPDATE users SET locked_at = NULL, failed_attempts = 0, lockouts = 0 WHERE id = ?')
        .run(userId)
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
    return { ...summary(row, now), locked: false, unlocksAt: null }
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
        .prepare('UPDATE users SET pin_hash = ?, failed_attempts = 0, locked_at = NULL, lockouts = 0 WHERE id = ?')
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
