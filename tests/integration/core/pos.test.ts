import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, test } from 'vitest'
import { createPos, DATABASE_FILE, type Pos } from '../../../electron/core/pos.ts'

const opened: Pos[] = []
afterEach(() => {
  for (const pos of opened.splice(0)) pos.close()
})

function codeOf(run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    return (error as { code?: string }).code
  }
  return undefined
}

describe('the POS engine on a real SQLite file', () => {
  test('opens the journal in the data directory and reports where it is', async () => {
    const dataDirectory = join(mkdtempSync(join(tmpdir(), 'pos-core-')), 'nested', 'userData')
    const pos = createPos({ dataDirectory, appName: 'KHQR POS', appVersion: '9.9.9' })
    opened.push(pos)
    const info = await pos.api.getAppInfo()
    expect(info).toMatchObject({ name: 'KHQR POS', version: '9.9.9', databasePath: join(dataDirectory, DATABASE_FILE) })
    expect(info.sqliteVersion).toMatch(/^3\.\d+\.\d+$/)
    expect(await pos.api.getCustomerView()).toEqual({ state: 'idle', shopName: 'KHQR POS' })
  })

  test('with WAL, full synchronous writes and foreign keys', () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'pos-core-'))
    opened.push(createPos({ dataDirectory, appName: 'POS', appVersion: '1' }))
    expect(existsSync(join(dataDirectory, `${DATABASE_FILE}-wal`))).toBe(true)
    const reader = new Database(join(dataDirectory, DATABASE_FILE), { readonly: true })
    expect(reader.pragma('journal_mode', { simple: true })).toBe('wal')
    reader.close()
  })

  test('a file that is not a database is reported as corrupt and left as it was', () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'pos-core-'))
    const garbage = 'this is not a sales journal '.repeat(200)
    writeFileSync(join(dataDirectory, DATABASE_FILE), garbage)
    expect(codeOf(() => createPos({ dataDirectory, appName: 'POS', appVersion: '1' }))).toBe('database_corrupt')
    expect(existsSync(join(dataDirectory, `${DATABASE_FILE}-wal`))).toBe(false)
  })

  test('a data directory that cannot be written is reported, not crashed on', () => {
    const parent = mkdtempSync(join(tmpdir(), 'pos-core-'))
    writeFileSync(join(parent, 'blocker'), 'a file where a directory should be')
    expect(
      codeOf(() => createPos({ dataDirectory: join(parent, 'blocker', 'userData'), appName: 'POS', appVersion: '1' })),
    ).toBe('database_unavailable')
    const readOnly = mkdtempSync(join(tmpdir(), 'pos-core-'))
    chmodSync(readOnly, 0o500)
    // root ignores permissions; the check above is the one that holds everywhere.
    if (process.getuid?.() !== 0) {
      expect(codeOf(() => createPos({ dataDirectory: readOnly, appName: 'POS', appVersion: '1' }))).toBe(
        'database_unavailable',
      )
    }
  })
})
