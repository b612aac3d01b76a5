import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS } from '../../../shared/sync-protocol.ts'

export { MAX_BATCH_BYTES, MAX_BATCH_EVENTS }

/** Room for the batch envelope (terminal id, batch id, versions) around the events. */
const ENVELOPE_BYTES = 1024
/** What an event adds to the JSON around its payload: keys, ids, hashes, seq, type, time. */
export const EVENT_OVERHEAD_BYTES = 400

/**
 * How many events the next push carries. Halved on 413, a timeout or a 400 being isolated;
 * grown back by a quarter after each success, so one bad moment does not leave the drain slow.
 */
export class BatchSizer {
  private current: number
  readonly maxEvents: number
  readonly maxBytes: number

  constructor(maxEvents = MAX_BATCH_EVENTS, maxBytes = MAX_BATCH_BYTES) {
    this.maxEvents = maxEvents
    this.maxBytes = maxBytes
    this.current = maxEvents
  }

  get limit(): number {
    return this.current
  }

  /** Bytes the events themselves may take. */
  get eventBytes(): number {
    return this.maxBytes - ENVELOPE_BYTES
  }

  halve(below = this.current): void {
    this.current = Math.max(1, Math.floor(Math.min(this.current, below) / 2))
  }

  succeeded(): void {
    this.current = Math.min(this.maxEvents, this.current + Math.max(1, Math.floor(this.current / 4)))
  }
}

/** The longest prefix of `sizes` within `maxEvents` events and `maxBytes` bytes; at least one event. */
export function takeWithinLimits(sizes: readonly number[], maxEvents: number, maxBytes: number): number {
  let bytes = 0
  let count = 0
  for (const size of sizes) {
    if (count >= maxEvents) break
    if (count > 0 && bytes + size > maxBytes) break
    bytes += size
    count++
  }
  return count
}
