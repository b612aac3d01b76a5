import { describe, expect, test } from 'vitest'
import { DEMO_PINS } from '../../../electron/core/ledger/demo.ts'
import { deviceSlowdownMs } from '../../../electron/core/ledger/pin-guard.ts'
import { MAX_FAILED_PINS, managerCooldownMs } from '../../../electron/core/ledger/users.ts'
import type { ApprovalRequest } from '../../../shared/api.ts'
import { codeOf, openTestPosPerTest, type TestPos } from '../../support/pos.ts'

const till = openTestPosPerTest()
/** A wrong PIN typed by a person, who takes longer than the terminal's slowdown (8 s at most) to try again. */
async function wrongPin(t: TestPos, userId: string): Promise<string | undefined> {
  const code = await codeOf(t.api.signIn(userId, '0000'))
  t.clock.advance(10_000)
  return code
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
    for (let i = 1; i < MAX_FAILED_PINS; i++) expect(await wrongPin(t, t.cashier.id)).toBe('pin_wrong')
    expect(await wrongPin(t, t.cashier.id)).toBe('user_locked')
    expect(await codeOf(t.api.signIn(t.cashier.id, '2468'))).toBe('user_locked')
    // A cashier has no cool-down: only a manager unlocks them.
    t.clock.advance(7 * 24 * 3600_000)
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
      'pin.refused',
      'user.signed_in',
      'user.unlocked',
      'user.signed_in',
    ])
  })

  test('a correct PIN resets the count of wrong ones', async () => {
    const t = await till({ signIn: null })
    for (let round = 0; round < 3; round++) {
      for (let i = 1; i < MAX_FAILED_PINS; i++) await wrongPin(t, t.cashier.id)
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
    for (let i = 0; i < MAX_FAILED_PINS; i++) {
      await codeOf(t.api.overrideLinePrice(sale.lines[0]?.id as string, 1, t.approval(undefined, { pin: '0000' })))
      t.clock.advance(10_000)
    }
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
    // Some practice first: a paid sale, a held one, and one left at the counter.
    await t.api.scanBarcode('8850000000011')
    const practice = await t.api.payCash('USD', 200)
    await t.api.scanBarcode('8850000000028')
    await t.api.holdSale()
    await t.api.scanBarcode('8850000000028')
    expect(await codeOf(t.api.endDemo(t.approval()))).toBe('demo_manager')
    const owner = await t.api.createUser({ name: 'Sreymom', role: 'manager', pin: '5820' }, t.approval('shop owner'))
    const ownerApproval = t.approval('opening day', { managerId: owner.id, pin: '5820' })
    expect(await codeOf(t.api.endDemo(ownerApproval))).toBe('demo_merchant')
    const settings = await t.api.getSettings()
    await t.api.updateSettings(
      { merchant: { ...settings.merchant, bakongAccountId: 'sreymom_mart@aclb', merchantNameEn: 'SREYMOM MART' } },
      ownerApproval,
    )
    expect(await codeOf(t.api.endDemo(ownerApproval))).toBe('demo_rate')
    await t.api.setExchangeRate(4080, 'nbc', ownerApproval)
    expect(await codeOf(t.api.endDemo(ownerApproval))).toBe('sale_in_progress')
    await t.api.cancelSale(null)
    const after = await t.api.endDemo(ownerApproval)
    expect(after.demo).toBe(false)
    expect((await t.api.listUsers()).map((user) => [user.name, user.demo])).toEqual([['Sreymom', false]])
    expect(await t.api.searchProducts('coffee')).toEqual([])
    expect(await t.api.listProducts({ categoryId: null, offset: 0, limit: 100, status: 'all' })).toEqual([])
    // The demo's barcodes are free for the shop's own goods.
    expect(await codeOf(t.api.scanBarcode('8850000000011'))).toBe('barcode_unknown')

    // The practice is kept for audit but is not the shop's: out of its lists, never refunded, and
    // the demo shift is closed so the shop's first shift is its own.
    const db = t.pos.ledger.context.db
    expect(
      db
        .prepare(
          'SELECT state, sale_id IS NOT NULL FROM sales LEFT JOIN practice_sales ON sale_id = id ORDER BY opened_at',
        )
        .raw()
        .all(),
    ).toEqual([
      ['paid', 1],
      ['cancelled', 1],
      ['cancelled', 1],
    ])
    expect(await t.api.listSales({ from: 0, to: t.clock.now + 1 })).toEqual([])
    expect(await codeOf(t.api.quoteRefund({ saleId: practice.id, lines: [] }))).toBe('sale_practice')
    expect(await t.api.getShift()).toBeNull()
    expect(
      db
        .prepare('SELECT count(*) FROM shifts JOIN practice_shifts ON shift_id = id WHERE closed_at IS NOT NULL')
        .pluck()
        .get(),
    ).toBe(1)
    const ended = db.prepare("SELECT payload FROM outbox WHERE type = 'demo.ended'").pluck().get() as string
    expect(JSON.parse(ended)).toMatchObject({ practice_sales: 3, practice_shifts: 1 })

    // The shop's own product may carry a barcode the demo used.
    await t.api.saveProduct(
      {
        sku: 'OWN-1',
        nameEn: 'Own coffee',
        nameKm: 'កាហ្វេហាង',
        categoryId: null,
        price: 200,
        currency: 'USD',
        vatClass: 'standard',
        active: true,
        barcodes: ['8850000000011'],
        soldBy: 'count',
        scaleCode: null,
      },
      null,
      ownerApproval,
    )
    expect(
      (await t.api.listProducts({ categoryId: null, offset: 0, limit: 100, status: 'all' })).map((p) => p.sku),
    ).toEqual(['OWN-1'])
  })
})

