import { canonicalJson } from '../../shared/canonical-json.ts'
import {
  type ChainBreak,
  type EventResult,
  GENESIS_PREV_HASH,
  type PushEvent,
  type SeqGap,
} from '../../shared/sync-protocol.ts'
import { applyProjections, type EventProblem, type ProjectionPlan, planProjection } from './projection.ts'
import { sha256Hex } from './secrets.ts'
import type { RowsColumn, SqlRunner } from './store/types.ts'

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
  if (events.length === 0) return known
  const ids = [...new Set(events.map((event) => event.event_id))]
  const seqs = [...new Set(events.flatMap((event) => [event.seq - 1, event.seq, event.seq + 1]))]
  const lowest = Math.min(...seqs)
  const highest = Math.max(...seqs)
  // A batch is almost always a run of seqs: then one range, read in the same query as the ids.
  const asRange = highest - lowest < 2 * seqs.length
  const wanted = new Set(seqs)
  for (let start = 0; start < ids.length; start += IN_CHUNK) {
    const table = tx.rowsTable(
      [['event_id', 'text']],
      ids.slice(start, start + IN_CHUNK).map((id) => [id]),
    )
    const withRange = asRange && start === 0
    const rows = await tx.all<StoredEvent & { found_by: 'id' | 'seq' }>(
      `SELECT 'id' AS found_by, ${STORED_COLUMNS} FROM sync_events WHERE event_id IN (SELECT event_id FROM ${table.sql} AS r)${
        withRange
          ? ` UNION ALL SELECT 'seq' AS found_by, ${STORED_COLUMNS} FROM sync_events WHERE terminal_id = ? AND seq >= ? AND seq <= ?`
          : ''
      }`,
      withRange ? [...table.params, terminalId, lowest, highest] : table.params,
    )
    for (const { found_by, ...row } of rows) {
      if (found_by === 'id') known.byId.set(row.event_id, row)
      else if (wanted.has(row.seq)) known.bySeq.set(row.seq, row)
    }
  }
  if (asRange) return known
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
/** Rows per multi-row INSERT: 16 parameters each, well under SQLite's 32 766. */
const ROWS_PER_INSERT = 500

/** An event after the checks that need no database: its canonical text, its hash, its projection plan. */
interface Checked {
  event: PushEvent
  payloadText: string
  hash: string
  /** An integrity problem (not canonical, wrong payload hash, wrong hash): recorded as a conflict. */
  integrity: EventProblem | null
  plan: ProjectionPlan | { kind: 'problem'; problem: EventProblem }
}

function check(event: PushEvent): Checked {
  let payloadText: string
  try {
    payloadText = canonicalJson(event.payload)
  } catch (error) {
    return {
      event,
      payloadText: JSON.stringify(event.payload) ?? '',
      hash: '',
      integrity: { code: 'payload_not_canonical', message: (error as Error).message },
      plan: { kind: 'none' },
    }
  }
  const hash = sha256Hex(event.prev_hash + event.payload_sha256)
  let integrity: EventProblem | null = null
  if (sha256Hex(payloadText) !== event.payload_sha256)
    integrity = {
      code: 'payload_hash_invalid',
      message: 'payload_sha256 is not the SHA-256 of the canonical JSON of the payload.',
    }
  else if (event.hash !== undefined && event.hash !== hash)
    integrity = { code: 'hash_invalid', message: 'hash is not sha256(prev_hash + payload_sha256).' }
  return {
    event,
    payloadText,
    hash,
    integrity,
    plan: integrity ? { kind: 'none' } : planProjection(event.type, event.payload),
  }
}

/** What a batch does, decided in memory against the stored events, in the batch's order. */
interface Decision {
  /** Per event: its answer when known without inserting, else the index of its row in `inserts`. */
  outcomes: ({ result: EventResult } | { insert: number })[]
  inserts: { checked: Checked; stored: StoredEvent }[]
  conflicts: { checked: Checked; problem: EventProblem }[]
  breaks: ChainBreak[]
}

const RACED_MESSAGE = 'This event_id was stored by another terminal.'

function replyOf(event: PushEvent, status: EventResult['status'], error?: EventProblem): EventResult {
  return error
    ? { event_id: event.event_id, seq: event.seq, status, error: { retryable: false, ...error } }
    : { event_id: event.event_id, seq: event.seq, status }
}

/**
 * Walks the batch in order as if each new event were inserted when reached (later events of the
 * batch see earlier ones), so the answers are those of inserting one by one. `raced` holds the
 * event_ids that another terminal stored between our read and our insert.
 */
