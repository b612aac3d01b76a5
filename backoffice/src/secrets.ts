import { createHash, scrypt, timingSafeEqual } from 'node:crypto'

export type RandomBytes = (count: number) => Uint8Array

/** Only these hashes are stored: a leaked database gives no usable token. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

export function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url')
}

/** A bearer secret of 256 random bits with a prefix that says what it is for (`rt_`, `at_`, `os_`). */
export function newToken(prefix: string, randomBytes: RandomBytes): string {
  return `${prefix}${base64url(randomBytes(32))}`
}

/** Letters and digits nobody confuses when reading them aloud or off a screen (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** An enrolment code of 8 characters (about 39 bits; it lives 15 minutes and failed tries are throttled). */
export function newEnrolmentCode(randomBytes: RandomBytes): string {
  let code = ''
  while (code.length < 8) {
    for (const byte of randomBytes(16)) {
      // Rejection sampling keeps every character equally likely.
      if (byte < 248 && code.length < 8) code += CODE_ALPHABET[byte % CODE_ALPHABET.length]
    }
  }
  return code
}

/** What the manager typed, read leniently: case, spaces and dashes do not matter. */
export function normaliseEnrolmentCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase()
}

const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

/** A terminal id, `trm_` and 26 random base32 characters (130 bits). */
export function newTerminalId(randomBytes: RandomBytes): string {
  let id = 'trm_'
  for (const byte of randomBytes(26)) id += ID_ALPHABET[byte & 31]
  return id
}

/** A random (version 4) UUID from the injected random source, so tests and simulations are reproducible. */
export function newUuid(randomBytes: RandomBytes): string {
  const bytes = Buffer.from(randomBytes(16))
  bytes[6] = 0x40 | ((bytes[6] ?? 0) & 0x0f)
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f)
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function scryptHex(password: string, salt: string): Promise<string> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, 32, { N: 16384, r: 8, p: 1 }, (error, key) =>
      error ? reject(error) : resolve(key.toString('hex')),
    ),
  )
}

/** `scrypt$<salt>$<key>`: the owner's password as stored. */
export async function hashPassword(password: string, randomBytes: RandomBytes): Promise<string> {
  const salt = base64url(randomBytes(16))
  return `scrypt$${salt}$${await scryptHex(password, salt)}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const actual = Buffer.from(await scryptHex(password, salt), 'hex')
  const expected = Buffer.from(key, 'hex')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
