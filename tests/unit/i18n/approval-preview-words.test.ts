import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../electron/core/ledger/settings.ts'
import { fieldLabel, previewRows } from '../../../renderer/src/i18n/approval-preview-words.ts'
import { money, text } from '../../../shared/approval-preview.ts'

/** Every setting a manager can be asked to approve, as the approval's rows name it (`merchant.city`). */
function settingFields(): string[] {
  const fields: string[] = []
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const part of Object.keys(value)) fields.push(`${key}.${part}`)
    } else {
      fields.push(key)
    }
  }
  return fields
}

describe('the rows of an approval name what changes in words', () => {
  it('every setting and every part of one has a name in Khmer and in English, never its code', () => {
    const fields = settingFields()
    expect(fields).toContain('merchant.bakongAccountId')
    for (const field of fields) {
      for (const language of ['km', 'en'] as const) {
        expect(fieldLabel(field, language), `${field} in ${language}`).not.toBe(field)
      }
    }
  })

  it('amounts kept as numbers read as money, coded values as words', () => {
    const rows = previewRows(
      {
        subject: null,
        changes: [
          {
            field: 'khqrManualLimits.perSaleUsd',
            before: { kind: 'count', count: 5000 },
            after: { kind: 'count', count: 2500 },
          },
          { field: 'smallestNote', before: { kind: 'count', count: 100 }, after: { kind: 'count', count: 500 } },
          { field: 'merchant.kind', before: text('individual'), after: text('merchant') },
          { field: 'printer.transport', before: text('none'), after: text('serial') },
          { field: 'khqrLifetimeSeconds', before: { kind: 'count', count: 300 }, after: { kind: 'count', count: 120 } },
          { field: 'price', before: money(195, 'USD'), after: money(8000, 'KHR') },
          { field: 'customerDisplayId', before: null, after: { kind: 'count', count: 2 } },
          { field: 'printer.drawerPin', before: { kind: 'count', count: 0 }, after: { kind: 'count', count: 1 } },
        ],
      },
      'en',
    )
    expect(rows.map((row) => [row.label, row.before, row.after])).toEqual([
      ['KHQR confirmed by hand, per sale (dollars)', '$50.00', '$25.00'],
      ['Smallest note', '៛100', '៛500'],
      ['Account type', 'individual account', 'merchant account'],
      ['Printer connection', 'none', 'serial cable'],
      ['KHQR valid for', '300 s', '120 s'],
      ['Price', '$1.95', '៛8,000'],
      ['Customer display', 'automatic', 'screen 2'],
      ['Cash drawer pin', 'pin 2', 'pin 5'],
    ])
  })
})
