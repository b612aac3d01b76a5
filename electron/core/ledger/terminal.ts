import { uuidv7 } from '../ids.ts'
import type { SqliteDatabase } from './database.ts'

export interface TerminalIdentity {
  id: string
  label: string
}

/** The terminal's identity: a UUIDv7 made once, on the first run, and never changed after. */
export function ensureTerminal(db: SqliteDatabase, now: number): TerminalIdentity {
  const existing = db.prepare('SELECT id, label FROM terminal WHERE singleton = 1').get() as
    | TerminalIdentity
    | undefined
  if (existing) return existing
  const identity = { id: uuidv7(now), label: 'T1' }
  db.prepare('INSERT INTO terminal (singleton, id, label, created_at) VALUES (1, ?, ?, ?)').run(
    identity.id,
    identity.label,
    now,
  )
  return identity
}

/** Receipt numbers as people read them: terminal label and a six-digit running number, `T1-000042`. */
export function formatReceiptNo(label: string, number: number): string {
  return `${label}-${String(number).padStart(6, '0')}`
}

/** A VAT invoice or credit note number: the terminal, the series and a six-digit running number, `T1-INV-000042`. */
export function formatInvoiceNo(label: string, kind: 'sale' | 'refund', number: number): string {
  return `${label}-${kind === 'sale' ? 'INV' : 'CN'}-${String(number).padStart(6, '0')}`
}
