/**
 * What the approval dialog shows the manager, read by the engine from the ledger: each value before
 * and after, so a rate typo, a price typo or a changed Bakong account is seen before it is approved.
 */
import { describe, expect, test } from 'vitest'
import { BARCODES, openTestPosPerTest } from '../../support/pos.ts'

const till = openTestPosPerTest()

describe('approval previews', () => {
  test('a new rate, a VAT rate, the Bakong account: before and after', async () => {
    const t = await till({ signIn: 'manager' })
    expect(await t.api.previewApproval({ method: 'setExchangeRate', args: [4080, 'nbc'] })).toEqual({
      subject: null,
      changes: [{ field: 'rate', before: { kind: 'rate', khrPerUsd: 4100 }, after: { kind: 'rate', khrPerUsd: 4080 } }],
    })
    const { merchant } = await t.api.getSettings()
    const settings = await t.api.previewApproval({
      method: 'updateSettings',
      args: [{ merchant: { ...merchant, bakongAccountId: 'thief@wing' }, smallestNote: 500 }],
    })
    expect(settings.changes).toEqual([
      {
        field: 'merchant.bakongAccountId',
        before: { kind: 'text', text: 'demo_shop@demo' },
        after: { kind: 'text', text: 'thief@wing' },
      },
      { field: 'smallestNote', before: { kind: 'count', count: 100 }, after: { kind: 'count', count: 500 } },
    ])
    const [standard] = await t.api.listVatClasses()
    const vat = await t.api.previewApproval({
      method: 'saveVatClass',
      args: [{ ...(standard as NonNullable<typeof standard>), rateBasisPoints: 800 }],
    })
    expect(vat.changes[0]).toMatchObject({ before: { basisPoints: 1000 }, after: { basisPoints: 800 } })
  })

  test('a product: only the fields that change; a new product: everything it will be', async () => {
    const t = await till({ signIn: 'manager' })
    const coffee = await t.api.findProductByBarcode(BARCODES.icedCoffee)
    if (!coffee) throw new Error('no demo coffee')
    const { id: _id, demo: _demo, ...input } = coffee
    const changed = await t.api.previewApproval({ method: 'saveProduct', args: [{ ...input, price: 175 }, coffee.id] })
    expect(changed).toEqual({
      subject: { km: coffee.nameKm, en: coffee.nameEn },
      changes: [
        {
          field: 'price',
          before: { kind: 'money', amount: 150, currency: 'USD' },
          after: { kind: 'money', amount: 175, currency: 'USD' },
        },
      ],
    })
    const created = await t.api.previewApproval({ method: 'saveProduct', args: [{ ...input, sku: 'NEW-1' }, null] })
    expect(created.changes.every((change) => change.before === null)).toBe(true)
    expect(created.changes.map((change) => change.field)).toContain('price')
  })

  test('at the counter: a price override, a discount, a void and a refund name what they act on', async () => {
    const t = await till({ signIn: 'manager' })
    const sale = await t.api.scanBarcode(BARCODES.amok)
    const line = sale.lines[0]?.id as string
    const override = await t.api.previewApproval({ method: 'overrideLinePrice', args: [line, 300] })
    expect(override).toEqual({
      subject: { km: 'អាម៉ុកត្រី', en: 'Fish amok' },
      changes: [
        {
          field: 'price',
          before: { kind: 'money', amount: 450, currency: 'USD' },
          after: { kind: 'money', amount: 300, currency: 'USD' },
        },
      ],
    })
    const paid = await t.api.payCash('USD', 500)
    const voiding = await t.api.previewApproval({ method: 'voidSale', args: [paid.id] })
    expect(voiding).toEqual({
      subject: { km: 'T1-000001', en: 'T1-000001' },
      changes: [{ field: 'total', before: { kind: 'money', amount: 450, currency: 'USD' }, after: null }],
    })
    const refund = await t.api.previewApproval({
      method: 'refundSale',
      args: [{ saleId: paid.id, lines: [{ lineId: line, quantity: 1 }], tenders: [{ kind: 'cash_usd', amount: 450 }] }],
    })
    expect(refund.changes.map((change) => change.field)).toEqual(['item', 'givenBack'])
    expect(refund.changes[0]?.name).toEqual({ km: 'អាម៉ុកត្រី', en: 'Fish amok' })
  })

  test('people are named; nothing is changed by asking', async () => {
    const t = await till({ signIn: 'manager' })
    const preview = await t.api.previewApproval({ method: 'unlockUser', args: [t.cashier.id] })
    expect(preview.subject).toEqual({ km: 'Demo Cashier', en: 'Demo Cashier' })
    expect((await t.api.getExchangeRate()).khrPerUsd).toBe(4100)
    await t.api.signOut()
    expect(
      await t.api.previewApproval({ method: 'setExchangeRate', args: [4080, 'nbc'] }).catch((error) => error.code),
    ).toBe('signed_out')
  })
})
