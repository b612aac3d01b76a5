/** A refusal with its HTTP status and a stable code the terminal or the page acts on. */
export class HttpError extends Error {
  readonly status: number
  readonly code: string
  readonly field: string | undefined
  readonly headers: Record<string, string>
  readonly retryable: boolean | undefined

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { field?: string; headers?: Record<string, string>; retryable?: boolean } = {},
  ) {
    super(message)
    this.name = 'HttpError'
    this.status = status
    this.code = code
    this.field = extra.field
    this.headers = extra.headers ?? {}
    this.retryable = extra.retryable
  }
}

export function badRequest(message: string, field?: string, code = 'invalid_request'): HttpError {
  return new HttpError(400, code, message, field === undefined ? {} : { field })
}
