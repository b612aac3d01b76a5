import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  type DecodedItem,
  decodedText,
  decodeEscPos,
  type QrItem,
  type RasterItem,
  type TextItem,
} from '../../../electron/core/printing/decode.ts'
import {
  ascii,
  concat,
  khmerKhqr,
  nativeQr,
  qrImage,
  receiptEncoder,
  rgbaOf,
  scanRaster,
} from '../../fixtures/printing/escpos.ts'

const ofType = <T extends DecodedItem['type']>(items: DecodedItem[], type: T) =>
  items.filter((item): item is Extract<DecodedItem, { type: T }> => item.type === type)

const texts = (items: DecodedItem[]): TextItem[] => ofType(items, 'text')

/** Byte offsets of every occurrence of `needle` in `bytes`. */
function occurrences(bytes: Uint8Array, needle: number[]): number[] {
  const found: number[] = []
  for (let at = 0; at + needle.length <= bytes.length; at++) {
    if (needle.every((byte, index) => bytes[at + index] === byte)) found.push(at)
  }
  return found
}

describe('text from @point-of-sale/receipt-printer-encoder', () => {
  test('58 mm (32 columns): alignment by padding, bold, underline, double size, font B; one item per line', () => {
    const bytes = receiptEncoder(32)
      .initialize()
      .line('Sok Dara Noodles')
      .align('center')
      .bold(true)
      .line('RECEIPT')
      .bold(false)
      .align('right')
      .underline(true)
      .line('R-000123')
      .underline(false)
      .align('left')
      .size(2, 2)
      .line('TOTAL 12.50')
      .size(1, 1)
      .font('B')
      .line('Thank you, come again')
      .font('A')
      .encode()
    const items = decodeEscPos(bytes)

    expect(items[0]).toEqual({ type: 'init' })
    expect(ofType(items, 'unknown')).toEqual([])
    expect(decodedText(items)).toEqual([
      'Sok Dara Noodles',
      `${' '.repeat(12)}RECEIPT`,
      `${' '.repeat(24)}R-000123`,
      'TOTAL 12.50',
      'Thank you, come again',
    ])
    const [plain, centred, right, big, small] = texts(items)
    expect(plain).toMatchObject({ bold: false, underline: false, width: 1, height: 1, font: 'A', align: 'left' })
    // the padding is printed plain: only the inked run carries the style
    expect(centred).toMatchObject({ bold: true, underline: false })
    expect(centred?.runs?.map((run) => [run.text, run.bold])).toEqual([
      [' '.repeat(12), false],
      ['RECEIPT', true],
    ])
    expect(right).toMatchObject({ bold: false, underline: true })
    expect(big).toMatchObject({ width: 2, height: 2, bold: false })
    expect(small).toMatchObject({ font: 'B', width: 1, height: 1 })
  })

  test('80 mm (48 columns): a table, a rule, and ESC a alignment sent raw around a line', () => {
    const bytes = receiptEncoder(48)
      .initialize()
      .table(
        [{ width: 36 }, { width: 12, align: 'right' }],
        [
          ['Iced coffee', '1.50'],
          ['TOTAL USD', '6.50'],
        ],
      )
      .rule()
      .raw([0x1b, 0x61, 0x01])
      .text('centred by the printer')
      .raw([0x0a, 0x1b, 0x61, 0x00])
      .encode()
    const items = decodeEscPos(bytes)
    const lines = decodedText(items)

    expect(lines).toContain(`Iced coffee${' '.repeat(33)}1.50`)
    expect(lines).toContain(`TOTAL USD${' '.repeat(35)}6.50`)
    expect(lines).toContain('─'.repeat(48)) // CP437 0xC4
    expect(texts(items).find((item) => item.text === 'centred by the printer')?.align).toBe('center')
    expect(ofType(items, 'unknown')).toEqual([])
  })

  test('code pages: the encoder starts in CP437 (ESC t 0); CP858 has the euro; auto switches mid-line', () => {
    const bytes = receiptEncoder(48)
      .initialize()
      .line('café ½ ñ')
      .codepage('cp858')
      .line('€ 4.50')
      .codepage('auto')
      .line('€ café Привет')
      .encode()
    expect(occurrences(bytes, [0x1b, 0x74, 0x00]).length).toBeGreaterThan(0)
    expect(occurrences(bytes, [0x1b, 0x74, 19]).length).toBeGreaterThan(0) // ESC t 19 = CP858
    const items = decodeEscPos(bytes)
    expect(decodedText(items)).toEqual(['café ½ ñ', '€ 4.50', '€ café Привет'])
  })

  test('plain ASCII without ESC t decodes as CP437; a page without a table shows U+FFFD', () => {
    expect(decodedText(decodeEscPos(Uint8Array.from([...ascii('Total: $1.50'), 0x0a, 0x82, 0x0a])))).toEqual([
      'Total: $1.50',
      'é',
    ])
    expect(decodedText(decodeEscPos(Uint8Array.from([0x1b, 0x74, 20, 0xa1, 0x0a])))).toEqual(['\ufffd'])
  })

  test('ESC $ (absolute) and ESC \\ (relative) print positions: spaces in the text, the exact dot in the run', () => {
    const total = concat(ascii('TOTAL USD'), [0x1b, 0x24, 516 & 0xff, 516 >> 8], ascii('$4.95'), [0x0a])
    const big = concat([0x1d, 0x21, 0x11], ascii('TOTAL'), [0x1b, 0x24, 456 & 0xff, 456 >> 8], ascii('$4.95'), [0x0a])
    const relative = concat(
      [0x1d, 0x21, 0x00],
      ascii('A'),
      [0x1b, 0x5c, 24, 0],
      ascii('B'),
      [0x1b, 0x5c, 0xe8, 0xff],
      ascii('C'),
    )
    const items = texts(decodeEscPos(concat(total, big, relative, [0x0a])))
    expect(items.map((item) => item.text)).toEqual([
      `TOTAL USD${' '.repeat(34)}$4.95`,
      `TOTAL${' '.repeat(14)}$4.95`,
      'A  BC',
    ])
    expect(items[0]?.text).toHaveLength(48)
    expect(items[0]?.runs?.map((run) => run.x)).toEqual([undefined, undefined, 516])
    expect(items[1]).toMatchObject({ width: 2, height: 2 })
    expect(items[2]?.runs?.map((run) => [run.text, run.x])).toEqual([
      ['A', undefined],
      ['  ', undefined],
      ['B', 36],
      ['C', 24],
    ])
  })

  test('ESC ! and GS ! set the size; CR is ignored; an empty LF is a blank line; text without LF is kept', () => {
    const bytes = concat(
      [0x1b, 0x21, 0x38],
      ascii('AB'),
      [0x0a, 0x0d, 0x0a, 0x1d, 0x21, 0x23],
      ascii('C'),
      [0x0a, 0x1d, 0x21, 0x00],
      ascii('tail'),
    )
    const items = texts(decodeEscPos(bytes))
    expect(items.map((item) => [item.text, item.width, item.height, item.bold])).toEqual([
      ['AB', 2, 2, true],
      ['', 2, 2, true],
      ['C', 3, 4, true],
      ['tail', 1, 1, true],
    ])
  })
})

