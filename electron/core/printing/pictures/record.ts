/**
 * The terminal's record of what each printer holds (table printer_pictures): which pictures sit in
 * its memory under which key, how often each was printed, the picture itself (to send it again), and
 * the flash writes of the last day. A printer is named by its connection (`serial:/dev/ttyUSB0`).
 */
import type { SqliteDatabase } from '../../ledger/database.ts'
import type { Bitmap } from '../raster.ts'
import { rasterRows } from './commands.ts'

export type PictureStore = 'download' | 'nv' | 'nv-bit-image'

export interface PictureRow {
  digest: string
  key: string | null
  held: boolean
  width: number
  height: number
  uses: number
  lastUsedAt: number
}

interface RawRow {
  digest: string
  key: string | null
  held: number
  width: number
  height: number
  uses: number
  last_used_at: number
}

const DAY_MS = 86_400_000
const FORGOTTEN_AFTER_MS = 90 * DAY_MS

export class PictureRecord {
  readonly #db: SqliteDatabase

  constructor(db: SqliteDatabase) {
    this.#db = db
  }

  rows(printer: string, store: PictureStore): PictureRow[] {
    return (
      this.#db
        .prepare(
          'SELECT digest, key, held, width, height, uses, last_used_at FROM printer_pictures WHERE printer = ? AND store = ?',
        )
        .all(printer, store) as RawRow[]
    ).map((row) => ({
      digest: row.digest,
      key: row.key,
      held: row.held === 1,
      width: row.width,
      height: row.height,
      uses: row.uses,
      lastUsedAt: row.last_used_at,
    }))
  }

  /** The picture kept for `digest`, to send it again. */
  bitmap(printer: string, store: PictureStore, digest: string): Bitmap | null {
    const row = this.#db
      .prepare('SELECT width, height, data FROM printer_pictures WHERE printer = ? AND store = ? AND digest = ?')
      .get(printer, store, digest) as { width: number; height: number; data: Uint8Array } | undefined
    if (!row) return null
    const rowBytes = Math.ceil(row.width / 8)
    const bits = new Uint8Array(row.width * row.height)
    for (let y = 0; y < row.height; y++)
      for (let x = 0; x < row.width; x++)
        if ((row.data[y * rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) bits[y * row.width + x] = 1
    return { width: row.width, height: row.height, bits }
  }

  /** The printer no longer lists these keys (switched off, or cleared): they must be sent again before use. */
  forget(printer: string, store: PictureStore, keys: readonly string[]): void {
    const mark = this.#db.prepare(
      'UPDATE printer_pictures SET held = 0 WHERE printer = ? AND store = ? AND key = ? AND held = 1',
    )
    this.#db.transaction(() => {
      for (const key of keys) mark.run(printer, store, key)
    })()
  }

  /**
   * After a job reached the printer: every picture it printed counted, the ones it defined held
   * under their keys, the ones it evicted released, and flash writes logged.
   */
  commit(
    printer: string,
    store: PictureStore,
    change: {
      used: ReadonlyMap<string, Bitmap>
      defined: ReadonlyMap<string, string>
      released: readonly string[]
      flashWrites: number
      now: number
    },
  ): void {
    const upsert = this.#db.prepare(
      `INSERT INTO printer_pictures (printer, store, digest, width, height, data, uses, last_used_at)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?)
       ON CONFLICT(printer, store, digest) DO UPDATE SET uses = uses + 1, last_used_at = excluded.last_used_at`,
    )
    const release = this.#db.prepare(
      'UPDATE printer_pictures SET key = NULL, held = 0 WHERE printer = ? AND store = ? AND digest = ?',
    )
    const hold = this.#db.prepare(
      'UPDATE printer_pictures SET key = ?, held = 1 WHERE printer = ? AND store = ? AND digest = ?',
    )
    const write = this.#db.prepare('INSERT INTO printer_flash_writes (printer, at) VALUES (?, ?)')
    this.#db.transaction(() => {
      for (const digest of change.released) release.run(printer, store, digest)
      for (const [digest, bitmap] of change.used) {
        upsert.run(printer, store, digest, bitmap.width, bitmap.height, rasterRows(bitmap), change.now)
      }
      for (const [digest, key] of change.defined) hold.run(key, printer, store, digest)
      for (let n = 0; n < change.flashWrites; n++) write.run(printer, change.now)
      this.#db
        .prepare('DELETE FROM printer_flash_writes WHERE printer = ? AND at < ?')
        .run(printer, change.now - DAY_MS)
      // Pictures not kept in the printer and not printed for a season are forgotten (the record stays small).
      this.#db
        .prepare('DELETE FROM printer_pictures WHERE printer = ? AND store = ? AND key IS NULL AND last_used_at < ?')
        .run(printer, store, change.now - FORGOTTEN_AFTER_MS)
    })()
  }

  /**
   * A job that defined pictures did not reach the printer whole: what it defined is not trusted (a
   * key the printer lists may hold half a picture), so those pictures are sent again when next used.
   */
  distrust(printer: string, store: PictureStore, digests: readonly string[]): void {
    const mark = this.#db.prepare('UPDATE printer_pictures SET held = 0 WHERE printer = ? AND store = ? AND digest = ?')
    this.#db.transaction(() => {
      for (const digest of digests) mark.run(printer, store, digest)
    })()
  }

  flashWritesSince(printer: string, since: number): number {
    const row = this.#db
      .prepare('SELECT count(*) AS n FROM printer_flash_writes WHERE printer = ? AND at >= ?')
      .get(printer, since) as { n: number }
    return row.n
  }

  capability(printer: string): 'download' | 'nv' | 'none' | null {
    const row = this.#db.prepare('SELECT pictures FROM printer_capabilities WHERE printer = ?').get(printer) as
      | { pictures: 'download' | 'nv' | 'none' }
      | undefined
    return row?.pictures ?? null
  }

  rememberCapability(printer: string, pictures: 'download' | 'nv' | 'none', now: number): void {
    this.#db
      .prepare(
        `INSERT INTO printer_capabilities (printer, pictures, probed_at) VALUES (?, ?, ?)
         ON CONFLICT(printer) DO UPDATE SET pictures = excluded.pictures, probed_at = excluded.probed_at`,
      )
      .run(printer, pictures, now)
  }

  forgetCapability(printer: string): void {
    this.#db.prepare('DELETE FROM printer_capabilities WHERE printer = ?').run(printer)
  }
}
