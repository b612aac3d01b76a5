import type { Currency } from '../../../shared/money/index.ts'
import type { CashCount, ShiftReport, ShiftSummary } from '../../../shared/views.ts'
import { PosError } from '../errors.ts'
import { uuidv7 } from '../ids.ts'
import type { LedgerContext } from './context.ts'
import { type ShiftRow, shiftReport, shiftSummary } from './reports.ts'

/** Notes a drawer holds, in minor units: US dollars in cents, riel notes in riel. */
export const DENOMINATIONS: Record<Currency, readonly number[]> = {
  USD: [100, 200, 500, 1000, 2000, 5000, 10000],
  KHR: [100, 200, 500, 1000, 2000, 5000, 10000, 15000, 20000, 30000, 50000, 100000, 200000],
}

function countTotal(counts: Record<string, number>, currency: Currency): number {
  let total = 0
  for (const [denomination, count] of Object.entries(counts)) {
    const value = Number(denomination)
    if (!DENOMINATIONS[currency].includes(value)) {
      throw new PosError('denomination_unknown', `${currency} has no note of ${denomination} in minor units.`)
    }
    total += value * count
  }
  return total
}

/**
 * How far a closing count may be from the expected cash before the cashier is asked once to count
 * again: about a dollar either way (a riel note or two of rounding is normal).
 */
export const COUNT_TOLERANCE = { usd: 100, khr: 4_000 } as const

export class Shifts {
  private readonly context: LedgerContext

  constructor(context: LedgerContext) {
    this.context = context
  }

  current(): ShiftSummary | null {
    const row = this.context.db.prepare('SELECT * FROM shifts WHERE closed_at IS NULL').get() as ShiftRow | undefined
    return row ? shiftSummary(row) : null
  }

  requireOpen(): ShiftSummary {
    const shift = this.current()
    if (!shift) throw new PosError('shift_closed', 'No shift is open. Open a shift and count the float first.')
    return shift
  }

