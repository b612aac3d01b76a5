import { crc16, crcHex } from '../../../shared/khqr/crc.ts'
import type { KhqrInput } from '../../../shared/khqr/index.ts'

export const NOW = 1767225600000

/** A typical per-sale QR: individual account, USD, bill number, five-minute expiry. */
export function saleInput(overrides: Partial<KhqrInput> = {}): KhqrInput {
  return {
    kind: 'individual',
    accountId: 'sok_dara@aclb',
    merchantName: 'Sok Dara Noodles',
    merchantCity: 'Siem Reap',
    currency: 'USD',
    amount: 1250,
    billNumber: 'R-000123',
    createdAt: NOW,
    expiresAt: NOW + 5 * 60_000,
    ...overrides,
  }
}

/** A payload body ending in "6304", completed with its correct CRC: for hand-made malformed cases. */
export function withCrc(body: string): string {
  if (!body.endsWith('6304')) throw new Error('body must end with 6304')
  return body + crcHex(crc16(body))
}

/** CRC-16/CCITT-FALSE computed bit by bit over Node's own UTF-8 bytes: the reference. */
export function referenceCrc(text: string): number {
  let crc = 0xffff
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff
  }
  return crc
}

export function codeOf(run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    return (error as { code?: string }).code ?? `not a KhqrError: ${String(error)}`
  }
  return undefined
}
