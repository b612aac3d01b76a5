import { createHash } from 'node:crypto'
import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { RestorePreview } from '../../../shared/views.ts'
import { PosError } from '../errors.ts'
import { preparePrivateFile, restrictToOwner } from '../private-files.ts'
import { integrityProblems } from './integrity.ts'
import type { OutboxEventType } from './journal.ts'
import { SCHEMA_VERSION } from './migrations/index.ts'
import { formatReceiptNo } from './terminal.ts'

/**
 * Restoring a chosen backup (a new machine, a reinstall, a stick brought from the old till). The
 * database cannot be swapped under a running engine, so a restore is asked for (a small request
 * file next to the database) and carried out at the next start, before the ledger opens. Nothing
 * is ever deleted: the database it replaces is set aside beside it. And no sale is lost: a backup
 * that lacks a sale, a payment state or an event this terminal already has is refused, when it is
 * asked for and again when it is carried out; unless this database failed its integrity check, when
 * the damaged file is what is set aside (for support) and the backup is the way back.
 */
export const RESTORE_REQUEST_FILE = 'restore-request.json'

interface RestoreRequest {
  path: string
  sha256: string
  requestedAt: number
  /** Asked for because this database failed its integrity check. */
  damaged: boolean
}

/** A year of sales is gigabytes: hashed a megabyte at a time. */
function sha256Of(path: string): string {
  const hash = createHash('sha256')
  const chunk = Buffer.alloc(1 << 20)
  const fd = openSync(path, 'r')
  try {
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) hash.update(chunk.subarray(0, read))
  } finally {
    closeSync(fd)
  }
  return hash.digest('hex')
}

/** What a backup holds and what restoring it would leave behind, read without changing either file. */
export function previewRestore(databasePath: string, backupPath: string): RestorePreview {
  if (!existsSync(backupPath)) throw new PosError('backup_missing', `There is no backup at ${backupPath}.`)
  let problems: string[]
  try {
    problems = integrityProblems(backupPath)
  } catch (error) {
    throw new PosError('backup_invalid', `${backupPath} is not a database: ${(error as Error).message}`)
  }
  if (problems.length > 0) throw new PosError('backup_invalid', `${backupPath} is damaged: ${problems[0]}`)
  const backup = new Database(backupPath, { readonly: true, fileMustExist: true })
  let held: Omit<RestorePreview, 'sameTerminal' | 'salesOnlyHere' | 'eventsOnlyHere'> & { terminalId: string }
  try {
    const version = backup.pragma('user_version', { simple: true }) as number
    const tables = backup
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('terminal', 'sales', 'outbox')")
      .all().length
    if (tables !== 3 || version < 1)
      throw new PosError('backup_invalid', `${backupPath} is not a backup of a till's sales database.`)
    if (version > SCHEMA_VERSION)
      throw new PosError('database_too_new', `${backupPath} was written by a newer version of the app.`)
    const terminal = backup.prepare('SELECT id, label FROM terminal').get() as { id: string; label: string }
    const figures = backup
      .prepare(
        "SELECT count(*) AS sales, max(receipt_no) AS last, max(completed_at) AS lastAt FROM sales WHERE state = 'paid'",
      )
      .get() as { sales: number; last: number | null; lastAt: number | null }
    held = {
      path: backupPath,
      terminalId: terminal.id,
      terminalLabel: terminal.label,
      sales: figures.sales,
      lastReceiptNo: figures.last === null ? null : formatReceiptNo(terminal.label, figures.last),
      lastSaleAt: figures.lastAt,
    }
  } finally {
    backup.close()
  }
  const { terminalId, ...preview } = held
  return { ...preview, ...comparedWithThisTerminal(databasePath, backupPath, terminalId) }
}

/**
 * The events that account for money beyond the sales themselves (counted apart). A settings change
 * made on a new machine (the backup folder pointed at the stick) is not a reason to refuse: the
 * backup brings its own settings.
 */
const MONEY_EVENTS = [
  'sale.voided',
  'shift.opened',
  'shift.closed',
  'cash.moved',
  'khqr.confirmed',
  'khqr.verified',
] as const satisfies readonly OutboxEventType[]

/**
 * What this terminal has that the backup lacks (a restore would lose it): sales, or a later state
 * of them, and events for the back office. Null where this database cannot be read (damaged).
 */
