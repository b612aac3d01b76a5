/**
 * Every problem the KHQR engine reports is a KhqrError with a stable `code` that callers can
 * switch on, a `field` naming the input field or tag when there is one, and a message a person
 * can act on.
 */
export class KhqrError extends Error {
  readonly code: string
  readonly field: string | undefined

  constructor(code: string, message: string, field?: string) {
    super(message)
    this.name = 'KhqrError'
    this.code = code
    this.field = field
  }
}
