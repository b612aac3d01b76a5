/**
 * Issue 12's money controls, each tested by performing the attack: a cashier calls the engine
 * directly (as at DevTools, through `t.pos.api`, which grants nothing by itself) and tries to
 * give goods away, discount past the limit, take cash out, reuse an approval or read the
 * expected cash before the count.
 */
import { describe, expect, test } from 'vitest'
import { GRANT_LIFETIME_MS } from '../../../electron/core/approval-grants.ts'
import { DEMO_PINS } from '../../../electron/core/ledger/demo.ts'
import type { ApprovalRequest } from '../../../shared/api.ts'
import { BARCODES, codeOf, openTestPosPerTest, type TestPos } from '../../support/pos.ts'

const till = openTestPosPerTest()
/** What the manager typing their PIN into the approval dialog buys: a grant for this one call. */
function grant(t: TestPos, request: ApprovalRequest, reason = 'approved at the counter') {
  return t.pos.api.grantApproval(request, { managerId: t.manager.id, pin: DEMO_PINS.manager, reason })
}
function audited(t: TestPos, action: string) {
  return t.pos.ledger.context.db
    .prepare('SELECT user_id, approver_id FROM audit_log WHERE action = ? ORDER BY seq')
    .all(action) as { user_id: string; approver_id: string | null }[]
}
async function setLimits(t: TestPos, limits: { discountBasisPoints: number; cashOutUsd: number; cashOutKhr: number }) {
  await t.api.updateSettings({ cashierLimits: limits }, t.approval('cashier limits'))
}

describe('free goods', () => {
  test('attack: a 100 % discount then completing for nothing, as a cashier, is refused and leaves the sale as it was', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.amok)
    const api = t.pos.api
    expect(await codeOf(api.setSaleDiscount({ kind: 'percent', basisPoints: 10_000 }, null))).toBe('approval_required')
    expect(await codeOf(api.setSaleDiscount({ kind: 'amount', amount: 450 }, null))).toBe('approval_required')
    const line = (await api.getCurrentSale())?.lines[0]?.id as string
    expect(await codeOf(api.setLineDiscount(line, { kind: 'percent', basisPoints: 1000 }, null))).toBe(
      'approval_required',
    )
    const sale = await api.getCurrentSale()
    expect(sale?.discount).toBeNull()
    expect(sale?.totals.total).toBe(450)
    expect(await codeOf(api.completeWithoutPayment(null))).toBe('payment_required')
    expect(audited(t, 'sale.discount')).toEqual([]) // the refused change left no trace as if it happened
  })

  test('with the manager’s approval the discount and the free completion go through, each recorded with the approver', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.amok)
    const full = { kind: 'percent', basisPoints: 10_000 } as const
    const sale = await t.pos.api.setSaleDiscount(full, await grant(t, { method: 'setSaleDiscount', args: [full] }))
    expect(sale.totals.total).toBe(0)
    // A sale that comes to nothing still gives goods away: that needs its own approval.
    expect(await codeOf(t.pos.api.completeWithoutPayment(null))).toBe('approval_required')
    const paid = await t.pos.api.completeWithoutPayment(
      await grant(t, { method: 'completeWithoutPayment', args: [] }, 'spoilt, given to staff'),
    )
    expect(paid.state).toBe('paid')
    expect(audited(t, 'sale.discount_approved')).toEqual([{ user_id: t.cashier.id, approver_id: t.manager.id }])
    expect(audited(t, 'sale.completed_without_payment')).toEqual([{ user_id: t.cashier.id, approver_id: t.manager.id }])
  })

  test('within the limit a manager sets, a cashier discounts alone; removing lines to grow an amount off is caught at payment', async () => {
    const t = await till()
    await setLimits(t, { discountBasisPoints: 1000, cashOutUsd: 0, cashOutKhr: 0 })
    await t.api.scanBarcode(BARCODES.icedCoffee) // $1.50
    const withAmok = await t.api.scanBarcode(BARCODES.amok) // $4.50
    expect((await t.pos.api.setSaleDiscount({ kind: 'percent', basisPoints: 1000 }, null)).totals.discountTotal).toBe(
      60,
    )
    expect(await codeOf(t.pos.api.setSaleDiscount({ kind: 'percent', basisPoints: 1100 }, null))).toBe(
      'approval_required',
    )
    await t.pos.api.setSaleDiscount({ kind: 'amount', amount: 60 }, null) // 10 % of $6.00
    await t.pos.api.removeLine(withAmok.lines.find((line) => line.unitPrice === 450)?.id ?? '')
    // $0.60 off $1.50 is 40 %: no money is taken until a manager approves it.
    expect(await codeOf(t.pos.api.payCash('USD', 200))).toBe('discount_needs_approval')
    expect(await codeOf(t.pos.api.startKhqr('USD'))).toBe('discount_needs_approval')
    const amount = { kind: 'amount', amount: 60 } as const
    await t.pos.api.setSaleDiscount(amount, await grant(t, { method: 'setSaleDiscount', args: [amount] }))
    expect((await t.pos.api.payCash('USD', 200)).state).toBe('paid')
  })

  test('a manager signed in is not limited by the cashier’s limits', async () => {
    const t = await till({ signIn: 'manager' })
    await t.api.scanBarcode(BARCODES.amok)
    expect((await t.pos.api.setSaleDiscount({ kind: 'percent', basisPoints: 5000 }, null)).totals.total).toBe(225)
  })
})

