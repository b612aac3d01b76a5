/**
 * Pictures kept in the printer: `GS ( L` / `GS 8 L` download graphics (RAM, key codes), NV graphics
 * (flash, key codes) with their queries, and the older `FS q` / `FS p` NV bit images. A printer that
 * does not understand a family reports its commands as unknown, as it would print nothing right.
 *
 * GS ( L pL pH m fn … counts its parameters from m (pL + 256 pH); GS 8 L p1 p2 p3 p4 m fn … uses four
 * length bytes. Raster definitions: a kc1 kc2 b xL xH yL yH c d1…dk with k = ⌈x / 8⌉ × y, so the
 * parameter count of a one-colour picture is 11 + k.
 */
import { type DecoderState, printScale } from './decoder-state.ts'
import type { MemoryQueryItem, PictureStoreKind, StoredPicture } from './items.ts'

type Family = 'GS ( L' | 'GS 8 L'

export function graphics(d: DecoderState, at: number, family: Family): number {
  const header = family === 'GS ( L' ? 5 : 7
  if (!d.has(at, header + 2)) return d.truncated(at)
  const count =
    family === 'GS ( L'
      ? d.byte(at + 3) | (d.byte(at + 4) << 8)
      : d.byte(at + 3) + d.byte(at + 4) * 0x100 + d.byte(at + 5) * 0x10000 + d.byte(at + 6) * 0x1000000
  const length = header + count
  if (!d.has(at, length)) return d.truncated(at)
  const m = d.byte(at + header)
  const fn = d.byte(at + header + 1)
  const parameters = d.bytes.subarray(at + header + 2, at + length)
  if (m !== 0x30 || count < 2) return d.unknown(at, length)
  const store = storeOf(fn)
  if (!store || !understood(d, store)) return d.unknown(at, length)
  const handled = handle(d, at, fn, store, parameters)
  return handled ? at + length : d.unknown(at, length)
}

function storeOf(fn: number): 'download' | 'nv' | null {
  if ([0, 3, 48, 51, 64, 65, 66, 67, 69].includes(fn)) return 'nv'
  if ([4, 52, 80, 81, 82, 83, 85].includes(fn)) return 'download'
  return null
}

function understood(d: DecoderState, store: PictureStoreKind): boolean {
  if (store === 'download') return d.understands.downloadGraphics
  if (store === 'nv') return d.understands.nvGraphics
  return d.understands.nvBitImage
}

const isKeyCode = (byte: number | undefined): boolean => byte !== undefined && byte >= 32 && byte <= 126
const text = (bytes: Uint8Array): string => String.fromCharCode(...bytes)

function handle(d: DecoderState, at: number, fn: number, store: 'download' | 'nv', parameters: Uint8Array): boolean {
  const query = (name: MemoryQueryItem['query']): boolean => {
    d.push({ type: 'memory_query', query: name })
    return true
  }
  const memory = store === 'download' ? d.memory.download : d.memory.nv
  switch (fn) {
    case 0:
    case 48:
      return parameters.length === 0 && query('nv-capacity')
    case 3:
    case 51:
      return parameters.length === 0 && query('nv-free')
    case 4:
    case 52:
      return parameters.length === 0 && query('download-free')
    case 64:
    case 80:
      if (text(parameters) !== 'KC') return false
      return query(store === 'download' ? 'download-keys' : 'nv-keys')
    case 65:
    case 81:
      if (text(parameters) !== 'CLR') return false
      memory.clear()
      d.push({ type: 'store', store, action: 'delete-all', key: '' })
      return true
    case 66:
    case 82: {
      if (parameters.length !== 2 || !isKeyCode(parameters[0]) || !isKeyCode(parameters[1])) return false
      const key = text(parameters)
      memory.delete(key)
      d.push({ type: 'store', store, action: 'delete', key })
      return true
    }
    case 67:
    case 83:
      return define(d, at, store, parameters)
    case 69:
    case 85:
      return printStored(d, at, store, parameters)
    default:
      return false
  }
}

