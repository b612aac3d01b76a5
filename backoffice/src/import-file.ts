import { createPublicKey, verify } from 'node:crypto'
import { exportSignatureText, isPlainObject, type PushEvent, validatePushRequest } from '../../shared/sync-protocol.ts'
import { badRequest } from './errors.ts'

export interface ImportBatch {
  terminalId: string
  events: PushEvent[]
  /** The terminal's signature over these events, from an exported file (null: none given). */
  signature: string | null
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
  // A terminal's export names its terminal and carries its signature over all of its events.
  const signed =
    isPlainObject(body) && typeof body.terminal_id === 'string' && typeof body.signature === 'string'
      ? { terminalId: body.terminal_id, signature: body.signature }
      : null
  return [...byTerminal].map(([terminalId, events]) => ({
    terminalId,
    events: events.sort((a, b) => a.seq - b.seq),
    signature: signed?.terminalId === terminalId ? signed.signature : null,
  }))
}

/**
 * Refuses, before anything is written, events of a terminal with an enrolment key that its key did
 * not sign exactly as they are: someone carrying the file (a cashier with the USB stick) cannot
 * change, drop or add a sale. Terminals enrolled before keys existed (`publicKey` null) are taken
 * as before.
 */
export function assertSignedByTerminal(batch: ImportBatch, publicKey: string | null): void {
  if (publicKey === null) return
  if (batch.signature === null)
    throw badRequest(
      `The events of terminal ${batch.terminalId} are not signed by it; export them again from the terminal.`,
      'signature',
      'import_unsigned',
    )
  let holds = false
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64url'), format: 'der', type: 'spki' })
    holds = verify(
      null,
      Buffer.from(exportSignatureText(batch.terminalId, batch.events)),
      key,
      Buffer.from(batch.signature, 'base64url'),
    )
  } catch {
    holds = false
  }
  if (!holds)
    throw badRequest(
      `The events of terminal ${batch.terminalId} were changed after the terminal wrote the file; nothing was imported.`,
      'signature',
      'import_signature_invalid',
    )
}
