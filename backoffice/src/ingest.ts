import { canonicalJson } from '../../shared/canonical-json.ts'
import {
  type ChainBreak,
  type EventResult,
  GENESIS_PREV_HASH,
  type PushEvent,
  type SeqGap,
} from '../../shared/sync-protocol.ts'
import { type EventProblem, projectEvent } from './projection.ts'
import { sha256Hex } from './secrets.ts'
import type { SqlRunner } from './store/types.ts'

export interface TerminalRow {
  terminal_id: string
  store_id: string
  label: string
  status: 'pending' | 'active' | 'revoked'
  acked_through_seq: number
  max_seq: number
  last_event_id: string | null
  chain_break_seq: number | null
  chain_break_reason: string | null
}

export interface IngestInput {
  terminal: TerminalRow
  batchId: string | null
  source: 'push' | 'import'
  events: readonly PushEvent[]
  receivedAt: number
  dayOffsetMinutes: number
}

export interface IngestOutcome {
  results: EventResult[]
  ackedThroughSeq: number
  lastEventId: string | null
  maxSeq: number
  gaps: SeqGap[]
  chainBreak: ChainBreak | null
}

interface StoredEvent {
  event_id: string
  terminal_id: string
  seq: number
  payload_sha256: string
  prev_hash: string
  hash: string
  state: 'accepted' | 'rejected'
  reject_code: string | null
  reject_message: string | null
}

/** The stored events a batch can touch, read in a few queries instead of several per event. */
interface KnownEvents {
  byId: Map<string, StoredEvent>
  /** This terminal's events at each seq of the batch and its neighbours. */
  bySeq: Map<number, StoredEvent>
}

const STORED_COLUMNS = 'event_id, terminal_id, seq, payload_sha256, prev_hash, hash, state, reject_code, reject_message'
const IN_CHUNK = 500

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ')
}

async function prefetch(tx: SqlRunner, terminalId: string, events: readonly PushEvent[]): Promise<KnownEvents> {
  const known: KnownEvents = { byId: new Map(), bySeq: new Map() }
  const ids = [...new Set(events.map((event) => event.event_id))]
  for (let start = 0; start < ids.length; start += IN_CHUNK) {
    const chunk = ids.slice(start, start + IN_CHUNK)
    for (const row of await tx.all<StoredEvent>(
      `SELECT ${STORED_COLUMNS} FROM sync_events WHERE event_id IN (${placeholders(chunk.length)})`,
      chunk,
    ))
      known.byId.set(row.event_id, row)
  }
  const seqs = [...new Set(events.flatMap((event) => [event.seq - 1, event.seq, event.seq + 1]))]
  for (let start = 0; start < seqs.length; start += IN_CHUNK) {
    const chunk = seqs.slice(start, start + IN_CHUNK)
    for (const row of await tx.all<StoredEvent>(
      `SELECT ${STORED_COLUMNS} FROM sync_events WHERE terminal_id = ? AND seq IN (${placeholders(chunk.length)})`,
      [terminalId, ...chunk],
    ))
      known.bySeq.set(row.seq, row)
  }
  return known
}

/** At most this many gaps are listed in one answer (a restored backup can leave thousands). */
const MAX_GAPS_LISTED = 100

/**
 * Stores a batch of one terminal's events (sync-protocol.md §4.4 steps 1–4) inside the caller's
 * transaction, whose terminal row is already locked: per event accepted, duplicate or rejected;
 * then the contiguous acknowledgement, the gaps, and the first break of the hash chain.
 */
export async function ingestEvents(tx: SqlRunner, input: IngestInput): Promise<IngestOutcome> {
  const { terminal } = input
  let chainBreak: ChainBreak | null =
    terminal.chain_break_seq === null
      ? null
      : { seq: terminal.chain_break_seq, reason: terminal.chain_break_reason ?? 'hash chain broken' }
  const noteBreak = (found: ChainBreak) => {
    if (!chainBreak || found.seq < chainBreak.seq) chainBreak = found
  }
  const known = await prefetch(tx, terminal.terminal_id, input.events)
  const shiftOpenedAt = new Map<string, number | null>()
  const results: EventResult[] = []
  for (const event of input.events) {
    const result = await ingestOne(tx, input, event, { known, shiftOpenedAt, noteBreak })
    results.push(result)
  }

  const progress = await contiguousProgress(tx, terminal.terminal_id, terminal.acked_through_seq)
  const resolvedBreak = chainBreak as ChainBreak | null
  await tx.run(
    `UPDATE terminals SET acked_through_seq = ?, max_seq = ?, last_event_id = ?, chain_break_seq = ?, chain_break_reason = ?
     WHERE terminal_id = ?`,
    [
      progress.ackedThroughSeq,
      progress.maxSeq,
      progress.lastEventId,
      resolvedBreak?.seq ?? null,
      resolvedBreak?.reason ?? null,
      terminal.terminal_id,
    ],
  )
  return { results, ...progress, chainBreak: resolvedBreak }
}

