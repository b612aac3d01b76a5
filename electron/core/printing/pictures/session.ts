/**
 * How one job prints its pictures. Every raster picture a slip has — a Khmer line, the shop's header
 * and footer, a label, a logo — goes through `print(bitmap)`, which decides by the picture's content
 * alone (no layout marks anything): a printer that keeps pictures gets it by key once it holds it,
 * with the definition sent the first time; any other printer gets plain `GS v 0` raster.
 */
import { createHash } from 'node:crypto'
import { concatBytes } from '../bytes.ts'
import { type Bitmap, rasterCommand } from '../raster.ts'
import {
  defineGraphic,
  defineNvBitImages,
  deleteGraphic,
  type KeyedStore,
  MAX_KEYS,
  printGraphic,
  printNvBitImage,
  storedSize,
} from './commands.ts'
import type { PictureRecord, PictureRow } from './record.ts'

/** What encodeDocument asks of the pictures of a job. */
export interface PictureOutput {
  /** Bytes that print `bitmap` at the start of a line, at its size. */
  print(bitmap: Bitmap): Uint8Array
  /** False when ESC @ went to the printer just before the job, with the memory query (the job must not repeat it). */
  readonly initialize: boolean
}

/** A job's pictures, and what the record learns once the job reached the printer. */
export interface PictureSession extends PictureOutput {
  /** Sent before the job: a rewrite of the NV bit images, when one is due. */
  readonly prelude: Uint8Array
  /** Flash writes this job makes (each keeps the printer busy for a while). */
  readonly flashWrites: number
  /** What the session did, for the test page and the logs. */
  readonly summary: string
  commit(): void
  abandon(): void
}

export const PLAIN_PICTURES: PictureSession = {
  print: rasterCommand,
  initialize: true,
  prelude: new Uint8Array(0),
  flashWrites: 0,
  summary: 'sent whole every time (the printer keeps none)',
  commit: () => undefined,
  abandon: () => undefined,
}

/** A picture's identity: the same dots are the same picture, whatever printed them. */
export function pictureDigest(bitmap: Bitmap): string {
  return createHash('sha256').update(Uint32Array.of(bitmap.width, bitmap.height)).update(bitmap.bits).digest('hex')
}

const KEY_SPACE = 95 * 95

function keyAt(index: number): string {
  return String.fromCharCode(32 + Math.floor(index / 95), 32 + (index % 95))
}

/** The key a picture asks for first is derived from its content; the next free one is taken on a clash. */
export function keyFor(digest: string, taken: ReadonlySet<string>): string {
  const start = Number.parseInt(digest.slice(0, 8), 16) % KEY_SPACE
  for (let step = 0; step < KEY_SPACE; step++) {
    const key = keyAt((start + step) % KEY_SPACE)
    if (!taken.has(key)) return key
  }
  throw new Error('no picture key left')
}

export interface KeyedSessionOptions {
  store: KeyedStore
  printer: string
  record: PictureRecord
  /** The record's rows, already reconciled with the key list the printer just sent. */
  rows: readonly PictureRow[]
  /** Every key the printer listed, ours or another program's. */
  printerKeys: ReadonlySet<string>
  /** Bytes free in the printer's store. */
  free: number
  /** Prints before a picture is worth keeping (1: at once; flash waits until a picture repeats). */
  minUses: number
  /** Definitions this job may make (flash has a daily budget; RAM is unlimited). */
  defineBudget: number
  now: number
}

/** Download graphics (RAM) or NV graphics (flash): one picture per two-character key. */
export class KeyedSession implements PictureSession {
  readonly initialize = false
  readonly prelude = new Uint8Array(0)
  readonly #options: KeyedSessionOptions
  readonly #rows = new Map<string, PictureRow>()
  readonly #printerKeys: Set<string>
  readonly #used = new Map<string, Bitmap>()
  readonly #defined = new Map<string, string>()
  readonly #released: string[] = []
  #free: number
  #budget: number
  #byKey = 0

  constructor(options: KeyedSessionOptions) {
    this.#options = options
    for (const row of options.rows) this.#rows.set(row.digest, { ...row })
    this.#printerKeys = new Set(options.printerKeys)
    this.#free = options.free
    this.#budget = options.defineBudget
  }

  get flashWrites(): number {
    return this.#options.store === 'nv' ? this.#defined.size : 0
  }

  get summary(): string {
    return `${this.#options.store} graphics: ${this.#byKey} printed by key, ${this.#defined.size} defined, ${this.#free} bytes free`
  }

