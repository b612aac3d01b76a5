import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { crc16, crcHex, crcScan, mayNeedNormalising, NEEDS_CARE } from '../../../shared/khqr/crc.ts'
import { referenceCrc } from './helpers.ts'

describe('CRC-16/CCITT-FALSE over UTF-8', () => {
  test('check value of "123456789" is 29B1', () => {
    expect(crcHex(crc16('123456789'))).toBe('29B1')
  })

  test('always four upper-case hex digits, zero-padded', () => {
    expect(crcHex(0)).toBe('0000')
    expect(crcHex(0xa)).toBe('000A')
    expect(crcHex(0xbeef)).toBe('BEEF')
  })

  test('equals the bitwise reference over UTF-8 for any text, including Khmer, emoji and lone surrogates', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: fc.constantFrom(...'ក្ខគងចឆជញដឋណតថទធនបផពភមយរលវសហឡអាិីុូេែៃោៅំះ់៍៌'), maxLength: 40 }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
    )
    fc.assert(
      fc.property(text, (value) => crc16(value) === referenceCrc(value)),
      { numRuns: 3000 },
    )
  })

  test('crcScan continues across pieces as if they were one string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        return (crcScan(crcScan(0xffff, a) & 0xffff, b) & 0xffff) === crc16(a + b)
      }),
    )
  })
})

describe('NEEDS_CARE: the scan flags text that is not plain', () => {
  const flagged = (text: string): boolean => (crcScan(0xffff, text) & NEEDS_CARE) !== 0
  test('plain ASCII and Khmer are plain', () => {
    expect(flagged('Sok Dara Noodles ~!@#$%^&*()')).toBe(false)
    expect(flagged('ហាងកាហ្វេក្លាំង ភ្នំពេញ')).toBe(false)
    expect(flagged('Café Crème')).toBe(false)
  })
  test('control characters, DEL, C1 controls and surrogates are flagged', () => {
    for (const text of ['a\tb', 'line\n', 'x\u007f', '\u0085', '😀', 'x\ud800', 'abcd\u0000efgh'])
      expect(flagged(text)).toBe(true)
  })
  test('characters NFC may change are flagged', () => {
    expect(flagged('Cafe\u0301')).toBe(true)
    expect(flagged('\u17dd\u17d2')).toBe(true)
  })
})

describe('the Khmer NFC shortcut agrees with String.prototype.normalize', () => {
  test('every pair of Khmer characters (and Khmer next to Latin) is changed by NFC exactly when predicted', () => {
    const khmer = Array.from({ length: 0x80 }, (_, k) => 0x1780 + k)
    const neighbours = [...khmer, 0x20, 0x41, 0x7a, 0xe9, 0x2ff]
    const wrong: string[] = []
    for (const a of neighbours) {
      for (const b of neighbours) {
        const text = String.fromCharCode(a, b)
        const predicted = mayNeedNormalising(a, 0) || mayNeedNormalising(b, a)
        if ((text.normalize('NFC') !== text) !== predicted && (predicted || a >= 0x1780 || b >= 0x1780)) {
          wrong.push(`${a.toString(16)} ${b.toString(16)}`)
        }
      }
    }
    expect(wrong).toEqual([])
  })
})