function comparedWithThisTerminal(
  databasePath: string,
  backupPath: string,
  backupTerminalId: string,
): Pick<RestorePreview, 'sameTerminal' | 'salesOnlyHere' | 'eventsOnlyHere'> {
  try {
    const db = new Database(databasePath, { readonly: true, fileMustExist: true })
    try {
      // Attached through a read-only connection, the backup is opened read-only as well.
      db.prepare('ATTACH DATABASE ? AS backup').run(backupPath)
      const count = (sql: string) => db.prepare(sql).pluck().get() as number
      return {
        sameTerminal: (db.prepare('SELECT id FROM main.terminal').pluck().get() as string) === backupTerminalId,
        salesOnlyHere: count(
          `SELECT count(*) FROM main.sales s WHERE s.state <> 'cancelled'
             AND NOT EXISTS (SELECT 1 FROM backup.sales b WHERE b.id = s.id AND b.state = s.state)`,
        ),
        eventsOnlyHere: count(
          `SELECT count(*) FROM main.outbox o WHERE o.type IN (${MONEY_EVENTS.map((type) => `'${type}'`).join(', ')})
             AND NOT EXISTS (SELECT 1 FROM backup.outbox b WHERE b.event_id = o.event_id)`,
        ),
      }
    } finally {
      db.close()
    }
  } catch {
    return { sameTerminal: false, salesOnlyHere: null, eventsOnlyHere: null }
  }
}

function refuseLosing(preview: RestorePreview): void {
  if (preview.salesOnlyHere === null || preview.eventsOnlyHere === null)
    throw new PosError(
      'database_corrupt',
      "This terminal's sales database cannot be read to compare it with the backup.",
    )
  if (preview.salesOnlyHere > 0 || preview.eventsOnlyHere > 0)
    throw new PosError(
      'restore_would_lose',
      `This terminal has ${preview.salesOnlyHere} sales and ${preview.eventsOnlyHere} events the backup lacks; restoring it would lose them.`,
    )
}

/** Checks the backup and asks for it to be restored at the next start. */
export function requestRestore(
  dataDirectory: string,
  databasePath: string,
  backupPath: string,
  options: { now: number; damaged: boolean },
): RestorePreview {
  const preview = previewRestore(databasePath, backupPath)
  if (!options.damaged) refuseLosing(preview)
  const request: RestoreRequest = {
    path: backupPath,
    sha256: sha256Of(backupPath),
    requestedAt: options.now,
    damaged: options.damaged,
  }
  const file = join(dataDirectory, RESTORE_REQUEST_FILE)
  preparePrivateFile(file)
  writeFileSync(file, JSON.stringify(request))
  return preview
}

export type RestoreOutcome =
  | { restored: true; from: string; setAside: string; preview: RestorePreview }
  | { restored: false; from: string; reason: string; reasonCode: string }

/**
 * At start, before the ledger opens: carries out a requested restore, or says why not (the stick
 * was taken out, the file changed since it was chosen, the terminal sold since). The request is
 * used once either way; the database it replaces is kept as `pos.sqlite3.before-restore-<time>`.
 */
export function carryOutRequestedRestore(
  dataDirectory: string,
  databasePath: string,
  now: number,
): RestoreOutcome | null {
  const file = join(dataDirectory, RESTORE_REQUEST_FILE)
  if (!existsSync(file)) return null
  let request: RestoreRequest
  try {
    request = JSON.parse(readFileSync(file, 'utf8')) as RestoreRequest
  } catch {
    rmSync(file, { force: true })
    return { restored: false, from: '', reason: 'The restore request could not be read.', reasonCode: 'backup_invalid' }
  }
  rmSync(file, { force: true })
  try {
    if (!existsSync(request.path)) throw new PosError('backup_missing', `The backup ${request.path} is not there.`)
    if (sha256Of(request.path) !== request.sha256)
      throw new PosError('backup_invalid', `The backup ${request.path} changed after it was chosen.`)
    const preview = previewRestore(databasePath, request.path)
    // Only a database that is still damaged may give way to a backup that lacks some of its sales.
    const damaged = request.damaged === true && isDamaged(databasePath)
    if (!damaged) refuseLosing(preview)
    const setAside = `${databasePath}.before-restore-${now}`
    for (const suffix of ['', '-wal', '-shm'])
      if (existsSync(databasePath + suffix)) renameSync(databasePath + suffix, setAside + suffix)
    copyFileSync(request.path, databasePath)
    restrictToOwner(databasePath)
    return { restored: true, from: request.path, setAside, preview }
  } catch (error) {
    const reasonCode = error instanceof PosError ? error.code : 'internal_error'
    return { restored: false, from: request.path, reason: (error as Error).message, reasonCode }
  }
}

/** The check itself may fail on a badly damaged file: that is damage too. */
function isDamaged(path: string): boolean {
  try {
    return integrityProblems(path).length > 0
  } catch {
    return true
  }
}