  open(float: { usd: number; khr: number }, userId: string): ShiftSummary {
    const now = this.context.now()
    const id = uuidv7(now)
    return this.context.db.transaction(() => {
      if (this.current()) throw new PosError('shift_already_open', 'A shift is already open on this terminal.')
      const { next } = this.context.db.prepare('SELECT coalesce(max(number), 0) + 1 AS next FROM shifts').get() as {
        next: number
      }
      this.context.db
        .prepare(
          'INSERT INTO shifts (id, number, opened_by, opened_at, float_usd, float_khr) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(id, next, userId, now, float.usd, float.khr)
      this.context.journal.audit(
        {
          userId,
          action: 'shift.opened',
          objectType: 'shift',
          objectId: id,
          detail: { number: next, float_usd: float.usd, float_khr: float.khr },
        },
        now,
      )
      this.context.journal.appendEvent(
        'shift.opened',
        { shift_id: id, number: next, opened_by: userId, opened_at: now, float_usd: float.usd, float_khr: float.khr },
        now,
      )
      return this.requireOpen()
    })()
  }

  moveCash(
    move: { direction: 'in' | 'out'; currency: Currency; amount: number; reason: string },
    userId: string,
    approverId: string | null,
  ): void {
    const now = this.context.now()
    const id = uuidv7(now)
    this.context.db.transaction(() => {
      const shift = this.requireOpen()
      if (move.direction === 'out') {
        const { expectedCash } = shiftReport(this.context.db, shift.id, 'X', now, null)
        // The message does not say how much the drawer holds: the count stays blind.
        if (move.amount > (move.currency === 'USD' ? expectedCash.usd : expectedCash.khr))
          throw new PosError(
            'cash_out_exceeds_drawer',
            `That is more ${move.currency === 'USD' ? 'dollars' : 'riel'} than the drawer should hold.`,
          )
      }
      this.context.db
        .prepare(
          'INSERT INTO cash_movements (id, shift_id, direction, currency, amount, reason, user_id, approver_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(id, shift.id, move.direction, move.currency, move.amount, move.reason, userId, approverId, now)
      this.context.journal.audit(
        {
          userId,
          approverId,
          action: `cash.${move.direction}`,
          objectType: 'cash_movement',
          objectId: id,
          detail: { ...move },
        },
        now,
      )
      this.context.journal.appendEvent(
        'cash.moved',
        {
          movement_id: id,
          shift_id: shift.id,
          direction: move.direction,
          currency: move.currency,
          amount: move.amount,
          reason: move.reason,
          user_id: userId,
          approver_id: approverId,
          at: now,
        },
        now,
      )
    })()
  }

  /** X report: the shift's figures so far, without the count (the count stays blind until close). */
  xReport(): ShiftReport {
    const shift = this.requireOpen()
    return shiftReport(this.context.db, shift.id, 'X', this.context.now(), null)
  }

  /**
   * Before closing: is the count empty, or far enough from the expected cash to count again? The
   * answer says which, never by how much (the count stays blind), and a recount is asked for once
   * per shift: each check is audited and only the first can say "count again", so asking again and
   * again cannot be used to find the expected cash.
   */
  checkCount(count: CashCount, userId: string): { empty: boolean; recount: boolean } {
    const counted = { usd: countTotal(count.usd, 'USD'), khr: countTotal(count.khr, 'KHR') }
    const now = this.context.now()
    return this.context.db.transaction(() => {
      const shift = this.requireOpen()
      const checked = this.context.db
        .prepare("SELECT count(*) FROM audit_log WHERE action = 'shift.count_checked' AND object_id = ?")
        .pluck()
        .get(shift.id) as number
      const expected = shiftReport(this.context.db, shift.id, 'X', now, null).expectedCash
      const off =
        Math.abs(counted.usd - expected.usd) > COUNT_TOLERANCE.usd ||
        Math.abs(counted.khr - expected.khr) > COUNT_TOLERANCE.khr
      const answer = { empty: counted.usd === 0 && counted.khr === 0, recount: off && checked === 0 }
      this.context.journal.audit(
        { userId, action: 'shift.count_checked', objectType: 'shift', objectId: shift.id, detail: { ...answer, off } },
        now,
      )
      return answer
    })()
  }

  /**
   * Closes the shift with a blind count (the cashier never sees the expected figure first),
   * stores the Z report with it and sends `shift.closed`. Refused while a sale is in progress.
   */
  close(count: CashCount, userId: string): ShiftReport {
    const counted = { usd: countTotal(count.usd, 'USD'), khr: countTotal(count.khr, 'KHR') }
    const now = this.context.now()
    return this.context.db.transaction(() => {
      const shift = this.requireOpen()
      const busy = this.context.db
        .prepare("SELECT count(*) AS n FROM sales WHERE state IN ('open', 'awaiting_payment', 'held') AND shift_id = ?")
        .get(shift.id) as {
        n: number
      }
      if (busy.n > 0)
        throw new PosError(
          'shift_has_open_sales',
          `Finish, cancel or void the ${busy.n} sale(s) in progress or on hold before closing the shift.`,
        )
      const report = shiftReport(this.context.db, shift.id, 'Z', now, counted)
      report.shift.closedAt = now
      report.shift.closedBy = userId
      this.context.db
        .prepare(
          'UPDATE shifts SET closed_by = ?, closed_at = ?, counted_usd = ?, counted_khr = ?, count_detail = ?, z_report = ? WHERE id = ?',
        )
        .run(userId, now, counted.usd, counted.khr, JSON.stringify(count), JSON.stringify(report), shift.id)
      this.context.journal.audit(
        {
          userId,
          action: 'shift.closed',
          objectType: 'shift',
          objectId: shift.id,
          detail: {
            counted_usd: counted.usd,
            counted_khr: counted.khr,
            variance_usd: report.variance?.usd ?? 0,
            variance_khr: report.variance?.khr ?? 0,
          },
        },
        now,
      )
      this.context.journal.appendEvent(
        'shift.closed',
        {
          shift_id: shift.id,
          number: shift.number,
          closed_by: userId,
          closed_at: now,
          count: count as unknown as Record<string, unknown>,
          counted_usd: counted.usd,
          counted_khr: counted.khr,
          expected_usd: report.expectedCash.usd,
          expected_khr: report.expectedCash.khr,
        },
        now,
      )
      return report
    })()
  }

  zReport(shiftId: string): ShiftReport {
    const row = this.context.db.prepare('SELECT z_report FROM shifts WHERE id = ?').get(shiftId) as
      | { z_report: string | null }
      | undefined
    if (!row) throw new PosError('shift_unknown', `There is no shift ${shiftId}.`)
    if (row.z_report === null)
      throw new PosError('shift_not_closed', 'This shift is still open; its Z report exists once it is closed.')
    return JSON.parse(row.z_report) as ShiftReport
  }
}
