import { decodeKhqr } from './decode.ts'
import { KhqrError } from './errors.ts'
import type { KhqrVerdict } from './types.ts'

/**
 * Judges a KHQR string without ever throwing: whether it is well-formed, and separately whether
 * it has expired at `options.now` (default: the clock). A QR is expired after its expiry instant.
 */
export function verifyKhqr(payload: string, options?: { now?: number }): KhqrVerdict {
  try {
    const now = options?.now ?? Date.now()
    if (typeof now !== 'number' || !Number.isFinite(now)) {
      return {
        valid: false,
        code: 'clock_invalid',
        message: `options.now must be epoch milliseconds (got ${String(now)}).`,
      }
    }
    const fields = decodeKhqr(payload)
    return { valid: true, fields, expired: fields.expiresAt !== undefined && now > fields.expiresAt }
  } catch (error) {
    if (error instanceof KhqrError) return { valid: false, code: error.code, message: error.message }
    return {
      valid: false,
      code: 'internal_error',
      message: `Unexpected failure while reading the KHQR: ${String(error)}`,
    }
  }
}
