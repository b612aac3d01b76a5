import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { METHODS } from '../../../shared/api.ts'
import { BARCODES, codeOf, openTestPosPerTest } from '../../support/pos.ts'

const till = openTestPosPerTest()
const HOUR = 3_600_000

describe('keeping the data safe', () => {
  test('the automatic backup comes every day by itself, into the folder chosen, keeping the newest few', async () => {
    const t = await till({ signIn: 'manager' })
    const usb = mkdtempSync(join(tmpdir(), 'usb-stick-'))
    await t.api.updateSettings({ autoBackup: { folder: usb, keep: 3, everyHours: 24 } }, t.approval('USB stick'))
    const first = await t.pos.backupIfDue()
    expect(first?.path.startsWith(usb)).toBe(true)
    t.clock.advance(HOUR)
    expect(await t.pos.backupIfDue()).toBeNull() // not due yet
    for (let day = 0; day < 4; day++) {
      t.clock.advance(25 * HOUR)
      expect(await t.pos.backupIfDue()).not.toBeNull()
    }
    const status = await t.api.listBackups()
    expect(status.folder).toBe(usb)
    expect(status.backups).toHaveLength(3)
    expect(status.backups[0]?.at).toBe(t.clock.now - 0)
    expect(existsSync(first?.path ?? '')).toBe(false) // rotated away
  })

  test('a stick that was pulled out: the backup fails with words and is recorded, and selling goes on', async () => {
    const t = await till({ signIn: 'manager' })
    // A folder that cannot be made (its parent is a file) stands for a stick gone read-only or missing.
    const blocked = mkdtempSync(join(tmpdir(), 'usb-stick-'))
    const asFile = join(blocked, 'file')
    writeFileSync(asFile, 'not a folder')
    await t.api.updateSettings(
      { autoBackup: { folder: join(asFile, 'pos'), keep: 7, everyHours: 24 } },
      t.approval('the stick'),
    )
    expect(await codeOf(t.api.createBackup(t.approval('now')))).toBe('backup_failed')
    expect(await t.pos.backupIfDue()).toBeNull()
    expect((await t.api.listBackups()).lastFailure?.message).toMatch(/ENOTDIR|not a directory/i)
    await t.api.scanBarcode(BARCODES.water)
    expect((await t.api.payCash('KHR', 1000)).state).toBe('paid')
  })

  test('the folder is the terminal’s own, or a full path; only a manager sees the backups', async () => {
    const approval = { grantId: '0'.repeat(32) }
    expect(() =>
      METHODS.updateSettings.args([{ autoBackup: { folder: 'usb', keep: 7, everyHours: 24 } }, approval]),
    ).toThrow()
    expect(() =>
      METHODS.updateSettings.args([{ autoBackup: { folder: 'E:\\\\POS', keep: 7, everyHours: 24 } }, approval]),
    ).not.toThrow()
    const t = await till({ signIn: 'cashier' })
    expect(await codeOf(t.api.listBackups())).toBe('manager_only')
  })
})
