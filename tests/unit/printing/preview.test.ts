import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { describe, expect, test } from 'vitest'
import { type DecodedItem, decodeEscPos } from '../../../electron/core/printing/decode.ts'
import { fontDirectory } from '../../../electron/core/printing/fonts.ts'
import { previewPng, renderPreview } from '../../../electron/core/printing/preview.ts'
import { ascii, concat, khmerKhqr, nativeQr, qrImage, receiptEncoder } from '../../fixtures/printing/escpos.ts'

interface Picture {
  width: number
  height: number
  data: Buffer
}

const read = (png: Buffer): Picture => PNG.sync.read(png)

function pixel(picture: Picture, x: number, y: number): [number, number, number] {
  const at = (y * picture.width + x) * 4
  return [picture.data[at] ?? -1, picture.data[at + 1] ?? -1, picture.data[at + 2] ?? -1]
}

function countPixels(picture: Picture, test: (rgb: [number, number, number]) => boolean, box?: Box): number {
  const { left = 0, top = 0, right = picture.width, bottom = picture.height } = box ?? {}
  let count = 0
  for (let y = top; y < bottom; y++) for (let x = left; x < right; x++) if (test(pixel(picture, x, y))) count++
  return count
}

interface Box {
  left?: number
  top?: number
  right?: number
  bottom?: number
}

const isRed = ([r, g, b]: [number, number, number]) => r > 200 && g < 60 && b < 60
const isInk = ([r, g, b]: [number, number, number]) => r < 100 && g < 100 && b < 100

