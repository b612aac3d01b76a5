import Database from 'better-sqlite3'
import { afterEach, describe, expect, test } from 'vitest'
import { DATABASE_FILE } from '../../../electron/core/pos.ts'
import { BARCODES, openTestPos, type TestPos } from '../../support/pos.ts'

const opened: TestPos[] = []
afterEach(() => {
  for (const test of opened.splice(0)) test.pos.close()
})
async function managerTill(): Promise<TestPos> {
  const t = await openTestPos({ signIn: 'manager' })
  opened.push(t)
  return t
}

describe('backup, export and the journals', () => {
  test('an online backup is a complete, sound copy taken while the till stays open', async () => {
    const t = await managerTill()
    await t.api.scanBarcode(BARCODES.amok)
    const sale = await t.api.payCash('USD', 500)
    const backup = await t.api.createBackup(t.approval('before the update'))
    await t.api.scanBarcode(BARCODES.water)
    await t.api.payCash('KHR', 1000)
    const copy = new Database(backup.path, { readonly: true })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(copy.prepare("SELECT id FROM sales WHERE state = 'paid'").pluck().all()).toEqual([sale.id])
    copy.close()
    expect(backup.bytes).toBeGreaterThan(0)
  })

  test('sales export for a date range, as CSV for spreadsheets and JSON with lines', async () => {
    const t = await managerTill()
    await t.api.scanBarcode(BARCODES.amok)
    await t.api.payCash('USD', 1000)
    t.clock.advance(86_400_000)
    await t.api.scanBarcode(BARCODES.water)
    await t.api.payCash('KHR', 1000)
    // 24 November in Phnom Penh (UTC+7), the shop's zone: the file is named by the shop's days.
    const day1 = { from: Date.UTC(2026, 10, 23, 17), to: Date.UTC(2026, 10, 24, 17) }
    const csv = await t.api.exportSales(day1, 'csv')
    expect(csv.fileName).toBe('sales-T1-2026-11-24-to-2026-11-24.csv')
    const [header, row, end] = csv.content.replace('\uFEFF', '').split('\r\n')
    expect(header).toBe(
      'receipt_no,kind,refund_of,completed_at,cashier,currency,rate_khr_per_usd,discount,subtotal,vat,total,total_khr,cash_usd,cash_khr,khqr_usd,khqr_khr,change_usd,change_khr,rounding_residual_riel,voided_at',
    )
    expect(row).toBe(
      'T1-000001,sale,,2026-11-24T09:00:00.000Z,Demo Manager,USD,4100,0.00,4.50,0.41,4.50,18450,10.00,0,0.00,0,5.00,2100,-50.00,',
    ) // riel columns are whole riel; 2 050 riel change rounded up to 2 100
    expect(end).toBe('')
    const json = JSON.parse((await t.api.exportSales({ from: day1.from, to: day1.to + 86_400_000 }, 'json')).content)
    expect(json.sales.map((sale: { receipt_no: string }) => sale.receipt_no)).toEqual(['T1-000001', 'T1-000002'])
    expect(json.sales[1].lines).toEqual([expect.objectContaining({ sku: 'DEMO-002', quantity: 1, unit_price: 24 })])
  })

  test('unsynced events are counted with the age of the oldest', async () => {
    const t = await managerTill()
    const before = await t.api.getSyncStatus()
    expect(before).toMatchObject({
      state: 'not_configured',
      unsynced: 1,
      oldestUnsyncedAt: t.clock.now,
      quarantined: 0,
    }) // shift.opened
    t.clock.advance(60_000)
    await t.api.scanBarcode(BARCODES.water)
    await t.api.payCash('KHR', 1000)
    expect(await t.api.getSyncStatus()).toMatchObject({ unsynced: 2, oldestUnsyncedAt: before.oldestUnsyncedAt })
  })

  test('both hash chains verify, and a change made behind the triggers is found at its sequence number', async () => {
    const t = await managerTill()
    for (let i = 0; i < 3; i++) {
      await t.api.scanBarcode(BARCODES.water)
      await t.api.payCash('KHR', 1000)
    }
    const ok = await t.api.verifyJournal()
    expect(ok.outbox).toEqual({ events: 4, brokenAt: null, reason: null })
    expect(ok.audit.brokenAt).toBeNull()
    const raw = new Database(`${t.dataDirectory}/${DATABASE_FILE}`)
    raw.exec('DROP TRIGGER outbox_fixed_facts; DROP TRIGGER audit_log_no_update')
    raw
      .prepare(
        'UPDATE outbox SET payload = replace(payload, \'"amount_minor":1000\', \'"amount_minor":100\') WHERE seq = 3',
      )
      .run()
    raw.prepare("UPDATE audit_log SET user_id = 'someone-else' WHERE seq = 5").run()
    raw.close()
    const broken = await t.api.verifyJournal()
    expect(broken.outbox).toMatchObject({ brokenAt: 3, reason: 'payload does not match its hash' })
    expect(broken.audit).toMatchObject({ brokenAt: 5, reason: 'entry does not match its hash' })
  })
})
