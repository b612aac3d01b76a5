/**
 * The owner unlocks a shop's locked-out managers from the back office (issue 12: "the back office
 * can unlock too"), for a shop whose recovery code is lost: a command signed with the back
 * office's verdict key, pinned by the terminal at enrolment, run once at the next sync tick.
 */
import { generateKeyPairSync, sign } from 'node:crypto'
import { afterEach, describe, expect, test } from 'vitest'
import { DEMO_PINS } from '../../../electron/core/ledger/demo.ts'
import { pullOwnerCommands } from '../../../electron/core/sync/owner-commands.ts'
import type { SyncConfig } from '../../../electron/core/sync/sync-state.ts'
import { openTestBackoffice, type TestBackoffice } from '../../support/backoffice-harness.ts'
import { codeOf, openTestPos, type TestPos } from '../../support/pos.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function enrolledShop(): Promise<{ t: TestPos; office: TestBackoffice; terminalId: string }> {
  const t = await openTestPos({ signIn: 'manager' })
  cleanups.push(() => t.pos.shutdown(500))
  const office = await openTestBackoffice('sqlite', null, {}, { tls: true })
  cleanups.push(() => office.close())
  const created = await office.http('POST', '/v1/admin/terminals', {
    body: { label: 'Till 1' },
    token: await office.ownerToken(),
  })
  await t.api.enrollTerminal(office.pairing, created.body.code, t.approval('pairing'))
  await t.api.signOut()
  return { t, office, terminalId: created.body.terminal_id }
}

/** Five wrong PINs, a person's pace apart (the slowdown gates attempts that come faster). */
async function lockOut(t: TestPos, userId: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await codeOf(t.api.signIn(userId, '0000'))
    t.clock.advance(10_000)
  }
  expect((await t.api.listUsers()).find((user) => user.id === userId)?.locked).toBe(true)
}

describe('the owner unlocks a terminal’s managers from the back office', () => {
  test('the owner’s command reaches the till at its next pull; the manager signs in; the command runs once', async () => {
    const { t, office, terminalId } = await enrolledShop()
    await lockOut(t, t.manager.id)
    const sent = await office.http('POST', `/v1/admin/terminals/${terminalId}/unlock-managers`, {
      token: await office.ownerToken(),
    })
    expect(sent.status).toBe(201)
    await t.pos.pullFromBackoffice()
    expect((await t.api.listUsers()).find((user) => user.id === t.manager.id)?.locked).toBe(false)
    expect((await t.api.signIn(t.manager.id, DEMO_PINS.manager)).user.id).toBe(t.manager.id)
    const audit = t.pos.ledger.context.db
      .prepare("SELECT user_id, object_id FROM audit_log WHERE action = 'user.unlocked'")
      .all()
    expect(audit).toEqual([{ user_id: 'backoffice', object_id: t.manager.id }])

    // Handed out again (its answer might have been lost), it does not unlock a second lock-out.
    await t.api.signOut()
    await lockOut(t, t.manager.id)
    await t.pos.pullFromBackoffice()
    expect((await t.api.listUsers()).find((user) => user.id === t.manager.id)?.locked).toBe(true)
  })

  test('the command needs the owner: a terminal’s token or nothing is refused', async () => {
    const { office, terminalId } = await enrolledShop()
    const anonymous = await office.http('POST', `/v1/admin/terminals/${terminalId}/unlock-managers`)
    expect(anonymous.status).toBe(401)
    const till = await office.enrolTerminal('Till 2')
    const asTerminal = await office.http('POST', `/v1/admin/terminals/${terminalId}/unlock-managers`, {
      token: till.accessToken,
    })
    expect([401, 403]).toContain(asTerminal.status)
  })
})

describe('a command the till does not take', () => {
  const officeKey = generateKeyPairSync('ed25519')
  const config: SyncConfig = {
    backofficeUrl: 'https://192.168.1.10:8787',
    terminalId: 'trm_00000000000000000000000001',
    storeId: 'str_1',
    enrolledAt: 0,
    verdictKey: (officeKey.publicKey.export({ type: 'spki', format: 'der' }) as Buffer).toString('base64url'),
  }
  const signed = (command: Record<string, unknown>, key = officeKey.privateKey) => {
    const body = JSON.stringify(command)
    return { body, signature: sign(null, Buffer.from(body), key).toString('base64url') }
  }
  const command = (overrides: Record<string, unknown> = {}) => ({
    command_id: '7d7c1f0e-0000-4000-8000-000000000001',
    terminal_id: config.terminalId,
    kind: 'unlock_managers',
    issued_at: Date.UTC(2026, 10, 24, 8),
    expires_at: Date.UTC(2026, 10, 27, 8),
    ...overrides,
  })

  test('is one signed by another key, for another terminal, run out, or of an unknown kind', async () => {
    const t = await openTestPos({ signIn: null })
    cleanups.push(() => t.pos.close())
    await lockOut(t, t.manager.id)
    const attacker = generateKeyPairSync('ed25519').privateKey
    const answer = [
      signed(command(), attacker),
      signed(command({ terminal_id: 'trm_00000000000000000000000002' })),
      signed(command({ expires_at: t.clock.now - 1 })),
      signed(command({ kind: 'open_drawer' })),
      { body: JSON.stringify(command()), signature: 'A'.repeat(86) },
    ]
    const result = await pullOwnerCommands({
      context: t.pos.ledger.context,
      users: t.pos.ledger.users,
      config: () => config,
      auth: { accessToken: async () => 'token', invalidate: () => {} },
      transportFor: () => ({ send: async () => ({ status: 200, headers: {}, body: { commands: answer } }) }),
    })
    expect(result).toEqual({ applied: 0, refused: 5 })
    expect((await t.api.listUsers()).find((user) => user.id === t.manager.id)?.locked).toBe(true)

    // The same command signed by the pinned key is taken, once.
    const good = [signed(command()), signed(command())]
    const taken = await pullOwnerCommands({
      context: t.pos.ledger.context,
      users: t.pos.ledger.users,
      config: () => config,
      auth: { accessToken: async () => 'token', invalidate: () => {} },
      transportFor: () => ({ send: async () => ({ status: 200, headers: {}, body: { commands: good } }) }),
    })
    expect(taken).toEqual({ applied: 1, refused: 0 })
    expect((await t.api.listUsers()).find((user) => user.id === t.manager.id)?.locked).toBe(false)
  })
})