describe('an approval is for one call', () => {
  test('attack: an approval seen once is refused for another action, a second time, by someone else, or late', async () => {
    const t = await till()
    const sale = await t.api.scanBarcode(BARCODES.amok)
    const line = sale.lines[0]?.id as string
    const api = t.pos.api

    const forPrice = await grant(t, { method: 'overrideLinePrice', args: [line, 400] })
    expect(await codeOf(api.openDrawer(forPrice))).toBe('approval_invalid') // another action
    expect(await codeOf(api.overrideLinePrice(line, 400, forPrice))).toBe('approval_invalid') // spent by the attempt

    const forFour = await grant(t, { method: 'overrideLinePrice', args: [line, 400] })
    expect(await codeOf(api.overrideLinePrice(line, 1, forFour))).toBe('approval_invalid') // another amount

    const once = await grant(t, { method: 'overrideLinePrice', args: [line, 400] })
    expect((await api.overrideLinePrice(line, 400, once)).lines[0]?.unitPrice).toBe(400)
    expect(await codeOf(api.overrideLinePrice(line, 400, once))).toBe('approval_invalid') // used already

    const late = await grant(t, { method: 'overrideLinePrice', args: [line, 300] })
    t.clock.advance(GRANT_LIFETIME_MS)
    expect(await codeOf(api.overrideLinePrice(line, 300, late))).toBe('approval_invalid')

    const forCashier = await grant(t, { method: 'overrideLinePrice', args: [line, 300] })
    await api.signOut()
    await api.signIn(t.manager.id, DEMO_PINS.manager)
    expect(await codeOf(api.overrideLinePrice(line, 300, forCashier))).toBe('approval_invalid')

    const forged = { grantId: 'f'.repeat(32) }
    expect(await codeOf(api.openDrawer(forged))).toBe('approval_invalid')
  })

  test('attack: an approval for one sale is refused once the sale it was given on has changed', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.icedCoffee)
    const free = await grant(t, { method: 'completeWithoutPayment', args: [] })
    await t.api.scanBarcode(BARCODES.amok) // the cart grew after the manager looked at it
    const full = { kind: 'percent', basisPoints: 10_000 } as const
    await t.pos.api.setSaleDiscount(full, await grant(t, { method: 'setSaleDiscount', args: [full] }))
    expect(await codeOf(t.pos.api.completeWithoutPayment(free))).toBe('approval_invalid')
  })

  test('a cashier’s PIN buys no approval', async () => {
    const t = await till()
    await t.api.scanBarcode(BARCODES.amok)
    const consent = { managerId: t.cashier.id, pin: DEMO_PINS.cashier, reason: 'me' }
    expect(await codeOf(t.pos.api.grantApproval({ method: 'openDrawer', args: [] }, consent))).toBe(
      'approval_not_manager',
    )
  })
})

describe('cash out', () => {
  test('attack: a cashier takes cash out without approval; above the limit it is refused', async () => {
    const t = await till()
    const out = { direction: 'out', currency: 'USD', amount: 1000, reason: 'ice' } as const
    expect(await codeOf(t.pos.api.moveCash(out, null))).toBe('approval_required')
    await setLimits(t, { discountBasisPoints: 0, cashOutUsd: 1000, cashOutKhr: 40_000 })
    await t.pos.api.moveCash(out, null) // $10 is within the limit
    expect(await codeOf(t.pos.api.moveCash({ ...out, amount: 1001 }, null))).toBe('approval_required')
    await t.pos.api.moveCash(
      { ...out, amount: 1001 },
      await grant(t, { method: 'moveCash', args: [{ ...out, amount: 1001 }] }),
    )
    expect(audited(t, 'cash.out')).toEqual([
      { user_id: t.cashier.id, approver_id: null },
      { user_id: t.cashier.id, approver_id: t.manager.id },
    ])
  })

  test('attack: $200 out of a $50 float is refused even with approval, and the refusal does not tell the drawer’s amount', async () => {
    const t = await till({ signIn: 'manager' })
    const out = { direction: 'out', currency: 'USD', amount: 20_000, reason: 'loan' } as const
    const failure = await t.pos.api.moveCash(out, await grant(t, { method: 'moveCash', args: [out] })).catch((e) => e)
    expect(failure.code).toBe('cash_out_exceeds_drawer')
    expect(failure.message).not.toMatch(/50/)
    await t.pos.api.moveCash({ ...out, amount: 5000 }, null) // the whole float, by the manager
    expect(t.pos.ledger.shifts.xReport().expectedCash.usd).toBe(0)
  })
})

describe('blind close', () => {
  test('attack: a cashier asks for the X report to learn the expected cash before counting', async () => {
    const t = await till()
    expect(await codeOf(t.pos.api.getXReport())).toBe('manager_only')
    expect(await codeOf(t.pos.api.printXReport())).toBe('manager_only')
    const z = await t.pos.api.closeShift({ usd: { '2000': 2 }, khr: {} })
    expect(z.expectedCash.usd).toBe(5000) // shown once the count is committed
    expect(z.variance?.usd).toBe(-1000)
  })

  test('a manager sees the X figures', async () => {
    const t = await till({ signIn: 'manager' })
    expect((await t.pos.api.getXReport()).expectedCash.usd).toBe(5000)
  })
})
