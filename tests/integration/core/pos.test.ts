import {
  chmodSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, test } from 'vitest'
import { restoreLatestBackup } from '../../../electron/core/ledger/integrity.ts'
import { SCHEMA_VERSION } from '../../../electron/core/ledger/migrations/index.ts'
import { BACKUP_DIRECTORY, createPos, DATABASE_FILE, type Pos } from '../../../electron/core/pos.ts'
import { BARCODES, codeOf, openTestPos, type TestPos } from '../../support/pos.ts'

const opened: (Pos | TestPos)[] = []
afterEach(() => {
  for (const item of opened.splice(0)) ('pos' in item ? item.pos : item).close()
})

describe('the POS engine on a real SQLite file', () => {
  test('opens the journal in the data directory, reports where it is, and checks its integrity in the background', async () => {
    const dataDirectory = join(mkdtempSync(join(tmpdir(), 'pos-core-')), 'nested', 'userData')
    const pos = await createPos({ dataDirectory, appName: 'KHQR POS', appVersion: '9.9.9' })
    opened.push(pos)
    const info = await pos.api.getAppInfo()
    expect(info).toMatchObject({ name: 'KHQR POS', version: '9.9.9', databasePath: join(dataDirectory, DATABASE_FILE) })
    expect(info.sqliteVersion).toMatch(/^3\.\d+\.\d+$/)
    await pos.integrityChecked
    expect((await pos.api.getAppInfo()).integrity).toEqual({ state: 'ok', problems: [] })
  })

  test('with WAL, full synchronous writes, foreign keys and the current schema version', async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'pos-core-'))
    const pos = await createPos({ dataDirectory, appName: 'POS', appVersion: '1' })
    opened.push(pos)
    expect(pos.ledger.context.db.pragma('synchronous', { simple: true })).toBe(2)
    expect(pos.ledger.context.db.pragma('foreign_keys', { simple: true })).toBe(1)
    const reader = new Database(join(dataDirectory, DATABASE_FILE), { readonly: true })
    expect(reader.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(reader.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    reader.close()
  })

  test('the terminal keeps its UUIDv7 identity and its data across restarts', async () => {
    const first = await openTestPos()
    await first.api.scanBarcode(BARCODES.water)
    const sale = await first.api.payCash('KHR', 1000)
    const terminal = (await first.api.getSession())?.terminal
    first.pos.close()
    const second = await openTestPos({ dataDirectory: first.dataDirectory })
    opened.push(second)
    expect(terminal?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect((await second.api.getSession())?.terminal).toEqual(terminal)
    expect((await second.api.getSale(sale.id)).receiptNo).toBe('T1-000001')
    expect((await second.api.listUsers()).length).toBe(2) // the demo is seeded once
  })

  test('a file that is not a database is reported as corrupt and left as it was', async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'pos-core-'))
    const garbage = 'this is not a sales journal '.repeat(200)
    writeFileSync(join(dataDirectory, DATABASE_FILE), garbage)
    expect(await codeOf(createPos({ dataDirectory, appName: 'POS', appVersion: '1' }))).toBe('database_corrupt')
    expect(readFileSync(join(dataDirectory, DATABASE_FILE), 'utf8')).toBe(garbage)
    expect(existsSync(join(dataDirectory, `${DATABASE_FILE}-wal`))).toBe(false)
  })

  test('a damaged page is found by the background check, writing stops, and the newest sound backup restores the till', async () => {
    const t = await openTestPos({ signIn: 'manager' })
    await t.api.scanBarcode(BARCODES.water)
    const sold = await t.api.payCash('KHR', 1000)
    const backup = await t.api.createBackup(t.approval('nightly'))
    expect(backup.path.startsWith(join(t.dataDirectory, BACKUP_DIRECTORY))).toBe(true)
    t.pos.close()
    // Scribble over an index page (not the header): the file still opens, but is damaged.
    const path = join(t.dataDirectory, DATABASE_FILE)
    const check = new Database(path)
    const page =
      (check.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'sales_by_completion'").pluck().get() as number) -
      1
    const pageSize = check.pragma('page_size', { simple: true }) as number
    check.close()
    const fd = openSync(path, 'r+')
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, page * pageSize)
    closeSync(fd)

    const damaged = await openTestPos({ dataDirectory: t.dataDirectory, signIn: null })
    await damaged.pos.integrityChecked
    const info = await damaged.api.getAppInfo()
    expect(info.integrity.state).toBe('failed')
    expect(info.integrity.problems.length).toBeGreaterThan(0)
    await damaged.api.signIn(damaged.manager.id, '1357')
    expect(await codeOf(damaged.api.scanBarcode(BARCODES.water))).toBe('database_corrupt')
    damaged.pos.close()

    const restored = restoreLatestBackup(path, join(t.dataDirectory, BACKUP_DIRECTORY), Date.now())
    expect(restored.restoredFrom).toBe(backup.path)
    expect(existsSync(restored.damagedCopy)).toBe(true)
    const again = await openTestPos({ dataDirectory: t.dataDirectory, signIn: 'manager' })
    opened.push(again)
    await again.pos.integrityChecked
    expect((await again.api.getAppInfo()).integrity.state).toBe('ok')
    expect((await again.api.getSale(sold.id)).state).toBe('paid')
  })

  test('a data directory that cannot be written is reported, not crashed on', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'pos-core-'))
    writeFileSync(join(parent, 'blocker'), 'a file where a directory should be')
    expect(
      await codeOf(createPos({ dataDirectory: join(parent, 'blocker', 'userData'), appName: 'POS', appVersion: '1' })),
    ).toBe('database_unavailable')
    const readOnly = mkdtempSync(join(tmpdir(), 'pos-core-'))
    chmodSync(readOnly, 0o500)
    // root ignores permissions; the check above is the one that holds everywhere.
    if (process.getuid?.() !== 0) {
      expect(await codeOf(createPos({ dataDirectory: readOnly, appName: 'POS', appVersion: '1' }))).toBe(
        'database_unavailable',
      )
    }
  })

  test('a database from a newer app version is refused, untouched', async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'pos-core-'))
    const db = new Database(join(dataDirectory, DATABASE_FILE))
    db.pragma('user_version = 99')
    db.close()
    expect(await codeOf(createPos({ dataDirectory, appName: 'POS', appVersion: '1' }))).toBe('database_too_new')
  })
})
