/**
 * The strict reading of ESC/POS streams: deliberately malformed streams, each with the one problem a
 * printer would show on paper, and well-formed ones (from the product's own encoder) with none.
 */
import { describe, expect, test } from 'vitest'
import {
  checkEscPos,
  decodeEscPos,
  emptyMemory,
  type ProblemCode,
  StreamingDecoder,
} from '../../../electron/core/printing/decode.ts'
import { encodeDocument } from '../../../electron/core/printing/document.ts'
import {
  defineGraphic,
  defineNvBitImages,
  printGraphic,
  printNvBitImage,
} from '../../../electron/core/printing/pictures/commands.ts'
import { profileFor } from '../../../electron/core/printing/profiles.ts'
import { renderTextLine } from '../../../electron/core/printing/raster.ts'
import { ascii, concat, khmerKhqr, nativeQr } from '../../fixtures/printing/escpos.ts'

const codes = (bytes: Uint8Array, paperDots = 576): ProblemCode[] =>
  checkEscPos(bytes, { paperDots }).problems.map((problem) => problem.code)

/** GS v 0 of a blank image `widthBytes` bytes wide and `rows` high. */
const raster = (widthBytes: number, rows: number): number[] => [
  0x1d,
  0x76,
  0x30,
  0,
  widthBytes & 0xff,
  widthBytes >> 8,
  rows,
  0,
  ...new Array(widthBytes * rows).fill(0x0f),
]

describe('malformed streams: each reports what would not print as sent', () => {
  test('an image wider than the paper', () => {
    expect(codes(Uint8Array.from(raster(80, 2)))).toEqual(['image_too_wide'])
    expect(codes(Uint8Array.from(raster(72, 2)))).toEqual([])
    expect(codes(Uint8Array.from(raster(72, 2)), 384)).toEqual(['image_too_wide'])
  })

  test('a QR wider than the paper (module 16 on 58 mm)', () => {
    const payload = khmerKhqr()
    expect(codes(nativeQr(payload, 16, 'M'), 384)).toEqual(['qr_too_wide'])
    expect(codes(nativeQr(payload, 5, 'M'), 384)).toEqual([])
  })

  test('QR data that is not UTF-8', () => {
    const store = [0x1d, 0x28, 0x6b, 5, 0, 0x31, 0x50, 0x30, 0xff, 0xfe]
    const print = [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30]
    expect(codes(concat(store, print))).toEqual(['qr_data_not_utf8'])
  })

  test('a QR store length counted in characters, not UTF-8 bytes (a Khmer merchant name)', () => {
    const payload = khmerKhqr()
    const bytes = new TextEncoder().encode(payload)
    const counted = payload.length + 3 // JavaScript characters, as one library does
    const stream = concat(
      [0x1d, 0x28, 0x6b, counted & 0xff, counted >> 8, 0x31, 0x50, 0x30],
      bytes,
      [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30],
    )
    expect(codes(stream)).toEqual(['qr_length_short'])
  })

  test('text left in the line buffer at a cut, or before an image', () => {
    expect(codes(concat(ascii('TOTAL 4.95'), [0x1d, 0x56, 0x01]))).toEqual(['text_at_cut'])
    expect(codes(concat(ascii('TOTAL 4.95'), [0x0a, 0x1d, 0x56, 0x01]))).toEqual([])
    expect(codes(concat(ascii('name'), raster(4, 2)))).toEqual(['text_before_graphic'])
  })

  test('ESC $ at or beyond the paper width (an empty figure right-aligned)', () => {
    expect(codes(concat(ascii('Label'), [0x1b, 0x24, 0x40, 0x02], [0x0a]))).toEqual(['position_outside_line'])
    expect(codes(concat(ascii('Label'), [0x1b, 0x24, 0x04, 0x02], ascii('$1.00'), [0x0a]))).toEqual([])
  })

  test('a line wider than the paper wraps on paper', () => {
    expect(codes(concat(ascii('x'.repeat(49)), [0x0a]))).toEqual(['line_too_wide'])
    expect(codes(concat(ascii('x'.repeat(48)), [0x0a]))).toEqual([])
    expect(codes(concat([0x1d, 0x21, 0x11], ascii('x'.repeat(25)), [0x0a]))).toEqual(['line_too_wide'])
  })

  test('ESC a in the middle of a line; ESC @ dropping text never printed', () => {
    expect(codes(concat(ascii('ab'), [0x1b, 0x61, 0x01], ascii('cd'), [0x0a]))).toEqual(['align_mid_line'])
    expect(codes(concat(ascii('lost'), [0x1b, 0x40]))).toEqual(['text_lost_at_init'])
  })

  test('a byte the code page has no character for', () => {
    expect(codes(concat([0x1b, 0x74, 15], [0x80, 0x0a]))).toEqual(['character_not_in_code_page'])
  })

  test('a stored picture printed that the printer does not hold; a definition whose length does not add up', () => {
    const picture = renderTextLine('សូមអរគុណ', { width: 576, size: 24 })
    expect(codes(printGraphic('download', 'AB'))).toEqual(['picture_not_stored'])
    expect(codes(printNvBitImage(3))).toEqual(['picture_not_stored'])
    const define = defineGraphic('download', 'AB', picture)
    const shortened = Uint8Array.from(define)
    shortened[3] = (shortened[3] ?? 0) - 1 // pL one short: the last data byte is read as the next command
    expect(codes(shortened)).toContain('picture_length_mismatch')
    const badKey = Uint8Array.from(define)
    badKey[8] = 0x10
    expect(codes(badKey)).toEqual(['picture_key_invalid'])
  })
})