interface BatchState {
  known: KnownEvents
  shiftOpenedAt: Map<string, number | null>
  noteBreak: (found: ChainBreak) => void
}

async function ingestOne(tx: SqlRunner, input: IngestInput, event: PushEvent, batch: BatchState): Promise<EventResult> {
  const terminalId = input.terminal.terminal_id
  const reply = (status: EventResult['status'], error?: EventProblem & { retryable?: boolean }): EventResult =>
    error
      ? { event_id: event.event_id, seq: event.seq, status, error: { retryable: false, ...error } }
      : { event_id: event.event_id, seq: event.seq, status }

  let payloadText: string
  try {
    payloadText = canonicalJson(event.payload)
  } catch (error) {
    const problem = { code: 'payload_not_canonical', message: (error as Error).message }
    await recordConflict(tx, input, event, JSON.stringify(event.payload) ?? '', problem)
    return reply('rejected', problem)
  }
  if (sha256Hex(payloadText) !== event.payload_sha256) {
    const problem = {
      code: 'payload_hash_invalid',
      message: 'payload_sha256 is not the SHA-256 of the canonical JSON of the payload.',
    }
    await recordConflict(tx, input, event, payloadText, problem)
    return reply('rejected', problem)
  }
  const hash = sha256Hex(event.prev_hash + event.payload_sha256)
  if (event.hash !== undefined && event.hash !== hash) {
    const problem = { code: 'hash_invalid', message: 'hash is not sha256(prev_hash + payload_sha256).' }
    await recordConflict(tx, input, event, payloadText, problem)
    return reply('rejected', problem)
  }

  const existing = batch.known.byId.get(event.event_id)
  if (existing) {
    if (
      existing.terminal_id === terminalId &&
      existing.seq === event.seq &&
      existing.payload_sha256 === event.payload_sha256
    ) {
      if (existing.state === 'rejected')
        return reply('rejected', {
          code: existing.reject_code ?? 'rejected',
          message: existing.reject_message ?? 'This event was rejected before.',
        })
      return reply('duplicate')
    }
    const problem = {
      code: 'hash_mismatch',
      message: 'This event_id is already stored with another seq, terminal or payload.',
    }
    await recordConflict(tx, input, event, payloadText, problem)
    return reply('rejected', problem)
  }
  const seqHolder = batch.known.bySeq.get(event.seq)
  if (seqHolder) {
    const problem = {
      code: 'hash_mismatch',
      message: `seq ${event.seq} already holds another event (${seqHolder.event_id}).`,
    }
    await recordConflict(tx, input, event, payloadText, problem)
    return reply('rejected', problem)
  }

  const inserted = await tx.run(
    `INSERT INTO sync_events (event_id, terminal_id, store_id, seq, type, payload, payload_sha256, prev_hash, hash,
       occurred_at_device, received_at, batch_id, source, state)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'accepted') ON CONFLICT DO NOTHING`,
    [
      event.event_id,
      terminalId,
      input.terminal.store_id,
      event.seq,
      event.type,
      payloadText,
      event.payload_sha256,
      event.prev_hash,
      hash,
      event.occurred_at_device,
      input.receivedAt,
      input.batchId,
      input.source,
    ],
  )
  if (inserted.changes === 0) {
    // Another terminal's transaction stored this event_id between our check and our insert.
    const conflict = { code: 'hash_mismatch', message: 'This event_id was stored by another terminal.' }
    await recordConflict(tx, input, event, payloadText, conflict)
    return reply('rejected', conflict)
  }
  const problem = await projectEvent(tx, event.type, event.payload, {
    terminalId,
    storeId: input.terminal.store_id,
    eventId: event.event_id,
    dayOffsetMinutes: input.dayOffsetMinutes,
    shiftOpenedAt: batch.shiftOpenedAt,
  })
  if (problem)
    await tx.run("UPDATE sync_events SET state = 'rejected', reject_code = ?, reject_message = ? WHERE event_id = ?", [
      problem.code,
      problem.message,
      event.event_id,
    ])
  const stored: StoredEvent = {
    event_id: event.event_id,
    terminal_id: terminalId,
    seq: event.seq,
    payload_sha256: event.payload_sha256,
    prev_hash: event.prev_hash,
    hash,
    state: problem ? 'rejected' : 'accepted',
    reject_code: problem?.code ?? null,
    reject_message: problem?.message ?? null,
  }
  batch.known.byId.set(event.event_id, stored)
  batch.known.bySeq.set(event.seq, stored)
  checkChainAround(batch.known.bySeq, event, hash, batch.noteBreak)
  return problem ? reply('rejected', problem) : reply('accepted')
}

