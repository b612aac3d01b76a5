/**
 * Checks for data that crosses a trust boundary (IPC arguments now; settings and imports later).
 * A Check returns the value typed, or throws InputError naming what is wrong.
 */
export class InputError extends Error {
  readonly code = 'input_invalid'
  readonly field: string | undefined

  constructor(message: string, field?: string) {
    super(message)
    this.name = 'InputError'
    this.field = field
  }
}

export type Check<T> = (value: unknown) => T

type Checked<T extends readonly Check<unknown>[]> = { [K in keyof T]: T[K] extends Check<infer V> ? V : never }

/** The argument list of a method: exactly these arguments, each checked in turn. */
export function argumentsOf<T extends readonly Check<unknown>[]>(...checks: T): Check<Checked<T>> {
  return (value) => {
    if (!Array.isArray(value)) throw new InputError('Arguments must be a list.')
    if (value.length !== checks.length) {
      throw new InputError(`Expected ${checks.length} argument(s), got ${value.length}.`)
    }
    return checks.map((check, index) => check(value[index])) as Checked<T>
  }
}

export const noArguments: Check<[]> = argumentsOf()

function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : `"${value}"`
  if (value === null) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'an object' : String(value)
}

/** Runs a check on a named part, so the error says which field was wrong. */
function within<T>(field: string, check: Check<T>, value: unknown): T {
  try {
    return check(value)
  } catch (error) {
    if (error instanceof InputError)
      throw new InputError(error.message, error.field ? `${field}.${error.field}` : field)
    throw error
  }
}

/** Text from the cashier. `multiline` lets line breaks and tabs through (a CSV file, a receipt header); nothing else below U+0020 ever passes. */
export function text(options: {
  min?: number
  max: number
  pattern?: RegExp
  what?: string
  multiline?: boolean
}): Check<string> {
  const min = options.min ?? 0
  const what = options.what ?? 'text'
  return (value) => {
    if (typeof value !== 'string') throw new InputError(`Expected ${what}, got ${describe(value)}.`)
    const normalised = value.normalize('NFC').trim()
    if (normalised.length < min)
      throw new InputError(min === 1 ? `${what} must not be empty.` : `${what} must be at least ${min} characters.`)
    if (normalised.length > options.max) throw new InputError(`${what} must be at most ${options.max} characters.`)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    const controls = options.multiline ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/
    if (controls.test(normalised)) throw new InputError(`${what} must not contain control characters.`)
    if (options.pattern && !options.pattern.test(normalised))
      throw new InputError(`${what} ${describe(value)} is not in the expected form.`)
    return normalised
  }
}

export function integer(min: number, max: number, what = 'number'): Check<number> {
  return (value) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new InputError(`Expected a whole ${what}, got ${describe(value)}.`)
    }
    if (value < min || value > max) throw new InputError(`${what} must be between ${min} and ${max}, got ${value}.`)
    return value
  }
}

export function oneOf<const T extends readonly (string | number | boolean)[]>(options: T): Check<T[number]> {
  return (value) => {
    if (!options.includes(value as T[number])) {
      throw new InputError(`Expected one of ${options.join(', ')}, got ${describe(value)}.`)
    }
    return value as T[number]
  }
}

export const boolean: Check<boolean> = (value) => {
  if (typeof value !== 'boolean') throw new InputError(`Expected yes or no, got ${describe(value)}.`)
  return value
}

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value) => (value === null ? null : check(value))
}

export function listOf<T>(check: Check<T>, max: number): Check<T[]> {
  return (value) => {
    if (!Array.isArray(value)) throw new InputError(`Expected a list, got ${describe(value)}.`)
    if (value.length > max) throw new InputError(`At most ${max} items are allowed, got ${value.length}.`)
    return value.map((item, index) => within(String(index), check, item))
  }
}

type Shape = Record<string, Check<unknown>>
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends Optional<unknown> ? K : never }[keyof S]
type Fields<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: S[K] extends Check<infer V> ? V : never } & {
  [K in OptionalKeys<S>]?: S[K] extends Optional<infer V> ? V : never
}
export type Optional<T> = Check<T> & { optional: true }

/** A field that may be left out (undefined). */
export function optional<T>(check: Check<T>): Optional<T> {
  return Object.assign((value: unknown) => check(value), { optional: true as const })
}

/** A plain object with exactly these fields: unknown fields are refused, so a typo is an error rather than ignored. */
export function object<S extends Shape>(shape: S): Check<Fields<S>> {
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new InputError(`Expected an object, got ${describe(value)}.`)
    }
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(shape, key)) throw new InputError(`Unknown field "${key}".`, key)
    }
    const result: Record<string, unknown> = {}
    for (const [key, check] of Object.entries(shape)) {
      const field = record[key]
      if (field === undefined) {
        if ((check as Partial<Optional<unknown>>).optional) continue
        throw new InputError(`${key} is required.`, key)
      }
      result[key] = within(key, check, field)
    }
    return result as Fields<S>
  }
}
