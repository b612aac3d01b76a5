import { create } from 'qrcode/lib/core/qrcode.js'
import { decodeKhqr } from '../khqr/index.ts'

export type ErrorCorrection = 'M' | 'Q'

/** A QR symbol: `size` × `size` modules, row-major, 1 = dark. */
export interface QrSymbol {
  version: number
  size: number
  errorCorrection: ErrorCorrection
  modules: Uint8Array
}

/** The quiet zone QR readers need around a symbol, in modules. */
export const QUIET_ZONE_MODULES = 4

/**
 * The QR symbol of a KHQR payload. The payload is decoded first, so a malformed or altered string
 * throws KhqrError and never becomes a scannable code. Error correction M by default (the KHQR card
 * and the customer display); stickers may ask for Q. Non-ASCII text is encoded in byte mode as UTF-8.
 */
export function khqrSymbol(payload: string, errorCorrection: ErrorCorrection = 'M'): QrSymbol {
  decodeKhqr(payload)
  const symbol = create(payload, { errorCorrectionLevel: errorCorrection })
  return {
    version: symbol.version,
    size: symbol.modules.size,
    errorCorrection,
    modules: symbol.modules.data,
  }
}

/** The dark modules as one SVG path (a run per row), in module units offset by the quiet zone. */
export function qrPath(symbol: QrSymbol): string {
  let path = ''
  for (let row = 0; row < symbol.size; row++) {
    let column = 0
    while (column < symbol.size) {
      if (symbol.modules[row * symbol.size + column] !== 1) {
        column++
        continue
      }
      const start = column
      while (column < symbol.size && symbol.modules[row * symbol.size + column] === 1) column++
      path += `M${start + QUIET_ZONE_MODULES} ${row + QUIET_ZONE_MODULES}h${column - start}v1h-${column - start}z`
    }
  }
  return path
}

/** The side of the drawn symbol in modules, quiet zone included. */
export function qrSide(symbol: QrSymbol): number {
  return symbol.size + 2 * QUIET_ZONE_MODULES
}

/**
 * SVG of a symbol: one path, a white quiet zone, crisp edges, sized by its container (viewBox in modules).
 */
export function qrSvg(symbol: QrSymbol, title = 'KHQR payment code'): string {
  const side = qrSide(symbol)
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges" role="img">` +
    `<title>${escapeXml(title)}</title><rect width="${side}" height="${side}" fill="#fff"/>` +
    `<path d="${qrPath(symbol)}" fill="#000"/></svg>`
  )
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
