/**
 * The label printer (TSPL): KHQR stickers and shelf price labels, through their own queue. A label
 * job is a print job whose detail names the label printer (`printer: 'label'`), laid out from the
 * ledger when it prints, like every slip.
 */
import { createCanvas } from '@napi-rs/canvas'
import type { LabelPrinterSettings } from '../../../shared/views.ts'
import { PosError } from '../errors.ts'
import { uuidv7 } from '../ids.ts'
import type { Ledger } from '../ledger/index.ts'
import { enqueuePrintJob } from '../ledger/print-jobs.ts'
import { labelTransportFor } from './connections.ts'
import { type PrintJobRow, PrintQueue, type QueueStatus } from './queue.ts'
import { type StickerFace, stickerFaces } from './sticker-layouts.ts'
import type { PrinterTransport } from './transport.ts'
import { encodeLabels, type Label } from './tspl/encode.ts'
import { interpretTspl, type PrintedLabel } from './tspl/interpret.ts'
import { type LabelStock, type ShelfItem, shelfLabels, stickerLabels } from './tspl/layouts.ts'

export interface LabelPrintingOptions {
  onChange?: (status: QueueStatus) => void
  /** Tests may put their own label printer here. */
  transportFor?: (settings: LabelPrinterSettings) => PrinterTransport
}

interface ShelfDetail {
  printer: 'label'
  layout: 'shelf'
  items: { productId: string; copies: number }[]
  dual: boolean
}

interface StickerDetail {
  printer: 'label'
  layout?: 'khqr'
  payloads: { currency: 'KHR' | 'USD'; payload: string }[]
  serials: string[]
  ecc: 'M' | 'Q'
}

/** Most labels in one job: a shelf's worth, and a bounded wait on a slow line. */
export const MAX_LABELS = 200

export class LabelPrinting {
  readonly queue: PrintQueue
  readonly #ledger: Ledger

  constructor(ledger: Ledger, options: LabelPrintingOptions = {}) {
    this.#ledger = ledger
    this.queue = new PrintQueue({
      db: ledger.context.db,
      now: ledger.context.now,
      printer: 'label',
      transport: () => (options.transportFor ?? labelTransportFor)(ledger.settings.get().labelPrinter),
      render: async (job) => ({ bytes: encodeLabels(this.labelsOf(job)) }),
      ...(options.onChange ? { onChange: options.onChange } : {}),
    })
  }

  /** A label printer is set up: stickers go to it. */
  configured(): boolean {
    return this.#ledger.settings.get().labelPrinter.transport !== 'none'
  }

  stock(): LabelStock {
    const { widthMm, heightMm, gapMm } = this.#ledger.settings.get().labelPrinter
    return { widthMm, heightMm, gapMm }
  }

  /** The labels of a job, laid out from the ledger as it is now. */
  labelsOf(job: Pick<PrintJobRow, 'detail'>): Label[] {
    const detail = JSON.parse(job.detail) as ShelfDetail | StickerDetail
    if (detail.layout === 'shelf') return this.#shelf(detail.items, detail.dual)
    const faces = stickerFaces(this.#ledger.settings.get(), detail.payloads, detail.serials)
    return stickerLabels(faces, this.stock(), detail.ecc)
  }

  stickerLabels(faces: readonly StickerFace[], ecc: 'M' | 'Q'): Label[] {
    return stickerLabels(faces, this.stock(), ecc)
  }

  #shelf(items: ShelfDetail['items'], dual: boolean): Label[] {
    const rate = this.#ledger.settings.currentRate()
    const shelf: { item: ShelfItem; copies: number }[] = items.map(({ productId, copies }) => {
      const product = this.#ledger.catalog.product(productId)
      return {
        item: {
          nameKm: product.nameKm,
          nameEn: product.nameEn,
          price: product.price,
          currency: product.currency,
          perKg: product.soldBy === 'weight',
        },
        copies,
      }
    })
    const labels = shelfLabels(
      shelf.map(({ item }) => item),
      this.stock(),
      { dual, khrPerUsd: rate.khrPerUsd },
    )
    return labels.map((label, index) => ({ ...label, copies: shelf[index]?.copies ?? 1 }))
  }

  /**
   * Shelf price labels for these products (riel first; the dollar price too when `dual`), on the
   * label printer. Refused without a label printer, and for a product that is not in the catalog.
   */
  printShelfLabels(items: { productId: string; copies: number }[], dual: boolean, userId: string): string {
    if (!this.configured())
      throw new PosError('label_printer_missing', 'No label printer is set up: choose one in Settings first.')
    const count = items.reduce((sum, item) => sum + item.copies, 0)
    if (count > MAX_LABELS) throw new PosError('labels_too_many', `At most ${MAX_LABELS} labels at a time.`)
    for (const { productId } of items) this.#ledger.catalog.product(productId) // refuses an unknown product
    const detail: ShelfDetail = { printer: 'label', layout: 'shelf', items, dual }
    // Laid out now too: a label that cannot be laid out (too small) is refused before it is owed.
    this.labelsOf({ detail: JSON.stringify(detail) })
    const { db, journal, now } = this.#ledger.context
    const at = now()
    const objectId = uuidv7(at)
    const jobId = db.transaction(() => {
      const id = enqueuePrintJob(db, { kind: 'sticker', objectId, detail: { ...detail }, now: at })
      journal.audit(
        { userId, action: 'labels.shelf_printed', objectType: 'label', objectId: id, detail: { items, dual } },
        at,
      )
      return id
    })()
    void this.queue.kick()
    return jobId
  }

  /** The first label of these, as the label printer would print it: a PNG. */
  preview(labels: readonly Label[]): Buffer {
    const printed = interpretTspl(encodeLabels(labels.slice(0, 1).map((label) => ({ ...label, copies: 1 })))).labels
    const first = printed[0]
    if (!first) throw new PosError('label_too_small', 'Nothing fits on this label.')
    return labelPng(first)
  }

  previewShelfLabel(productId: string, dual: boolean): Buffer {
    return this.preview(this.#shelf([{ productId, copies: 1 }], dual))
  }

  close(): void {
    this.queue.stop()
  }
}

/** A printed label as a PNG, one pixel a dot, with a thin grey edge where the label ends. */
export function labelPng(label: PrintedLabel): Buffer {
  const canvas = createCanvas(label.width + 2, label.height + 2)
  const context = canvas.getContext('2d')
  context.fillStyle = '#999'
  context.fillRect(0, 0, label.width + 2, label.height + 2)
  const pixels = context.createImageData(label.width, label.height)
  pixels.data.fill(255)
  label.bits.forEach((bit, index) => {
    if (bit) pixels.data.fill(0, index * 4, index * 4 + 3)
  })
  context.putImageData(pixels, 1, 1)
  return canvas.toBuffer('image/png')
}
