import type { PosApi } from '../../shared/api.ts'

/** The part of PosApi the engine answers; main adds what only it knows (windows, displays). */
export type CoreApi = Omit<PosApi, 'getCustomerDisplayStatus'>
