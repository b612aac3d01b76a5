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
