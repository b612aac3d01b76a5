/**
 * A hand-moved clock with its own timers, for the sync simulation and unit tests: nothing fires
 * until the test advances time, and timers due at the same moment fire in the order they were set.
 */
export interface SimClock {
  now(): number
  readonly timers: { setTimeout(callback: () => void, ms: number): unknown; clearTimeout(handle: unknown): void }
  /** Moves time by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void
  /** Jumps to the earliest pending timer and fires it; false when none is pending. */
  fireNext(): boolean
  /** Delay from now of the earliest pending timer, or null. */
  nextDelay(): number | null
  pending(): number
}

export function createSimClock(start = Date.UTC(2026, 10, 24, 2, 0, 0)): SimClock {
  let now = start
  let order = 0
  const timers = new Map<number, { at: number; order: number; callback: () => void }>()
  const earliest = () => {
    let best: [number, { at: number; order: number; callback: () => void }] | null = null
    for (const entry of timers)
      if (!best || entry[1].at < best[1].at || (entry[1].at === best[1].at && entry[1].order < best[1].order))
        best = entry
    return best
  }
  const clock: SimClock = {
    now: () => now,
    timers: {
      setTimeout(callback, ms) {
        const id = ++order
        timers.set(id, { at: now + Math.max(0, ms), order: id, callback })
        return id
      },
      clearTimeout(handle) {
        timers.delete(handle as number)
      },
    },
    advance(ms) {
      const until = now + ms
      for (let next = earliest(); next && next[1].at <= until; next = earliest()) {
        timers.delete(next[0])
        now = Math.max(now, next[1].at)
        next[1].callback()
      }
      now = until
    },
    fireNext() {
      const next = earliest()
      if (!next) return false
      timers.delete(next[0])
      now = Math.max(now, next[1].at)
      next[1].callback()
      return true
    },
    nextDelay() {
      const next = earliest()
      return next ? Math.max(0, next[1].at - now) : null
    },
    pending: () => timers.size,
  }
  return clock
}

/** Lets every promise chain that is ready run to its next real wait (none, in the simulation). */
export async function settle(rounds = 8): Promise<void> {
  for (let round = 0; round < rounds; round++) await new Promise<void>((resolve) => setImmediate(resolve))
}