describe('renderPreview', () => {
  test.each([384, 576, 512] as const)('the PNG is %i dots wide, one pixel per dot', (paperDots) => {
    const bytes = receiptEncoder(paperDots === 384 ? 32 : 48)
      .initialize()
      .line('Sok Dara Noodles')
      .cut()
      .encode()
    const picture = read(previewPng(bytes, paperDots))
    expect(picture.width).toBe(paperDots)
    // init, one 30-dot line, 5 blank lines (feed before cut and the LF after it), the 24-dot cut band
    expect(picture.height).toBe(30 + 4 * 30 + 24 + 30)
  })

  test('a native QR with a Khmer UTF-8 payload is drawn at its module size and scans back', () => {
    const payload = khmerKhqr()
    const bytes = concat(
      receiptEncoder(48).initialize().line('Scan to pay').encode(),
      [0x1b, 0x61, 0x01],
      nativeQr(payload, 6, 'M'),
    )
    const picture = read(previewPng(bytes, 576))
    expect(jsQR(new Uint8ClampedArray(picture.data), picture.width, picture.height)?.data).toBe(payload)
    // centred: the symbol's ink is symmetric about the middle of the paper (within a module)
    const inkColumns = Array.from({ length: picture.width }, (_, x) =>
      countPixels(picture, isInk, { left: x, right: x + 1, top: 40 }),
    )
    const first = inkColumns.findIndex((count) => count > 0)
    const last = inkColumns.findLastIndex((count) => count > 0)
    expect(Math.abs(first - (picture.width - 1 - last))).toBeLessThanOrEqual(6)
  })

  test('the same QR on 58 mm paper at module 5 also scans', () => {
    const payload = khmerKhqr()
    const picture = read(previewPng(concat([0x1b, 0x61, 0x01], nativeQr(payload, 5, 'M')), 384))
    expect(jsQR(new Uint8ClampedArray(picture.data), picture.width, picture.height)?.data).toBe(payload)
  })

  test('an unknown command shows as a red band; a clean stream has no red at all', () => {
    const clean = receiptEncoder(32).initialize().line('ok').pulse().cut('partial').encode()
    expect(countPixels(read(previewPng(clean, 384)), isRed)).toBe(0)

    const broken = concat(clean, [0x1b, 0x99, 0x01, 0x02])
    const picture = read(previewPng(broken, 384))
    expect(countPixels(picture, isRed)).toBeGreaterThan(384 * 10)
  })

  test('a raster image is copied dot for dot at its alignment', () => {
    const image = qrImage('raster', 4)
    const bytes = receiptEncoder(48)
      .initialize()
      .align('right')
      .image(image, image.width, image.height, 'threshold')
      .encode()
    const picture = read(previewPng(bytes, 576))
    expect(picture.height).toBe(image.height)
    const left = 576 - image.width
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        expect(isInk(pixel(picture, left + x, y))).toBe(image.bits[y * image.width + x] === 1)
      }
    }
    expect(countPixels(picture, isInk, { right: left })).toBe(0)
  })

  test('text sits in 12×24 cells at its alignment; GS ! doubles the cell; feeds add blank paper', () => {
    const items = decodeEscPos(
      concat(
        [0x1b, 0x61, 0x02],
        ascii('WW'),
        [0x0a, 0x1b, 0x61, 0x00, 0x1d, 0x21, 0x11],
        ascii('W'),
        [0x0a, 0x1d, 0x21, 0x00, 0x1b, 0x4a, 50],
        ascii('W'),
        [0x0a],
      ),
    )
    const picture = read(renderPreview(items, { paperDots: 384 }))
    expect(picture.height).toBe(30 + 48 + 50 + 30)
    // right-aligned "WW": ink only in the last 24 dots of the first line
    expect(countPixels(picture, isInk, { right: 384 - 24, bottom: 30 })).toBe(0)
    expect(countPixels(picture, isInk, { left: 384 - 24, bottom: 30 })).toBeGreaterThan(20)
    // double size "W": ink reaches past the first 12 dots and below the first 24 rows of its line
    expect(countPixels(picture, isInk, { left: 12, right: 24, top: 30, bottom: 78 })).toBeGreaterThan(20)
    expect(countPixels(picture, isInk, { top: 30 + 24, bottom: 78 })).toBeGreaterThan(20)
    expect(countPixels(picture, isInk, { left: 24, top: 30, bottom: 78 })).toBe(0)
    // the 50-dot feed is blank
    expect(countPixels(picture, isInk, { top: 78, bottom: 128 })).toBe(0)
    expect(countPixels(picture, isInk, { top: 128 })).toBeGreaterThan(20)
  })

  test('a figure placed with ESC $ is drawn at that dot, with blank paper in the gap', () => {
    const bytes = concat(ascii('TOTAL'), [0x1b, 0x24, 528 & 0xff, 528 >> 8], ascii('6.50'), [0x0a])
    const picture = read(previewPng(bytes, 576))
    expect(countPixels(picture, isInk, { right: 60 })).toBeGreaterThan(20)
    expect(countPixels(picture, isInk, { left: 64, right: 528 })).toBe(0)
    expect(countPixels(picture, isInk, { left: 528 })).toBeGreaterThan(20)
  })

  test('bold text carries more ink than regular text', () => {
    const ink = (bold: boolean) =>
      countPixels(read(previewPng(concat([0x1b, 0x45, bold ? 1 : 0], ascii('TOTAL 12.50'), [0x0a]), 384)), isInk)
    expect(ink(true)).toBeGreaterThan(ink(false) * 1.15)
  })

  test('cut, drawer pulse and barcode are annotated in grey; init and status queries take no paper', () => {
    const items: DecodedItem[] = [
      { type: 'init' },
      { type: 'status_query', n: 1 },
      { type: 'pulse', pin: 0, onMs: 100, offMs: 500 },
      { type: 'cut', partial: false },
    ]
    const picture = read(renderPreview(items, { paperDots: 576 }))
    expect(picture.height).toBe(20 + 24)
    const grey = ([r, g, b]: [number, number, number]) => r === g && g === b && r > 60 && r < 200
    expect(countPixels(picture, grey, { bottom: 20 })).toBeGreaterThan(50) // the drawer note
    expect(countPixels(picture, grey, { left: 100, top: 32, bottom: 34 })).toBeGreaterThan(200) // dashed line
    expect(countPixels(picture, isRed)).toBe(0)
  })

  test('rendering is deterministic', () => {
    const bytes = concat(
      receiptEncoder(48).initialize().bold(true).line('Deterministic').bold(false).rule().encode(),
      nativeQr('same every time', 4, 'L'),
      [0x1b, 0x99],
    )
    expect(previewPng(bytes, 576).equals(previewPng(bytes, 576))).toBe(true)
  })

  test('fonts come from resources/fonts; a folder without them is an error', () => {
    expect(fontDirectory()).toMatch(/resources[/\\]fonts$/)
    const empty = mkdtempSync(join(tmpdir(), 'no-fonts-'))
    expect(() => renderPreview([], { paperDots: 384, fontDirectory: empty })).toThrow(/NotoSans-Regular\.ttf/)
  })
})
