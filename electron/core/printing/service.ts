import { join } from 'node:path'
import type {
  FoundPrinterView,
  PrinterSettings,
  PrintJobView,
  ShiftReport,
  TestPageResult,
} from '../../../shared/views.ts'
import { PosError } from '../errors.ts'
import { uuidv7 } from '../ids.ts'
import type { Ledger } from '../ledger/index.ts'
import { enqueuePrintJob, type PrintJobKind } from '../ledger/print-jobs.ts'
import { makePrivateDirectory } from '../private-files.ts'
import { concatBytes } from './bytes.ts'
import { printerIdentity, transportFor } from './connections.ts'
import { type Block, encodeDocument } from './document.ts'
import { LabelPrinting } from './label-printing.ts'
import { khqrBillBlocks, type SlipContext, testPageBlocks } from './layouts.ts'
import { PictureKeeper } from './pictures/keeper.ts'
import { PictureRecord } from './pictures/record.ts'
import { previewPng } from './preview.ts'
import { PreviewTransport } from './preview-transport.ts'
import {
  FLASH_WRITE_MS,
  type PrinterDiscovery,
  PrinterSetup,
  slipContextOf,
  withPrinterFindings,
} from './printer-setup.ts'
import { type PrinterProfile, profileFromSettings } from './profiles.ts'
import { type PrintJobRow, PrintQueue, type QueueStatus, type RenderedJob } from './queue.ts'
import { receiptBlocks } from './receipt-layout.ts'
import { shiftReportBlocks } from './report-layout.ts'
import { stickerBlocks, stickerCurrencies, stickerFaces, stickerPayload } from './sticker-layouts.ts'
import type { PrinterTransport } from './transport.ts'

export interface PrintingOptions {
  /** Where the preview transport keeps its images (no printer configured). */
  previewDirectory: string
  onChange?: (status: QueueStatus) => void
  /** Tests swap the configured printer for their own transport. */
  transportFor?: (settings: PrinterSettings) => PrinterTransport
  discovery?: PrinterDiscovery
}

/**
 * Printing for the engine: lays out receipts, refund slips, X/Z reports, stickers and test pages
 * from the ledger, and hands them to the print queue. Nothing here waits for paper: every call
 * owes a job and returns.
 */
export class Printing {
  readonly queue: PrintQueue
  readonly pictures: PictureKeeper
  readonly labels: LabelPrinting
  private readonly ledger: Ledger
  private readonly setup: PrinterSetup

  constructor(ledger: Ledger, options: PrintingOptions) {
    this.ledger = ledger
    this.pictures = new PictureKeeper(new PictureRecord(ledger.context.db), ledger.context.now)
    this.labels = new LabelPrinting(ledger)
    this.setup = new PrinterSetup(ledger, this.pictures, {
      discovery: options.discovery ?? {},
      previewDirectory: options.previewDirectory,
    })
    makePrivateDirectory(options.previewDirectory)
    this.queue = new PrintQueue({
      db: ledger.context.db,
      now: ledger.context.now,
      transport: () =>
        (options.transportFor ?? ((settings) => transportFor(settings, options.previewDirectory)))(
          ledger.settings.get().printer,
        ),
      render: (job, transport) => this.render(job, transport),
      outputOf: (transport) => (transport instanceof PreviewTransport ? transport.lastOutput : null),
      ...(options.onChange ? { onChange: options.onChange } : {}),
    })
  }

  profile(): PrinterProfile {
    return profileFromSettings(this.ledger.settings.get().printer)
  }

  private slipContext(): SlipContext {
    return slipContextOf(this.ledger)
  }

