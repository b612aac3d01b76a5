import { type PushRequest, SYNC_SCHEMA_VERSION } from '../../../shared/sync-protocol.ts'
import { uuidv7 } from '../ids.ts'
import type { QueuedEvent } from './outbox-queue.ts'

/** One batch as `POST /v1/sync/events` takes it (docs/sync-protocol.md §4.3); also the export format. */
export function pushBody(
  terminalId: string,
  events: readonly QueuedEvent[],
  options: { appVersion: string; sentAt: number },
): PushRequest {
  return {
    terminal_id: terminalId,
    batch_id: uuidv7(options.sentAt),
    schema_version: SYNC_SCHEMA_VERSION,
    app_version: options.appVersion,
    sent_at_device: options.sentAt,
    events: events.map((event) => ({
      event_id: event.event_id,
      seq: event.seq,
      type: event.type,
      occurred_at_device: event.occurred_at_device,
      payload_sha256: event.payload_sha256,
      prev_hash: event.prev_hash,
      hash: event.hash,
      // Canonical JSON parses back to the same canonical form, so the server's hash matches ours.
      payload: JSON.parse(event.payload) as Record<string, unknown>,
    })),
  }
}
