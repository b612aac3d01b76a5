import type { OutboxRow } from '../../support/backoffice-harness.ts'
import { BARCODES, openTestPos } from '../../support/pos.ts'

/**
 * A shift on a real ledger: a $4.50 sale paid cash, a $1.50 sale voided, a $6.25 sale paid by a
 * KHQR confirmed by hand then refunded, two cash moves, then the KHQR account changed to another
 * one (with a manager's approval, as a dishonest manager could). Returns its outbox rows as stored.
 */
export async function ledgerShiftOutbox(): Promise<OutboxRow[]> {
  const t = await openTestPos()
  try {
    await t.api.scanBarcode(BARCODES.amok)
    await t.api.payCash('USD', 1000)
    await t.api.scanBarcode(BARCODES.icedCoffee)
    const voided = await t.api.payCash('KHR', 10_000)
    await t.api.voidSale(voided.id, t.approval('rang twice'))
    const kept = await t.api.scanBarcode(BARCODES.rice)
    await t.api.startKhqr('USD')
    await t.api.confirmKhqrByHand(t.approval('saw the app'))
    await t.api.refundSale(
      {
        saleId: kept.id,
        lines: [{ lineId: kept.lines[0]?.id as string, quantity: 1 }],
        tenders: [{ kind: 'cash_usd', amount: 625 }],
      },
      t.approval('bag torn'),
    )
    await t.api.moveCash({ direction: 'out', currency: 'KHR', amount: 50_000, reason: 'ice delivery' }, t.approval())
    const { merchant } = await t.api.getSettings()
    await t.api.updateSettings(
      { merchant: { ...merchant, bakongAccountId: 'someone_else@wing', merchantNameEn: 'Other Shop' } },
      t.approval('new bank'),
    )
    return t.pos.ledger.context.db
      .prepare(
        'SELECT seq, event_id, type, payload, payload_sha256, prev_hash, hash, occurred_at_device FROM outbox ORDER BY seq',
      )
      .all() as OutboxRow[]
  } finally {
    t.pos.close()
  }
}
