/**
 * Token buckets in memory, one per key: `capacity` requests at once, refilled at `perMinute`.
 * Good enough for one process; what it guards (guessing enrolment codes or the owner password,
 * a terminal stuck in a tight retry loop) needs no more.
 */
export function createRateLimiter(now: () => number) {
  const buckets = new Map<string, { tokens: number; at: number }>()
  return {
    /** Takes one token; returns 0 when allowed, else the milliseconds to wait. */
    take(key: string, perMinute: number, capacity = perMinute): number {
      const time = now()
      const bucket = buckets.get(key) ?? { tokens: capacity, at: time }
      bucket.tokens = Math.min(capacity, bucket.tokens + ((time - bucket.at) * perMinute) / 60_000)
      bucket.at = time
      buckets.set(key, bucket)
      if (buckets.size > 10_000) buckets.clear()
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1
        return 0
      }
      return Math.ceil(((1 - bucket.tokens) * 60_000) / perMinute)
    },
  }
}

export type RateLimiter = ReturnType<typeof createRateLimiter>
