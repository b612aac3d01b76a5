/**
 * Setting a printer up: finding it ("Find my printer"), and a test page straight to a printer found,
 * before its settings are saved, that says what it went through and what the printer keeps.
 */
import type { FoundPrinterView, PrinterSettings, TestPageResult } from '../../../shared/views.ts'
import type { Ledger } from '../ledger/index.ts'
import { concatBytes } from './bytes.ts'
import { printerIdentity, transportFor } from './connections.ts'
import { type DiscoveryOptions, findPrinters } from './discovery.ts'
import { type Block, encodeDocument } from './document.ts'
import { type SlipContext, testPageBlocks } from './layouts.ts'
import type { PictureKeeper } from './pictures/keeper.ts'
import type { PictureSession } from './pictures/session.ts'
import { profileFromSettings } from './profiles.ts'

/** Time the printer may spend writing a picture to its flash (Epson allows seconds per write). */
export const FLASH_WRITE_MS = 10_000

/** Where "Find my printer" looks; tests point it at PTYs and a folder of their own. */
export type PrinterDiscovery = Pick<DiscoveryOptions, 'listSerialPorts' | 'usbDirectory' | 'answerTimeoutMs'>

export function slipContextOf(ledger: Ledger): SlipContext {
  const settings = ledger.settings.get()
  return { settings, terminalLabel: ledger.context.terminal.label, timeZone: settings.timeZone }
}

/**
 * The test page also says what it was printed through and what the printer answered about its
 * picture memory, just before the cut: the settings a shop found are on paper.
 */
export function withPrinterFindings(blocks: Block[], connection: string, pictures: PictureSession): Block[] {
  const findings: Block[] = [
    { kind: 'text', text: `Printed through ${connection}`, align: 'center' },
    { kind: 'text', text: `Pictures: ${pictures.summary}`, align: 'center' },
  ]
  const cut = blocks.findLastIndex((block) => block.kind === 'cut')
  return cut < 0 ? [...blocks, ...findings] : [...blocks.slice(0, cut), ...findings, ...blocks.slice(cut)]
}

export class PrinterSetup {
  readonly #ledger: Ledger
  readonly #pictures: PictureKeeper
  readonly #discovery: PrinterDiscovery
  readonly #previewDirectory: string

  constructor(
    ledger: Ledger,
    pictures: PictureKeeper,
    options: { discovery: PrinterDiscovery; previewDirectory: string },
  ) {
    this.#ledger = ledger
    this.#pictures = pictures
    this.#discovery = options.discovery
    this.#previewDirectory = options.previewDirectory
  }

  /** Every port, USB printer file and the typed address asked; the pole display's port left alone. */
  findPrinters(networkAddress: string | null): Promise<FoundPrinterView[]> {
    const { poleDisplay } = this.#ledger.settings.get()
    return findPrinters({ ...this.#discovery, networkAddress, skip: poleDisplay.port ? [poleDisplay.port] : [] })
  }

  /**
   * A test page straight to a printer found, before its settings are saved, so the shop sees it
   * print first. Not queued (the printer is not the configured one yet); audited like any test page.
   */
  async printTestPageOn(printer: PrinterSettings, userId: string): Promise<TestPageResult> {
    const { db, journal, now } = this.#ledger.context
    const transport = transportFor(printer, this.#previewDirectory)
    const identity = printerIdentity(printer)
    try {
      const before = await transport.status()
      if (before.state !== 'ready' && before.state !== 'unknown') {
        return { printed: false, state: before.state, pictures: 'none', detail: before.detail }
      }
      const profile = profileFromSettings(printer)
      this.#pictures.forgetCapability(identity)
      const session = await this.#pictures.begin(transport, profile, identity, { probe: true })
      const at = now()
      const page = testPageBlocks(slipContextOf(this.#ledger), profile, at)
      const blocks = withPrinterFindings(page, transport.label, session)
      const bytes = concatBytes([session.prelude, encodeDocument(blocks, profile, { pictures: session })])
      await transport.write(bytes, { busyMs: session.flashWrites * FLASH_WRITE_MS })
      session.commit()
      db.transaction(() =>
        journal.audit(
          { userId, action: 'printer.test_page', objectType: 'printer', objectId: identity, detail: { found: true } },
          at,
        ),
      )()
      const after = await transport.status()
      const pictures = profile.pictures === 'nv-bit-image' ? 'nv-bit-image' : this.#pictures.capabilityOf(identity)
      return { printed: true, state: after.state, pictures, detail: after.detail }
    } catch (error) {
      return { printed: false, state: 'offline', pictures: 'none', detail: (error as Error).message }
    } finally {
      await transport.close()
    }
  }
}
