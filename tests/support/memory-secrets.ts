import type { SecretStore } from '../../electron/core/payments/secrets.ts'

/** A SecretStore in memory, for unit tests of sync that need no file; `values` shows what was kept. */
export function memorySecrets(values = new Map<string, string>()): SecretStore & { values: Map<string, string> } {
  return {
    values,
    get: (name) => values.get(name) ?? null,
    set: (name, value) => {
      if (value === null) values.delete(name)
      else values.set(name, value)
    },
    protection: () => ({ level: 'owner_only_file', backend: 'memory' }),
  }
}
