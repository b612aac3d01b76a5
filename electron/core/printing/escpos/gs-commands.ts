/**
 * GS commands: character size, reverse, cuts, `GS v 0` raster images, `GS ( k` QR codes, `GS k`
 * barcodes, and `GS ( L` / `GS 8 L` graphics (handled in graphics-commands.ts).
 */
import { create as createQr } from 'qrcode'
import { type DecoderState, printScale } from './decoder-state.ts'
import { graphics } from './graphics-commands.ts'

const QR_ECC = ['L', 'M', 'Q', 'H'] as const

export function groupSeparator(d: DecoderState, at: number): number {
  if (!d.has(at, 2)) return d.truncated(at)
  const command = d.byte(at + 1)
  switch (command) {
    case 0x21: // GS ! n character size
      return d.withArgument(at, 3, (n) => {
        if (n & 0x88) return false
        d.style.width = (n >> 4) + 1
        d.style.height = (n & 0x0f) + 1
        return true
      })
    case 0x42: // GS B n white/black reverse
      return d.withArgument(at, 3, (n) => {
        d.style.invert = (n & 1) === 1
        return true
      })
    case 0x48: // GS H, GS f, GS h, GS w: barcode text position, font, height, module width
    case 0x66:
    case 0x68:
    case 0x77:
    case 0x61: // GS a n automatic status back: no effect on paper
      return d.withArgument(at, 3, () => true)
    case 0x50: // GS P x y motion units (the encoder sets the printer's dpi around column images)
      return d.has(at, 4) ? at + 4 : d.truncated(at)
    case 0x56: // GS V cut
      return cut(d, at)
    case 0x76: // GS v 0 raster image
      if (!d.has(at, 3)) return d.truncated(at)
      return d.byte(at + 2) === 0x30 ? rasterBand(d, at) : d.unknowable(at)
    case 0x28: {
      // GS ( x pL pH …
      if (!d.has(at, 3)) return d.truncated(at)
      const family = d.byte(at + 2)
      if (family === 0x6b && d.understands.nativeQr) return symbol(d, at)
      if (family === 0x4c) return graphics(d, at, 'GS ( L')
      return d.unknownCounted(at)
    }
    case 0x6b: // GS k barcode
      return barcode(d, at)
    case 0x38: // GS 8 L p1 p2 p3 p4 …: graphics with a 32-bit length
      if (!d.has(at, 3)) return d.truncated(at)
      return d.byte(at + 2) === 0x4c ? graphics(d, at, 'GS 8 L') : d.unknowable(at)
    // Not modelled, length known: reported as unknown and skipped.
    case 0x3a: // GS : macro definition
      return d.unknown(at, 2)
    case 0x2f: // GS / print downloaded bit image
    case 0x45: // GS E print density (some models)
    case 0x49: // GS I printer ID
    case 0x54: // GS T set print position to the beginning of the line
    case 0x62: // GS b smoothing
    case 0x72: // GS r transmit status
      return d.unknown(at, 3)
    case 0x24: // GS $ vertical position (page mode)
    case 0x4c: // GS L left margin
    case 0x57: // GS W print area width
    case 0x5c: // GS \ relative vertical position
      return d.unknown(at, 4)
    case 0x5e: // GS ^ execute macro
      return d.unknown(at, 5)
    case 0x2a: // GS * x y d… define downloaded bit image
      if (!d.has(at, 4)) return d.truncated(at)
      return d.unknown(at, 4 + d.byte(at + 2) * d.byte(at + 3) * 8)
    default:
      return d.unknowable(at)
  }
}

/** GS V m [n]: 0/48 full, 1/49 partial; 65/66 feed n then cut; 97/98 and 103/104 preset cuts. */
function cut(d: DecoderState, at: number): number {
  if (!d.has(at, 3)) return d.truncated(at)
  const mode = d.byte(at + 2)
  if (mode === 0 || mode === 1 || mode === 0x30 || mode === 0x31) {
    d.expectLineStart(at, 'cut')
    d.printLineBuffer(false)
    d.push({ type: 'cut', partial: (mode & 1) === 1 })
    return at + 3
  }
  if (mode === 65 || mode === 66 || mode === 97 || mode === 98 || mode === 103 || mode === 104) {
    if (!d.has(at, 4)) return d.truncated(at)
    d.expectLineStart(at, 'cut')
    d.printLineBuffer(false)
    const feed = d.byte(at + 3)
    if ((mode === 65 || mode === 66) && feed > 0) d.push({ type: 'feed', dots: feed })
    d.push({ type: 'cut', partial: mode === 66 || mode === 98 || mode === 104 })
    return at + 4
  }
  return d.unknowable(at)
}

