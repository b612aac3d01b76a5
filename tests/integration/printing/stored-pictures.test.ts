/**
 * Pictures sent once and printed by key, against real parts: a socat PTY pair, the real serial
 * transport, a SQLite record, and virtual printers with and without each kind of picture memory that
 * interpret what they receive into paper. "Prints the same" is checked on the pixels of the paper.
 */
import { PNG } from 'pngjs'
import { afterEach, describe, expect, test } from 'vitest'
import { checkEscPos, decodeEscPos, type Understands } from '../../../electron/core/printing/decode.ts'
import { type Block, encodeDocument } from '../../../electron/core/printing/document.ts'
import { PictureKeeper } from '../../../electron/core/printing/pictures/keeper.ts'
import { PictureRecord } from '../../../electron/core/printing/pictures/record.ts'
import { keyFor } from '../../../electron/core/printing/pictures/session.ts'
import { renderPreview } from '../../../electron/core/printing/preview.ts'
import { type PictureMemory, type PrinterProfile, profileFor } from '../../../electron/core/printing/profiles.ts'
import type { PrintJobRow } from '../../../electron/core/printing/queue.ts'
import { renderTextLine } from '../../../electron/core/printing/raster.ts'
import { SerialTransport } from '../../../electron/core/printing/transports/serial.ts'
import { BARCODES, openTestPos, type TestPos } from '../../support/pos.ts'
import { startSocatPair } from '../../support/socat.ts'
import {
  KEEPS_DOWNLOAD_GRAPHICS,
  KEEPS_NV_BIT_IMAGES,
  KEEPS_NV_GRAPHICS,
  VirtualPrinter,
} from '../../support/virtual-printer.ts'

const BAUD = 115_200
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Rig {
  t: TestPos
  printer: VirtualPrinter
  transport: SerialTransport
  keeper: PictureKeeper
  printerId: string
}

async function rig(understands: Partial<Understands>, printerOptions: { downloadBytes?: number } = {}): Promise<Rig> {
  const pair = await startSocatPair()
  cleanups.push(() => pair.close())
  const printer = await VirtualPrinter.open({ path: pair.printerPath, baudRate: BAUD, understands, ...printerOptions })
  cleanups.push(() => printer.close())
  const transport = new SerialTransport(
    { path: pair.hostPath, baudRate: BAUD, dataBits: 8, parity: 'none', stopBits: 1, flowControl: 'none' },
    { statusTimeoutMs: 300 },
  )
  cleanups.push(() => transport.close())
  const t = await openTestPos({ signIn: 'manager' })
  cleanups.push(async () => t.pos.close())
  const keeper = new PictureKeeper(new PictureRecord(t.pos.ledger.context.db), t.pos.ledger.context.now)
  return { t, printer, transport, keeper, printerId: `serial:${pair.hostPath}` }
}

/** A Khmer receipt (Khmer shop name, header, footer and item names) of a new sale of the same goods. */
async function khmerReceipt(t: TestPos, profile: PrinterProfile, header = 'ផ្លូវ ២៤០ ភ្នំពេញ'): Promise<Block[]> {
  await t.api.updateSettings(
    { receiptLanguage: 'km', receiptHeader: header, receiptFooter: 'សូមអរគុណ! សូមអញ្ជើញមកម្តងទៀត' },
    t.approval('Khmer slips'),
  )
  for (const code of [BARCODES.icedCoffee, BARCODES.porkRice, BARCODES.amok]) await t.api.scanBarcode(code)
  const sale = await t.api.payCash('USD', 2000)
  const job: Pick<PrintJobRow, 'kind' | 'object_id' | 'copy' | 'detail' | 'created_at'> = {
    kind: 'receipt',
    object_id: sale.id,
    copy: 0,
    detail: '{}',
    created_at: sale.completedAt ?? 0,
  }
  return t.pos.printing.blocksOf(job, profile)
}

