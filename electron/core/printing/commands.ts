/**
 * The ESC/POS commands @point-of-sale/receipt-printer-encoder lacks or gets wrong for us
 * (escpos-printing.md §1.5): a native QR whose length counts UTF-8 bytes (the encoder forces
 * ISO-8859-1, which breaks a Khmer merchant name and the KHQR's CRC) with module sizes up to 16,
 * the status queries, and alignment re-sent before raw blocks.
 */
const ECC_LEVELS = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 } as const

export function qrNative(payload: string, options: { moduleSize: number; ecc: keyof typeof ECC_LEVELS }): Uint8Array {
  if (!Number.isInteger(options.moduleSize) || options.moduleSize < 1 || options.moduleSize > 16) {
    throw new RangeError(`QR module size must be 1 to 16 dots, got ${options.moduleSize}`)
  }
  const data = new TextEncoder().encode(payload)
  const storeLength = data.length + 3
  return Uint8Array.from([
    ...[0x1d, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0], // model 2
    ...[0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x43, options.moduleSize],
    ...[0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x45, ECC_LEVELS[options.ecc]],
    ...[0x1d, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30],
    ...data,
    ...[0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30], // print
  ])
}

export function alignCommand(align: 'left' | 'center' | 'right'): Uint8Array {
  return Uint8Array.of(0x1b, 0x61, align === 'left' ? 0 : align === 'center' ? 1 : 2)
}

/** ESC J n: feed n dots (used for a QR's quiet zone). */
export function feedDots(dots: number): Uint8Array {
  const out: number[] = []
  for (let left = dots; left > 0; left -= 255) out.push(0x1b, 0x4a, Math.min(255, left))
  return Uint8Array.from(out)
}

/** DLE EOT n: 1 printer, 2 offline cause, 3 error cause, 4 paper sensor. */
export function statusQuery(n: 1 | 2 | 3 | 4): Uint8Array {
  return Uint8Array.of(0x10, 0x04, n)
}

/** ESC $ nL nH: move to an absolute position on the line, in dots from the left margin. */
export function absolutePosition(dots: number): Uint8Array {
  const at = Math.max(0, Math.round(dots))
  return Uint8Array.of(0x1b, 0x24, at & 0xff, at >> 8)
}

/** GS B n: white on black (reverse) for the characters that follow, spaces included. */
export function reverseCommand(on: boolean): Uint8Array {
  return Uint8Array.of(0x1d, 0x42, on ? 1 : 0)
}
