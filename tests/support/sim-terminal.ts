/**
 * A till for the sync tests: a real ledger on a real SQLite file, driven through the ledger's own
 * API (sales by barcode paid in cash, voids with a manager, shifts opened and closed with a count),
 * so the outbox holds exactly what a terminal writes. `reopen()` closes and reopens the file, as
 * after a crash.
 */
import { uuidv7 } from '../../electron/core/ids.ts'
import { type Ledger, openLedger } from '../../electron/core/ledger/index.ts'
import type { ShiftReport } from '../../shared/views.ts'

const BARCODES = ['8850000000011', '8850000000028', '8850000000059', '8850000000066', '8850000000080']

export interface SimTerminal {
  ledger: Ledger
  readonly path: string
  /** Rings up and pays one sale of 1–3 items; returns its id. */
  sell(random: () => number): string
  /** Voids one of this shift's paid, unvoided sales, if there is one. */
  voidOne(random: () => number): boolean
  /** Closes the open shift with an empty blind count and opens the next. */
  rollShift(): void
  /** Z reports of closed shifts and the X report of the open one, by shift id. */
  reports(): Map<string, ShiftReport>
  reopen(): Promise<void>
  close(): void
}

export async function openSimTerminal(path: string, now: () => number): Promise<SimTerminal> {
  let ledger = await openLedger(path, now)
  let cast: { manager: string; cashier: string } | null = null
  const people = () => {
    if (cast) return cast
    const users = ledger.users.list()
    const manager = users.find((user) => user.role === 'manager')
    const cashier = users.find((user) => user.role === 'cashier')
    if (!manager || !cashier) throw new Error('the demo shop has no manager or cashier')
    cast = { manager: manager.id, cashier: cashier.id }
    return cast
  }
  const ensureShift = () => {
    if (!ledger.shifts.current()) ledger.shifts.open({ usd: 5000, khr: 200_000 }, people().manager)
  }
  const terminal: SimTerminal = {
    get ledger() {
      return ledger
    },
    path,
    sell(random) {
      ensureShift()
      const { cashier } = people()
      const lines = 1 + Math.floor(random() * 2)
      let sale = ledger.sales.current()
      for (let line = 0; line < lines; line++)
        sale = ledger.sales.addBarcode(BARCODES[Math.floor(random() * BARCODES.length)] as string, 1, cashier)
      if (!sale) throw new Error('no sale at the counter')
      if (random() < 0.3)
        sale = ledger.sales.payCash('KHR', 1000 * Math.ceil((sale.payment.stillDue.khrCash + 1) / 1000), cashier)
      if (sale.state !== 'paid')
        sale = ledger.sales.payCash('USD', 100 * Math.ceil((sale.payment.stillDue.usd + 1) / 100), cashier)
      if (sale.state !== 'paid') throw new Error(`sale ${sale.id} is not paid after cash`)
      return sale.id
    },
    voidOne(random) {
      const shift = ledger.shifts.current()
      if (!shift) return false
      const candidates = ledger.context.db
        .prepare(
          `SELECT id FROM sales WHERE shift_id = ? AND state = 'paid' AND kind = 'sale'
           AND id NOT IN (SELECT sale_id FROM sale_voids) ORDER BY id`,
        )
        .pluck()
        .all(shift.id) as string[]
      if (candidates.length === 0) return false
      const { manager } = people()
      const saleId = candidates[Math.floor(random() * candidates.length)] as string
      ledger.sales.void(saleId, { userId: manager, approverId: manager, reason: 'customer changed their mind' })
      return true
    },
    rollShift() {
      ensureShift()
      ledger.shifts.close({ usd: {}, khr: {} }, people().manager)
      ensureShift()
    },
    reports() {
      const reports = new Map<string, ShiftReport>()
      const shifts = ledger.context.db.prepare('SELECT id, closed_at FROM shifts ORDER BY number').all() as {
        id: string
        closed_at: number | null
      }[]
      for (const shift of shifts)
        reports.set(shift.id, shift.closed_at === null ? ledger.shifts.xReport() : ledger.shifts.zReport(shift.id))
      return reports
    },
    async reopen() {
      ledger.close()
      ledger = await openLedger(path, now)
    },
    close() {
      ledger.close()
    },
  }
  return terminal
}

/**
 * Appends `count` more `sale.completed` events cloned from the ledger's own latest one (new sale id
 * and receipt number each), through the real Journal, in transactions of `perTransaction`: a
 * long queue made fast, with exactly the shape a terminal sends.
 */
export function appendClonedSales(ledger: Ledger, count: number, perTransaction = 2000): void {
  const { db, journal, now } = ledger.context
  const source = db
    .prepare("SELECT payload FROM outbox WHERE type = 'sale.completed' ORDER BY seq DESC LIMIT 1")
    .pluck()
    .get() as string | undefined
  if (!source) throw new Error('ring up one real sale first: its event is the template')
  const { terminal_id: _terminal, ...template } = JSON.parse(source) as Record<string, unknown>
  for (let done = 0; done < count; ) {
    const batch = Math.min(perTransaction, count - done)
    db.transaction(() => {
      for (let n = 0; n < batch; n++) {
        const at = now()
        journal.appendEvent(
          'sale.completed',
          {
            ...template,
            sale_id: uuidv7(at),
            receipt_no: `C-${String(done + n + 1).padStart(7, '0')}`,
            completed_at: at,
          },
          at,
        )
      }
    })()
    done += batch
  }
}