  /** The blocks of a job, built from the ledger as it is now (paid sales and closed shifts never change). */
  blocksOf(
    job: Pick<PrintJobRow, 'kind' | 'object_id' | 'copy' | 'detail' | 'created_at'>,
    profile: PrinterProfile = this.profile(),
  ): Block[] {
    const context = this.slipContext()
    const detail = JSON.parse(job.detail) as Record<string, unknown>
    switch (job.kind) {
      case 'receipt': {
        const sale = this.ledger.sales.get(job.object_id)
        // A credit note names the invoice it corrects; a refund slip the receipt.
        const original = sale.refundOf ? this.ledger.sales.get(sale.refundOf) : null
        // A void slip is the voided sale's receipt headed VOIDED, not a COPY.
        return receiptBlocks(sale, context, {
          copy: job.copy > 0 && detail.slip !== 'void',
          refundOf: original ? (original.invoice?.number ?? original.receiptNo) : null,
          language: context.settings.receiptLanguage,
        })
      }
      case 'bill': {
        const sale = this.ledger.sales.get(String(detail.saleId))
        const khqr = sale.khqr
        if (
          !khqr ||
          khqr.id !== job.object_id ||
          khqr.state !== 'shown' ||
          khqr.expiresAt <= this.ledger.context.now()
        ) {
          throw new PosError('khqr_not_shown', 'This KHQR is no longer waiting for payment; its bill is not printed.')
        }
        return khqrBillBlocks(sale, khqr, context, context.settings.receiptLanguage)
      }
      case 'drawer':
        return [{ kind: 'pulse' }]
      case 'report':
        return shiftReportBlocks(detail.report as ShiftReport, context, context.settings.receiptLanguage)
      case 'sticker': {
        // Jobs owed before stickers came in pairs carry one payload (the sale currency's).
        const payloads = (detail.payloads as { currency: 'KHR' | 'USD'; payload: string }[] | undefined) ?? [
          { currency: context.settings.saleCurrency, payload: String(detail.payload) },
        ]
        const faces = stickerFaces(context.settings, payloads, detail.serials as string[])
        return stickerBlocks(faces, profile, detail.ecc === 'Q' ? 'Q' : 'M')
      }
      case 'test':
        return testPageBlocks(context, profile, job.created_at)
    }
  }

  /**
   * A job's bytes for the printer it goes to: the pictures it repeats are printed by key where that
   * printer holds them (and defined first where it does not); the record learns what the printer
   * holds only once the job reached it.
   */
  private async render(job: PrintJobRow, transport: PrinterTransport): Promise<RenderedJob> {
    const profile = this.profile()
    const printer = printerIdentity(this.ledger.settings.get().printer)
    if (job.kind === 'test') this.pictures.forgetCapability(printer)
    const session = await this.pictures.begin(transport, profile, printer, { probe: job.kind === 'test' })
    let blocks = this.blocksOf(job, profile)
    if (job.kind === 'test') blocks = withPrinterFindings(blocks, transport.label, session)
    const body = encodeDocument(blocks, profile, { pictures: session })
    return {
      bytes: session.prelude.length > 0 ? concatBytes([session.prelude, body]) : body,
      busyMs: session.flashWrites * FLASH_WRITE_MS,
      delivered: () => session.commit(),
      failed: () => session.abandon(),
    }
  }

  private owe(
    kind: PrintJobKind,
    objectId: string | null,
    audit: { userId: string; action: string; detail?: Record<string, unknown> },
    options: { copy?: number; detail?: Record<string, unknown> } = {},
  ): string {
    const { db, journal, now } = this.ledger.context
    const at = now()
    const id = db.transaction(() => {
      const jobId = enqueuePrintJob(db, { kind, objectId, now: at, ...options })
      journal.audit(
        {
          userId: audit.userId,
          action: audit.action,
          objectType: kind,
          objectId: objectId ?? jobId,
          detail: { job_id: jobId, ...audit.detail },
        },
        at,
      )
      return jobId
    })()
    void this.queue.kick()
    return id
  }

  /** The next copy number of a sale's receipt: the original is 0, each reprint or void slip one more. */
  private nextCopy(saleId: string): number {
    const row = this.ledger.context.db
      .prepare("SELECT coalesce(max(copy), 0) + 1 AS next FROM print_jobs WHERE kind = 'receipt' AND object_id = ?")
      .get(saleId) as {
      next: number
    }
    return row.next
  }

  /** A reprint of a receipt or refund slip, marked COPY, and counted in the audit log. */
  reprint(saleId: string, userId: string): string {
    const sale = this.ledger.sales.get(saleId)
    if (sale.state !== 'paid') throw new PosError('sale_not_paid', 'Only a paid sale has a receipt.')
    const copy = this.nextCopy(saleId)
    return this.owe('receipt', saleId, { userId, action: 'receipt.reprinted', detail: { copy } }, { copy })
  }

