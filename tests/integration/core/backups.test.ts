import { createHash } from 'node:crypto'
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, test, vi } from 'vitest'
import { RESTORE_REQUEST_FILE } from '../../../electron/core/ledger/restore.ts'
import { BACKUP_DIRECTORY, DATABASE_FILE } from '../../../electron/core/pos.ts'
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

  test('two backups in the same second are two files, the later listed first; neither is written over', async () => {
    const t = await till({ signIn: 'manager' })
    const first = await t.api.createBackup(t.approval('before the update'))
    await t.api.scanBarcode(BARCODES.water)
    await t.api.payCash('KHR', 1000)
    const second = await t.api.createBackup(t.approval('after the sale'))
    expect(second.path).not.toBe(first.path)
    expect(second.path).toMatch(/Z-2\.sqlite3$/)
    expect((await t.api.listBackups()).backups.map((backup) => backup.path)).toEqual([second.path, first.path])
    const paidIn = (path: string) => {
      const copy = new Database(path, { readonly: true })
      const paid = copy.prepare("SELECT count(*) FROM sales WHERE state = 'paid'").pluck().get()
      copy.close()
      return paid
    }
    expect(paidIn(second.path)).toBe((paidIn(first.path) as number) + 1)
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

describe('restoring a chosen backup', () => {
  const restarts = { count: 0 }
  const restart = () => {
    restarts.count++
  }

  test('a new machine takes the old till’s backup from the stick: every sale, the old till’s identity, its own file set aside', async () => {
    const old = await till({ signIn: 'manager' })
    const usb = mkdtempSync(join(tmpdir(), 'usb-stick-'))
    await old.api.updateSettings({ autoBackup: { folder: usb, keep: 7, everyHours: 24 } }, old.approval('stick'))
    await old.api.scanBarcode(BARCODES.amok)
    const first = await old.api.payCash('USD', 500)
    await old.api.scanBarcode(BARCODES.water)
    const second = await old.api.payCash('KHR', 1000)
    const backup = await old.api.createBackup(old.approval('moving to the new till'))
    old.pos.close()

    const fresh = await till({ signIn: 'manager', openShift: false, restart })
    await fresh.api.updateSettings({ autoBackup: { folder: usb, keep: 7, everyHours: 24 } }, fresh.approval('stick'))
    const preview = await fresh.api.previewRestore(backup.path)
    expect(preview).toMatchObject({
      path: backup.path,
      terminalLabel: 'T1',
      sameTerminal: false,
      sales: 2,
      lastReceiptNo: 'T1-000002',
      salesOnlyHere: 0,
      eventsOnlyHere: 0,
    })
    const before = restarts.count
    expect(await fresh.api.restoreBackup(backup.path, fresh.approval('new machine'))).toEqual(preview)
    await vi.waitFor(() => expect(restarts.count).toBe(before + 1), { timeout: 5_000 })
    fresh.pos.close()

    const again = await till({ dataDirectory: fresh.dataDirectory, signIn: 'manager', openShift: false })
    expect((await again.api.getSale(first.id)).state).toBe('paid')
    expect((await again.api.getSale(second.id)).receiptNo).toBe('T1-000002')
    const status = await again.api.listBackups()
    expect(status.lastRestore).toMatchObject({ from: backup.path, restored: true, reason: null })
    const setAside = readdirSync(fresh.dataDirectory).filter((name) => /^pos\.sqlite3\.before-restore-\d+$/.test(name))
    expect(setAside).toHaveLength(1)
    const audit = again.pos.ledger.context.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'backup.restored'")
      .pluck()
      .get() as string
    expect(JSON.parse(audit)).toMatchObject({ from: backup.path, sales: 2 })
  })

  test('a backup that lacks a sale made since is refused, at the asking and again at the start', async () => {
    const t = await till({ signIn: 'manager', restart })
    await t.api.scanBarcode(BARCODES.amok)
    await t.api.payCash('USD', 500)
    const backup = await t.api.createBackup(t.approval('lunch'))
    await t.api.scanBarcode(BARCODES.water)
    const later = await t.api.payCash('KHR', 1000)
    expect(await t.api.previewRestore(backup.path)).toMatchObject({ sameTerminal: true, salesOnlyHere: 1 })
    const before = restarts.count
    expect(await codeOf(t.api.restoreBackup(backup.path, t.approval('undo')))).toBe('restore_would_lose')
    expect(existsSync(join(t.dataDirectory, RESTORE_REQUEST_FILE))).toBe(false)

    // A request written by hand (or left from before) is checked again when it is carried out.
    writeFileSync(
      join(t.dataDirectory, RESTORE_REQUEST_FILE),
      JSON.stringify({ path: backup.path, sha256: sha256(readFileSync(backup.path)), requestedAt: 0, damaged: false }),
    )
    t.pos.close()
    const again = await till({ dataDirectory: t.dataDirectory, signIn: 'manager', openShift: false })
    expect((await again.api.getSale(later.id)).state).toBe('paid')
    expect((await again.api.listBackups()).lastRestore).toMatchObject({ restored: false })
    expect((await again.api.listBackups()).lastRestore?.reason).toMatch(/1 sales/)
    expect(restarts.count).toBe(before)
  })

  test('a stick pulled out before the restart, or a backup changed since it was chosen: the till opens as it was', async () => {
    for (const spoil of ['removed', 'changed'] as const) {
      const t = await till({ signIn: 'manager', restart })
      await t.api.scanBarcode(BARCODES.amok)
      const sale = await t.api.payCash('USD', 500)
      const backup = await t.api.createBackup(t.approval('nightly'))
      await t.api.restoreBackup(backup.path, t.approval('try it'))
      t.pos.close()
      if (spoil === 'removed') rmSync(backup.path)
      else appendFileSync(backup.path, Buffer.alloc(4096))
      const again = await till({ dataDirectory: t.dataDirectory, signIn: 'manager', openShift: false })
      expect((await again.api.getSale(sale.id)).state).toBe('paid')
      expect((await again.api.listBackups()).lastRestore).toMatchObject({ restored: false })
      expect(existsSync(join(t.dataDirectory, RESTORE_REQUEST_FILE))).toBe(false)
      again.pos.close()
    }
  })

  test('a damaged journal takes no sale but may give way to the newest backup, the damaged file kept aside', async () => {
    const t = await till({ signIn: 'manager', restart })
    await t.api.scanBarcode(BARCODES.water)
    const kept = await t.api.payCash('KHR', 1000)
    const backup = await t.api.createBackup(t.approval('nightly'))
    await t.api.scanBarcode(BARCODES.amok)
    await t.api.payCash('USD', 500) // after the backup: in the damaged file only
    t.pos.close()
    damageAnIndexPage(join(t.dataDirectory, DATABASE_FILE))

    const damaged = await till({ dataDirectory: t.dataDirectory, signIn: null, restart })
    await damaged.pos.integrityChecked
    await damaged.api.signIn(damaged.manager.id, '1357')
    expect(await codeOf(damaged.api.scanBarcode(BARCODES.water))).toBe('database_corrupt')
    await damaged.api.restoreBackup(backup.path, damaged.approval('the journal is damaged'))
    damaged.pos.close()

    const again = await till({ dataDirectory: t.dataDirectory, signIn: 'manager', openShift: false })
    await again.pos.integrityChecked
    expect((await again.api.getAppInfo()).integrity.state).toBe('ok')
    expect((await again.api.getSale(kept.id)).state).toBe('paid')
    expect((await again.api.listBackups()).lastRestore).toMatchObject({ restored: true })
  })

  test('only a listed backup may be restored, by a manager with approval; a file that is not a backup is named so', async () => {
    const t = await till({ signIn: 'manager', restart })
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'elsewhere-')), 'pos-2026-01-01T00-00-00Z.sqlite3')
    writeFileSync(elsewhere, 'not a database')
    expect(await codeOf(t.api.previewRestore(elsewhere))).toBe('backup_missing')
    const own = join(t.dataDirectory, BACKUP_DIRECTORY)
    mkdirSync(own, { recursive: true })
    const bogus = join(own, 'pos-2026-01-01T00-00-00Z.sqlite3')
    writeFileSync(bogus, 'not a database either '.repeat(100))
    expect(await codeOf(t.api.previewRestore(bogus))).toBe('backup_invalid')
    await t.api.signIn(t.cashier.id, '2468')
    expect(await codeOf(t.api.previewRestore(bogus))).toBe('manager_only')
    expect(await codeOf(t.pos.api.restoreBackup(bogus, { grantId: '0'.repeat(32) }))).toBeDefined()
    expect(existsSync(join(t.dataDirectory, RESTORE_REQUEST_FILE))).toBe(false)
  })
})

/** Scribbles over an index page (not the header): the file still opens, but fails its integrity check. */
function damageAnIndexPage(path: string): void {
  const check = new Database(path)
  const page =
    (check.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'sales_by_completion'").pluck().get() as number) - 1
  const pageSize = check.pragma('page_size', { simple: true }) as number
  check.close()
  const fd = openSync(path, 'r+')
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, page * pageSize)
  closeSync(fd)
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}
