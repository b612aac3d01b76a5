import { HttpError } from './errors.ts'
import type { SqlRunner } from './store/types.ts'

/** A terminal's name as kept: Unicode NFC, no white space at the ends, one space between words. */
export function cleanTerminalLabel(label: string): string {
  return label.normalize('NFC').trim().replace(/\s+/gu, ' ')
}

/** What makes two names the same for the owner: "Till 1", " till  1 " and "TILL 1" are one name. */
export function terminalLabelKey(label: string): string {
  return cleanTerminalLabel(label).toLowerCase()
}

/**
 * Refuses a name another terminal of the store already has, revoked ones included: the reports
 * keep a revoked terminal's sales under its name, and two of one name could not be told apart.
 * Runs in the creating transaction, whose lock on the store row (PostgreSQL; SQLite has one
 * writer) keeps two creations of one name from both passing.
 */
export async function assertLabelFree(tx: SqlRunner, storeId: string, label: string, forUpdate: string): Promise<void> {
  await tx.get(`SELECT store_id FROM stores WHERE store_id = ?${forUpdate}`, [storeId])
  const wanted = terminalLabelKey(label)
  const terminals = await tx.all<{ terminal_id: string; label: string; status: string }>(
    'SELECT terminal_id, label, status FROM terminals WHERE store_id = ?',
    [storeId],
  )
  const taken = terminals.find((terminal) => terminalLabelKey(terminal.label) === wanted)
  if (taken)
    throw new HttpError(
      409,
      'terminal_label_taken',
      `A terminal is already named "${taken.label}" (${taken.status}); give this one another name.`,
      { field: 'label' },
    )
}