function decide(
  terminalId: string,
  batch: readonly Checked[],
  stored: KnownEvents,
  raced: ReadonlySet<string>,
): Decision {
  const known: KnownEvents = { byId: new Map(stored.byId), bySeq: new Map(stored.bySeq) }
  const decision: Decision = { outcomes: [], inserts: [], conflicts: [], breaks: [] }
  const conflict = (checked: Checked, problem: EventProblem) => {
    decision.conflicts.push({ checked, problem })
    decision.outcomes.push({ result: replyOf(checked.event, 'rejected', problem) })
  }
  for (const checked of batch) {
    const { event } = checked
    if (checked.integrity) {
      conflict(checked, checked.integrity)
      continue
    }
    const existing = known.byId.get(event.event_id)
    if (existing) {
      if (
        existing.terminal_id === terminalId &&
        existing.seq === event.seq &&
        existing.payload_sha256 === event.payload_sha256
      ) {
        decision.outcomes.push({
          result:
            existing.state === 'rejected'
              ? replyOf(event, 'rejected', {
                  code: existing.reject_code ?? 'rejected',
                  message: existing.reject_message ?? 'This event was rejected before.',
                })
              : replyOf(event, 'duplicate'),
        })
        continue
      }
      conflict(checked, {
        code: 'hash_mismatch',
        message: 'This event_id is already stored with another seq, terminal or payload.',
      })
      continue
    }
    const seqHolder = known.bySeq.get(event.seq)
    if (seqHolder) {
      conflict(checked, {
        code: 'hash_mismatch',
        message: `seq ${event.seq} already holds another event (${seqHolder.event_id}).`,
      })
      continue
    }
    if (raced.has(event.event_id)) {
      conflict(checked, { code: 'hash_mismatch', message: RACED_MESSAGE })
      continue
    }
    const problem = checked.plan.kind === 'problem' ? checked.plan.problem : null
    const row: StoredEvent = {
      event_id: event.event_id,
      terminal_id: terminalId,
      seq: event.seq,
      payload_sha256: event.payload_sha256,
      prev_hash: event.prev_hash,
      hash: checked.hash,
      state: problem ? 'rejected' : 'accepted',
      reject_code: problem?.code ?? null,
      reject_message: problem?.message ?? null,
    }
    known.byId.set(event.event_id, row)
    known.bySeq.set(event.seq, row)
    checkChainAround(known.bySeq, event, checked.hash, (found) => decision.breaks.push(found))
    decision.outcomes.push({ insert: decision.inserts.length })
    decision.inserts.push({ checked, stored: row })
  }
  return decision
}

const EVENT_COLUMNS: readonly RowsColumn[] = [
  ['event_id', 'text'],
  ['terminal_id', 'text'],
  ['store_id', 'text'],
  ['seq', 'bigint'],
  ['type', 'text'],
  ['payload', 'text'],
  ['payload_sha256', 'text'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
  ['occurred_at_device', 'bigint'],
  ['received_at', 'bigint'],
  ['batch_id', 'text'],
  ['source', 'text'],
  ['state', 'text'],
  ['reject_code', 'text'],
  ['reject_message', 'text'],
]
const EVENT_NAMES = EVENT_COLUMNS.map(([name]) => name).join(', ')

const CONFLICT_COLUMNS: readonly RowsColumn[] = [
  ['terminal_id', 'text'],
  ['event_id', 'text'],
  ['seq', 'bigint'],
  ['type', 'text'],
  ['payload', 'text'],
  ['payload_sha256', 'text'],
  ['code', 'text'],
  ['message', 'text'],
  ['received_at', 'bigint'],
]
const CONFLICT_NAMES = CONFLICT_COLUMNS.map(([name]) => name).join(', ')

/** Inserts the new events, one statement per 500; returns the event_ids actually inserted. */
async function insertEvents(tx: SqlRunner, input: IngestInput, rows: Decision['inserts']): Promise<Set<string>> {
  const inserted = new Set<string>()
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const table = tx.rowsTable(
      EVENT_COLUMNS,
      rows
        .slice(start, start + ROWS_PER_INSERT)
        .map(({ checked, stored }) => [
          stored.event_id,
          stored.terminal_id,
          input.terminal.store_id,
          stored.seq,
          checked.event.type,
          checked.payloadText,
          stored.payload_sha256,
          stored.prev_hash,
          stored.hash,
          checked.event.occurred_at_device,
          input.receivedAt,
          input.batchId,
          input.source,
          stored.state,
          stored.reject_code,
          stored.reject_message,
        ]),
    )
    // `WHERE true` tells SQLite's parser that ON CONFLICT is the upsert clause, not a join's ON.
    const returned = await tx.all<{ event_id: string }>(
      `INSERT INTO sync_events (${EVENT_NAMES}) SELECT ${EVENT_NAMES} FROM ${table.sql} AS r WHERE true
       ON CONFLICT DO NOTHING RETURNING event_id`,
      table.params,
    )
    for (const row of returned) inserted.add(row.event_id)
  }
  return inserted
}

