import { createHash } from 'node:crypto'

/**
 * The key of Bakong's payment check (`check_transaction_by_md5`): lower-case hex MD5 of the UTF-8
 * bytes of the KHQR exactly as shown, CRC included. Store it with the sale when the QR is made;
 * never rebuild the string to recompute it (a different creation time is a different md5).
 */
export function khqrMd5(payload: string): string {
  return createHash('md5').update(payload, 'utf8').digest('hex')
}
