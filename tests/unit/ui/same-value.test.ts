import { describe, expect, test } from 'vitest'
import { sameValue } from '../../../renderer/src/ui/same-value.ts'

const line = {
  id: 'l1',
  nameKm: 'អាម៉ុកត្រី',
  quantity: 2,
  discount: { kind: 'percent', basisPoints: 1000 },
  refundOfLine: null,
}

describe('sameValue: what a memoised row compares', () => {
  test('a copy, as each event brings, is the same; JSON of both agrees', () => {
    const copy = JSON.parse(JSON.stringify(line)) as typeof line
    expect(sameValue(line, copy)).toBe(true)
    expect(JSON.stringify(line) === JSON.stringify(copy)).toBe(true)
  })

  test('any changed field, at any depth, or a key more or less, is a change', () => {
    expect(sameValue(line, { ...line, quantity: 3 })).toBe(false)
    expect(sameValue(line, { ...line, discount: { kind: 'percent', basisPoints: 500 } })).toBe(false)
    expect(sameValue(line, { ...line, discount: null })).toBe(false)
    expect(sameValue(line, { ...line, refundOfLine: 'l0' })).toBe(false)
    expect(sameValue(line, { ...line, extra: 1 })).toBe(false)
    const { refundOfLine: _, ...fewer } = line
    expect(sameValue(line, fewer)).toBe(false)
    expect(sameValue(line, { ...fewer, other: null })).toBe(false)
  })

  test('arrays compare by their items; an array is not an object with the same keys', () => {
    expect(sameValue([1, 2], [1, 2])).toBe(true)
    expect(sameValue([1, 2], [2, 1])).toBe(false)
    expect(sameValue([1], { 0: 1 })).toBe(false)
    expect(sameValue(0, -0)).toBe(true)
    expect(sameValue(null, undefined)).toBe(false)
  })
})
