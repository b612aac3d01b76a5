import type { CoreApi } from '../core-api.ts'
import { PosError } from '../errors.ts'

/** The methods that only read: they answer even from a journal that failed its integrity check. */
const READ_ONLY_METHODS: ReadonlySet<keyof CoreApi> = new Set([
  'getAppInfo',
  'getCustomerView',
  'listUsers',
  'getSession',
  'getSettings',
  'getExchangeRate',
  'listExchangeRates',
  'listCategories',
  'listVatClasses',
  'listProducts',
  'searchProducts',
  'findProductByBarcode',
  'getShift',
  'getXReport',
  'getZReport',
  'getOwnerReport',
  'getCurrentSale',
  'listHeldSales',
  'getSale',
  'listSales',
  'quoteRefund',
  'getSyncStatus',
  'listQuarantinedEvents',
  'getBakongTokenStatus',
  'getKhqrStatus',
  'listKhqrIssues',
  'getPrinterStatus',
  'listPrintJobs',
  'findPrinters',
  'previewReceipt',
  'previewStickers',
  'previewShelfLabel',
  'verifyJournal',
  'exportSales',
  'exportProductsCsv',
  'listBackups',
  // Restoring writes a request file for the next start, not the journal: it is the way out of a damaged one.
  'previewRestore',
  'restoreBackup',
  'signIn',
  'signOut',
  'grantApproval',
  'previewApproval',
  'unlockWithRecoveryCode',
])

/**
 * Wraps every method that writes: a journal that failed its integrity check is only read from (no
 * new sale goes into a damaged file), and after each change `afterWrite` runs once the answer is on
 * its way (the WAL checkpoint, a nudge to sync), not inside a sale's commit.
 */
export function guardWrites(
  api: CoreApi,
  integrity: { state: 'checking' | 'ok' | 'failed'; problems: string[] },
  afterWrite: () => void,
): CoreApi {
  const guarded = { ...api } as Record<string, unknown>
  for (const method of Object.keys(api) as (keyof CoreApi)[]) {
    if (READ_ONLY_METHODS.has(method)) continue
    const call = api[method] as (...args: unknown[]) => Promise<unknown>
    guarded[method] = async (...args: unknown[]) => {
      if (integrity.state === 'failed') {
        throw new PosError(
          'database_corrupt',
          `The sales database failed its integrity check (${integrity.problems[0] ?? 'unknown'}); restore the latest backup. Nothing more is written to it.`,
        )
      }
      try {
        return await call(...args)
      } finally {
        afterWrite()
      }
    }
  }
  return guarded as unknown as CoreApi
}
