import { afterEach, describe, expect, test } from 'vitest'
import { deviceSlowdownMs, MAX_FAILED_PINS } from '../../../electron/core/ledger/users.ts'
import { codeOf, openTestPos, type TestPos } from '../../support/pos.ts'

const opened: TestPos[] = []
afterEach(() => {
  for (const test of opened.splice(0)) test.pos.close()
})
async function till(options?: Parameters<typeof openTestPos>[0]): Promise<TestPos> {
  const t = await openTestPos(options)
  opened.push(t)
  return t
}

describe('users, PINs and manager approval', () => {
  test('PINs are stored as scrypt hashes with a salt of their own', async () => {
    const t = await till()
    await t.api.createUser({ name: 'Sokha', role: 'cashier', pin: '2468' }, t.approval('new hire'))
    const hashes = t.pos.ledger.context.db.prepare('SELECT pin_hash FROM users').pluck().all() as string[]
    for (const hash of hashes) expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/)
    const salts = hashes.map((hash) => hash.split('$')[4])
    expect(new Set(salts).size).toBe(hashes.length)
    expect(hashes.some((hash) => hash.includes('2468'))).toBe(false)
  })

  test('weak PINs are refused', async () => {
    const t = await till()
    for (const pin of ['1111', '1234', '9876', '12a4', '123']) {
      expect(await codeOf(t.api.createUser({ name: 'X', role: 'cashier', pin }, t.approval()))).toMatch(
        /pin_weak|input_invalid/,
      )
    }
  })

  test(`${MAX_FAILED_PINS} wrong PINs lock a user until a manager unlocks them; each attempt is audited`, async () => {
    const t = await till({ signIn: null })
    for (let i = 1; i < MAX_FAILED_PINS; i++) expect(await codeOf(t.api.signIn(t.cashier.id, '0000'))).toBe('pin_wrong')
    expect(await codeOf(t.api.signIn(t.cashier.id, '0000'))).toBe('user_locked')
    expect(await codeOf(t.api.signIn(t.cashier.id, '2468'))).toBe('user_locked')
    expect((await t.api.listUsers()).find((user) => user.id === t.cashier.id)?.locked).toBe(true)
    await t.api.signIn(t.manager.id, '1357')
    await t.api.unlockUser(t.cashier.id, t.approval('forgot PIN, identity checked'))
    expect((await t.api.signIn(t.cashier.id, '2468')).user.name).toBe('Demo Cashier')
    const actions = t.pos.ledger.context.db
      .prepare("SELECT action FROM audit_log WHERE action LIKE 'pin.%' OR action LIKE 'user.%' ORDER BY seq")
      .pluck()
      .all()
    expect(actions).toEqual([
      ...Array(MAX_FAILED_PINS - 1).fill('pin.failed'),
      'user.locked',
      'pin.refused',
      'user.signed_in',
      'user.unlocked',
      'user.signed_in',
    ])
  })

  test('a correct PIN resets the count of wrong ones', async () => {
    const t = await till({ signIn: null })
    for (let round = 0; round < 3; round++) {
      for (let i = 1; i < MAX_FAILED_PINS; i++) await codeOf(t.api.signIn(t.cashier.id, '0000'))
      await t.api.signIn(t.cashier.id, '2468')
    }
    expect((await t.api.getSession())?.user.locked).toBe(false)
  })

  test('nothing but the user list and sign-in works signed out', async () => {
    const t = await till({ signIn: null })
    expect(await codeOf(t.api.scanBarcode('8850000000011'))).toBe('signed_out')
    expect(await codeOf(t.api.openShift({ usd: 0, khr: 0 }))).toBe('signed_out')
    expect(await t.api.getSession()).toBeNull()
  })

  test('approval needs a manager with the right PIN; wrong approver PINs count towards the manager’s lockout', async () => {
    const t = await till()
    const sale = await t.api.scanBarcode('8850000000011')
    for (let i = 0; i < MAX_FAILED_PINS; i++)
      await codeOf(t.api.overrideLinePrice(sale.lines[0]?.id as string, 1, { ...t.approval(), pin: '0000' }))
    expect(await codeOf(t.api.overrideLinePrice(sale.lines[0]?.id as string, 1, t.approval()))).toBe('user_locked')
    expect((await t.api.getCurrentSale())?.lines[0]?.unitPrice).toBe(150)
  })

  test('settings changes need approval and are audited with before and after', async () => {
    const t = await till()
    const before = await t.api.getSettings()
    expect(before.demo).toBe(true)
    await t.api.updateSettings({ smallestNote: 500, shopNameEn: 'Sokha Mart' }, t.approval('street stall rounding'))
    const after = await t.api.getSettings()
    expect(after).toMatchObject({ smallestNote: 500, shopNameEn: 'Sokha Mart' })
    const entry = t.pos.ledger.context.db
      .prepare("SELECT user_id, approver_id, detail FROM audit_log WHERE action = 'settings.changed'")
      .get() as {
      user_id: string
      approver_id: string
      detail: string
    }
    expect(entry.user_id).toBe(t.cashier.id)
    expect(entry.approver_id).toBe(t.manager.id)
    expect(JSON.parse(entry.detail)).toEqual({
      changes: { shopNameEn: { before: 'Demo Shop', after: 'Sokha Mart' }, smallestNote: { before: 100, after: 500 } },
      reason: 'street stall rounding',
    })
    const event = t.pos.ledger.context.db
      .prepare("SELECT payload FROM outbox WHERE type = 'settings.changed'")
      .pluck()
      .get() as string
    expect(JSON.parse(event)).toMatchObject({ changes: { smallestNote: { before: 100, after: 500 } } })
  })

  test('onboarding ends the demo only once the shop has its own manager, Bakong account and rate', async () => {
    const t = await till({ signIn: 'manager' })
    expect(await codeOf(t.api.endDemo(t.approval()))).toBe('demo_manager')
    const owner = await t.api.createUser({ name: 'Sreymom', role: 'manager', pin: '5820' }, t.approval('shop owner'))
    const ownerApproval = { managerId: owner.id, pin: '5820', reason: 'opening day' }
    expect(await codeOf(t.api.endDemo(ownerApproval))).toBe('demo_merchant')
    const settings = await t.api.getSettings()
    await t.api.updateSettings(
      { merchant: { ...settings.merchant, bakongAccountId: 'sreymom_mart@aclb', merchantNameEn: 'SREYMOM MART' } },
      ownerApproval,
    )
    expect(await codeOf(t.api.endDemo(ownerApproval))).toBe('demo_rate')
    await t.api.setExchangeRate(4080, 'nbc', ownerApproval)
    const after = await t.api.endDemo(ownerApproval)
    expect(after.demo).toBe(false)
    expect((await t.api.listUsers()).map((user) => [user.name, user.demo])).toEqual([['Sreymom', false]])
    expect(await t.api.searchProducts('coffee')).toEqual([])
    expect(await codeOf(t.api.scanBarcode('8850000000011'))).toBe('product_inactive')
  })
})

describe('guessing PINs across users', () => {
  test('after three wrong PINs in a row on the terminal each answer waits longer, up to 8 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map(deviceSlowdownMs)).toEqual([
      0, 0, 0, 250, 500, 1000, 2000, 4000, 8000, 8000,
    ])
  })

  test('the wait is real (a lower bound: the answer is held back, whatever the machine)', async () => {
    const t = await till({ signIn: null })
    for (let i = 0; i < 3; i++) await codeOf(t.api.signIn(i % 2 ? t.manager.id : t.cashier.id, '0000'))
    const started = performance.now()
    expect(await codeOf(t.api.signIn(t.manager.id, '0000'))).toBe('pin_wrong')
    expect(performance.now() - started).toBeGreaterThanOrEqual(240)
  })
})
