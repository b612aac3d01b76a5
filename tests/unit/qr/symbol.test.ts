import jsQR from 'jsqr'
import { describe, expect, test } from 'vitest'
import { encodeKhqr } from '../../../shared/khqr/index.ts'
import { khqrSymbol, type QrSymbol, QUIET_ZONE_MODULES, qrSvg } from '../../../shared/qr/index.ts'
import { codeOf, saleInput } from '../khqr/helpers.ts'

/** Renders a symbol as RGBA pixels, `scale` pixels per module, with its quiet zone, and scans it. */
function scan(symbol: QrSymbol, scale = 4): string | undefined {
  const side = (symbol.size + 2 * QUIET_ZONE_MODULES) * scale
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255)
  for (let row = 0; row < symbol.size; row++) {
    for (let column = 0; column < symbol.size; column++) {
      if (symbol.modules[row * symbol.size + column] !== 1) continue
      for (let y = 0; y < scale; y++) {
        for (let x = 0; x < scale; x++) {
          const offset =
            (((row + QUIET_ZONE_MODULES) * scale + y) * side + (column + QUIET_ZONE_MODULES) * scale + x) * 4
          pixels[offset] = pixels[offset + 1] = pixels[offset + 2] = 0
        }
      }
    }
  }
  return jsQR(pixels, side, side)?.data
}

/** The matrix an SVG from qrSvg draws, read back from its path. */
function matrixFromSvg(svg: string, size: number): Uint8Array {
  const matrix = new Uint8Array(size * size)
  const path = /<path d="([^"]*)"/.exec(svg)?.[1] ?? ''
  for (const [, x, y, run] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let k = 0; k < Number(run); k++)
      matrix[(Number(y) - QUIET_ZONE_MODULES) * size + Number(x) - QUIET_ZONE_MODULES + k] = 1
  }
  return matrix
}

describe('KHQR symbol', () => {
  test('scans back to the exact payload, Khmer included (byte mode, UTF-8)', () => {
    const payloads = [
      encodeKhqr(saleInput()),
      encodeKhqr(
        saleInput({
          currency: 'KHR',
          amount: 48000,
          alternateLanguage: { language: 'km', merchantName: 'ហាងគុយទាវសុខដារ៉ា', merchantCity: 'សៀមរាប' },
        }),
      ),
      encodeKhqr({ kind: 'individual', accountId: 'shop@aclb', merchantName: 'Shop', currency: 'KHR' }),
    ]
    for (const payload of payloads) {
      const symbol = khqrSymbol(payload)
      expect(symbol.errorCorrection).toBe('M')
      expect(symbol.modules).toHaveLength(symbol.size * symbol.size)
      expect(symbol.size).toBe(17 + 4 * symbol.version)
      expect(scan(symbol)).toBe(payload)
    }
  })

  test('error correction Q makes a larger symbol of the same payload', () => {
    const payload = encodeKhqr(saleInput())
    const quartile = khqrSymbol(payload, 'Q')
    expect(quartile.version).toBeGreaterThanOrEqual(khqrSymbol(payload).version)
    expect(scan(quartile)).toBe(payload)
  })

  test('a malformed or altered payload never becomes a symbol', () => {
    const payload = encodeKhqr(saleInput())
    expect(codeOf(() => khqrSymbol(`${payload.slice(0, 30)}9${payload.slice(31)}`))).toBe('crc_mismatch')
    expect(codeOf(() => khqrSymbol('https://example.com'))).toBe('crc_missing')
  })

  test('the SVG draws exactly the symbol, inside a white quiet zone', () => {
    const symbol = khqrSymbol(encodeKhqr(saleInput()))
    const svg = qrSvg(symbol, 'Pay <Sok Dara>')
    expect(matrixFromSvg(svg, symbol.size)).toEqual(symbol.modules)
    const side = symbol.size + 2 * QUIET_ZONE_MODULES
    expect(svg).toContain(`viewBox="0 0 ${side} ${side}"`)
    expect(svg).toContain('shape-rendering="crispEdges"')
    expect(svg).toContain('<title>Pay &#60;Sok Dara&#62;</title>')
  })
})
