/**
 * Starts each job's picture session: finds out which picture memory the printer has (its profile, or
 * asked once), asks it what it holds right now — after ESC @, so whatever a reset clears is already
 * gone — and reconciles that with the record. A key the printer no longer lists was lost (switched
 * off, cleared) and is sent again when next needed. A printer that cannot answer (a device file, the
 * preview, no reply) gets plain raster: nothing is ever printed by a key the printer may not hold.
 */
import { concatBytes } from '../bytes.ts'
import type { PrinterProfile } from '../profiles.ts'
import type { PrinterTransport } from '../transport.ts'
import { freeSpaceQuery, type KeyedStore, keyListQuery, parseFreeSpace, parseKeyList, storedSize } from './commands.ts'
import type { PictureRecord } from './record.ts'
import { KeyedSession, NvBitImageSession, type PictureSession, PLAIN_PICTURES } from './session.ts'

const ESC_AT = Uint8Array.of(0x1b, 0x40)
const DAY_MS = 86_400_000
/** Epson: write flash at most ten times a day. */
const FLASH_WRITES_PER_DAY = 10
/** FS q rewrites every NV bit image: at most a few a day, leaving room for the rest. */
const NV_BIT_IMAGE_REWRITES_PER_DAY = 4
/** Flash is written only for a picture printed this often (header, footer, labels, best sellers). */
const FLASH_MIN_USES = 3
/** Room assumed for NV bit images on older printers (they cannot be asked). */
const NV_BIT_IMAGE_BYTES = 48 * 1024
const REPLY_TIMEOUT_MS = 500

type Exchange = NonNullable<PrinterTransport['exchange']>

export class PictureKeeper {
  readonly #record: PictureRecord
  readonly #now: () => number

  constructor(record: PictureRecord, now: () => number) {
    this.#record = record
    this.#now = now
  }

  /**
   * The picture session of the next job on this printer. Never throws: any doubt is plain raster.
   * With `auto`, the printer is asked which memory it has only when `probe` is set (a test page, a
   * printer found by discovery): a printer without it may print the question, so not on a receipt.
   */
  async begin(
    transport: PrinterTransport,
    profile: PrinterProfile,
    printer: string,
    options: { probe?: boolean } = {},
  ): Promise<PictureSession> {
    if (profile.pictures === 'none') return PLAIN_PICTURES
    if (profile.pictures === 'nv-bit-image') return this.#nvBitImages(printer)
    const exchange = transport.exchange?.bind(transport)
    if (!exchange) return PLAIN_PICTURES
    try {
      const known = this.#record.capability(printer)
      const probe = options.probe ?? false
      let store: KeyedStore | 'none'
      if (profile.pictures === 'auto') store = known ?? (probe ? await this.#probe(exchange, printer) : 'none')
      else store = known === 'none' && !probe ? 'none' : profile.pictures
      if (store === 'none') return PLAIN_PICTURES
      const session = await this.#keyed(exchange, store, printer)
      // A printer that does not answer is not asked again on every receipt (it may print the
      // question): plain raster until a test page asks anew.
      if (!session) this.#record.rememberCapability(printer, 'none', this.#now())
      return session ?? PLAIN_PICTURES
    } catch {
      return PLAIN_PICTURES
    }
  }

  /** Forgets what a printer was found to have, so the next job that may ask (a test page) asks again. */
  forgetCapability(printer: string): void {
    this.#record.forgetCapability(printer)
  }

  /** What the printer was found to keep pictures in (`none` until found). */
  capabilityOf(printer: string): KeyedStore | 'none' {
    return this.#record.capability(printer) ?? 'none'
  }

  /** Asks which picture memory the printer has, once per printer (a printer without it may print the question). */
  async #probe(exchange: Exchange, printer: string): Promise<KeyedStore | 'none'> {
    let found: KeyedStore | 'none' = 'none'
    for (const store of ['download', 'nv'] as const) {
      const reply = await askFree(exchange, store)
      if (reply !== null) {
        found = store
        break
      }
    }
    this.#record.rememberCapability(printer, found, this.#now())
    return found
  }