describe('raster images', () => {
  test('a QR drawn as an image, banded by the encoder (GS v 0, ≤255 rows), is one image that scans back', () => {
    const payload = khmerKhqr()
    const image = qrImage(payload, 5)
    expect(image.height).toBeGreaterThan(255)
    const bytes = receiptEncoder(48)
      .initialize()
      .align('center')
      .image(image, image.width, image.height, 'threshold')
      .encode()
    // the encoder really sent it in bands
    expect(occurrences(bytes, [0x1d, 0x76, 0x30, 0x00]).length).toBe(Math.ceil(image.height / 255))

    const rasters = ofType(decodeEscPos(bytes), 'raster')
    expect(rasters).toHaveLength(1)
    const [raster] = rasters as [RasterItem]
    expect(raster).toMatchObject({ width: image.width, height: image.height, align: 'center' })
    expect(raster.bits).toEqual(image.bits)
    expect(scanRaster(raster)).toBe(payload)
  })

  test('images of different widths, or with text between them, stay separate', () => {
    const square = rgbaOf(new Uint8Array(16 * 8).fill(1), 16, 8)
    const wide = rgbaOf(new Uint8Array(32 * 8).fill(1), 32, 8)
    const bytes = receiptEncoder(32)
      .initialize()
      .image(square, 16, 8, 'threshold')
      .image(square, 16, 8, 'threshold')
      .image(wide, 32, 8, 'threshold')
      .line('between')
      .image(wide, 32, 8, 'threshold')
      .encode()
    const rasters = ofType(decodeEscPos(bytes), 'raster')
    expect(rasters.map((raster) => [raster.width, raster.height])).toEqual([
      [16, 16],
      [32, 8],
      [32, 8],
    ])
  })

  test('column mode (ESC * 33, one LF per 24-dot strip) joins the strips into one image', () => {
    const image = qrImage('column mode', 3)
    const bytes = receiptEncoder(48, { imageMode: 'column' })
      .initialize()
      .align('center')
      .image(image, image.width, image.height, 'threshold')
      .line('after')
      .encode()
    expect(occurrences(bytes, [0x1b, 0x2a, 0x21]).length).toBe(Math.ceil(image.height / 24))

    const items = decodeEscPos(bytes)
    expect(ofType(items, 'unknown')).toEqual([])
    const [raster, ...others] = ofType(items, 'raster')
    expect(others).toEqual([])
    expect(raster?.width).toBe(image.width)
    expect(raster?.height).toBe(Math.ceil(image.height / 24) * 24)
    expect(raster?.bits.subarray(0, image.bits.length)).toEqual(image.bits)
    expect(raster && scanRaster(raster)).toBe('column mode')
    expect(decodedText(items)).toEqual([`${' '.repeat(21)}after`])
  })

  test('GS v 0 mode 3 (double width and height) is scaled to the dots it prints', () => {
    const bytes = Uint8Array.from([0x1d, 0x76, 0x30, 0x03, 0x01, 0x00, 0x02, 0x00, 0b1000_0001, 0b0100_0000])
    const [raster] = ofType(decodeEscPos(bytes), 'raster')
    expect(raster).toMatchObject({ width: 16, height: 4 })
    const row = (y: number) => Array.from(raster?.bits.subarray(y * 16, y * 16 + 16) ?? []).join('')
    expect([row(0), row(1), row(2), row(3)]).toEqual([
      '1100000000000011',
      '1100000000000011',
      '0011000000000000',
      '0011000000000000',
    ])
  })
})