describe('guessing PINs', () => {
  test('after three wrong PINs in a row on the terminal the next attempt must wait, doubling up to 8 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map(deviceSlowdownMs)).toEqual([
      0, 0, 0, 250, 500, 1000, 2000, 4000, 8000, 8000,
    ])
  })

  test('the slowdown refuses the next attempt, even with the right PIN, until its time has passed', async () => {
    const t = await till({ signIn: null })
    for (let i = 0; i < 3; i++) await codeOf(t.api.signIn(i % 2 ? t.manager.id : t.cashier.id, '0000'))
    expect(await codeOf(t.api.signIn(t.manager.id, '0000'))).toBe('pin_wrong') // answered at once
    expect(await codeOf(t.api.signIn(t.cashier.id, DEMO_PINS.cashier))).toBe('pin_wait')
    t.clock.advance(249)
    expect(await codeOf(t.api.signIn(t.cashier.id, DEMO_PINS.cashier))).toBe('pin_wait')
    t.clock.advance(1)
    expect((await t.api.signIn(t.cashier.id, DEMO_PINS.cashier)).user.id).toBe(t.cashier.id)
  })

  test('the run of wrong PINs survives a restart', async () => {
    const first = await till({ signIn: null })
    for (let i = 0; i < 4; i++) await codeOf(first.api.signIn(first.cashier.id, '0000'))
    first.pos.close()
    const again = await till({ signIn: null, dataDirectory: first.dataDirectory })
    again.clock.now = first.clock.now
    expect(await codeOf(again.api.signIn(again.cashier.id, DEMO_PINS.cashier))).toBe('pin_wait')
  })

  test('attack: 60 manager PINs sent at once, the right one 41st, buy no approval and no session', async () => {
    const t = await till()
    const sale = await t.api.scanBarcode('8850000000011')
    const request: ApprovalRequest = { method: 'overrideLinePrice', args: [sale.lines[0]?.id as string, 1] }
    const guesses = Array.from({ length: 60 }, (_, i) => (i === 40 ? DEMO_PINS.manager : String(1000 + i)))
    const answers = await Promise.all(
      guesses.map((pin) => codeOf(t.pos.api.grantApproval(request, { managerId: t.manager.id, pin, reason: 'guess' }))),
    )
    expect(answers).not.toContain(undefined)
    // Three guesses are answered, then the terminal makes everyone wait: the right PIN is never checked.
    expect(answers.filter((code) => code === 'pin_wrong')).toHaveLength(4)
    expect(answers.filter((code) => code === 'pin_wait')).toHaveLength(56)
    const signIns = await Promise.all(guesses.map((pin) => codeOf(t.pos.api.signIn(t.manager.id, pin))))
    expect(signIns.every((code) => code === 'pin_wait')).toBe(true)
    expect((await t.api.getSession())?.user.id).toBe(t.cashier.id)
  })

  test('attack: guesses spaced out to beat the slowdown still lock the user after five', async () => {
    const t = await till({ signIn: null })
    const answers: (string | undefined)[] = []
    for (let i = 0; i < 8; i++) answers.push(await wrongPin(t, t.manager.id))
    expect(answers).toEqual(['pin_wrong', 'pin_wrong', 'pin_wrong', 'pin_wrong', ...Array(4).fill('user_locked')])
    expect(await codeOf(t.api.signIn(t.manager.id, DEMO_PINS.manager))).toBe('user_locked')
  })
})