  /** The slip a void leaves: the sale's receipt, headed VOIDED, for the drawer and the customer. */
  printVoidSlip(saleId: string, userId: string): string {
    const copy = this.nextCopy(saleId)
    return this.owe('receipt', saleId, { userId, action: 'void_slip.printed' }, { copy, detail: { slip: 'void' } })
  }

  printReport(report: ShiftReport, userId: string): string {
    const { copies } = this.ledger.context.db
      .prepare("SELECT count(*) AS copies FROM print_jobs WHERE kind = 'report' AND object_id = ?")
      .get(report.shift.id) as {
      copies: number
    }
    return this.owe(
      'report',
      report.shift.id,
      { userId, action: `report.${report.kind}.printed` },
      { copy: copies, detail: { report } },
    )
  }

  /** The bill with the per-sale KHQR now on the customer display; it expires with the QR. */
  printKhqrBill(userId: string): string {
    const sale = this.ledger.sales.current()
    const khqr = sale?.khqr
    if (!sale || !khqr || khqr.state !== 'shown')
      throw new PosError('khqr_not_shown', 'No KHQR is waiting for payment.')
    const { db, journal, now } = this.ledger.context
    const at = now()
    const id = db.transaction(() => {
      const jobId = enqueuePrintJob(db, {
        kind: 'bill',
        objectId: khqr.id,
        detail: { saleId: sale.id },
        now: at,
        expiresAt: khqr.expiresAt,
      })
      journal.audit(
        {
          userId,
          action: 'khqr.bill_printed',
          objectType: 'sale',
          objectId: sale.id,
          detail: { job_id: jobId, request_id: khqr.id },
        },
        at,
      )
      return jobId
    })()
    void this.queue.kick()
    return id
  }

  printTestPage(userId: string): string {
    return this.owe('test', null, { userId, action: 'printer.test_page' })
  }

  /** "Find my printer" (see printer-setup.ts). */
  findPrinters(networkAddress: string | null): Promise<FoundPrinterView[]> {
    return this.setup.findPrinters(networkAddress)
  }

  printTestPageOn(printer: PrinterSettings, userId: string): Promise<TestPageResult> {
    return this.setup.printTestPageOn(printer, userId)
  }

  /** The shop's static KHQR codes, one per currency its account takes, riel first: what each sticker set carries. */
  private stickerPayloads(): { currency: 'KHR' | 'USD'; payload: string }[] {
    const settings = this.ledger.settings.get()
    return stickerCurrencies(settings).map((currency) => ({ currency, payload: stickerPayload(settings, currency) }))
  }

  /** Stickers as the paper would show them (one copy, serial not yet given), for the sticker page. */
  previewStickers(ecc: 'M' | 'Q', paper: 58 | 80 | 'label'): Buffer {
    const faces = stickerFaces(this.ledger.settings.get(), this.stickerPayloads(), ['(preview)'])
    if (paper === 'label') return this.labels.preview(this.labels.stickerLabels(faces.slice(0, 1), ecc))
    const printer = this.ledger.settings.get().printer
    const profile = profileFromSettings({ ...printer, paperWidth: paper })
    return previewPng(encodeDocument(stickerBlocks(faces, profile, ecc), profile), profile.paperDots)
  }