/** The links on both sides of a new event: its prev_hash against the event before, its hash against the one after. */
function checkChainAround(
  bySeq: Map<number, StoredEvent>,
  event: PushEvent,
  hash: string,
  noteBreak: (found: ChainBreak) => void,
): void {
  if (event.seq === 1) {
    if (event.prev_hash !== GENESIS_PREV_HASH)
      noteBreak({ seq: 1, reason: 'the first event does not start from the genesis hash' })
  } else {
    const before = bySeq.get(event.seq - 1)
    if (before && before.hash !== event.prev_hash)
      noteBreak({ seq: event.seq, reason: `prev_hash does not match the hash of seq ${event.seq - 1}` })
  }
  const after = bySeq.get(event.seq + 1)
  if (after && after.prev_hash !== hash)
    noteBreak({ seq: event.seq + 1, reason: `prev_hash does not match the hash of seq ${event.seq}` })
}

async function recordConflict(
  tx: SqlRunner,
  input: IngestInput,
  event: PushEvent,
  payloadText: string,
  problem: EventProblem,
): Promise<void> {
  await tx.run(
    `INSERT INTO event_conflicts (terminal_id, event_id, seq, type, payload, payload_sha256, code, message, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      input.terminal.terminal_id,
      event.event_id,
      event.seq,
      event.type,
      payloadText.slice(0, 64 * 1024),
      event.payload_sha256,
      problem.code,
      problem.message,
      input.receivedAt,
    ],
  )
}

/** Advances the acknowledgement over every stored seq that follows it without a hole; lists the holes after. */
export async function contiguousProgress(
  tx: SqlRunner,
  terminalId: string,
  ackedFrom: number,
): Promise<{ ackedThroughSeq: number; maxSeq: number; lastEventId: string | null; gaps: SeqGap[] }> {
  let acked = ackedFrom
  let lastEventId: string | null = null
  for (;;) {
    const rows = await tx.all<{ seq: number; event_id: string }>(
      'SELECT seq, event_id FROM sync_events WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT 1000',
      [terminalId, acked],
    )
    let advanced = false
    for (const row of rows) {
      if (row.seq !== acked + 1) break
      acked = row.seq
      lastEventId = row.event_id
      advanced = true
    }
    if (!advanced || rows.length < 1000 || rows[rows.length - 1]?.seq !== acked) break
  }
  if (lastEventId === null && acked > 0) {
    const row = await tx.get<{ event_id: string }>(
      'SELECT event_id FROM sync_events WHERE terminal_id = ? AND seq = ?',
      [terminalId, acked],
    )
    lastEventId = row?.event_id ?? null
  }
  const max = await tx.get<{ max_seq: number | null }>(
    'SELECT MAX(seq) AS max_seq FROM sync_events WHERE terminal_id = ?',
    [terminalId],
  )
  const maxSeq = Number(max?.max_seq ?? 0)
  const gaps: SeqGap[] = []
  if (maxSeq > acked) {
    const after = await tx.all<{ seq: number }>(
      'SELECT seq FROM sync_events WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT 10000',
      [terminalId, acked],
    )
    let expected = acked + 1
    for (const { seq } of after) {
      if (seq > expected) gaps.push({ from: expected, to: seq - 1 })
      if (gaps.length >= MAX_GAPS_LISTED) break
      expected = seq + 1
    }
  }
  return { ackedThroughSeq: acked, maxSeq, lastEventId, gaps }
}
