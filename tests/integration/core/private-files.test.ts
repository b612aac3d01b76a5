import { chmodSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openSqliteStore } from '../../../backoffice/src/store/sqlite.ts'
import { BACKUP_DIRECTORY, DATABASE_FILE, EXPORT_DIRECTORY, SECRETS_FILE } from '../../../electron/core/pos.ts'
import { BARCODES, openTestPos } from '../../support/pos.ts'

const modeOf = (path: string) => statSync(path).mode & 0o777

/**
 * Another account on the shop's PC (a shared family computer, a technician's login) reads nothing:
 * the sales database, its WAL, backups, exports, receipt previews and secrets are owner-only
 * whatever umask the session has.
 */
describe.skipIf(process.platform === 'win32')('files the terminal writes are its owner’s alone', () => {
  it('writes the database, backups, previews, exports and secrets 0600 in 0700 folders, under a lax umask', async () => {
    const umask = process.umask(0o022)
    try {
      const t = await openTestPos({ signIn: 'manager' })
      await t.api.scanBarcode(BARCODES.water)
      await t.api.payCash('KHR', 1000)
      const backup = await t.api.createBackup(t.approval('nightly'))
      const exported = await t.api.exportPendingEvents(t.approval('to the office by USB'))
      await t.api.setBakongToken('bakong-token-for-the-test', t.approval('token'))
      const previews = join(t.dataDirectory, 'previews')
      const database = join(t.dataDirectory, DATABASE_FILE)
      const files = [
        database,
        `${database}-wal`,
        `${database}-shm`,
        backup.path,
        exported.path,
        join(t.dataDirectory, SECRETS_FILE),
        ...readdirSync(previews).map((name) => join(previews, name)),
      ]
      expect(readdirSync(previews).length).toBeGreaterThan(0)
      for (const file of files) expect([file, modeOf(file).toString(8)]).toEqual([file, '600'])
      for (const folder of [join(t.dataDirectory, BACKUP_DIRECTORY), join(t.dataDirectory, EXPORT_DIRECTORY), previews])
        expect([folder, modeOf(folder).toString(8)]).toEqual([folder, '700'])
      t.pos.close()
    } finally {
      process.umask(umask)
    }
  })

  it('narrows a database an earlier version left world-readable when it opens it', async () => {
    const first = await openTestPos()
    const database = join(first.dataDirectory, DATABASE_FILE)
    first.pos.close()
    chmodSync(database, 0o644)
    for (const suffix of ['-wal', '-shm']) if (existsSync(database + suffix)) chmodSync(database + suffix, 0o644)
    const again = await openTestPos({ dataDirectory: first.dataDirectory })
    expect(modeOf(database).toString(8)).toBe('600')
    again.pos.close()
  })

  it('keeps the back office’s database (its TLS and signing keys) owner-only', async () => {
    const umask = process.umask(0o022)
    try {
      const path = join(mkdtempSync(join(tmpdir(), 'backoffice-')), 'data', 'backoffice.sqlite3')
      const store = await openSqliteStore(path)
      await store.close()
      expect(modeOf(path).toString(8)).toBe('600')
      expect(modeOf(join(path, '..')).toString(8)).toBe('700')
    } finally {
      process.umask(umask)
    }
  })
})