  /**
   * N static KHQR sticker sets of the shop's account in one job (on the label printer when one is
   * set up, else on receipt paper), each set with its own serial from the
   * sticker register (so a sticker found on the counter can be traced to when and by whom it was printed).
   */
  printStickers(copies: number, ecc: 'M' | 'Q', userId: string): { jobId: string; serials: string[] } {
    const merchant = this.ledger.settings.get().merchant
    const payloads = this.stickerPayloads()
    const onLabels = this.labels.configured()
    if (onLabels) {
      // Laid out first: a label too small for a code that scans is refused before a serial is given.
      const faces = stickerFaces(this.ledger.settings.get(), payloads, ['T1-S00000'])
      this.labels.stickerLabels(faces, ecc)
    }
    const { db, journal, now } = this.ledger.context
    const at = now()
    const jobId = uuidv7(at)
    const serials = db.transaction(() => {
      const { last } = db.prepare('SELECT coalesce(max(serial), 0) AS last FROM stickers').get() as { last: number }
      const numbers = Array.from({ length: copies }, (_, index) => last + index + 1)
      const labels = numbers.map(
        (serial) => `${this.ledger.context.terminal.label}-S${String(serial).padStart(5, '0')}`,
      )
      const realJob = enqueuePrintJob(db, {
        kind: 'sticker',
        objectId: jobId,
        detail: { ...(onLabels ? { printer: 'label', layout: 'khqr' } : {}), payloads, serials: labels, ecc },
        now: at,
      })
      const add = db.prepare(
        'INSERT INTO stickers (serial, account, printed_at, user_id, job_id) VALUES (?, ?, ?, ?, ?)',
      )
      for (const serial of numbers) add.run(serial, merchant.bakongAccountId, at, userId, realJob)
      journal.audit(
        {
          userId,
          action: 'stickers.printed',
          objectType: 'sticker',
          detail: { serials: labels, account: merchant.bakongAccountId },
        },
        at,
      )
      return labels
    })()
    void (onLabels ? this.labels.queue : this.queue).kick()
    return { jobId, serials }
  }

  /** A held or failed job sent again, by whichever printer it is for. */
  retry(jobId: string): void {
    this.queue.retry(jobId)
    this.labels.queue.retry(jobId)
  }

  discard(jobId: string): void {
    this.queue.discard(jobId)
    this.labels.queue.discard(jobId)
  }

  /**
   * Opens the drawer outside a sale (manager-approved by the caller): recorded, counted on the Z
   * report, and kicked through the printer.
   */
  openDrawer(actor: { userId: string; approverId: string; reason: string }): void {
    // The drawer opens on the printer's pulse: with no printer nothing would open, only be recorded.
    if (this.ledger.settings.get().printer.transport === 'none')
      throw new PosError(
        'drawer_without_printer',
        'The cash drawer opens through the receipt printer, and none is set up. Open it with its key.',
      )
    const { db, journal, now } = this.ledger.context
    const at = now()
    const id = uuidv7(at)
    db.transaction(() => {
      db.prepare(
        'INSERT INTO drawer_opens (id, shift_id, user_id, approver_id, reason, at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(id, this.ledger.shifts.current()?.id ?? null, actor.userId, actor.approverId, actor.reason, at)
      enqueuePrintJob(db, { kind: 'drawer', objectId: id, now: at })
      journal.audit(
        {
          userId: actor.userId,
          approverId: actor.approverId,
          action: 'drawer.opened_no_sale',
          objectType: 'drawer',
          objectId: id,
          detail: { reason: actor.reason },
        },
        at,
      )
    })()
    void this.queue.kick()
  }

  /** A receipt as a PNG (what the paper would show), for the screens. */
  previewReceipt(saleId: string, paperWidth: 58 | 80 | null): Buffer {
    const sale = this.ledger.sales.get(saleId)
    if (sale.state !== 'paid') throw new PosError('sale_not_paid', 'Only a paid sale has a receipt.')
    const printer = this.ledger.settings.get().printer
    const profile = profileFromSettings({ ...printer, paperWidth: paperWidth ?? printer.paperWidth })
    const blocks = this.blocksOf(
      { kind: 'receipt', object_id: saleId, copy: 0, detail: '{}', created_at: sale.completedAt ?? 0 },
      profile,
    )
    return previewPng(encodeDocument(blocks, profile), profile.paperDots)
  }

  jobs(limit: number): PrintJobView[] {
    return (
      this.ledger.context.db
        .prepare(
          "SELECT * FROM print_jobs WHERE state IN ('pending', 'printing', 'held') OR created_at > ? ORDER BY created_at DESC LIMIT ?",
        )
        .all(this.ledger.context.now() - 86_400_000, limit) as PrintJobRow[]
    ).map((row) => ({
      id: row.id,
      kind: row.kind,
      objectId: row.object_id,
      copy: row.copy,
      state: row.state,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      printedAt: row.printed_at,
    }))
  }

  close(): void {
    this.queue.stop()
    this.labels.close()
  }

  static previewDirectoryIn(dataDirectory: string): string {
    return join(dataDirectory, 'previews')
  }
}
