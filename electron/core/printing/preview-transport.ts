import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PRIVATE_FILE_MODE } from '../private-files.ts'
import { previewPng } from './preview.ts'
import type { PrinterStatus, PrinterTransport } from './transport.ts'

/**
 * The printer of a new install: every job becomes a PNG of what the paper would show, decoded
 * from the very bytes a printer would receive, so receipts are visible before a printer is set up.
 */
export class PreviewTransport implements PrinterTransport {
  readonly label: string
  /** The image of the last job written. */
  lastOutput: string | null = null
  private readonly directory: string
  private readonly paperDots: 384 | 576
  private count = 0

  constructor(directory: string, paperDots: 384 | 576) {
    this.directory = directory
    this.paperDots = paperDots
    this.label = `preview (${paperDots === 576 ? '80' : '58'} mm, no printer configured)`
  }

  async write(bytes: Uint8Array): Promise<void> {
    const path = join(this.directory, `${new Date().toISOString().replaceAll(':', '-')}-${++this.count}.png`)
    writeFileSync(path, previewPng(bytes, this.paperDots), { mode: PRIVATE_FILE_MODE })
    this.lastOutput = path
  }

  async status(): Promise<PrinterStatus> {
    return { state: 'ready', paperLow: false, drawerOpen: null, detail: 'preview images, no printer configured' }
  }

  async close(): Promise<void> {}
}
