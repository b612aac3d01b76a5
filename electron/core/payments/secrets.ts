import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { SecretProtection } from '../../../shared/api.ts'
import { tokenExpiresAt } from '../../../shared/bakong/token.ts'
import { PosError } from '../errors.ts'

/** Secrets of the main process (the Bakong token). The Electron build keeps them with safeStorage. */
export interface SecretStore {
  get(name: string): string | null
  set(name: string, value: string | null): void
  /** How well what `set` writes is kept from someone who copies the terminal's files. */
  protection(): SecretProtection
}

const PROBE_SECRET = 'probe'

/**
 * Refuses before a one-time thing is spent (an enrolment code, a pasted token) when the secret it
 * brings could not be kept: no key store at all, or a store that fails to write. A weak store
 * (Linux's `basic_text`) is allowed, and the About page says so.
 */
export function assertSecretsCanBeKept(store: SecretStore): void {
  const protection = store.protection()
  if (protection.level === 'unavailable')
    throw new PosError(
      'secret_store_unavailable',
      `This computer offers no key store (${protection.backend}) to keep the terminal's secrets in.`,
    )
  try {
    store.set(PROBE_SECRET, 'can this store keep a secret?')
    store.set(PROBE_SECRET, null)
  } catch (error) {
    throw new PosError(
      'secret_store_unavailable',
      `The terminal's secrets cannot be written: ${(error as Error).message}`,
      {
        cause: error,
      },
    )
  }
}

export const BAKONG_TOKEN_SECRET = 'bakong.token'

/**
 * A SecretStore in one JSON file readable by its owner only (0600), for tests and plain Node. It
 * is not encrypted: on a till, use the safeStorage store of the main process.
 */
export function createFileSecretStore(path: string): SecretStore {
  function read(): Record<string, string> {
    try {
      const value = JSON.parse(readFileSync(path, 'utf8')) as unknown
      return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {}
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
      throw error
    }
  }
  return {
    get(name) {
      const value = read()[name]
      return typeof value === 'string' ? value : null
    },
    set(name, value) {
      const secrets = read()
      if (value === null) delete secrets[name]
      else secrets[name] = value
      mkdirSync(dirname(path), { recursive: true })
      const temporary = `${path}.tmp`
      writeFileSync(temporary, JSON.stringify(secrets), { mode: 0o600 })
      chmodSync(temporary, 0o600)
      renameSync(temporary, path)
    },
    protection: () => ({ level: 'owner_only_file', backend: 'file' }),
  }
}

/** What the settings screen may know about the token: whether one is set and when it expires, never the token. */
export function bakongTokenStatus(store: SecretStore): { set: boolean; expiresAt: number | null } {
  const token = store.get(BAKONG_TOKEN_SECRET)
  return token ? { set: true, expiresAt: tokenExpiresAt(token) } : { set: false, expiresAt: null }
}
