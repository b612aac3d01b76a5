/**
 * The ESC/POS commands that keep pictures in the printer and print them by key, and the printer's
 * answers to the memory queries:
 *
 * - download graphics (RAM, lost at power-off): GS ( L / GS 8 L fn 83 define, fn 85 print, fn 82
 *   delete, fn 80 key list, fn 52 free bytes;
 * - NV graphics (flash, kept): fn 67 define, fn 69 print, fn 66 delete, fn 64 key list, fn 51 free;
 * - NV bit images of older printers: FS q n … defines all of them at once, FS p n m prints one.
 *
 * Replies: free space `37 32|31 <decimal digits> 00`; key lists `37 73|72 40|41 <kc1 kc2>… 00`
 * (0x41: more than 40 keys follow after an ACK; we never keep more than 40, so one block is the list).
 */
import type { Bitmap } from '../raster.ts'

export type KeyedStore = 'download' | 'nv'

const FN = {
  download: { define: 83, print: 85, remove: 82, keys: 80, free: 52 },
  nv: { define: 67, print: 69, remove: 66, keys: 64, free: 51 },
} as const

/** Most pictures kept per store: a key list longer than 40 needs the ESC/POS handshake, which we never need. */
export const MAX_KEYS = 40

/** GS ( L when the parameters fit 16 bits, else GS 8 L. */
function graphicsCommand(fn: number, parameters: Uint8Array | number[]): Uint8Array {
  const count = parameters.length + 2
  const out: number[] =
    count <= 0xffff
      ? [0x1d, 0x28, 0x4c, count & 0xff, count >> 8]
      : [0x1d, 0x38, 0x4c, count & 0xff, (count >> 8) & 0xff, (count >> 16) & 0xff, count >>> 24]
  const bytes = new Uint8Array(out.length + count)
  bytes.set(out)
  bytes[out.length] = 0x30
  bytes[out.length + 1] = fn
  bytes.set(parameters, out.length + 2)
  return bytes
}

function keyBytes(key: string): [number, number] {
  const [first, second] = [key.charCodeAt(0), key.charCodeAt(1)]
  if (key.length !== 2 || !(first >= 32 && first <= 126) || !(second >= 32 && second <= 126)) {
    throw new RangeError(`a picture key is two printable characters, got "${key}"`)
  }
  return [first, second]
}

/** Rows of `ceil(width / 8)` bytes, most significant bit leftmost, 1 = black (raster format). */
export function rasterRows(bitmap: Bitmap): Uint8Array {
  const rowBytes = Math.ceil(bitmap.width / 8)
  const out = new Uint8Array(rowBytes * bitmap.height)
  for (let y = 0; y < bitmap.height; y++)
    for (let x = 0; x < bitmap.width; x++)
      if (bitmap.bits[y * bitmap.width + x])
        out[y * rowBytes + (x >> 3)] = (out[y * rowBytes + (x >> 3)] ?? 0) | (0x80 >> (x & 7))
  return out
}

/** Defines a one-colour raster picture under `key` (two printable characters). */
export function defineGraphic(store: KeyedStore, key: string, bitmap: Bitmap): Uint8Array {
  const data = rasterRows(bitmap)
  const parameters = new Uint8Array(9 + data.length)
  parameters.set([
    0x30,
    ...keyBytes(key),
    1,
    bitmap.width & 0xff,
    bitmap.width >> 8,
    bitmap.height & 0xff,
    bitmap.height >> 8,
    0x31,
  ])
  parameters.set(data, 9)
  return graphicsCommand(FN[store].define, parameters)
}

/** Prints the picture kept under `key`, at its size. */
export function printGraphic(store: KeyedStore, key: string): Uint8Array {
  return graphicsCommand(FN[store].print, [...keyBytes(key), 1, 1])
}

export function deleteGraphic(store: KeyedStore, key: string): Uint8Array {
  return graphicsCommand(FN[store].remove, keyBytes(key))
}

export function keyListQuery(store: KeyedStore): Uint8Array {
  return graphicsCommand(FN[store].keys, [0x4b, 0x43]) // "KC"
}

export function freeSpaceQuery(store: KeyedStore): Uint8Array {
  return graphicsCommand(FN[store].free, [])
}

const REPLY_IDENTIFIER = {
  keys: { download: 0x73, nv: 0x72 },
  free: { download: 0x32, nv: 0x31 },
} as const

