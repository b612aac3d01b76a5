import { describe, expect, test } from 'vitest'
import {
  cropToInk,
  needsRaster,
  rasterCommand,
  renderTextLine,
  wrapText,
} from '../../../electron/core/printing/raster.ts'

describe('Khmer lines for the printer', () => {
  test('only text with Khmer is drawn; the rest stays printer text', () => {
    expect(needsRaster('Iced coffee $1.50')).toBe(false)
    expect(needsRaster('កាហ្វេ')).toBe(true)
    expect(needsRaster('Total ៛')).toBe(true)
  })

  test('long Khmer text wraps between words, never inside one, and loses nothing', () => {
    const text = 'ព្រះរាជាណាចក្រកម្ពុជា ជាតិ សាសនា ព្រះមហាក្សត្រ សូមស្វាគមន៍មកកាន់ហាងរបស់យើង'
    const options = { width: 384, size: 24 }
    const lines = wrapText(text, options)
    expect(lines.length).toBeGreaterThan(1)
    expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''))
    // Every line break falls where a word ends (positions counted without the spaces).
    const wordEnds = new Set<number>()
    let end = 0
    for (const { segment } of new Intl.Segmenter('km', { granularity: 'word' }).segment(text.replaceAll(' ', ''))) {
      end += segment.length
      wordEnds.add(end)
    }
    let printed = 0
    for (const line of lines.slice(0, -1)) {
      printed += line.replaceAll(' ', '').length
      expect(wordEnds.has(printed), `a break inside a word after "${line}"`).toBe(true)
    }
    for (const line of lines) expect(renderTextLine(line, options).width).toBeLessThanOrEqual(384)
  })

  test('a drawn line is cropped to its ink and encoded as GS v 0 in whole bytes', () => {
    const image = renderTextLine('សូមអរគុណ', { width: 576, size: 24 })
    expect(image.width % 8).toBe(0)
    expect(image.width).toBeLessThan(200)
    expect(image.height).toBeGreaterThan(15)
    expect(image.height).toBeLessThan(48)
    expect(image.bits.some((bit) => bit === 1)).toBe(true)
    const bytes = rasterCommand(image)
    expect([...bytes.subarray(0, 4)]).toEqual([0x1d, 0x76, 0x30, 0x00])
    expect(bytes[4] ?? 0).toBe(image.width / 8)
    expect(bytes.length).toBe(8 + (image.width / 8) * image.height)
    expect(cropToInk({ width: 16, height: 2, bits: new Uint8Array(32) })).toEqual({
      width: 8,
      height: 1,
      bits: new Uint8Array(8),
    })
  })
})