  async #keyed(exchange: Exchange, store: KeyedStore, printer: string): Promise<PictureSession | null> {
    const request = concatBytes([ESC_AT, keyListQuery(store), freeSpaceQuery(store)])
    const received = await exchange(request, (bytes) => readReplies(bytes, store) !== null, REPLY_TIMEOUT_MS)
    const replies = readReplies(received, store)
    if (!replies) return null
    this.#record.rememberCapability(printer, store, this.#now())
    const printerKeys = new Set(replies.keys)
    const rows = this.#record.rows(printer, store)
    const lost = rows.filter((row) => row.held && row.key !== null && !printerKeys.has(row.key))
    this.#record.forget(
      printer,
      store,
      lost.map((row) => row.key as string),
    )
    const now = this.#now()
    return new KeyedSession({
      store,
      printer,
      record: this.#record,
      rows: rows.map((row) => (lost.includes(row) ? { ...row, held: false } : row)),
      printerKeys,
      free: replies.free,
      minUses: store === 'nv' ? FLASH_MIN_USES : 1,
      defineBudget:
        store === 'nv'
          ? Math.max(0, FLASH_WRITES_PER_DAY - this.#record.flashWritesSince(printer, now - DAY_MS))
          : Number.POSITIVE_INFINITY,
      now,
    })
  }

  /** FS q / FS p: the printer cannot be asked; the set is rewritten (rarely) when a repeated picture is missing. */
  #nvBitImages(printer: string): PictureSession {
    const now = this.#now()
    const rows = this.#record.rows(printer, 'nv-bit-image')
    const held = new Map(rows.flatMap((row) => (row.held && row.key ? [[row.digest, Number(row.key)] as const] : [])))
    const wanted: { digest: string; width: number; height: number }[] = []
    let bytes = 0
    for (const row of rows
      .filter((row) => row.uses + 1 >= FLASH_MIN_USES && row.width % 8 === 0 && row.height % 8 === 0)
      .sort((a, b) => b.uses - a.uses || b.lastUsedAt - a.lastUsedAt)) {
      const size = storedSize(row)
      if (wanted.length >= 255 || bytes + size > NV_BIT_IMAGE_BYTES) continue
      wanted.push(row)
      bytes += size
    }
    const missing = wanted.some((row) => !held.has(row.digest))
    const budget =
      this.#record.flashWritesSince(printer, now - DAY_MS) <
      Math.min(FLASH_WRITES_PER_DAY, NV_BIT_IMAGE_REWRITES_PER_DAY)
    const rewrite =
      missing && budget && wanted.length > 0
        ? wanted.flatMap((row) => {
            const bitmap = this.#record.bitmap(printer, 'nv-bit-image', row.digest)
            return bitmap ? [{ digest: row.digest, bitmap }] : []
          })
        : null
    return new NvBitImageSession({ printer, record: this.#record, held, rewrite, now })
  }
}

async function askFree(exchange: Exchange, store: KeyedStore): Promise<number | null> {
  const received = await exchange(
    freeSpaceQuery(store),
    (bytes) => parseFreeSpace(skipNoise(bytes), store) !== null,
    REPLY_TIMEOUT_MS,
  )
  const reply = parseFreeSpace(skipNoise(received), store)
  return reply && Number.isFinite(reply.free) ? reply.free : null
}

/** Status bytes owed from an earlier request may arrive first; a memory reply starts with 0x37. */
function skipNoise(bytes: Uint8Array): Uint8Array {
  const start = bytes.indexOf(0x37)
  return start < 0 ? new Uint8Array(0) : bytes.subarray(start)
}

/** The key list then the free space, both complete and well formed; null otherwise. */
function readReplies(bytes: Uint8Array, store: KeyedStore): { keys: string[]; free: number } | null {
  const data = skipNoise(bytes)
  const list = parseKeyList(data, store)
  if (!list?.keys) return null
  const free = parseFreeSpace(skipNoise(data.subarray(list.length)), store)
  if (!free || !Number.isFinite(free.free)) return null
  return { keys: list.keys, free: free.free }
}
