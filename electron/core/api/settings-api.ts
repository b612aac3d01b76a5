import type { CoreApi } from '../core-api.ts'
import { endDemo } from '../ledger/demo.ts'
import { exportSales } from '../ledger/export.ts'
import type { ApiContext } from './context.ts'

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
    exportSales: async (range, format) => {
      ctx.manager()
      return exportSales(ledger.context, range, format)
    },
  }
}
