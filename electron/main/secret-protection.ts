import type { SecretProtection } from '../../shared/api.ts'

/** Which key store safeStorage uses here, and whether it protects anything (docs/security.md §5). */
export function safeStorageProtection(
  storage: { isEncryptionAvailable(): boolean; getSelectedStorageBackend(): string },
  platform: NodeJS.Platform,
): SecretProtection {
  const backend =
    platform === 'linux' ? storage.getSelectedStorageBackend() : platform === 'win32' ? 'dpapi' : 'keychain'
  if (!storage.isEncryptionAvailable()) return { level: 'unavailable', backend }
  // With no keyring Linux encrypts with a password built into Chromium: anyone with the file can read it.
  if (backend === 'basic_text' || backend === 'unknown') return { level: 'unprotected', backend }
  return { level: 'os_key_store', backend }
}
