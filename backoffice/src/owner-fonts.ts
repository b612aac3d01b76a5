import { readFile } from 'node:fs/promises'
import type { BackofficeResponse } from './app.ts'

/** The Khmer faces the till ships (resources/fonts, SIL Open Font License), served to the owner's page. */
const FONTS = new Set(['NotoSansKhmer-Regular.ttf', 'NotoSansKhmer-Bold.ttf'])
const DIRECTORY = new URL('../../resources/fonts/', import.meta.url)
const loaded = new Map<string, Promise<Buffer>>()

/**
 * `GET /fonts/<name>` for one of the served fonts; null for any other name, or when the file is
 * not there (an install without resources/): the page then falls back to the device's fonts.
 */
export async function fontResponse(name: string): Promise<BackofficeResponse | null> {
  if (!FONTS.has(name)) return null
  let file = loaded.get(name)
  if (!file) {
    file = readFile(new URL(name, DIRECTORY))
    loaded.set(name, file)
  }
  let bytes: Buffer
  try {
    bytes = await file
  } catch {
    loaded.delete(name)
    return null
  }
  return {
    status: 200,
    headers: {
      'content-type': 'font/ttf',
      'cache-control': 'public, max-age=604800',
      'x-content-type-options': 'nosniff',
    },
    body: bytes,
  }
}
