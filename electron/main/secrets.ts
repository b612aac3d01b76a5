import { join } from 'node:path'
import { safeStorage } from 'electron'
import { createFileSecretStore, type SecretStore } from '../core/payments/secrets.ts'
import { safeStorageProtection } from './secret-protection.ts'

/**
 * The main process's secrets (the Bakong token, the back-office refresh token), encrypted with the
 * operating system's key store through safeStorage (DPAPI, Keychain, libsecret) in a file readable
 * by its owner only. The renderer never sees them.
 */
export function createSafeSecretStore(directory: string): SecretStore {
  const file = createFileSecretStore(join(directory, 'secrets.safe.json'))
  return {
    get(name) {
      const sealed = file.get(name)
      if (sealed === null) return null
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'))
    },
    set(name, value) {
      if (value === null) return file.set(name, null)
      if (!safeStorage.isEncryptionAvailable())
        throw new Error('The operating system offers no key store to keep this secret in.')
      file.set(name, safeStorage.encryptString(value).toString('base64'))
    },
    protection: () => safeStorageProtection(safeStorage, process.platform),
  }
}