/** a kc1 kc2 b xL xH yL yH c d1…dk: a one-colour raster picture under a two-character key. */
function define(d: DecoderState, at: number, store: 'download' | 'nv', parameters: Uint8Array): boolean {
  if (parameters.length < 9) return false
  const [tone, kc1, kc2, colours] = parameters
  if (tone !== 0x30 || colours !== 1) return false
  const width = (parameters[4] ?? 0) | ((parameters[5] ?? 0) << 8)
  const height = (parameters[6] ?? 0) | ((parameters[7] ?? 0) << 8)
  const colour = parameters[8]
  if (colour !== 0x31 && !(store === 'nv' && colour === 0x32)) return false
  if (!isKeyCode(kc1) || !isKeyCode(kc2)) {
    d.problem('picture_key_invalid', at, `key codes ${kc1} ${kc2} are outside 32–126`)
    return false
  }
  if (width < 1 || width > 8192 || height < 1 || height > 2304) return false
  const rowBytes = Math.ceil(width / 8)
  const expected = rowBytes * height
  const data = parameters.subarray(9)
  if (data.length !== expected) {
    d.problem(
      'picture_length_mismatch',
      at,
      `a ${width}×${height} picture needs ${expected} data bytes; the command's length gives ${data.length}`,
    )
    return false
  }
  const bits = new Uint8Array(width * height)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if ((data[y * rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) bits[y * width + x] = 1
  const key = String.fromCharCode(kc1 as number, kc2 as number)
  const memory = store === 'download' ? d.memory.download : d.memory.nv
  memory.set(key, { width, height, bits })
  d.push({ type: 'store', store, action: 'define', key, width, height })
  return true
}

/** kc1 kc2 x y: print the picture under that key, scaled 1 or 2 times each way. */
function printStored(d: DecoderState, at: number, store: 'download' | 'nv', parameters: Uint8Array): boolean {
  if (parameters.length !== 4) return false
  const [kc1, kc2, x, y] = parameters
  if (!isKeyCode(kc1) || !isKeyCode(kc2) || (x !== 1 && x !== 2) || (y !== 1 && y !== 2)) return false
  const key = String.fromCharCode(kc1 as number, kc2 as number)
  const picture = (store === 'download' ? d.memory.download : d.memory.nv).get(key)
  d.expectLineStart(at, 'stored picture')
  d.printLineBuffer(false)
  if (!picture) {
    d.problem('picture_not_stored', at, `prints ${store} picture "${key}", which the printer does not hold`)
    return true
  }
  const scaled = scale(picture, x, y)
  d.addRaster('stored', scaled.width, scaled.height, scaled.bits, at, { store, key })
  return true
}

function scale(picture: StoredPicture, sx: number, sy: number): StoredPicture {
  if (sx === 1 && sy === 1) return picture
  const width = picture.width * sx
  const height = picture.height * sy
  const bits = new Uint8Array(width * height)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      bits[y * width + x] = picture.bits[Math.floor(y / sy) * picture.width + Math.floor(x / sx)] ?? 0
  return { width, height, bits }
}

/** FS q n [xL xH yL yH d1…dk]…: n column-format images of (x × 8) × (y × 8) dots, replacing every NV bit image. */
export function defineNvBitImages(d: DecoderState, at: number): number {
  if (!d.has(at, 3)) return d.truncated(at)
  const count = d.byte(at + 2)
  const images: StoredPicture[] = []
  let next = at + 3
  for (let n = 0; n < count; n++) {
    if (!d.has(next, 4)) return d.truncated(at)
    const xBytes = d.byte(next) | (d.byte(next + 1) << 8)
    const yBytes = d.byte(next + 2) | (d.byte(next + 3) << 8)
    const length = xBytes * yBytes * 8
    if (!d.has(next + 4, length)) return d.truncated(at)
    images.push(columnPicture(d.bytes.subarray(next + 4, next + 4 + length), xBytes * 8, yBytes * 8))
    next += 4 + length
  }
  if (!d.understands.nvBitImage || count === 0) return d.unknown(at, next - at)
  d.printLineBuffer(false)
  d.memory.nvBitImages = images
  for (const [index, image] of images.entries()) {
    d.push({
      type: 'store',
      store: 'nv-bit-image',
      action: 'define',
      key: String(index + 1),
      width: image.width,
      height: image.height,
    })
  }
  return next
}

/** Column format: each column top to bottom, the most significant bit of each byte highest. */
function columnPicture(data: Uint8Array, width: number, height: number): StoredPicture {
  const bits = new Uint8Array(width * height)
  const columnBytes = height / 8
  for (let x = 0; x < width; x++)
    for (let y = 0; y < height; y++)
      if ((data[x * columnBytes + (y >> 3)] ?? 0) & (0x80 >> (y & 7))) bits[y * width + x] = 1
  return { width, height, bits }
}

/** FS p n m: print NV bit image n (from 1), scaled by mode m (0–3, 48–51). */
export function printNvBitImage(d: DecoderState, at: number): number {
  if (!d.has(at, 4)) return d.truncated(at)
  if (!d.understands.nvBitImage) return d.unknown(at, 4)
  const n = d.byte(at + 2)
  const mode = printScale(d.byte(at + 3))
  if (n < 1 || !mode) return d.unknown(at, 4)
  d.expectLineStart(at, 'stored picture')
  d.printLineBuffer(false)
  const picture = d.memory.nvBitImages[n - 1]
  if (!picture) {
    d.problem('picture_not_stored', at, `prints NV bit image ${n}, which the printer does not hold`)
    return at + 4
  }
  const scaled = scale(picture, mode.x, mode.y)
  d.addRaster('stored', scaled.width, scaled.height, scaled.bits, at, { store: 'nv-bit-image', key: String(n) })
  return at + 4
}
