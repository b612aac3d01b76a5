import type { PrinterSettings, PrinterStatusView } from '../../../shared/views.ts'
import type { CoreApi } from '../core-api.ts'
import type { QueueStatus } from '../printing/queue.ts'
import type { ApiContext } from './context.ts'

type PrintingApi = Pick<
  CoreApi,
  | 'getPrinterStatus'
  | 'listPrintJobs'
  | 'retryPrintJob'
  | 'discardPrintJob'
  | 'reprintReceipt'
  | 'printXReport'
  | 'printZReport'
  | 'printTestPage'
  | 'findPrinters'
  | 'printTestPageOn'
  | 'printKhqrBill'
  | 'previewStickers'
  | 'printStickers'
  | 'printShelfLabels'
  | 'previewShelfLabel'
  | 'previewReceipt'
  | 'openDrawer'
>

export function printerView(status: QueueStatus, printer: PrinterSettings): PrinterStatusView {
  // With no printer set up, receipts become preview images: that is its state, whatever the last job met.
  const none = printer.transport === 'none'
  const previewed = status.printer.startsWith('preview')
  // A printer just set up after previews has not been asked yet: what the previews said is not its state.
  const unasked = !none && previewed
  return {
    printer: unasked ? '' : none && !previewed ? 'preview (no printer configured)' : status.printer,
    state: none ? 'ready' : unasked ? 'unknown' : status.status.state,
    paperLow: none || unasked ? false : status.status.paperLow,
    detail: unasked ? null : status.status.detail,
    pending: status.pending,
    held: status.held,
    lastError: status.lastError,
  }
}

/** The receipt printer and the drawer on it: the print queue, reprints, reports, stickers, previews. */
export function printingApi(ctx: ApiContext): PrintingApi {
  const { printing, ledger } = ctx
  return {
    getPrinterStatus: async () => printerView(printing.queue.status, ledger.settings.get().printer),
    listPrintJobs: async () => {
      ctx.user()
      return printing.jobs(100)
    },
    retryPrintJob: async (jobId) => {
      ctx.user()
      printing.retry(jobId)
    },
    discardPrintJob: async (jobId, approval) => {
      const actor = ctx.approve(approval, 'discardPrintJob', jobId)
      printing.discard(jobId)
      ledger.context.db.transaction(() =>
        ledger.context.journal.audit(
          {
            ...actor,
            action: 'print_job.discarded',
            objectType: 'print_job',
            objectId: jobId,
            detail: { reason: actor.reason },
          },
          ledger.context.now(),
        ),
      )()
    },
    reprintReceipt: async (saleId) => {
      printing.reprint(saleId, ctx.user().id)
    },
    printXReport: async () => {
      printing.printReport(ledger.shifts.xReport(), ctx.manager().id)
    },
    // Again on paper: by a manager, or by the person who closed that shift and has just read it.
    printZReport: async (shiftId) => {
      const user = ctx.user()
      const report = ledger.shifts.zReport(shiftId)
      if (user.role !== 'manager' && report.shift.closedBy !== user.id) ctx.manager()
      printing.printReport(report, user.id)
    },
    printTestPage: async () => {
      printing.printTestPage(ctx.user().id)
    },
    findPrinters: async (networkAddress) => {
      ctx.manager()
      return printing.findPrinters(networkAddress)
    },
    printTestPageOn: async (printer) => printing.printTestPageOn(printer, ctx.manager().id),
    printKhqrBill: async () => {
      printing.printKhqrBill(ctx.user().id)
    },
    previewStickers: async (ecc, paperWidth) => {
      ctx.user()
      return `data:image/png;base64,${printing.previewStickers(ecc, paperWidth).toString('base64')}`
    },
    printStickers: async (copies, ecc) => ({ serials: printing.printStickers(copies, ecc, ctx.user().id).serials }),
    printShelfLabels: async (items, dual) => {
      printing.labels.printShelfLabels(items, dual, ctx.user().id)
    },
    previewShelfLabel: async (productId, dual) => {
      ctx.user()
      return `data:image/png;base64,${printing.labels.previewShelfLabel(productId, dual).toString('base64')}`
    },
    previewReceipt: async (saleId, paperWidth) => {
      ctx.user()
      return `data:image/png;base64,${printing.previewReceipt(saleId, paperWidth).toString('base64')}`
    },
    openDrawer: async (approval) => printing.openDrawer(ctx.approve(approval, 'openDrawer')),
  }
}
