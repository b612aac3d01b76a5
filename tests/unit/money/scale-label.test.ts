import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ean13CheckDigit, readScaleLabel, scaleLabelBarcode } from '../../../shared/scale-label.ts'

describe('scale labels', () => {
  it('computes the EAN-13 check digit as GS1 does', () => {
    expect(ean13CheckDigit('400638133393')).toBe(1) // 4006381333931, a GS1 example
    expect(ean13CheckDigit('590123412345')).toBe(7) // 5901234123457, another
  })

  it('reads item code and weight, or item code and price, by the shop layout', () => {
    const weight = scaleLabelBarcode(21, '00123', 456, { itemDigits: 5, embeds: 'weight' })
    expect(weight).toMatch(/^210012300456\d$/)
    expect(readScaleLabel(weight, { itemDigits: 5, embeds: 'weight' })).toEqual({
      kind: 'weight',
      itemCode: '00123',
      grams: 456,
    })
    const price = scaleLabelBarcode(22, '0042', 12_500, { itemDigits: 4, embeds: 'price' })
    expect(readScaleLabel(price, { itemDigits: 4, embeds: 'price' })).toEqual({
      kind: 'price',
      itemCode: '0042',
      price: 12_500,
    })
  })

  it('refuses a misread check digit, a code outside 20–29 and a label with nothing on it', () => {
    const good = scaleLabelBarcode(20, '00007', 1250, { itemDigits: 5, embeds: 'weight' })
    const bad = `${good.slice(0, 12)}${(Number(good[12]) + 1) % 10}`
    expect(readScaleLabel(bad, { itemDigits: 5, embeds: 'weight' })).toEqual({ problem: 'check_digit' })
    expect(readScaleLabel('8851234567899', { itemDigits: 5, embeds: 'weight' })).toEqual({ problem: 'not_scale_label' })
    expect(readScaleLabel('210012300456', { itemDigits: 5, embeds: 'weight' })).toEqual({ problem: 'not_scale_label' })
    const empty = scaleLabelBarcode(20, '00007', 0, { itemDigits: 5, embeds: 'weight' })
    expect(readScaleLabel(empty, { itemDigits: 5, embeds: 'weight' })).toEqual({ problem: 'zero_value' })
  })

  it('any single wrong digit is caught by the check digit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 29 }),
        fc.integer({ min: 1, max: 99_999 }),
        fc.integer({ min: 1, max: 99_999 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (prefix, item, grams, at, shift) => {
          const code = scaleLabelBarcode(prefix, String(item), grams, { itemDigits: 5, embeds: 'weight' })
          const changed = `${code.slice(0, at)}${(Number(code[at]) + shift) % 10}${code.slice(at + 1)}`
          const read = readScaleLabel(changed, { itemDigits: 5, embeds: 'weight' })
          expect('problem' in read).toBe(true)
        },
      ),
    )
  })
})