describe('native QR (GS ( k)', () => {
  test('a hand-built UTF-8 Khmer KHQR, module 16, ECC M, centred: the payload decodes exactly', () => {
    const payload = khmerKhqr()
    const bytes = concat(
      receiptEncoder(48).initialize().line('Scan to pay').encode(),
      [0x1b, 0x61, 0x01],
      nativeQr(payload, 16, 'M'),
      [0x1b, 0x61, 0x00],
    )
    const items = decodeEscPos(bytes)
    expect(ofType(items, 'unknown')).toEqual([])
    expect(ofType(items, 'qr')).toEqual([
      { type: 'qr', payload, moduleSize: 16, ecc: 'M', model: 2, align: 'center' },
    ] satisfies QrItem[])
  })

  test('a store longer than 255 bytes (pH > 0) is read to its last byte', () => {
    const payload = `${'ព្រះរាជាណាចក្រកម្ពុជា'.repeat(6)}|end`
    const store = new TextEncoder().encode(payload).length + 3
    expect(store).toBeGreaterThan(255)
    const bytes = concat(nativeQr(payload, 6, 'Q'), ascii('next'), [0x0a])
    const items = decodeEscPos(bytes)
    expect(ofType(items, 'qr')[0]?.payload).toBe(payload)
    expect(ofType(items, 'qr')[0]?.ecc).toBe('Q')
    expect(decodedText(items)).toEqual(['next'])
  })

  test("the encoder's own qrcode(): model, size, error level and alignment", () => {
    const bytes = receiptEncoder(32)
      .initialize()
      .align('right')
      .qrcode('https://example.com/r/123', { model: 1, size: 4, errorlevel: 'h' })
      .encode()
    expect(ofType(decodeEscPos(bytes), 'qr')).toEqual([
      { type: 'qr', payload: 'https://example.com/r/123', moduleSize: 4, ecc: 'H', model: 1, align: 'right' },
    ])
  })

  test('settings fall back to the defaults after ESC @; invalid settings and a print with nothing stored are unknown', () => {
    const storeOnly = nativeQr('A', 8, 'H').subarray(0, -8)
    const print = [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]
    const badSize = [0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 17]
    const items = decodeEscPos(concat(storeOnly, [0x1b, 0x40], print, badSize, storeOnly, print))
    expect(items.filter((item) => item.type !== 'init')).toEqual([
      { type: 'unknown', offset: storeOnly.length + 2, bytes: print },
      { type: 'unknown', offset: storeOnly.length + 2 + print.length, bytes: badSize },
      { type: 'qr', payload: 'A', moduleSize: 8, ecc: 'H', model: 2, align: 'left' },
    ])
  })
})

