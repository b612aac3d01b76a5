import { isPlainObject, type PushEvent, validatePushRequest } from '../../shared/sync-protocol.ts'
import { badRequest } from './errors.ts'

export interface ImportBatch {
  terminalId: string
  events: PushEvent[]
}

const PLACEHOLDER_BATCH_ID = '00000000-0000-4000-8000-000000000000'

/**
 * Reads an exported pending-events file: one push batch, a list of push batches, `{batches: […]}`,
 * or `{terminal_id, events: […]}`. Every event is checked with the push validator, so an import
 * accepts exactly what a push would. Events are grouped per terminal, in seq order;
 * repeats are left in, for the server to answer `duplicate`.
 */
export function parseImport(body: unknown): ImportBatch[] {
  const batches: unknown[] = Array.isArray(body)
    ? body
    : isPlainObject(body) && Array.isArray(body.batches)
      ? body.batches
      : [body]
  if (batches.length === 0) throw badRequest('The file holds no batch.')
  const byTerminal = new Map<string, PushEvent[]>()
  batches.forEach((batch, index) => {
    if (!isPlainObject(batch)) throw badRequest(`Batch ${index} must be a JSON object.`, `[${index}]`)
    const checked = validatePushRequest({
      batch_id: PLACEHOLDER_BATCH_ID,
      schema_version: 1,
      app_version: 'import',
      sent_at_device: 0,
      ...batch,
    })
    if (!checked.ok) throw badRequest(checked.error.message, `[${index}].${checked.error.field}`)
    const events = byTerminal.get(checked.value.terminal_id) ?? []
    events.push(...checked.value.events)
    byTerminal.set(checked.value.terminal_id, events)
  })
  return [...byTerminal].map(([terminalId, events]) => ({
    terminalId,
    events: events.sort((a, b) => a.seq - b.seq),
  }))
}