async function recordConflicts(tx: SqlRunner, input: IngestInput, conflicts: Decision['conflicts']): Promise<void> {
  for (let start = 0; start < conflicts.length; start += ROWS_PER_INSERT) {
    const table = tx.rowsTable(
      CONFLICT_COLUMNS,
      conflicts
        .slice(start, start + ROWS_PER_INSERT)
        .map(({ checked, problem }) => [
          input.terminal.terminal_id,
          checked.event.event_id,
          checked.event.seq,
          checked.event.type,
          checked.payloadText.slice(0, 64 * 1024),
          checked.event.payload_sha256,
          problem.code,
          problem.message,
          input.receivedAt,
        ]),
    )
    await tx.run(
      `INSERT INTO event_conflicts (${CONFLICT_NAMES}) SELECT ${CONFLICT_NAMES} FROM ${table.sql} AS r`,
      table.params,
    )
  }
}

/**
 * Stores a batch of one terminal's events (sync-protocol.md §4.4 steps 1–4) inside the caller's
 * transaction, whose terminal row is already locked: per event accepted, duplicate or rejected;
 * then the contiguous acknowledgement, the gaps, and the first break of the hash chain.
 *
 * Set-based: the stored neighbours are read in a few queries, every answer is decided in memory
 * in the batch's order, then the new events, the conflicts and the read models are written in a
 * few multi-row statements, so a batch costs about ten round trips whatever its size.
 */
export async function ingestEvents(tx: SqlRunner, input: IngestInput): Promise<IngestOutcome> {
  const { terminal } = input
  const terminalId = terminal.terminal_id
  const batch = input.events.map(check)
  const known = await prefetch(tx, terminalId, input.events)

  // Another terminal's transaction may store one of our event_ids between the read and the insert:
  // then take back what this attempt inserted and decide again with that id taken.
  const raced = new Set<string>()
  let decision: Decision
  for (;;) {
    decision = decide(terminalId, batch, known, raced)
    const inserted = await insertEvents(tx, input, decision.inserts)
    if (inserted.size === decision.inserts.length) break
    for (const { stored } of decision.inserts) if (!inserted.has(stored.event_id)) raced.add(stored.event_id)
    const mine = [...inserted]
    for (let start = 0; start < mine.length; start += IN_CHUNK) {
      const chunk = mine.slice(start, start + IN_CHUNK)
      await tx.run(`DELETE FROM sync_events WHERE event_id IN (${placeholders(chunk.length)})`, chunk)
    }
  }
  await recordConflicts(tx, input, decision.conflicts)

  const shiftOpenedAt = new Map<string, number | null>()
  await applyProjections(
    tx,
    decision.inserts.flatMap(({ checked }) =>
      checked.plan.kind === 'problem'
        ? []
        : [
            {
              plan: checked.plan,
              context: {
                terminalId,
                storeId: terminal.store_id,
                eventId: checked.event.event_id,
                dayOffsetMinutes: input.dayOffsetMinutes,
                shiftOpenedAt,
              },
            },
          ],
    ),
  )

  let chainBreak: ChainBreak | null =
    terminal.chain_break_seq === null
      ? null
      : { seq: terminal.chain_break_seq, reason: terminal.chain_break_reason ?? 'hash chain broken' }
  for (const found of decision.breaks) if (!chainBreak || found.seq < chainBreak.seq) chainBreak = found
  const results = decision.outcomes.map((outcome) => {
    if ('result' in outcome) return outcome.result
    const { checked, stored } = decision.inserts[outcome.insert] as Decision['inserts'][number]
    return stored.reject_code
      ? replyOf(checked.event, 'rejected', { code: stored.reject_code, message: stored.reject_message ?? '' })
      : replyOf(checked.event, 'accepted')
  })

  const progress = await contiguousProgress(tx, terminalId, terminal.acked_through_seq)
  await tx.run(
    `UPDATE terminals SET acked_through_seq = ?, max_seq = ?, last_event_id = ?, chain_break_seq = ?, chain_break_reason = ?
     WHERE terminal_id = ?`,
    [
      progress.ackedThroughSeq,
      progress.maxSeq,
      progress.lastEventId,
      chainBreak?.seq ?? null,
      chainBreak?.reason ?? null,
      terminalId,
    ],
  )
  return { results, ...progress, chainBreak }
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
