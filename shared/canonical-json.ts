/**
 * Canonical JSON for hashed payloads (outbox events, audit entries): object keys sorted by code
 * unit, no whitespace, and numbers only as safe integers, so money can never be a float and the
 * same facts always hash the same on the terminal and the back office.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      if (!Number.isSafeInteger(value)) throw new TypeError(`Canonical JSON holds only safe integers, got ${value}.`)
      return String(value)
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
      const record = value as Record<string, unknown>
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`
    }
    default:
      throw new TypeError(`Canonical JSON cannot hold a ${typeof value}.`)
  }
}
