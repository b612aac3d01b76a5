import { HttpError } from './errors.ts'
import { hashPassword, newToken, type RandomBytes, sha256Hex, verifyPassword } from './secrets.ts'
import type { BackofficeStore } from './store/types.ts'

const SESSION_TTL_MS = 12 * 60 * 60 * 1000
export const OWNER_COOKIE = 'bo_owner'
export const MIN_PASSWORD_LENGTH = 10

/**
 * The owner's password (scrypt, in `meta`) and sessions (hashed bearer tokens, 12 hours). On the
 * first run the password comes from BACKOFFICE_OWNER_PASSWORD, or from the page together with a
 * setup code printed on the server's console, so nobody else on the network can claim the shop.
 */
export function createOwnerAuth(store: BackofficeStore, now: () => number, randomBytes: RandomBytes) {
  let setupCode: string | null = null

  async function storedHash(): Promise<string | null> {
    const row = await store.get<{ value: string }>("SELECT value FROM meta WHERE key = 'owner_password'")
    return row?.value ?? null
  }

  async function setPassword(password: string): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH || password.length > 200)
      throw new HttpError(400, 'password_too_short', `The password needs ${MIN_PASSWORD_LENGTH} to 200 characters.`, {
        field: 'password',
      })
    const hash = await hashPassword(password, randomBytes)
    await store.run(
      "INSERT INTO meta (key, value) VALUES ('owner_password', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [hash],
    )
    await store.run('DELETE FROM owner_sessions')
    setupCode = null
  }

  async function newSession(): Promise<{ token: string; expiresAt: number }> {
    const token = newToken('os_', randomBytes)
    const at = now()
    await store.run('DELETE FROM owner_sessions WHERE expires_at <= ?', [at])
    await store.run('INSERT INTO owner_sessions (token_hash, created_at, expires_at) VALUES (?, ?, ?)', [
      sha256Hex(token),
      at,
      at + SESSION_TTL_MS,
    ])
    return { token, expiresAt: at + SESSION_TTL_MS }
  }

  return {
    /** Sets the password from the environment, or prepares a setup code when none is set yet. */
    async initialise(passwordFromEnvironment: string | undefined): Promise<void> {
      if (passwordFromEnvironment) {
        const existing = await storedHash()
        if (!existing || !(await verifyPassword(passwordFromEnvironment, existing)))
          await setPassword(passwordFromEnvironment)
      } else if (!(await storedHash())) {
        setupCode = newToken('', randomBytes).slice(0, 12)
      }
    },
    /** The code to type on the first-run page, or null once a password exists. */
    setupCode: () => setupCode,
    async firstRun(code: string, password: string): Promise<{ token: string; expiresAt: number }> {
      if (!setupCode || (await storedHash()))
        throw new HttpError(409, 'already_set_up', 'The owner password is already set; sign in instead.')
      if (sha256Hex(code.trim()) !== sha256Hex(setupCode))
        throw new HttpError(401, 'setup_code_invalid', 'This setup code is wrong; it is printed in the server log.')
      await setPassword(password)
      return newSession()
    },
    async login(password: string): Promise<{ token: string; expiresAt: number }> {
      const stored = await storedHash()
      if (!stored || !(await verifyPassword(password, stored)))
        throw new HttpError(401, 'password_invalid', 'The password is wrong.')
      return newSession()
    },
    async logout(token: string): Promise<void> {
      await store.run('DELETE FROM owner_sessions WHERE token_hash = ?', [sha256Hex(token)])
    },
    /** True when this token is a live owner session. */
    async check(token: string | null): Promise<boolean> {
      if (!token || !/^os_[A-Za-z0-9_-]{1,100}$/.test(token)) return false
      const row = await store.get<{ expires_at: number }>(
        'SELECT expires_at FROM owner_sessions WHERE token_hash = ?',
        [sha256Hex(token)],
      )
      return !!row && row.expires_at > now()
    },
    /** The token a form must echo back: tied to the session, so another site cannot forge it. */
    csrfToken: (sessionToken: string) => sha256Hex(`csrf:${sessionToken}`).slice(0, 32),
  }
}

export type OwnerAuth = ReturnType<typeof createOwnerAuth>
