import type { BakongTransaction } from '../../../shared/bakong/checker.ts'
import type { KhqrIssueView } from '../../../shared/views.ts'
import { PosError } from '../errors.ts'
import { uuidv7 } from '../ids.ts'
import type { LedgerContext } from '../ledger/context.ts'
import type { KhqrRequestRecord } from '../ledger/sales.ts'

export type KhqrIssueKind = KhqrIssueView['kind']

interface IssueRow {
  id: string
  kind: KhqrIssueKind
  reason: string | null
  md5: string
  khqr_request: string
  sale_id: string
  bakong_hash: string | null
  amount: number | null
  currency: 'USD' | 'KHR' | null
  from_account: string | null
  to_account: string | null
  paid_at: number | null
  detected_at: number
  resolved_at: number | null
  resolved_by: string | null
  resolution: string | null
  request_amount: number
  request_currency: 'USD' | 'KHR'
}

function view(row: IssueRow): KhqrIssueView {
  return {
    id: row.id,
    kind: row.kind,
    reason: row.reason,
    saleId: row.sale_id,
    md5: row.md5,
    requested: { amount: row.request_amount, currency: row.request_currency },
    paid:
      row.bakong_hash !== null && row.amount !== null && row.currency !== null
        ? {
            hash: row.bakong_hash,
            amount: row.amount,
            currency: row.currency,
            fromAccountId: row.from_account,
            toAccountId: row.to_account,
            at: row.paid_at,
          }
        : null,
    detectedAt: row.detected_at,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    resolution: row.resolution,
  }
}

const SELECT = `SELECT i.*, r.amount AS request_amount, r.currency AS request_currency
  FROM khqr_issues i JOIN khqr_requests r ON r.id = i.khqr_request`

/**
 * KHQR payments that need a manager (docs/security.md T5, T6): raised once each, with an audit
 * entry and a `khqr.verified` event carrying the outcome, listed until a manager resolves them.
 */
export class KhqrIssues {
  private readonly context: LedgerContext

  constructor(context: LedgerContext) {
    this.context = context
  }

  /** Records an issue unless the same one (QR, kind, Bakong transaction) is already on record; true when new. */
  raise(input: {
    kind: KhqrIssueKind
    reason?: string | null
    request: KhqrRequestRecord
    tenderId?: string | null
    transaction?: BakongTransaction | null
    systemUserId: string
  }): boolean {
    const { request, transaction } = input
    const now = this.context.now()
    const db = this.context.db
    let raised = false
    db.transaction(() => {
      const open = db.prepare('SELECT id FROM shifts WHERE closed_at IS NULL ORDER BY opened_at DESC LIMIT 1').get() as
        | { id: string }
        | undefined
      const saleShift = db.prepare('SELECT shift_id FROM sales WHERE id = ?').get(request.saleId) as {
        shift_id: string | null
      }
      const id = uuidv7(now)
      const inserted = db
        .prepare(
          `INSERT OR IGNORE INTO khqr_issues (id, kind, reason, md5, khqr_request, sale_id, tender_id, shift_id, bakong_hash, amount, currency, from_account, to_account, paid_at, detected_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          input.kind,
          input.reason ?? null,
          request.md5,
          request.id,
          request.saleId,
          input.tenderId ?? null,
          open?.id ?? saleShift.shift_id,
          transaction?.hash ?? null,
          transaction?.amount ?? null,
          transaction?.currency ?? null,
          transaction?.fromAccountId ?? null,
          transaction?.toAccountId ?? null,
          transaction?.createdAtMs ?? null,
          now,
        )
      if (inserted.changes === 0) return
      raised = true
      this.context.journal.audit(
        {
          userId: input.systemUserId,
          action: 'khqr.issue_raised',
          objectType: 'sale',
          objectId: request.saleId,
          detail: {
            issue_id: id,
            kind: input.kind,
            reason: input.reason ?? null,
            md5: request.md5,
            bakong_hash: transaction?.hash ?? null,
          },
        },
        now,
      )
      this.context.journal.appendEvent(
        'khqr.verified',
        {
          outcome: input.kind,
          reason: input.reason ?? null,
          issue_id: id,
          sale_id: request.saleId,
          tender_id: input.tenderId ?? null,
          request_id: request.id,
          md5: request.md5,
          requested: { amount: request.amount, currency: request.currency, to_account_id: request.toAccountId },
          bakong_hash: transaction?.hash ?? null,
          from_account_id: transaction?.fromAccountId ?? null,
          to_account_id: transaction?.toAccountId ?? null,
          amount: transaction?.amount ?? null,
          currency: transaction?.currency ?? null,
          created_date_ms: transaction?.createdAtMs ?? null,
          at: now,
        },
        now,
      )
    })()
    return raised
  }

  /** Whether this QR already has an issue of one of these kinds. */
  has(requestId: string, kinds: readonly KhqrIssueKind[]): boolean {
    return kinds.some(
      (kind) =>
        this.context.db
          .prepare('SELECT 1 FROM khqr_issues WHERE khqr_request = ? AND kind = ?')
          .get(requestId, kind) !== undefined,
    )
  }

  list(options: { unresolvedOnly?: boolean; limit?: number } = {}): KhqrIssueView[] {
    const rows = this.context.db
      .prepare(
        `${SELECT} ${options.unresolvedOnly ? 'WHERE i.resolved_at IS NULL' : ''} ORDER BY i.detected_at DESC, i.rowid DESC LIMIT ?`,
      )
      .all(options.limit ?? 200) as IssueRow[]
    return rows.map(view)
  }

  /** Issues still waiting for a manager: the status bar shows the count to everyone. */
  unresolvedCount(): number {
    return (
      this.context.db.prepare('SELECT count(*) AS n FROM khqr_issues WHERE resolved_at IS NULL').get() as { n: number }
    ).n
  }

  /** A manager closes an issue (refunded the customer, matched by hand…); the facts stay as they were. */
  resolve(id: string, actor: { userId: string; approverId: string; reason: string }): KhqrIssueView {
    const now = this.context.now()
    this.context.db.transaction(() => {
      const changed = this.context.db
        .prepare(
          'UPDATE khqr_issues SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL',
        )
        .run(now, actor.approverId, actor.reason, id)
      if (changed.changes === 0) throw new PosError('khqr_issue_unknown', 'There is no open KHQR issue with that id.')
      this.context.journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: 'khqr.issue_resolved',
          objectType: 'khqr_issue',
          objectId: id,
          detail: { reason: actor.reason },
        },
        now,
      )
    })()
    return view(this.context.db.prepare(`${SELECT} WHERE i.id = ?`).get(id) as IssueRow)
  }
}
