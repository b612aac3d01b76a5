import type { CoreApi } from '../core-api.ts'
import type { ApiContext } from './context.ts'

type ShiftsApi = Pick<
  CoreApi,
  'getShift' | 'openShift' | 'moveCash' | 'getXReport' | 'checkCount' | 'closeShift' | 'getZReport'
>

/** The cashier's shift and the drawer's cash: opening float, cash in and out, the blind close, X and Z. */
export function shiftsApi(ctx: ApiContext): ShiftsApi {
  const { shifts } = ctx.ledger
  return {
    getShift: async () => {
      ctx.user()
      return shifts.current()
    },
    openShift: async (float) => shifts.open(float, ctx.user().id),
    moveCash: async (move, approval) => ctx.authority.moveCash(move, approval),
    // Blind close: a cashier never sees the expected cash before their count is committed.
    getXReport: async () => {
      ctx.manager()
      return shifts.xReport()
    },
    checkCount: async (count) => shifts.checkCount(count, ctx.user().id),
    closeShift: async (count) => {
      const report = shifts.close(count, ctx.user().id)
      ctx.printing.printReport(report, ctx.user().id)
      // The shift's events leave for the back office now rather than at the next retry.
      void ctx.online.sync.pusher.flush({ deadlineMs: 10_000 })
      return report
    },
    getZReport: async (shiftId) => {
      ctx.manager()
      return shifts.zReport(shiftId)
    },
  }
}
