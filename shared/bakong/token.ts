const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

function base64UrlToText(segment: string): string | null {
  let bits = 0
  let value = 0
  const bytes: number[] = []
  for (const char of segment.replace(/=+$/, '')) {
    const index = BASE64URL.indexOf(char === '+' ? '-' : char === '/' ? '_' : char)
    if (index < 0) return null
    value = (value << 6) | index
    bits += 6
    if (bits >= 8) {
      bits -= 8
      bytes.push((value >> bits) & 0xff)
    }
  }
  try {
    return decodeURIComponent(bytes.map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''))
  } catch {
    return null
  }
}

/**
 * When a Bakong token (a JWT) stops working, in Unix ms, read from its `exp` claim without
 * verifying the signature (only Bakong can); null when the token is not a JWT with a numeric exp.
 * Used to warn a manager ahead of the ~90-day expiry, never to decide that a payment is valid.
 */
export function tokenExpiresAt(token: string): number | null {
  const parts = token.trim().split('.')
  if (parts.length !== 3 || !parts[1]) return null
  const text = base64UrlToText(parts[1])
  if (text === null) return null
  try {
    const claims = JSON.parse(text) as unknown
    if (typeof claims !== 'object' || claims === null) return null
    const exp = (claims as { exp?: unknown }).exp
    return typeof exp === 'number' && Number.isFinite(exp) && exp > 0 ? Math.round(exp * 1000) : null
  } catch {
    return null
  }
}
