import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { tokenExpiresAt } from '../../../shared/bakong/token.ts'

/** Secrets of the main process (the Bakong token). The Electron build keeps them with safeStorage. */
export interface SecretStore {
  get(name: string): string | null
  set(name: string, value: string | null): void
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
  }
}

/** What the settings screen may know about the token: whether one is set and when it expires, never the token. */
export function bakongTokenStatus(store: SecretStore): { set: boolean; expiresAt: number | null } {
  const token = store.get(BAKONG_TOKEN_SECRET)
  return token ? { set: true, expiresAt: tokenExpiresAt(token) } : { set: false, expiresAt: null }
}