describe('well-formed streams: no problems', () => {
  test('a stored picture defined then printed twice reads as the picture, from memory the second job', () => {
    const picture = renderTextLine('ហាងសាកល្បង', { width: 576, size: 34, bold: true })
    const memory = emptyMemory()
    const first = checkEscPos(concat(defineGraphic('download', 'k7', picture), printGraphic('download', 'k7')), {
      paperDots: 576,
      memory,
    })
    expect(first.problems).toEqual([])
    const second = checkEscPos(printGraphic('download', 'k7'), { paperDots: 576, memory })
    expect(second.problems).toEqual([])
    const image = second.items.find((item) => item.type === 'raster')
    expect(image).toMatchObject({
      width: picture.width,
      height: picture.height,
      stored: { store: 'download', key: 'k7' },
    })
    expect(image?.type === 'raster' && Buffer.from(image.bits).equals(Buffer.from(picture.bits))).toBe(true)
  })

  test('NV bit images (FS q, column format, whole bytes) print the same dots through FS p', () => {
    const picture = {
      width: 16,
      height: 8,
      bits: Uint8Array.from({ length: 128 }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0)),
    }
    const items = decodeEscPos(concat(defineNvBitImages([picture]), printNvBitImage(1)))
    const image = items.find((item) => item.type === 'raster')
    expect(image?.type === 'raster' && Buffer.from(image.bits).equals(Buffer.from(picture.bits))).toBe(true)
  })

  test('a printer that does not understand picture memory reports the commands as unknown', () => {
    const picture = renderTextLine('ក', { width: 576, size: 24 })
    const items = decodeEscPos(defineGraphic('download', 'AB', picture), { understands: { downloadGraphics: false } })
    expect(items.map((item) => item.type)).toEqual(['unknown'])
  })

  test('receipts, reports, stickers and test pages encoded by the product read without a problem (58 and 80 mm)', () => {
    for (const width of [58, 80] as const) {
      const profile = profileFor(width)
      const bytes = encodeDocument(
        [
          { kind: 'text', text: 'ហាងសាកល្បង Demo — “the best” €1', align: 'center', size: 2, bold: true },
          { kind: 'pair', left: 'KHQR confirmed by hand (0)', right: '' },
          { kind: 'pair', left: 'សរុប', right: '$4.95', bold: true, size: 2 },
          { kind: 'band', text: 'KHQR  KHR', size: width === 80 ? 3 : 2 },
          { kind: 'qr', payload: khmerKhqr(), ecc: 'M', moduleSize: 16 },
          { kind: 'rule' },
          { kind: 'cut' },
        ],
        profile,
      )
      expect(checkEscPos(bytes, { paperDots: profile.paperDots }).problems).toEqual([])
    }
  })
})

describe('streaming', () => {
  test('byte by byte, the stream decodes to exactly what it decodes to whole', () => {
    const picture = renderTextLine('សូមអរគុណ', { width: 576, size: 24 })
    const stream = concat(
      [0x1b, 0x40],
      ascii('Receipt'),
      [0x0a],
      defineGraphic('download', 'AB', picture),
      printGraphic('download', 'AB'),
      nativeQr(khmerKhqr(), 6, 'M'),
      raster(4, 3),
      [0x1d, 0x56, 0x01],
    )
    const streaming = new StreamingDecoder({ paperDots: 576 })
    for (const byte of stream) streaming.feed(Uint8Array.of(byte))
    expect(streaming.items).toEqual(decodeEscPos(stream, { paperDots: 576 }))
    expect(streaming.problems).toEqual([])
  })
})