  print(bitmap: Bitmap): Uint8Array {
    const digest = pictureDigest(bitmap)
    this.#used.set(digest, bitmap)
    const row = this.#rows.get(digest)
    const store = this.#options.store
    if (row?.key && (row.held || this.#defined.has(digest))) {
      this.#byKey++
      return printGraphic(store, row.key)
    }
    if ((row?.uses ?? 0) + 1 < this.#options.minUses || this.#budget <= 0) return rasterCommand(bitmap)
    const size = storedSize(bitmap)
    const out: Uint8Array[] = []
    // A key of ours whose definition is not trusted is defined again over itself.
    let key = row?.key ?? null
    if (key && this.#printerKeys.has(key)) this.#free += size
    while (this.#free < size || (!key && this.#printerKeys.size >= MAX_KEYS)) {
      const evicted = this.#evict()
      // No room can be made: plain raster, after the deletions already made (the record counts
      // them as done, so the printer must get them too, or it keeps more than the record says).
      if (!evicted) return concatBytes([...out, rasterCommand(bitmap)])
      out.push(evicted)
    }
    if (!key) {
      const taken = new Set([...this.#printerKeys, ...[...this.#rows.values()].flatMap((r) => (r.key ? [r.key] : []))])
      key = keyFor(digest, taken)
    }
    out.push(defineGraphic(store, key, bitmap), printGraphic(store, key))
    this.#rows.set(digest, {
      digest,
      key,
      held: false,
      width: bitmap.width,
      height: bitmap.height,
      uses: row?.uses ?? 0,
      lastUsedAt: this.#options.now,
    })
    this.#defined.set(digest, key)
    this.#printerKeys.add(key)
    this.#free -= size
    this.#budget--
    return concatBytes(out)
  }

  /** Makes room by deleting the picture printed longest ago that this job does not use; null when none can go. */
  #evict(): Uint8Array | null {
    const candidates = [...this.#rows.values()]
      .filter((row) => row.key !== null && !this.#used.has(row.digest))
      .sort((a, b) => a.lastUsedAt - b.lastUsedAt)
    const victim = candidates[0]
    if (!victim?.key) return null
    const key = victim.key
    const present = this.#printerKeys.has(key)
    this.#rows.set(victim.digest, { ...victim, key: null, held: false })
    this.#released.push(victim.digest)
    this.#printerKeys.delete(key)
    if (!present) return new Uint8Array(0)
    this.#free += storedSize(victim)
    return deleteGraphic(this.#options.store, key)
  }

  commit(): void {
    const { record, printer, store, now } = this.#options
    record.commit(printer, store, {
      used: this.#used,
      defined: this.#defined,
      released: this.#released,
      flashWrites: this.flashWrites,
      now,
    })
  }

  abandon(): void {
    // Deletions may have reached the printer; definitions are not trusted until a job confirms them.
    const { record, printer, store } = this.#options
    record.distrust(printer, store, [...this.#released, ...this.#defined.keys()])
  }
}

export interface NvBitImageSessionOptions {
  printer: string
  record: PictureRecord
  /** The pictures the printer holds now, by digest, and their numbers. */
  held: ReadonlyMap<string, number>
  /** The set to write now (FS q replaces them all), or null when no rewrite is due. */
  rewrite: readonly { digest: string; bitmap: Bitmap }[] | null
  now: number
}

/** FS q / FS p NV bit images of older printers: the pictures that repeat most, written as one set, printed by number. */
export class NvBitImageSession implements PictureSession {
  readonly initialize = true
  readonly prelude: Uint8Array
  readonly flashWrites: number
  readonly #options: NvBitImageSessionOptions
  readonly #numbers: ReadonlyMap<string, number>
  readonly #used = new Map<string, Bitmap>()
  #byNumber = 0

  constructor(options: NvBitImageSessionOptions) {
    this.#options = options
    const rewrite = options.rewrite
    this.#numbers = rewrite ? new Map(rewrite.map(({ digest }, index) => [digest, index + 1])) : options.held
    this.prelude = rewrite ? defineNvBitImages(rewrite.map(({ bitmap }) => bitmap)) : new Uint8Array(0)
    this.flashWrites = rewrite ? 1 : 0
  }

  get summary(): string {
    return `NV bit images: ${this.#byNumber} printed by number${this.flashWrites ? `, ${this.#numbers.size} written` : ''}`
  }

  print(bitmap: Bitmap): Uint8Array {
    const digest = pictureDigest(bitmap)
    this.#used.set(digest, bitmap)
    const number = this.#numbers.get(digest)
    if (number === undefined) return rasterCommand(bitmap)
    this.#byNumber++
    return printNvBitImage(number)
  }

  commit(): void {
    const { record, printer, rewrite, held, now } = this.#options
    record.commit(printer, 'nv-bit-image', {
      used: this.#used,
      defined: rewrite ? new Map([...this.#numbers].map(([digest, n]) => [digest, String(n)])) : new Map(),
      released: rewrite ? [...held.keys()].filter((digest) => !this.#numbers.has(digest)) : [],
      flashWrites: this.flashWrites,
      now,
    })
  }

  abandon(): void {
    // A rewrite cut short leaves the printer's set unknown: nothing it holds is trusted.
    if (this.#options.rewrite) {
      this.#options.record.distrust(this.#options.printer, 'nv-bit-image', [...this.#options.held.keys()])
    }
  }
}
