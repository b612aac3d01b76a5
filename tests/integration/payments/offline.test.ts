import { afterEach, describe, expect, test } from 'vitest'
import { KhqrIssues } from '../../../electron/core/payments/issues.ts'
import { shiftReportBlocks } from '../../../electron/core/printing/report-layout.ts'
import type { KhqrManualLimits } from '../../../shared/views.ts'
import { BARCODES, codeOf, type TestPos } from '../../support/pos.ts'
import {
  openPaymentsHarness,
  outboxEvents,
  type PaymentsHarness,
  payInFull,
  SHOP_ACCOUNT,
  saleAwaitingKhqr,
} from './harness.ts'

const opened: PaymentsHarness[] = []
afterEach(async () => {
  for (const harness of opened.splice(0)) await harness.close()
})
async function harness(): Promise<PaymentsHarness> {
  const h = await openPaymentsHarness()
  opened.push(h)
  return h
}

function setLimits(t: TestPos, limits: KhqrManualLimits): void {
  t.pos.ledger.settings.update(
    { khqrManualLimits: limits },
    { userId: t.manager.id, approverId: t.manager.id, reason: 'offline today' },
  )
}

describe('offline: KHQR confirmed by hand within the manager’s limits', () => {
  test('within the per-sale and per-shift limits it is accepted; beyond, refused with a clear error and audited', async () => {
    const h = await harness()
    setLimits(h.t, { perSaleUsd: 500, perSaleKhr: 20_000, perShiftUsd: 800, perShiftKhr: 0 })
    await saleAwaitingKhqr(h.t) // $4.50
    expect((await h.t.api.confirmKhqrByHand(h.t.approval())).state).toBe('paid')

    await saleAwaitingKhqr(h.t) // another $4.50: $9.00 unverified > $8.00 a shift
    const refused = h.t.api.confirmKhqrByHand(h.t.approval())
    expect(await codeOf(refused)).toBe('khqr_manual_shift_limit')
    await expect(h.t.api.confirmKhqrByHand(h.t.approval())).rejects.toThrow(/\$4\.50.*\$8\.00/)
    await h.t.api.cancelKhqr()
    await h.t.api.cancelSale(h.t.approval())

    await h.t.api.scanBarcode(BARCODES.rice) // $6.25 > $5.00 a sale
    await h.t.api.startKhqr('USD')
    expect(await codeOf(h.t.api.confirmKhqrByHand(h.t.approval()))).toBe('khqr_manual_sale_limit')
    await h.t.api.cancelKhqr()
    await h.t.api.startKhqr('KHR') // riel: a per-shift limit of 0 turns hand confirmation off… but the sale limit comes first
    expect(await codeOf(h.t.api.confirmKhqrByHand(h.t.approval()))).toBe('khqr_manual_sale_limit')

    const refusals = h.t.pos.ledger.context.db
      .prepare(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'khqr.confirm_by_hand_refused' AND result = 'refused'",
      )
      .get() as { n: number }
    expect(refusals.n).toBe(4)
    const report = h.t.pos.ledger.shifts.xReport()
    expect(report.khqrManual).toEqual({ count: 1, unverifiedCount: 1, unverifiedUsd: 450, unverifiedKhr: 0 })
  })

  test('verified confirmations no longer count against the shift limit', async () => {
    const h = await harness()
    setLimits(h.t, { perSaleUsd: 500, perSaleKhr: 20_000, perShiftUsd: 800, perShiftKhr: 80_000 })
    const first = await saleAwaitingKhqr(h.t)
    await h.t.api.confirmKhqrByHand(h.t.approval())
    payInFull(h, first)
    expect((await h.watcher.recheckUnverified()).verified).toBe(1)
    await saleAwaitingKhqr(h.t)
    expect((await h.t.api.confirmKhqrByHand(h.t.approval())).state).toBe('paid')
  })
})