/** One job the way the queue sends it: the printer is asked what it holds, then the job, then the record learns. */
async function print(r: Rig, blocks: Block[], profile: PrinterProfile, probe = false): Promise<Uint8Array> {
  const session = await r.keeper.begin(r.transport, profile, r.printerId, { probe })
  const body = encodeDocument(blocks, profile, { pictures: session })
  const bytes = new Uint8Array([...session.prelude, ...body])
  await r.transport.write(bytes)
  session.commit()
  return bytes
}

interface Paper {
  width: number
  height: number
  data: Buffer
}

function paperOf(png: Buffer): Paper {
  const { width, height, data } = PNG.sync.read(png)
  return { width, height, data }
}

/** The paper this job would make on a printer that is sent every picture (plain GS v 0). */
function plainPaper(blocks: Block[], profile: PrinterProfile): Paper {
  return paperOf(renderPreview(decodeEscPos(encodeDocument(blocks, profile)), { paperDots: profile.paperDots }))
}

function printedPaper(printer: VirtualPrinter): Paper {
  return paperOf(renderPreview(printer.paper(), { paperDots: printer.paperDots }))
}

/** Same size, same dots: the number of pixels that differ (0 for the same paper). */
function differingPixels(a: Paper, b: Paper): number {
  if (a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY
  let differ = 0
  for (let i = 0; i < a.data.length; i += 4) if (a.data.readUInt32BE(i) !== b.data.readUInt32BE(i)) differ++
  return differ
}

function expectSamePaper(printer: VirtualPrinter, blocks: Block[], profile: PrinterProfile): void {
  const printed = printedPaper(printer)
  const plain = plainPaper(blocks, profile)
  expect({ width: printed.width, height: printed.height }).toEqual({ width: plain.width, height: plain.height })
  expect(differingPixels(printed, plain)).toBe(0)
}

const keyPrints = (bytes: Uint8Array, fn: number): number => {
  let count = 0
  for (let i = 0; i + 6 < bytes.length; i++)
    if (
      bytes[i] === 0x1d &&
      bytes[i + 1] === 0x28 &&
      bytes[i + 2] === 0x4c &&
      bytes[i + 5] === 0x30 &&
      bytes[i + 6] === fn
    )
      count++
  return count
}

/** `count` Khmer receipts one after the other, each on paper the same as plain raster; the bytes each sent. */
async function receiptsInARow(r: Rig, p: PrinterProfile, count: number): Promise<Uint8Array[]> {
  const sent: Uint8Array[] = []
  for (let round = 0; round < count; round++) {
    r.printer.reset()
    const blocks = await khmerReceipt(r.t, p)
    sent.push(await print(r, blocks, p))
    expectSamePaper(r.printer, blocks, p)
  }
  return sent
}

function profile(pictures: PictureMemory): PrinterProfile {
  return profileFor(80, true, pictures)
}

describe('download graphics (RAM): each picture sent once, printed by key after', { timeout: 60_000 }, () => {
  test('the second receipt prints its Khmer pictures by key, on paper identical to plain raster', async () => {
    const r = await rig(KEEPS_DOWNLOAD_GRAPHICS)
    const p = profile('download')
    const first = await khmerReceipt(r.t, p)
    const firstBytes = await print(r, first, p)
    expectSamePaper(r.printer, first, p)
    expect(keyPrints(firstBytes, 83)).toBeGreaterThan(5) // every picture defined
    r.printer.reset()

    const second = await khmerReceipt(r.t, p)
    const secondBytes = await print(r, second, p)
    expectSamePaper(r.printer, second, p)
    expect(keyPrints(secondBytes, 83)).toBe(0) // nothing defined again: the same header, footer and names
    expect(keyPrints(secondBytes, 85)).toBe(keyPrints(firstBytes, 85))
    expect(decodeEscPos(secondBytes).some((item) => item.type === 'raster')).toBe(false)
    expect(secondBytes.length).toBeLessThan(encodeDocument(second, p).length / 3)
    expect(r.printer.refused()).toEqual([])
    expect(r.printer.problems()).toEqual([])
  })

  test('a power-cycled printer is sent its pictures again, and the paper stays the same', async () => {
    const r = await rig(KEEPS_DOWNLOAD_GRAPHICS)
    const p = profile('download')
    await print(r, await khmerReceipt(r.t, p), p)
    r.printer.powerCycle()
    r.printer.reset()
    const after = await khmerReceipt(r.t, p)
    const bytes = await print(r, after, p)
    expect(keyPrints(bytes, 83)).toBeGreaterThan(5)
    expectSamePaper(r.printer, after, p)
    expect(r.printer.problems()).toEqual([])
  })

  test('the record outlives the terminal: a restarted till prints warm on a printer still switched on', async () => {
    const r = await rig(KEEPS_DOWNLOAD_GRAPHICS)
    const p = profile('download')
    await print(r, await khmerReceipt(r.t, p), p)
    r.keeper = new PictureKeeper(new PictureRecord(r.t.pos.ledger.context.db), r.t.pos.ledger.context.now)
    r.printer.reset()
    const next = await khmerReceipt(r.t, p)
    const bytes = await print(r, next, p)
    expect(keyPrints(bytes, 83)).toBe(0)
    expectSamePaper(r.printer, next, p)
  })

  test('a printer short of room gets the oldest pictures deleted, never a key it does not hold', async () => {
    const r = await rig(KEEPS_DOWNLOAD_GRAPHICS, { downloadBytes: 3000 })
    const p = profile('download')
    let deletions = 0
    // A new header each time: the old one is the picture printed longest ago.
    for (const header of ['ផ្លូវ ២៤០ ភ្នំពេញ', 'ផ្លូវ ៦៣ ភ្នំពេញ', 'ផ្សារធំថ្មី ភ្នំពេញ']) {
      r.printer.reset()
      const blocks = await khmerReceipt(r.t, p, header)
      const bytes = await print(r, blocks, p)
      deletions += keyPrints(bytes, 82)
      expectSamePaper(r.printer, blocks, p)
      expect(checkEscPos(bytes, { paperDots: 576, memory: r.printer.memory }).problems).toEqual([])
      expect(r.printer.problems()).toEqual([])
      expect(r.printer.overflowed).toEqual([])
    }
    expect(deletions).toBeGreaterThan(0)
  })
})

describe('printers without picture memory, or with another kind', { timeout: 60_000 }, () => {
  test('asked once (the test page), a printer without the commands gets plain raster from then on', async () => {
    const r = await rig({})
    const p = profile('auto')
    const blocks = await khmerReceipt(r.t, p)
    const probed = await print(r, blocks, p, true)
    expect(probed).toEqual(encodeDocument(blocks, p))
    // The questions (GS ( L fn 52, then fn 51) are the only commands it did not understand.
    expect(r.printer.refused().map((item) => item.bytes.slice(0, 3))).toEqual([
      [0x1d, 0x28, 0x4c],
      [0x1d, 0x28, 0x4c],
    ])
    r.printer.reset()
    const next = await khmerReceipt(r.t, p)
    expect(await print(r, next, p)).toEqual(encodeDocument(next, p))
    expect(r.printer.refused()).toEqual([])
    expectSamePaper(r.printer, next, p)
  })

  test('a profile that claims download graphics on a printer that does not answer falls back to plain raster', async () => {
    const r = await rig({})
    const p = profile('download')
    const blocks = await khmerReceipt(r.t, p)
    expect(await print(r, blocks, p)).toEqual(encodeDocument(blocks, p))
    // It was asked once (ESC @, then the key list and free space it did not understand), never again.
    expect(r.printer.refused()).toHaveLength(2)
    r.printer.reset()
    const next = await khmerReceipt(r.t, p)
    expect(await print(r, next, p)).toEqual(encodeDocument(next, p))
    expect(r.printer.refused()).toEqual([])
    expectSamePaper(r.printer, next, p)
  })

  test('auto: a printer that answers the download question keeps pictures in RAM', async () => {
    const r = await rig(KEEPS_DOWNLOAD_GRAPHICS)
    const p = profile('auto')
    await print(r, await khmerReceipt(r.t, p), p, true)
    r.printer.reset()
    const bytes = await print(r, await khmerReceipt(r.t, p), p)
    expect(keyPrints(bytes, 85)).toBeGreaterThan(5)
    expect(keyPrints(bytes, 83)).toBe(0)
  })

  test('NV graphics (flash): written only for pictures that repeat, kept across a power cycle', async () => {
    const r = await rig(KEEPS_NV_GRAPHICS)
    const p = profile('nv')
    const sent = await receiptsInARow(r, p, 4)
    expect(sent.slice(0, 2).map((bytes) => keyPrints(bytes, 67))).toEqual([0, 0])
    expect(keyPrints(sent[2] as Uint8Array, 67)).toBeGreaterThan(5)
    expect(keyPrints(sent[3] as Uint8Array, 67)).toBe(0)
    r.printer.powerCycle()
    r.printer.reset()
    const after = await khmerReceipt(r.t, p)
    const bytes = await print(r, after, p)
    expect(keyPrints(bytes, 67)).toBe(0)
    expect(keyPrints(bytes, 69)).toBeGreaterThan(5)
    expectSamePaper(r.printer, after, p)
    expect(r.printer.problems()).toEqual([])
  })

  test('NV bit images (FS q / FS p, older printers): the repeated pictures written as one set, printed by number', async () => {
    const r = await rig(KEEPS_NV_BIT_IMAGES)
    const p = profile('nv-bit-image')
    const sent = await receiptsInARow(r, p, 4)
    const fsq = (bytes: Uint8Array) => (bytes[0] === 0x1c && bytes[1] === 0x71 ? bytes[2] : 0)
    expect(sent.map(fsq).slice(0, 2)).toEqual([0, 0])
    expect(fsq(sent[2] as Uint8Array)).toBeGreaterThan(5)
    expect(fsq(sent[3] as Uint8Array)).toBe(0)
    expect(decodeEscPos(sent[3] as Uint8Array).filter((item) => item.type === 'raster')).toEqual([])
    expect(r.printer.problems()).toEqual([])
    expect(r.printer.refused()).toEqual([])
  })
})

describe('the record of what a printer holds', () => {
  test('a picture neither kept in the printer nor printed for 90 days is forgotten; keys never clash', async () => {
    const t = await openTestPos({ signIn: 'manager' })
    cleanups.push(async () => t.pos.close())
    const record = new PictureRecord(t.pos.ledger.context.db)
    const picture = (text: string) => renderTextLine(text, { width: 576, size: 24 })
    const day = 86_400_000
    const now = t.pos.ledger.context.now()
    const nothing = { defined: new Map(), released: [], flashWrites: 0 }
    record.commit('serial:/dev/ttyUSB0', 'download', { ...nothing, used: new Map([['old', picture('ចាស់')]]), now })
    record.commit('serial:/dev/ttyUSB0', 'download', {
      ...nothing,
      used: new Map([['new', picture('ថ្មី')]]),
      now: now + 91 * day,
    })
    expect(record.rows('serial:/dev/ttyUSB0', 'download').map((row) => row.digest)).toEqual(['new'])
    // Two digests that ask for the same first key: the second takes the next free one.
    const taken = new Set([keyFor('00000000', new Set())])
    expect(keyFor('00000000', taken)).not.toBe([...taken][0])
    expect(keyFor('00000000', taken)).toMatch(/^[\x20-\x7e]{2}$/)
  })
})
