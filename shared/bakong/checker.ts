// The contract between whatever confirms KHQR payments (the Bakong Open API
// directly, or the back office relay) and whoever waits for them.

export const KHQR_CHECK_STATES = [
  'paid',
  'unpaid',
  'unreachable',
  'throttled',
  'forbidden',
  'unauthorized',
  'failed',
] as const
export type KhqrCheckState = (typeof KHQR_CHECK_STATES)[number]

export interface BakongTransaction {
  hash: string
  fromAccountId: string
  toAccountId: string
  currency: 'USD' | 'KHR'
  /** minor units, integer */
  amount: number
  createdAtMs: number
  acknowledgedAtMs: number | null
  description: string | null
  externalRef: string | null
}

export interface KhqrCheckResult {
  md5: string
  state: KhqrCheckState
  transaction?: BakongTransaction
  retryAfterMs?: number
  detail?: string
}

export interface KhqrChecker {
  check(md5s: readonly string[]): Promise<KhqrCheckResult[]>
}