describe('a locked manager', () => {
  async function lockManager(t: TestPos) {
    for (let i = 0; i < MAX_FAILED_PINS; i++) await wrongPin(t, t.manager.id)
  }

  test('unlocks by itself after a cool-down that doubles with every lockout', async () => {
    const t = await till({ signIn: null })
    await lockManager(t)
    const locked = (await t.api.listUsers()).find((user) => user.id === t.manager.id)
    expect(locked).toMatchObject({ locked: true })
    expect(locked?.unlocksAt).toBe(t.clock.now - 10_000 + managerCooldownMs(1))
    t.clock.advance(managerCooldownMs(1))
    // One more wrong PIN after the cool-down locks again, for twice as long.
    expect(await wrongPin(t, t.manager.id)).toBe('user_locked')
    t.clock.advance(managerCooldownMs(1))
    expect(await codeOf(t.api.signIn(t.manager.id, DEMO_PINS.manager))).toBe('user_locked')
    t.clock.advance(managerCooldownMs(2) - managerCooldownMs(1))
    expect((await t.api.signIn(t.manager.id, DEMO_PINS.manager)).user.locked).toBe(false)
    expect([managerCooldownMs(1), managerCooldownMs(2), managerCooldownMs(3), managerCooldownMs(20)]).toEqual([
      15 * 60_000,
      30 * 60_000,
      60 * 60_000,
      24 * 3600_000,
    ])
  })

  test('a cashier cannot lock the only manager out for good: the owner recovery code unlocks them, once', async () => {
    const t = await till({ signIn: 'manager' })
    const { code } = await t.api.createRecoveryCode(t.approval('opening day'))
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/)
    await t.api.signOut()
    await lockManager(t)
    expect(await codeOf(t.api.unlockWithRecoveryCode(t.manager.id, 'AAAAA-AAAAA-AAAAA-AAAAA'))).toBe(
      'recovery_code_wrong',
    )
    t.clock.advance(10_000)
    expect(await codeOf(t.api.unlockWithRecoveryCode(t.cashier.id, code))).toBe('recovery_not_manager')
    // Typed loosely, as from paper: lower case, spaces.
    const unlocked = await t.api.unlockWithRecoveryCode(t.manager.id, code.toLowerCase().replaceAll('-', ' '))
    expect(unlocked.locked).toBe(false)
    expect(await codeOf(t.api.unlockWithRecoveryCode(t.manager.id, code))).toBe('recovery_code_none')
    const stored = t.pos.ledger.context.db.prepare('SELECT count(*) FROM recovery_code').pluck().get()
    expect(stored).toBe(0)
    const actions = t.pos.ledger.context.db
      .prepare("SELECT action FROM audit_log WHERE action LIKE 'recovery%' OR action = 'user.recovered' ORDER BY seq")
      .pluck()
      .all()
    expect(actions).toEqual(['recovery_code.created', 'recovery_code.failed', 'user.recovered'])
  })

  test('the recovery code is kept only as a hash', async () => {
    const t = await till({ signIn: 'manager' })
    const { code } = await t.api.createRecoveryCode(t.approval())
    const hash = t.pos.ledger.context.db.prepare('SELECT code_hash FROM recovery_code').pluck().get() as string
    expect(hash).toMatch(/^scrypt\$/)
    expect(hash).not.toContain(code.replaceAll('-', ''))
  })
})

describe('the staff', () => {
  test('a person changes their own PIN by giving the current one; a wrong current PIN counts like a wrong sign-in', async () => {
    const t = await till()
    expect(await codeOf(t.api.changeOwnPin('0000', '2580'))).toBe('pin_wrong')
    t.clock.advance(10_000)
    await t.api.changeOwnPin(DEMO_PINS.cashier, '2580')
    await t.api.signOut()
    expect(await codeOf(t.api.signIn(t.cashier.id, DEMO_PINS.cashier))).toBe('pin_wrong')
    t.clock.advance(10_000)
    expect((await t.api.signIn(t.cashier.id, '2580')).user.id).toBe(t.cashier.id)
    expect(await codeOf(t.api.changeOwnPin('2580', '1111'))).toBe('pin_weak')
  })

  test('a manager takes someone off the staff: they cannot sign in, their sales keep their name; never oneself, never the last manager', async () => {
    const t = await till({ signIn: 'manager' })
    const leaver = await t.api.createUser({ name: 'Dara', role: 'cashier', pin: '3691' }, t.approval('new cashier'))
    await t.api.deactivateUser(leaver.id, t.approval('left the shop'))
    expect((await t.api.listUsers()).map((user) => user.name)).not.toContain('Dara')
    expect(await codeOf(t.api.signIn(leaver.id, '3691'))).toBe('user_unknown')
    const audit = t.pos.ledger.context.db
      .prepare("SELECT user_id, approver_id, object_id FROM audit_log WHERE action = 'user.deactivated'")
      .all()
    expect(audit).toEqual([{ user_id: t.manager.id, approver_id: t.manager.id, object_id: leaver.id }])

    expect(await codeOf(t.api.deactivateUser(t.manager.id, t.approval('me')))).toBe('user_self')
    const second = await t.api.createUser({ name: 'Vanna', role: 'manager', pin: '4812' }, t.approval('co-owner'))
    await t.api.signOut()
    await t.api.signIn(second.id, '4812')
    await t.api.deactivateUser(t.manager.id, t.approval('sold his share', { managerId: second.id, pin: '4812' }))
    const vannaAsLast = await t.api.createUser(
      { name: 'Sophal', role: 'cashier', pin: '5927' },
      t.approval('x', { managerId: second.id, pin: '4812' }),
    )
    await t.api.signOut()
    await t.api.signIn(vannaAsLast.id, '5927')
    expect(await codeOf(t.api.deactivateUser(second.id, t.approval('no', { managerId: second.id, pin: '4812' })))).toBe(
      'last_manager',
    )
  })
})
