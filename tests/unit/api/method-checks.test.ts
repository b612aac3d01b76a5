import { describe, expect, test } from 'vitest'
import { EVENT_NAMES, EVENTS, METHOD_NAMES, METHODS, type PosMethod } from '../../../shared/api.ts'
import { InputError } from '../../../shared/schema.ts'

const approval = { grantId: '5f1d7c0e9a3b4c2d8e6f1a0b9c8d7e6f' }
const consent = { managerId: '01a20f6b-61e8-7000-9085-6ffb4d9b9a5c', pin: '1357', reason: 'ok' }

function refusal(method: PosMethod, args: unknown[]): InputError | null {
  try {
    METHODS[method].args(args)
    return null
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
}

describe('every PosApi argument is checked at the boundary', () => {
  test('only the cashier window may call anything that changes data; the customer display only reads its view', () => {
    for (const method of METHOD_NAMES) {
      if (method === 'getCustomerView') expect(METHODS[method].callers).toEqual(['cashier', 'customer'])
      else expect(METHODS[method].callers).toEqual(['cashier'])
    }
  })

  test('the customer display is sent only its own view; every other event goes to the cashier only', () => {
    // The cashier draws from sale.changed: the customer's view (a 100-line cart is 21 KB) would
    // only cost its window time between a scan's render and its frame.
    for (const event of EVENT_NAMES) {
      if (event === 'customerView.changed') expect(EVENTS[event]).toEqual(['customer'])
      else expect(EVENTS[event]).toEqual(['cashier'])
    }
  })

  test.each<[PosMethod, unknown[], string | undefined]>([
    ['payCash', ['USD', 1.5], undefined], // a float is never money
    ['payCash', ['EUR', 100], undefined],
    ['payCash', ['USD', -100], undefined],
    ['payCash', ['USD', 100, 'extra'], undefined],
    ['signIn', ['user', '12 34'], undefined],
    ['openShift', [{ usd: 100 }], 'khr'],
    ['openShift', [{ usd: 100, khr: 0, eur: 5 }], 'eur'],
    ['setLineDiscount', ['line', { kind: 'percent', basisPoints: 10_001 }, null], 'basisPoints'],
    ['setLineDiscount', ['line', { kind: 'percent', amount: 5 }, null], 'basisPoints'],
    ['voidSale', ['sale', { grantId: 'not-a-grant' }], 'grantId'],
    ['voidSale', ['sale', { ...approval, pin: '1357' }], 'pin'], // an approval is a grant, never a PIN
    [
      'grantApproval',
      [
        { method: 'voidSale', args: ['sale'] },
        { ...consent, reason: '' },
      ],
      'reason',
    ],
    [
      'grantApproval',
      [
        { method: 'voidSale', args: ['sale'] },
        { ...consent, pin: 1357 },
      ],
      'pin',
    ],
    ['grantApproval', [{ method: 'payCash', args: ['USD', 100] }, consent], 'method'], // nothing to approve
    ['grantApproval', [{ method: 'voidSale', args: [5] }, consent], undefined], // checked as voidSale checks it
    ['grantApproval', [{ method: 'voidSale', args: ['sale', 'extra'] }, consent], undefined],
    ['moveCash', [{ direction: 'out', currency: 'KHR', amount: 100, reason: 'x\u0000y' }, null], 'reason'],
    ['closeShift', [{ usd: { '1.5': 2 }, khr: {} }], 'usd.1.5'],
    ['refundSale', [{ saleId: 's', lines: [{ lineId: 'l', quantity: 0 }], tenders: [] }, approval], 'lines.0.quantity'],
    ['refundSale', [{ saleId: 's', lines: [], tenders: [{ kind: 'card', amount: 1 }] }, approval], 'tenders.0.kind'],
    ['updateSettings', [{ smallestNote: 50 }, approval], 'smallestNote'],
    ['updateSettings', [{ merchant: { bakongAccountId: 'no-at-sign' } }, approval], 'merchant.bakongAccountId'],
    ['updateSettings', [{ demo: false }, approval], 'demo'], // only endDemo ends the demo
    ['updateSettings', [{ vatTin: '901234567' }, approval], 'vatTin'], // the tax office's form: K001-901234567
    ['updateSettings', [{ vatTin: 'k001-901234567' }, approval], 'vatTin'],
    ['updateSettings', [{ shopPhone: '012 345 678 ext 5' }, approval], 'shopPhone'],
    ['setExchangeRate', [41, 'nbc', approval], undefined],
    ['scanBarcode', ['885 0000'], undefined],
    ['listProducts', [{ categoryId: null, offset: 0, limit: 100_000 }], 'limit'],
    ['listProducts', [{ categoryId: null, offset: 0, limit: 10, orderBy: 'price; DROP TABLE sales' }], 'orderBy'],
    ['listProducts', [{ categoryId: null, offset: 0, limit: 10, text: 'x'.repeat(101) }], 'text'],
    ['importProductsCsv', ['sku,name_en\r\nA-1,Tea\u0000', approval], undefined],
    ['updateSettings', [{ receiptHeader: 'Phone\u001b@' }, approval], 'receiptHeader'],
  ])('%s(%j) is refused', (method, args, field) => {
    const error = refusal(method, args)
    expect(error).toBeInstanceOf(InputError)
    if (field !== undefined) expect(error?.field?.endsWith(field)).toBe(true)
  })

  test('a CSV file and a receipt header keep their line breaks (a CSV saved by Excel has CRLF)', () => {
    const csv = 'sku,name_en\r\nA-1,"Tea\ttin"\r\nA-2,Rice\n'
    expect(METHODS.importProductsCsv.args([csv, approval])[0]).toBe(csv.trim())
    expect(METHODS.updateSettings.args([{ receiptHeader: 'Street 63\nPhone 012' }, approval])[0]).toEqual({
      receiptHeader: 'Street 63\nPhone 012',
    })
  })

  test('valid arguments pass through normalised', () => {
    expect(METHODS.payCash.args(['KHR', 5000])).toEqual(['KHR', 5000])
    expect(
      METHODS.moveCash.args([{ direction: 'in', currency: 'USD', amount: 100, reason: '  float top-up ' }, null]),
    ).toEqual([{ direction: 'in', currency: 'USD', amount: 100, reason: 'float top-up' }, null])
    // An approval request is normalised exactly as the call it approves will be.
    expect(
      METHODS.grantApproval.args([
        { method: 'moveCash', args: [{ direction: 'out', currency: 'USD', amount: 100, reason: ' ice ' }] },
        consent,
      ]),
    ).toEqual([
      { method: 'moveCash', args: [{ direction: 'out', currency: 'USD', amount: 100, reason: 'ice' }] },
      consent,
    ])
    expect(METHODS.searchProducts.args(['ក\u17b6']).at(0)).toBe('កា'.normalize('NFC'))
    expect(METHODS.cancelSale.args([null])).toEqual([null])
    expect(METHODS.setSaleDiscount.args([{ kind: 'amount', amount: 50 }, null])).toEqual([
      { kind: 'amount', amount: 50 },
      null,
    ])
  })
})
