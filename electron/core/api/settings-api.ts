import type { CoreApi } from '../core-api.ts'
import { endDemo } from '../ledger/demo.ts'
import { exportSales } from '../ledger/export.ts'
import { previewRestore, requestRestore } from '../ledger/restore.ts'
import type { ApiContext } from './context.ts'
import { printerView } from './printing-api.ts'

type SettingsApi = Pick<
  CoreApi,
  | 'getAppInfo'
  | 'endDemo'
  | 'getSettings'
  | 'updateSettings'
  | 'getExchangeRate'
  | 'listExchangeRates'
  | 'setExchangeRate'
  | 'verifyJournal'
  | 'createBackup'
  | 'listBackups'
  | 'previewRestore'
  | 'restoreBackup'
  | 'exportSales'
>

/** The shop's settings and exchange rate, leaving the demo, and keeping the data safe (journal check, backups, exports). */
export function settingsApi(ctx: ApiContext): SettingsApi {
  const { ledger } = ctx
  return {
    getAppInfo: async () => ({
      ...ctx.app,
      integrity: { ...ctx.integrity },
      secretProtection: ctx.secrets.protection(),
    }),
    endDemo: async (approval) => {
      endDemo(ledger.context, ledger.settings, ctx.approve(approval, 'endDemo'))
      return ledger.settings.get()
    },
    getSettings: async () => ledger.settings.get(),
    updateSettings: async (patch, approval) => {
      ledger.settings.update(patch, ctx.approve(approval, 'updateSettings', patch))
      // A new pole display (or shop name) shows the counter's state at once.
      ctx.emit('customerView.changed', ctx.screens.customerView())
      if (patch.printer)
        ctx.emit('printer.changed', printerView(ctx.printing.queue.status, ledger.settings.get().printer))
      return ledger.settings.get()
    },
    getExchangeRate: async () => ledger.settings.currentRate(),
    listExchangeRates: async () => ledger.settings.rateHistory(100),
    setExchangeRate: async (khrPerUsd, source, approval) =>
      ledger.settings.setRate(khrPerUsd, source, ctx.approve(approval, 'setExchangeRate', khrPerUsd, source)),
    verifyJournal: async () => {
      ctx.manager()
      const result = ledger.context.journal.verify()
      return {
        outbox: {
          events: result.outboxLength,
          brokenAt: result.outbox?.seq ?? null,
          reason: result.outbox?.reason ?? null,
        },
        audit: {
          entries: result.auditLength,
          brokenAt: result.audit?.seq ?? null,
          reason: result.audit?.reason ?? null,
        },
      }
    },
    createBackup: async (approval) => {
      ctx.approve(approval, 'createBackup')
      return ctx.backups.backUp()
    },
    listBackups: async () => {
      ctx.manager()
      return ctx.backups.status()
    },
    previewRestore: async (path) => {
      ctx.manager()
      return previewRestore(ctx.app.databasePath, ctx.backups.listed(path))
    },
    restoreBackup: async (path, approval) => {
      const actor = ctx.approve(approval, 'restoreBackup', path)
      const damaged = ctx.integrity.state === 'failed'
      const preview = requestRestore(ctx.dataDirectory, ctx.app.databasePath, ctx.backups.listed(path), {
        now: ledger.context.now(),
        damaged,
      })
      // A damaged journal takes no more writes; the restored one records the restore at the start.
      if (!damaged) ctx.auditSetting('backup.restore_requested', { path, sales: preview.sales }, actor)
      ctx.restart()
      return preview
    },
    exportSales: async (range, format) => {
      ctx.manager()
      return exportSales(ledger.context, range, format, ledger.settings.get().timeZone)
    },
  }
}