describe('paper handling, drawer and status', () => {
  test('feeds: ESC J n is n dots; ESC d n is n lines at the current line spacing (default 30)', () => {
    const bytes = concat(
      [0x1b, 0x4a, 40],
      [0x1b, 0x64, 3],
      [0x1b, 0x33, 24, 0x1b, 0x64, 2],
      [0x1b, 0x32, 0x1b, 0x64, 1],
    )
    expect(decodeEscPos(bytes)).toEqual([
      { type: 'feed', dots: 40 },
      { type: 'feed', dots: 90 },
      { type: 'feed', dots: 48 },
      { type: 'feed', dots: 30 },
    ])
  })

  test('a feed prints the pending line first', () => {
    const items = decodeEscPos(concat(ascii('QR below'), [0x1b, 0x4a, 24]))
    expect(items.map((item) => item.type)).toEqual(['text', 'feed'])
  })

  test('cuts in every form; the encoder feeds 4 lines before its cut', () => {
    const forms = concat(
      [0x1d, 0x56, 0x00],
      [0x1d, 0x56, 0x01],
      [0x1d, 0x56, 0x30],
      [0x1d, 0x56, 0x31],
      [0x1d, 0x56, 0x41, 0x10],
      [0x1d, 0x56, 0x42, 0x00],
      [0x1b, 0x69],
      [0x1b, 0x6d],
    )
    expect(decodeEscPos(forms)).toEqual([
      { type: 'cut', partial: false },
      { type: 'cut', partial: true },
      { type: 'cut', partial: false },
      { type: 'cut', partial: true },
      { type: 'feed', dots: 16 },
      { type: 'cut', partial: false },
      { type: 'cut', partial: true },
      { type: 'cut', partial: true },
      { type: 'cut', partial: true },
    ])

    const items = decodeEscPos(receiptEncoder(32).initialize().line('last line').cut('partial').encode())
    const cutAt = items.findIndex((item) => item.type === 'cut')
    expect(items[cutAt]).toEqual({ type: 'cut', partial: true })
    expect(decodedText(items.slice(0, cutAt))).toEqual(['last line', '', '', '', ''])
  })

  test('drawer pulses: the 5-byte ESC p m t1 t2 (t × 2 ms), the encoder pulse(), DLE DC4 1 m t (t × 100 ms)', () => {
    const encoded = receiptEncoder(48).initialize().pulse(1, 120, 240).encode()
    expect(occurrences(encoded, [0x1b, 0x70, 0x01, 60, 120])).toHaveLength(1)
    expect(ofType(decodeEscPos(encoded), 'pulse')).toEqual([{ type: 'pulse', pin: 1, onMs: 120, offMs: 240 }])

    const bytes = concat([0x1b, 0x70, 0x00, 0x32, 0xfa], [0x1b, 0x70, 0x31, 0x19, 0x19], [0x10, 0x14, 0x01, 0x00, 0x03])
    expect(decodeEscPos(bytes)).toEqual([
      { type: 'pulse', pin: 0, onMs: 100, offMs: 500 },
      { type: 'pulse', pin: 1, onMs: 50, offMs: 50 },
      { type: 'pulse', pin: 0, onMs: 300, offMs: 300 },
    ])
  })

  test('DLE EOT n status queries are reported where they are and do not end the line', () => {
    const bytes = concat([0x10, 0x04, 0x01], ascii('AB'), [0x10, 0x04, 0x02, 0x10, 0x04, 0x04], ascii('CD'), [0x0a])
    expect(decodeEscPos(bytes)).toEqual([
      { type: 'status_query', n: 1 },
      { type: 'status_query', n: 2 },
      { type: 'status_query', n: 4 },
      expect.objectContaining({ type: 'text', text: 'ABCD' }),
    ])
  })

  test('state-only commands leave no item: FS ., FS C, ESC c 5, GS a, GS P, ESC 3/ESC 2, barcode settings', () => {
    const bytes = concat(
      [0x1c, 0x2e, 0x1c, 0x43, 0x00, 0x1b, 0x63, 0x35, 0x00, 0x1d, 0x61, 0x00, 0x1d, 0x50, 0xcb, 0xcb],
      [0x1b, 0x33, 0x10, 0x1b, 0x32, 0x1d, 0x68, 0x50, 0x1d, 0x77, 0x02, 0x1d, 0x48, 0x02, 0x1d, 0x66, 0x00],
    )
    expect(decodeEscPos(bytes)).toEqual([])
  })

  test('barcodes: function A (NUL-terminated) and function B (counted), as the encoder sends them', () => {
    const bytes = receiptEncoder(48)
      .initialize()
      .barcode('12345670', 'ean8', 60)
      .barcode('ABC-123', 'code128', { height: 60, text: 'below' })
      .line('after')
      .encode()
    const items = decodeEscPos(bytes)
    expect(ofType(items, 'barcode')).toEqual([
      { type: 'barcode', symbology: 3, data: '12345670' },
      { type: 'barcode', symbology: 73, data: '{BABC-123' },
    ])
    expect(ofType(items, 'unknown')).toEqual([])
    expect(decodedText(items)).toContain('after')
  })

  test('a whole receipt as the encoder builds it decodes with nothing unknown', () => {
    const image = qrImage('raster fallback', 4)
    const bytes = receiptEncoder(48)
      .initialize()
      .align('center')
      .bold(true)
      .size(2, 2)
      .line('SOK DARA')
      .size(1, 1)
      .bold(false)
      .line('Siem Reap')
      .align('left')
      .rule({ style: 'double' })
      .table(
        [{ width: 36 }, { width: 12, align: 'right' }],
        [
          ['Noodle soup', '2.50'],
          [{ content: 'TOTAL', align: 'left' }, '2.50'],
        ],
      )
      .box({ width: 20, align: 'center' }, 'Paid by KHQR')
      .invert(true)
      .line('VOID')
      .invert(false)
      .italic(true)
      .line('note')
      .italic(false)
      .lineSpacing('none')
      .line('tight')
      .lineSpacing('default')
      .align('center')
      .image(image, image.width, image.height, 'threshold')
      .qrcode('https://example.com', { model: 2, size: 6, errorlevel: 'm' })
      .barcode('R000123', 'code39', 40)
      .pulse()
      .cut('partial')
      .encode()
    const items = decodeEscPos(bytes)
    expect(ofType(items, 'unknown')).toEqual([])
    expect(items.map((item) => item.type).filter((type) => type !== 'text')).toEqual([
      'init',
      'raster',
      'qr',
      'barcode',
      'pulse',
      'cut',
    ])
    expect(decodedText(items).map((line) => line.trim())).toEqual(
      expect.arrayContaining(['SOK DARA', 'Siem Reap', 'VOID', 'note', 'tight']),
    )
  })
})

