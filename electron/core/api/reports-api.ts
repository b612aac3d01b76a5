import type { CoreApi } from '../core-api.ts'
import { ownerReport } from '../ledger/owner-reports.ts'
import type { ApiContext } from './context.ts'

type ReportsApi = Pick<CoreApi, 'getOwnerReport'>

/** The owner's reports over days, weeks and months: for managers (a cashier closes blind). */
export function reportsApi(ctx: ApiContext): ReportsApi {
  return {
    getOwnerReport: async (range) => {
      ctx.manager()
      return ownerReport(ctx.ledger.context.db, range)
    },
  }
}
