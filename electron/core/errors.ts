/** A failure of the POS engine the screens can explain: a stable code, a message for logs. */
export class PosError extends Error {
  readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'PosError'
    this.code = code
  }
}
