import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/** scrypt cost: about 40 ms per check here, 16 MiB of memory; stored with the hash so it can be raised later. */
const COST = { N: 16384, r: 8, p: 1 }
const KEY_BYTES = 32

function derive(pin: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_BYTES, { ...cost, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

/** `scrypt$N$r$p$salt$key`, salt and key base64; a fresh random salt per user. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(pin, salt, COST)
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function pinMatches(pin: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64')
  const actual = await derive(pin, Buffer.from(salt, 'base64'), { N: Number(N), r: Number(r), p: Number(p) })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** Why a PIN cannot be used, or null. 4 to 8 digits, and not one a thief tries first. */
export function weakPinReason(pin: string): string | null {
  if (!/^[0-9]{4,8}$/.test(pin)) return 'A PIN is 4 to 8 digits.'
  if (/^(\d)\1+$/.test(pin)) return 'A PIN cannot be one digit repeated.'
  if ('01234567890'.includes(pin) || '09876543210'.includes(pin)) return 'A PIN cannot be a run of consecutive digits.'
  return null
}
