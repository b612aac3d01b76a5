import { describe, expect, it } from 'vitest'
import { safeStorageProtection } from '../../../electron/main/secret-protection.ts'

const storage = (available: boolean, backend: string) => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend,
})

describe('how well safeStorage keeps the terminal’s secrets', () => {
  it('names a real key store as protection', () => {
    expect(safeStorageProtection(storage(true, 'gnome_libsecret'), 'linux')).toEqual({
      level: 'os_key_store',
      backend: 'gnome_libsecret',
    })
    expect(safeStorageProtection(storage(true, 'kwallet5'), 'linux').level).toBe('os_key_store')
    expect(safeStorageProtection(storage(true, 'ignored off Linux'), 'win32')).toEqual({
      level: 'os_key_store',
      backend: 'dpapi',
    })
    expect(safeStorageProtection(storage(true, 'ignored off Linux'), 'darwin').backend).toBe('keychain')
  })

  it('calls Linux without a keyring (basic_text, a password built into Chromium) unprotected', () => {
    expect(safeStorageProtection(storage(true, 'basic_text'), 'linux')).toEqual({
      level: 'unprotected',
      backend: 'basic_text',
    })
    expect(safeStorageProtection(storage(true, 'unknown'), 'linux').level).toBe('unprotected')
  })

  it('says when there is no key store at all', () => {
    expect(safeStorageProtection(storage(false, 'gnome_libsecret'), 'linux').level).toBe('unavailable')
    expect(safeStorageProtection(storage(false, ''), 'win32')).toEqual({ level: 'unavailable', backend: 'dpapi' })
  })
})