/** GS v 0 m xL xH yL yH d1…dk: one band; consecutive bands of one width and alignment form one image. */
function rasterBand(d: DecoderState, at: number): number {
  if (!d.has(at, 8)) return d.truncated(at)
  const widthBytes = d.byte(at + 4) | (d.byte(at + 5) << 8)
  const rows = d.byte(at + 6) | (d.byte(at + 7) << 8)
  const length = 8 + widthBytes * rows
  if (!d.has(at, length)) return d.truncated(at)
  const scale = printScale(d.byte(at + 3))
  if (!scale || widthBytes === 0 || rows === 0) return d.unknown(at, length)
  const width = widthBytes * 8 * scale.x
  const bits = new Uint8Array(width * rows * scale.y)
  for (let row = 0; row < rows; row++) {
    for (let x = 0; x < widthBytes * 8; x++) {
      if (!(d.byte(at + 8 + row * widthBytes + (x >> 3)) & (0x80 >> (x & 7)))) continue
      for (let dy = 0; dy < scale.y; dy++) {
        const start = (row * scale.y + dy) * width + x * scale.x
        bits.fill(1, start, start + scale.x)
      }
    }
  }
  d.expectLineStart(at, 'raster image')
  d.printLineBuffer(false)
  d.addRaster('GS v 0', width, rows * scale.y, bits, at)
  return at + length
}

/** GS ( k pL pH cn fn …: the QR functions (cn 49). Other symbols (PDF417, …) are reported as unknown. */
function symbol(d: DecoderState, at: number): number {
  if (!d.has(at, 5)) return d.truncated(at)
  const length = d.byte(at + 3) | (d.byte(at + 4) << 8)
  if (!d.has(at, 5 + length)) return d.truncated(at)
  const parameters = d.bytes.subarray(at + 5, at + 5 + length)
  return d.known(at, 5 + length, () => {
    if (length < 3 || parameters[0] !== 0x31) return false
    const argument = parameters[2] ?? -1
    switch (parameters[1]) {
      case 0x41: // model: n1 = 49, 50, 51 (Micro QR), n2
        if (length !== 4 || argument < 0x31 || argument > 0x33) return false
        d.qr.model = argument - 0x30
        return true
      case 0x43: // module size in dots
        if (length !== 3 || argument < 1 || argument > 16) return false
        d.qr.size = argument
        return true
      case 0x45: {
        // error correction level 48–51
        const ecc = QR_ECC[argument - 0x30]
        if (length !== 3 || !ecc) return false
        d.qr.ecc = ecc
        return true
      }
      case 0x50: // store: m = 48, then the data bytes (pL pH count them + 3)
        if (argument !== 0x30 || length === 3) return false
        d.qr.data = parameters.slice(3)
        d.qr.storedAt = at
        d.afterQrStore = at + 5 + length
        return true
      case 0x51: // print the stored symbol
        if (length !== 3 || argument !== 0x30 || !d.qr.data) return false
        printQr(d, at)
        return true
      default:
        return false
    }
  })
}

function printQr(d: DecoderState, at: number): void {
  const data = d.qr.data ?? new Uint8Array()
  let payload: string
  try {
    payload = new TextDecoder('utf-8', { fatal: true }).decode(data)
  } catch {
    payload = new TextDecoder('utf-8').decode(data)
    d.problem(
      'qr_data_not_utf8',
      d.qr.storedAt,
      'the QR data is not valid UTF-8: its length was probably counted in characters, not bytes',
    )
  }
  if (d.textPending() && d.lineStart === d.afterQrStore) {
    const leftover = d.runs.map((run) => run.text).join('')
    d.problem(
      'qr_length_short',
      d.qr.storedAt,
      `the QR store ended before its data: "${leftover.slice(0, 20)}…" printed as text (length counted in characters, not UTF-8 bytes?)`,
    )
  } else d.expectLineStart(at, 'QR code')
  d.printLineBuffer(false)
  if (d.paperDots !== null) {
    const modules = qrModules(data, d.qr.ecc)
    const side = modules * d.qr.size
    if (side > d.paperDots) {
      d.problem('qr_too_wide', at, `a QR ${side} dots wide (${modules} modules) does not fit ${d.paperDots}-dot paper`)
    }
  }
  d.push({ type: 'qr', payload, moduleSize: d.qr.size, ecc: d.qr.ecc, model: d.qr.model, align: d.align })
}

/** The side of the symbol in modules for these data bytes at this error correction level. */
function qrModules(data: Uint8Array, ecc: 'L' | 'M' | 'Q' | 'H'): number {
  try {
    return createQr([{ data: Buffer.from(data), mode: 'byte' }], { errorCorrectionLevel: ecc }).modules.size
  } catch {
    return 0
  }
}

/** GS k m d1…dk NUL (m 0–6) or GS k m n d1…dn (m 65–79). */
function barcode(d: DecoderState, at: number): number {
  if (!d.has(at, 3)) return d.truncated(at)
  const symbology = d.byte(at + 2)
  let start: number
  let end: number
  let next: number
  if (symbology <= 6) {
    start = at + 3
    end = d.bytes.indexOf(0, start)
    if (end < 0) return d.truncated(at)
    next = end + 1
  } else if (symbology >= 65 && symbology <= 79) {
    if (!d.has(at, 4)) return d.truncated(at)
    start = at + 4
    end = start + d.byte(at + 3)
    if (end > d.bytes.length) return d.truncated(at)
    next = end
  } else return d.unknowable(at)
  d.expectLineStart(at, 'barcode')
  d.printLineBuffer(false)
  d.push({ type: 'barcode', symbology, data: String.fromCharCode(...d.bytes.subarray(start, end)) })
  return next
}
