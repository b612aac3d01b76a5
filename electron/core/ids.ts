import { randomBytes } from 'node:crypto'

const HEX: string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))

let lastMillis = -1
let counter = 0

/**
 * A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then a 12-bit counter (method 1 of §6.2) so ids
 * made in the same millisecond still sort in creation order, then 62 random bits. Time-ordered ids
 * index well and let a sale's identity exist before any server has seen it. If the clock steps
 * back, the last timestamp is reused so ids never go backwards within this process.
 */
export function uuidv7(now: number = Date.now()): string {
  let millis = Math.max(now, lastMillis)
  if (millis === lastMillis) {
    counter++
    if (counter > 0xfff) {
      millis++
      counter = 0
    }
  } else {
    counter = 0
  }
  lastMillis = millis
  const bytes = randomBytes(16)
  bytes.writeUIntBE(millis, 0, 6)
  bytes[6] = 0x70 | (counter >> 8)
  bytes[7] = counter & 0xff
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f)
  let text = ''
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text += '-'
    text += HEX[bytes[i] ?? 0]
  }
  return text
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

export function isUuidv7(value: unknown): value is string {
  return typeof value === 'string' && UUID_V7.test(value)
}

/** The creation time written into a UUIDv7. */
export function uuidv7Millis(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)
}
