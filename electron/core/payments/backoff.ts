export interface BackoffPolicy {
  baseMs: number
  capMs: number
  /** No wait is shorter, so a run of small random draws cannot turn polling into a busy loop. */
  floorMs: number
}

/** While a QR is on screen (sync-protocol.md §4.5): from 2 s, doubling, capped at 10 s. */
export const KHQR_POLL_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 10_000, floorMs: 500 }

/**
 * The wait before check number `attempt` (0-based): exponential backoff with full jitter, a
 * uniform draw below min(cap, base·2^attempt), so many tills never poll in step. A server's
 * Retry-After is a minimum that wins over the cap.
 */
export function backoffDelay(
  attempt: number,
  random: () => number,
  policy: BackoffPolicy = KHQR_POLL_BACKOFF,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30))
  const jittered = Math.max(policy.floorMs, Math.floor(random() * ceiling))
  return retryAfterMs === undefined ? jittered : Math.max(jittered, retryAfterMs)
}
