/** Retry delays: exponential backoff with full jitter (docs/sync-protocol.md §3.7), 1 s to 60 s. */
export interface BackoffPolicy {
  baseMs: number
  capMs: number
}

export const SYNC_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 60_000 }

/** `random(0, min(cap, base·2^failures))`: failure 0 waits up to 1 s, failure 6 and later up to 60 s. */
export function fullJitterDelay(failures: number, random: () => number, policy: BackoffPolicy = SYNC_BACKOFF): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(failures, 0), 30))
  return Math.floor(random() * ceiling)
}

/** Retry-After in milliseconds from either of its forms (delta seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined) return null
  const text = value.trim()
  if (/^\d+$/.test(text)) return Math.min(Number(text), 24 * 3600) * 1000
  const at = Date.parse(text)
  if (Number.isNaN(at)) return null
  return Math.max(0, at - now)
}

/** The wait before the next try: at least what the server asked for, else the jittered backoff. */
export function retryDelay(
  failures: number,
  random: () => number,
  retryAfterMs: number | null,
  policy: BackoffPolicy = SYNC_BACKOFF,
): number {
  const jittered = fullJitterDelay(failures, random, policy)
  return retryAfterMs === null ? jittered : Math.max(retryAfterMs, jittered)
}