describe('hand confirmations are rechecked when the network returns', () => {
  test('verified, mismatch, not found, or still unchecked while offline; all of it on the Z report', async () => {
    const h = await harness()
    await h.standin.stop()
    const paidRight = await saleAwaitingKhqr(h.t)
    await h.t.api.confirmKhqrByHand(h.t.approval('customer showed the ABA screen'))
    const paidWrong = await saleAwaitingKhqr(h.t)
    await h.t.api.confirmKhqrByHand(h.t.approval('customer showed the ABA screen'))
    await saleAwaitingKhqr(h.t)
    await h.t.api.confirmKhqrByHand(h.t.approval('customer showed a screenshot'))
    const rightHash = payInFull(h, paidRight)
    h.standin.pay({
      md5: paidWrong.khqr.md5,
      amount: 0.45,
      currency: 'USD',
      toAccountId: SHOP_ACCOUNT,
      createdDateMs: h.t.clock.now,
    })

    const offline = await h.watcher.recheckUnverified()
    expect(offline).toMatchObject({ verified: 0, mismatches: 0, notFound: 0, stillUnchecked: 3 })
    expect(h.t.pos.ledger.shifts.xReport().khqrManual.unverifiedCount).toBe(3)

    await h.standin.start()
    h.t.clock.advance(10 * 60_000) // past the QRs' expiry and the grace: an unpaid QR will not be paid any more
    const online = await h.watcher.recheckUnverified()
    expect(online).toMatchObject({ verified: 1, mismatches: 1, notFound: 1, stillUnchecked: 0 })

    const verified = await h.t.api.getSale(paidRight.id)
    expect(verified.tenders[0]).toMatchObject({ confirmation: 'manual', verified: true, bakongHash: rightHash })
    expect((await h.t.api.getSale(paidWrong.id)).tenders[0]).toMatchObject({ verified: false, bakongHash: null })
    expect(outboxEvents(h.t, 'khqr.verified').map((event) => [event.outcome, event.reason ?? null])).toEqual([
      ['verified', null],
      ['mismatch', 'amount'],
      ['not_found', 'Bakong has no payment for this QR'],
    ])

    const issues = new KhqrIssues(h.t.pos.ledger.context)
    expect(issues.list({ unresolvedOnly: true }).map((issue) => issue.kind)).toEqual(['not_found', 'mismatch'])
    const mismatch = issues.list().find((issue) => issue.kind === 'mismatch')
    expect(mismatch).toMatchObject({
      saleId: paidWrong.id,
      requested: { amount: 450, currency: 'USD' },
      paid: { amount: 45, currency: 'USD' },
    })
    issues.resolve(mismatch?.id as string, {
      userId: h.t.manager.id,
      approverId: h.t.manager.id,
      reason: 'refunded $0.45',
    })

    // Raised once: another recheck finds nothing new to ask about the two problem tenders.
    const again = await h.watcher.recheckUnverified()
    expect(again).toMatchObject({ verified: 0, mismatches: 0, notFound: 0, stillUnchecked: 0 })

    const z = await h.t.api.closeShift({ usd: {}, khr: {} })
    expect(z.khqrManual).toEqual({ count: 3, unverifiedCount: 2, unverifiedUsd: 900, unverifiedKhr: 0 })
    expect(z.khqrChecks).toEqual({
      verified: 1,
      mismatches: 1,
      notFound: 1,
      overPayments: 0,
      latePayments: 0,
      unresolved: 1,
    })
    const settings = h.t.pos.ledger.settings.get()
    const pairs = shiftReportBlocks(z, { settings, terminalLabel: 'T1', timeZone: settings.timeZone }, 'en').flatMap(
      (block) => (block.kind === 'pair' ? [`${block.left}|${block.right}`] : []),
    )
    const paper = pairs.slice(
      pairs.findIndex((line) => line.startsWith('KHQR verified by Bakong')),
      pairs.findIndex((line) => line.startsWith('Still for a manager')) + 1,
    )
    expect(paper).toEqual([
      'KHQR verified by Bakong|1',
      'KHQR confirmed by hand|3',
      'KHQR still unverified (2)|$9.00',
      'Verified later in this shift|1',
      'KHQR MISMATCH|1',
      'KHQR NOT FOUND AT BAKONG|1',
      'Still for a manager|1',
    ])
  })

  test('the watcher rechecks by itself when a check gets through again after an outage', async () => {
    const h = await harness()
    await h.standin.stop()
    const confirmed = await saleAwaitingKhqr(h.t)
    await h.t.api.confirmKhqrByHand(h.t.approval())
    payInFull(h, confirmed)
    const next = await saleAwaitingKhqr(h.t)
    h.watcher.watch(next.id)
    await h.timers.fireNext()
    expect(h.watcher.status(next.id)?.state).toBe('unreachable')
    await h.standin.start()
    await h.timers.fireNext()
    expect(h.watcher.status(next.id)?.state).toBe('waiting')
    expect((await h.t.api.getSale(confirmed.id)).tenders[0]).toMatchObject({ verified: true })
  })
})
