import type { SqlRunner } from './store/types.ts'

/** The account a KHQR pays into, as a terminal's settings hold it (the fields the owner recognises). */
export interface MerchantAccount {
  bakongAccountId: string
  merchantNameEn: string
  city: string
}

/**
 * A terminal changed the account its KHQR codes pay into: the one setting that, changed by a
 * dishonest manager, sends the shop's money elsewhere while every sale still looks paid.
 */
export interface MerchantChange {
  terminal_id: string
  label: string
  seq: number
  at: number
  changed_by: string | null
  approved_by: string | null
  before: MerchantAccount | null
  after: MerchantAccount | null
}

function account(value: unknown): MerchantAccount | null {
  if (typeof value !== 'object' || value === null) return null
  const fields = value as Record<string, unknown>
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '')
  return { bakongAccountId: text('bakongAccountId'), merchantNameEn: text('merchantNameEn'), city: text('city') }
}

const SCANNED = 500

/** The latest merchant-account changes of every terminal, newest first, from the accepted settings events. */
export async function merchantChanges(db: SqlRunner, limit = 20): Promise<MerchantChange[]> {
  const rows = await db.all<{
    terminal_id: string
    label: string
    seq: number
    payload: string
    occurred_at_device: number
  }>(
    `SELECT e.terminal_id, t.label, e.seq, e.payload, e.occurred_at_device
     FROM sync_events e JOIN terminals t ON t.terminal_id = e.terminal_id
     WHERE e.type = 'settings.changed' AND e.state = 'accepted'
     ORDER BY e.occurred_at_device DESC, e.seq DESC LIMIT ?`,
    [SCANNED],
  )
  const changes: MerchantChange[] = []
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as {
      changes?: Record<string, { before?: unknown; after?: unknown }>
      changed_by?: unknown
      approved_by?: unknown
      at?: unknown
    }
    const merchant = payload.changes?.merchant
    if (!merchant) continue
    const before = account(merchant.before)
    const after = account(merchant.after)
    // A change of the store label or phone number only is not a change of where the money goes.
    if (JSON.stringify(before) === JSON.stringify(after)) continue
    changes.push({
      terminal_id: row.terminal_id,
      label: row.label,
      seq: Number(row.seq),
      at: typeof payload.at === 'number' ? payload.at : Number(row.occurred_at_device),
      changed_by: typeof payload.changed_by === 'string' ? payload.changed_by : null,
      approved_by: typeof payload.approved_by === 'string' ? payload.approved_by : null,
      before,
      after,
    })
    if (changes.length === limit) break
  }
  return changes
}
