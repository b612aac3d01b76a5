import { type PushRequest, SYNC_SCHEMA_VERSION } from '../../../shared/sync-protocol.ts'
import { uuidv7 } from '../ids.ts'
import type { PendingEvent, QueuedEvent } from './outbox-queue.ts'

/** One batch as `POST /v1/sync/events` takes it (docs/sync-protocol.md §4.3); also the export format. */
/**
 * The same batch as UTF-8 JSON bytes, spliced from the stored canonical payload bytes instead of
 * parsing and re-serialising each one: a long drain makes far less garbage this way.
 */
export function pushBodyJson(
  terminalId: string,
  events: readonly PendingEvent[],
  options: { appVersion: string; sentAt: number },
): Buffer {
  const head = JSON.stringify({
    terminal_id: terminalId,
    batch_id: uuidv7(options.sentAt),
    schema_version: SYNC_SCHEMA_VERSION,
    app_version: options.appVersion,
    sent_at_device: options.sentAt,
  })
  const parts: Uint8Array[] = [Buffer.from(`${head.slice(0, -1)},"events":[`)]
  events.forEach((event, index) => {
    parts.push(
      Buffer.from(
        `${index > 0 ? ',' : ''}{"event_id":${JSON.stringify(event.event_id)},"seq":${event.seq},"type":${JSON.stringify(event.type)},"occurred_at_device":${event.occurred_at_device},"payload_sha256":${JSON.stringify(event.payload_sha256)},"prev_hash":${JSON.stringify(event.prev_hash)},"hash":${JSON.stringify(event.hash)},"payload":`,
      ),
      event.payload,
      CLOSE_EVENT,
    )
  })
  parts.push(CLOSE_BATCH)
  return Buffer.concat(parts)
}

const CLOSE_EVENT = Buffer.from('}')
const CLOSE_BATCH = Buffer.from(']}')

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
