import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { GlobalFonts } from '@napi-rs/canvas'

/**
 * The fonts receipts are drawn with, shipped in resources/fonts (never the system's, so paper looks
 * the same on every machine). Noto Sans Khmer has no Latin letters or digits, so every font list
 * names the Latin face first and the Khmer face second.
 */
export const RECEIPT_FONT_FAMILY = 'ReceiptLatin, ReceiptKhmer'

let registeredFrom: string | null = null

/** resources/fonts: POS_RESOURCES when main sets it (packaged app), else found by walking up from here. */
export function fontDirectory(): string {
  const fromEnvironment = process.env.POS_RESOURCES
  if (fromEnvironment) return join(fromEnvironment, 'fonts')
  let directory = import.meta.dirname
  for (;;) {
    const candidate = join(directory, 'resources', 'fonts')
    if (existsSync(join(candidate, 'NotoSansKhmer-Regular.ttf'))) return candidate
    const parent = dirname(directory)
    if (parent === directory) throw new Error('resources/fonts not found; set POS_RESOURCES')
    directory = parent
  }
}

export function registerReceiptFonts(directory: string = fontDirectory()): void {
  if (registeredFrom === directory) return
  for (const [file, family] of [
    ['NotoSans-Regular.ttf', 'ReceiptLatin'],
    ['NotoSans-Bold.ttf', 'ReceiptLatin'],
    ['NotoSansKhmer-Regular.ttf', 'ReceiptKhmer'],
    ['NotoSansKhmer-Bold.ttf', 'ReceiptKhmer'],
  ] as const) {
    if (!GlobalFonts.registerFromPath(join(directory, file), family))
      throw new Error(`cannot load the receipt font ${file} from ${directory}`)
  }
  registeredFrom = directory
}
