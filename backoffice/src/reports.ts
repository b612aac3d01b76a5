import { type MerchantChange, merchantChanges } from './merchant-changes.ts'
import type { SqlRunner } from './store/types.ts'

export interface TerminalReport {
  terminal_id: string
  label: string
  status: string
  last_seen: number | null
  acked_through_seq: number
  max_seq: number
  /** Sequence numbers above the acknowledgement the server has not received. */
  missing_events: number
  chain_break_seq: number | null
  chain_break_reason: string | null
  clock_offset_ms: number | null
  app_version: string | null
  revoked_reason: string | null
}

export interface SalesRow {
  business_day: string
  terminal_id: string
  label: string
  currency: string
  sales: number
  total_minor: number
  voided: number
  voided_minor: number
  refunds: number
  refunded_minor: number
}

export interface RejectedRow {
  terminal_id: string
  event_id: string
  seq: number
  type: string
  code: string
  message: string
  received_at: number
  kind: 'rejected' | 'conflict'
}

export interface KhqrManualRow {
  request_id: string
  sale_id: string
  terminal_id: string
  md5: string
  amount: number
  currency: string
  source: string
  confirmed_by: string | null
  reason: string | null
  confirmed_at: number
  verified: number
  verification: string | null
  verification_detail: string | null
}

/** The owner's figures, read straight from the read models. */
export async function terminalReports(db: SqlRunner): Promise<TerminalReport[]> {
  return db.all<TerminalReport>(
    `SELECT t.terminal_id, t.label, t.status, t.last_seen, t.acked_through_seq, t.max_seq,
       t.max_seq - t.acked_through_seq - (SELECT COUNT(*) FROM sync_events e WHERE e.terminal_id = t.terminal_id AND e.seq > t.acked_through_seq) AS missing_events,
       t.chain_break_seq, t.chain_break_reason, t.clock_offset_ms, t.app_version, t.revoked_reason
     FROM terminals t ORDER BY t.created_at, t.terminal_id`,
  )
}

export async function salesPerDayAndTerminal(db: SqlRunner, days = 31): Promise<SalesRow[]> {
  const sales = await db.all<Omit<SalesRow, 'refunds' | 'refunded_minor'>>(
    `SELECT s.business_day, s.terminal_id, t.label, s.currency, COUNT(*) AS sales,
       CAST(SUM(s.total_minor) AS BIGINT) AS total_minor,
       CAST(SUM(CASE WHEN s.void_id IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS voided,
       CAST(SUM(CASE WHEN s.void_id IS NULL THEN 0 ELSE s.total_minor END) AS BIGINT) AS voided_minor
     FROM sales s JOIN terminals t ON t.terminal_id = s.terminal_id
     WHERE s.demo = 0
     GROUP BY s.business_day, s.terminal_id, t.label, s.currency`,
  )
  const refunds = await db.all<{
    business_day: string
    terminal_id: string
    label: string
    currency: string
    refunds: number
    refunded_minor: number
  }>(
    `SELECT r.business_day, r.terminal_id, t.label, r.currency, COUNT(*) AS refunds, CAST(SUM(r.total_minor) AS BIGINT) AS refunded_minor
     FROM refunds r JOIN terminals t ON t.terminal_id = r.terminal_id
     WHERE r.demo = 0
     GROUP BY r.business_day, r.terminal_id, t.label, r.currency`,
  )
  const rows = new Map<string, SalesRow>()
  const keyOf = (row: { business_day: string; terminal_id: string; currency: string }) =>
    `${row.business_day}|${row.terminal_id}|${row.currency}`
  for (const row of sales) rows.set(keyOf(row), { ...row, refunds: 0, refunded_minor: 0 })
  for (const row of refunds) {
    const existing = rows.get(keyOf(row)) ?? {
      ...row,
      sales: 0,
      total_minor: 0,
      voided: 0,
      voided_minor: 0,
      refunds: 0,
      refunded_minor: 0,
    }
    existing.refunds = row.refunds
    existing.refunded_minor = row.refunded_minor
    rows.set(keyOf(row), existing)
  }
  return [...rows.values()]
    .sort(
      (a, b) =>
        b.business_day.localeCompare(a.business_day) ||
        a.label.localeCompare(b.label) ||
        a.currency.localeCompare(b.currency),
    )
    .slice(0, days * 20)
}

export async function rejectedEvents(db: SqlRunner, limit = 100): Promise<RejectedRow[]> {
  const rejected = await db.all<RejectedRow>(
    `SELECT terminal_id, event_id, seq, type, reject_code AS code, reject_message AS message, received_at, 'rejected' AS kind
     FROM sync_events WHERE state = 'rejected' ORDER BY received_at DESC LIMIT ?`,
    [limit],
  )
  const conflicts = await db.all<RejectedRow>(
    `SELECT terminal_id, event_id, seq, type, code, message, received_at, 'conflict' AS kind
     FROM event_conflicts ORDER BY id DESC LIMIT ?`,
    [limit],
  )
  return [...rejected, ...conflicts].sort((a, b) => b.received_at - a.received_at).slice(0, limit)
}

/** KHQR payments a person confirmed (not Bakong), with what the later recheck found. */
export async function manualKhqrPayments(db: SqlRunner, limit = 100): Promise<KhqrManualRow[]> {
  return db.all<KhqrManualRow>(
    `SELECT request_id, sale_id, terminal_id, md5, amount, currency, source, confirmed_by, reason, confirmed_at, verified,
       verification, verification_detail
     FROM khqr_payments WHERE source <> 'bakong' AND demo = 0 ORDER BY confirmed_at DESC LIMIT ?`,
    [limit],
  )
}

/** Everything the owner reads, for the page and for `GET /v1/admin/report` alike. */
export async function ownerReport(db: SqlRunner): Promise<{
  terminals: TerminalReport[]
  sales: SalesRow[]
  rejected: RejectedRow[]
  khqrManual: KhqrManualRow[]
  merchantChanges: MerchantChange[]
}> {
  return {
    terminals: await terminalReports(db),
    sales: await salesPerDayAndTerminal(db),
    rejected: await rejectedEvents(db),
    khqrManual: await manualKhqrPayments(db),
    merchantChanges: await merchantChanges(db),
  }
}