/**
 * Reads a key-list reply from the start of `bytes`: the keys and the bytes it used, or null while
 * it is not complete. A reply of the wrong shape is `{ keys: null }` so the caller stops waiting.
 */
export function parseKeyList(bytes: Uint8Array, store: KeyedStore): { keys: string[] | null; length: number } | null {
  if (bytes.length < 1) return null
  if (bytes[0] !== 0x37) return { keys: null, length: 1 }
  if (bytes.length < 3) return null
  if (bytes[1] !== REPLY_IDENTIFIER.keys[store] || (bytes[2] !== 0x40 && bytes[2] !== 0x41)) {
    return { keys: null, length: 2 }
  }
  const end = bytes.indexOf(0, 3)
  if (end < 0) return bytes.length > 3 + 2 * MAX_KEYS + 1 ? { keys: null, length: bytes.length } : null
  const body = bytes.subarray(3, end)
  if (body.length % 2 !== 0) return { keys: null, length: end + 1 }
  const keys: string[] = []
  for (let i = 0; i < body.length; i += 2) keys.push(String.fromCharCode(body[i] as number, body[i + 1] as number))
  return { keys, length: end + 1 }
}

/** Reads a free-space reply (`37 32|31 digits 00`): bytes free, null while incomplete, NaN when malformed. */
export function parseFreeSpace(bytes: Uint8Array, store: KeyedStore): { free: number; length: number } | null {
  if (bytes.length < 1) return null
  if (bytes[0] !== 0x37) return { free: Number.NaN, length: 1 }
  if (bytes.length < 2) return null
  if (bytes[1] !== REPLY_IDENTIFIER.free[store]) return { free: Number.NaN, length: 2 }
  const end = bytes.indexOf(0, 2)
  if (end < 0) return bytes.length > 12 ? { free: Number.NaN, length: bytes.length } : null
  const digits = String.fromCharCode(...bytes.subarray(2, end))
  return { free: /^\d{1,8}$/.test(digits) ? Number(digits) : Number.NaN, length: end + 1 }
}

/** Printer answers, built the way a printer builds them (the virtual printers use these). */
export function keyListReply(store: KeyedStore, keys: readonly string[]): Uint8Array {
  return Uint8Array.from([0x37, REPLY_IDENTIFIER.keys[store], 0x40, ...keys.flatMap((key) => keyBytes(key)), 0])
}

export function freeSpaceReply(store: KeyedStore, free: number): Uint8Array {
  return Uint8Array.from([0x37, REPLY_IDENTIFIER.free[store], ...Array.from(String(free), (c) => c.charCodeAt(0)), 0])
}

/** Bytes a download or NV store spends on a picture: its data plus Epson's 16 bytes of control information. */
export function storedSize(bitmap: Pick<Bitmap, 'width' | 'height'>): number {
  return Math.ceil(bitmap.width / 8) * bitmap.height + 16
}

/**
 * FS q: the whole set of NV bit images at once (it replaces every one the printer had). Each picture
 * must be a multiple of 8 dots each way; data in column format, top bit highest.
 */
export function defineNvBitImages(pictures: readonly Bitmap[]): Uint8Array {
  if (pictures.length < 1 || pictures.length > 255) throw new RangeError('FS q defines 1 to 255 images')
  const parts: number[] = [0x1c, 0x71, pictures.length]
  for (const picture of pictures) {
    if (picture.width % 8 !== 0 || picture.height % 8 !== 0) {
      throw new RangeError(`an NV bit image is a multiple of 8 dots each way, got ${picture.width}×${picture.height}`)
    }
    const xBytes = picture.width / 8
    const yBytes = picture.height / 8
    parts.push(xBytes & 0xff, xBytes >> 8, yBytes & 0xff, yBytes >> 8)
    for (let x = 0; x < picture.width; x++) {
      for (let yByte = 0; yByte < yBytes; yByte++) {
        let value = 0
        for (let bit = 0; bit < 8; bit++) if (picture.bits[(yByte * 8 + bit) * picture.width + x]) value |= 0x80 >> bit
        parts.push(value)
      }
    }
  }
  return Uint8Array.from(parts)
}

/** FS p n 0: prints NV bit image n (from 1) at its size. */
export function printNvBitImage(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 1 || n > 255) throw new RangeError(`NV bit image numbers are 1 to 255, got ${n}`)
  return Uint8Array.of(0x1c, 0x70, n, 0)
}
