/**
 * A one-time enrolment code is spent by the back office the moment it answers. A terminal that
 * cannot keep the secrets it is given (no key store, a key store that fails to write) must refuse
 * before it sends the code, so the owner can fix the machine and use the same code.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { SecretStore } from '../../../electron/core/payments/secrets.ts'
import { openTestBackoffice, type TestBackoffice } from '../../support/backoffice-harness.ts'
import { memorySecrets } from '../../support/memory-secrets.ts'
import { codeOf, openTestPos, type TestPos } from '../../support/pos.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function till(secrets?: SecretStore): Promise<TestPos> {
  const t = await openTestPos({ signIn: 'manager', ...(secrets ? { secrets } : {}) })
  cleanups.push(() => t.pos.shutdown(500))
  return t
}

async function office(): Promise<{ office: TestBackoffice; code: string }> {
  const office = await openTestBackoffice('sqlite', null, {}, { tls: true })
  cleanups.push(() => office.close())
  const created = await office.http('POST', '/v1/admin/terminals', {
    body: { label: 'Till 1' },
    token: await office.ownerToken(),
  })
  return { office, code: created.body.code }
}

const noKeyStore = (): SecretStore => ({
  ...memorySecrets(),
  protection: () => ({ level: 'unavailable', backend: 'gnome_libsecret' }),
})

const failingKeyStore = (): SecretStore => ({
  ...memorySecrets(),
  set: () => {
    throw new Error('ENOSPC: no space left on device')
  },
})

describe('secrets the terminal could not keep', () => {
  it.each([
    ['no key store', noKeyStore],
    ['a key store that fails to write', failingKeyStore],
  ])('with %s, enrolment is refused before the code is sent, and the same code still works', async (_, store) => {
    const { office: backoffice, code } = await office()
    const broken = await till(store())
    expect(await codeOf(broken.api.enrollTerminal(backoffice.pairing, code, broken.approval('pairing')))).toBe(
      'secret_store_unavailable',
    )
    expect((await broken.api.getSyncStatus()).state).toBe('not_configured')

    const fixed = await till()
    const status = await fixed.api.enrollTerminal(backoffice.pairing, code, fixed.approval('pairing'))
    expect(status.backofficeUrl).not.toBeNull()
    expect(status.state).not.toBe('not_configured')
  })

  it('refuses a Bakong token it could not keep, and keeps nothing', async () => {
    const secrets = noKeyStore()
    const t = await till(secrets)
    expect(await codeOf(t.api.setBakongToken('a-pasted-token', t.approval('token')))).toBe('secret_store_unavailable')
    expect((await t.api.getBakongTokenStatus()).set).toBe(false)
  })

  it('tells the About page how secrets are kept', async () => {
    const weak: SecretStore = {
      ...memorySecrets(),
      protection: () => ({ level: 'unprotected', backend: 'basic_text' }),
    }
    const t = await till(weak)
    expect((await t.api.getAppInfo()).secretProtection).toEqual({ level: 'unprotected', backend: 'basic_text' })
    // Weak is allowed (a kiosk with no keyring must still sell and sync), and said on the About page.
    expect((await t.api.setBakongToken('a-pasted-token', t.approval('token'))).set).toBe(true)
  })
})