describe('unknown commands', () => {
  test('ESC 0x99 is reported with its offset; its length is unknowable, so the rest of the stream goes with it', () => {
    const head = concat(receiptEncoder(32).initialize().line('before').encode())
    const bytes = concat(head, [0x1b, 0x99], ascii('after'), [0x0a])
    const items = decodeEscPos(bytes)
    expect(decodedText(items)).toEqual(['before'])
    expect(ofType(items, 'unknown')).toEqual([
      { type: 'unknown', offset: head.length, bytes: [0x1b, 0x99, ...ascii('after'), 0x0a] },
    ])
    expect(items[items.length - 1]?.type).toBe('unknown')
  })

  test('commands whose length is known but which are not modelled are reported, and decoding continues', () => {
    const leftMargin = [0x1d, 0x4c, 0x20, 0x00]
    const graphics = [0x1d, 0x28, 0x4c, 0x02, 0x00, 0x30, 0x32] // GS ( L: print graphics
    const bytes = concat(leftMargin, ascii('A'), [0x0a], graphics, [0x07], ascii('B'), [0x0a])
    expect(decodeEscPos(bytes)).toEqual([
      { type: 'unknown', offset: 0, bytes: leftMargin },
      expect.objectContaining({ type: 'text', text: 'A' }),
      { type: 'unknown', offset: 6, bytes: graphics },
      { type: 'unknown', offset: 13, bytes: [0x07] },
      expect.objectContaining({ type: 'text', text: 'B' }),
    ])
  })

  test('a truncated raster at the end of the stream is one unknown item', () => {
    const bytes = concat(ascii('x'), [0x0a, 0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x10, 0x00, 0xff, 0xff])
    expect(decodeEscPos(bytes).at(-1)).toEqual({
      type: 'unknown',
      offset: 2,
      bytes: [0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x10, 0x00, 0xff, 0xff],
    })
  })

  test("the encoder's PDF417 (not modelled) comes out as unknown GS ( k commands, not as silence", () => {
    const bytes = receiptEncoder(48).initialize().pdf417('R-000123').encode()
    const unknown = ofType(decodeEscPos(bytes), 'unknown')
    expect(unknown.length).toBeGreaterThan(0)
    expect(unknown.every((item) => item.bytes[0] === 0x1d && item.bytes[2] === 0x6b && item.bytes[5] === 0x30)).toBe(
      true,
    )
  })

  test('arbitrary bytes never throw, and every byte is accounted for in order', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const items = decodeEscPos(bytes)
        let last = -1
        for (const item of items) {
          if (item.type !== 'unknown') continue
          expect(item.offset).toBeGreaterThan(last)
          expect(item.offset + item.bytes.length).toBeLessThanOrEqual(bytes.length)
          expect(item.bytes).toEqual(Array.from(bytes.subarray(item.offset, item.offset + item.bytes.length)))
          last = item.offset
        }
      }),
      { numRuns: 500 },
    )
  })
})
