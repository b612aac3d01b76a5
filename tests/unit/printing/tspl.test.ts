/** TSPL labels: what the encoder writes, and what a label printer makes of it (the interpreter the virtual printer uses). */
import { describe, expect, test } from 'vitest'
import { encodeLabels, type Label } from '../../../electron/core/printing/tspl/encode.ts'
import { interpretTspl, TsplInterpreter } from '../../../electron/core/printing/tspl/interpret.ts'
import { khmerKhqr } from '../../fixtures/printing/escpos.ts'
import { scanLabel } from '../../support/virtual-label-printer.ts'

const stock = { widthMm: 40, heightMm: 30, gapMm: 2, copies: 1 }
const text = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes)

describe('TSPL', () => {
  test('stock, a cleared buffer, the items and PRINT, each command ended by CR LF; quotes escaped', () => {
    const label: Label = {
      ...stock,
      copies: 3,
      items: [
        { kind: 'text', x: 8, y: 8, font: '3', text: 'Say "hi"' },
        { kind: 'bar', x: 0, y: 40, width: 320, height: 4 },
        { kind: 'reverse', x: 0, y: 0, width: 320, height: 32 },
      ],
    }
    expect(text(encodeLabels([label]))).toBe(
      [
        'SIZE 40 mm,30 mm',
        'GAP 2 mm,0 mm',
        'DIRECTION 1,0',
        'REFERENCE 0,0',
        'CLS',
        'TEXT 8,8,"3",0,1,1,"Say \\["]hi\\["]"',
        'BAR 0,40,320,4',
        'REVERSE 0,0,320,32',
        'PRINT 3,1',
        '',
      ].join('\r\n'),
    )
    expect(() => encodeLabels([{ ...stock, items: [{ kind: 'text', x: 0, y: 0, font: '1', text: 'ក' }] }])).toThrow(
      /ASCII only/,
    )
  })

  test('BITMAP burns 0 bits; its data may hold CR and LF, and still reads to the next command', () => {
    // 16 dots wide, 2 rows. Row 0 is dots 11110101 11110010, which TSPL sends inverted: 0x0a 0x0d.
    const row0 = [1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 0]
    const bits = Uint8Array.from([...row0, ...new Array(16).fill(1)])
    const bytes = encodeLabels([
      {
        ...stock,
        items: [
          { kind: 'bitmap', x: 4, y: 6, bitmap: { width: 16, height: 2, bits } },
          { kind: 'bar', x: 0, y: 100, width: 8, height: 8 },
        ],
      },
    ])
    expect(text(bytes)).toContain('BITMAP 4,6,2,2,0,\n\r\x00\x00\r\nBAR 0,100,8,8')
    const { labels, unknown } = interpretTspl(bytes)
    expect(unknown).toEqual([])
    const [label] = labels
    expect(label).toMatchObject({ width: 320, height: 240 })
    const row = (y: number) => Array.from({ length: 16 }, (_, x) => label?.bits[y * 320 + 4 + x])
    expect(row(6)).toEqual(row0)
    expect(row(7)).toEqual(new Array(16).fill(1))
    expect(label?.bits[100 * 320 + 3]).toBe(1) // the BAR after the bitmap was read too
  })

  test('a KHQR with a Khmer name goes to QRCODE as its UTF-8 bytes and scans back whole', () => {
    const payload = khmerKhqr()
    const bytes = encodeLabels([
      { ...stock, widthMm: 60, heightMm: 60, items: [{ kind: 'qr', x: 40, y: 40, ecc: 'M', cell: 5, payload }] },
    ])
    const [label] = interpretTspl(bytes).labels
    expect(label && scanLabel(label)).toBe(payload)
  })

  test('read in pieces (a serial line), the same labels come out; ESC ! ? is counted, unknown commands kept', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('\x1b!?'),
      ...encodeLabels([{ ...stock, items: [{ kind: 'box', x: 0, y: 0, width: 100, height: 50, thickness: 3 }] }]),
      ...new TextEncoder().encode('FROB 1,2\r\n'),
    ])
    const whole = interpretTspl(bytes)
    const interpreter = new TsplInterpreter()
    const labels = []
    let statusRequests = 0
    const unknown: string[] = []
    for (let at = 0; at < bytes.length; at += 7) {
      const events = interpreter.feed(bytes.subarray(at, at + 7))
      labels.push(...events.labels)
      statusRequests += events.statusRequests
      unknown.push(...events.unknown)
    }
    expect(labels).toEqual(whole.labels)
    expect(statusRequests).toBe(1)
    expect(unknown).toEqual(['FROB 1,2'])
  })
})
