import {
  isIntegerIn,
  isPlainObject,
  isTextOf,
  SYNC_EVENT_TYPES,
  type SyncEventType,
} from '../../shared/sync-protocol.ts'
import { followDemo, followShiftDay, followVoid, insertRefundDetails, insertSaleDetails } from './report-models.ts'
import { refundDetails, type SaleDetails, saleDetails } from './report-rows.ts'
import type { RowsColumn, SqlRunner } from './store/types.ts'

/** Why an event cannot be stored as accepted: kept with the event, answered as `rejected`. */
export interface EventProblem {
  code: string
  message: string
}

export interface ProjectionContext {
  terminalId: string
  storeId: string
  eventId: string
  /** Minutes east of UTC of the shop's business day (Cambodia: +420, no summer time). */
  dayOffsetMinutes: number
  /** Shift openings already looked up in this batch (a batch is mostly one shift's sales). */
  shiftOpenedAt: Map<string, number | null>
}

type Payload = Record<string, unknown>

const MAX_MONEY = 1e15
const MAX_TIME = 4_102_444_800_000

function text(payload: Payload, key: string, max = 128): string | null {
  return isTextOf(payload[key], 1, max) ? (payload[key] as string) : null
}
function integer(payload: Payload, key: string, min = -MAX_MONEY, max = MAX_MONEY): number | null {
  return isIntegerIn(payload[key], min, max) ? (payload[key] as number) : null
}

class PayloadProblem extends Error {}

function need<T>(value: T | null, what: string): T {
  if (value === null) throw new PayloadProblem(what)
  return value
}
function needText(payload: Payload, key: string): string {
  return need(text(payload, key), `${key} must be a text of 1 to 128 characters`)
}
function needInteger(payload: Payload, key: string, min = -MAX_MONEY, max = MAX_MONEY): number {
  return need(integer(payload, key, min, max), `${key} must be an integer from ${min} to ${max}`)
}
function needTime(payload: Payload, key: string): number {
  return needInteger(payload, key, 0, MAX_TIME)
}
function needCurrency(payload: Payload, key: string): 'USD' | 'KHR' {
  const value = payload[key]
  if (value !== 'USD' && value !== 'KHR') throw new PayloadProblem(`${key} must be "USD" or "KHR"`)
  return value
}
function needObject(payload: Payload, key: string): Payload {
  const value = payload[key]
  if (!isPlainObject(value)) throw new PayloadProblem(`${key} must be an object`)
  return value
}
function optionalText(payload: Payload, key: string, max = 512): string | null {
  const value = payload[key]
  if (value === undefined || value === null) return null
  if (!isTextOf(value, 0, max)) throw new PayloadProblem(`${key} must be a text of at most ${max} characters or null`)
  return value
}

/** The shop's calendar day of an instant, `YYYY-MM-DD`. */
export function businessDayOf(epochMs: number, offsetMinutes: number): string {
  return new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 10)
}

export function isKnownEventType(type: string): type is SyncEventType {
  return (SYNC_EVENT_TYPES as readonly string[]).includes(type)
}

/** A sale's row, written together with the other sales of its batch in one statement. */
export interface SaleRow {
  saleId: string
  shiftId: string
  receiptNo: string
  currency: 'USD' | 'KHR'
  rate: number
  completedAt: number
  subtotal: number
  vat: number
  total: number
  totalKhr: number
  /** Its lines, payments and cashier, for the reports. */
  details: SaleDetails
}

type WriteOne = (tx: SqlRunner, context: ProjectionContext) => Promise<void>

/** What projecting one valid event writes: a sale row (batched), another write, or nothing. */
export type ProjectionPlan = { kind: 'none' } | { kind: 'sale'; sale: SaleRow } | { kind: 'write'; write: WriteOne }

/**
 * Checks an event's payload for its type, without touching the database: the plan of its writes
 * into the read models, or the problem that makes it `rejected`. Every write is keyed by the
 * document's own id (sale_id, refund_id, shift_id, request_id) and written with ON CONFLICT DO
 * NOTHING or as an idempotent update, so projecting an event twice changes nothing.
 */
export function planProjection(
  type: string,
  payload: Payload,
): ProjectionPlan | { kind: 'problem'; problem: EventProblem } {
  if (!isKnownEventType(type))
    return {
      kind: 'problem',
      problem: { code: 'unknown_event_type', message: `The back office does not know events of type "${type}".` },
    }
  const projector = PROJECTORS[type]
  if (!projector) return { kind: 'none' }
  try {
    return projector(payload)
  } catch (error) {
    if (error instanceof PayloadProblem)
      return {
        kind: 'problem',
        problem: { code: 'invalid_payload', message: `A ${type} payload is invalid: ${error.message}.` },
      }
    throw error
  }
}

/** Rows per multi-row statement, well under SQLite's 32 766 parameters. */
const SALES_PER_STATEMENT = 500

/**
 * Writes the plans of a batch's stored events in their order. Runs of consecutive sales go in
 * one statement each (their shifts' openings read in one query before): sales neither read nor
 * write what another sale writes, so this is the same as writing them one by one.
 */
export async function applyProjections(
  tx: SqlRunner,
  items: readonly { plan: ProjectionPlan; context: ProjectionContext }[],
): Promise<void> {
  let index = 0
  while (index < items.length) {
    const item = items[index] as (typeof items)[number]
    if (item.plan.kind === 'write') await item.plan.write(tx, item.context)
    if (item.plan.kind !== 'sale') {
      index++
      continue
    }
    const run: { sale: SaleRow; context: ProjectionContext }[] = []
    for (; index < items.length && run.length < SALES_PER_STATEMENT; index++) {
      const next = items[index] as (typeof items)[number]
      if (next.plan.kind !== 'sale') break
      run.push({ sale: next.plan.sale, context: next.context })
    }
    await insertSales(tx, run)
  }
}

async function insertSales(
  tx: SqlRunner,
  run: readonly { sale: SaleRow; context: ProjectionContext }[],
): Promise<void> {
  for (const cache of new Set(run.map(({ context }) => context.shiftOpenedAt)))
    await lookUpShifts(
      tx,
      cache,
      run.filter(({ context }) => context.shiftOpenedAt === cache).map(({ sale }) => sale.shiftId),
    )
  const table = tx.rowsTable(
    SALE_COLUMNS,
    run.map(({ sale, context }) => [
      sale.saleId,
      context.terminalId,
      context.storeId,
      sale.shiftId,
      sale.receiptNo,
      sale.currency,
      sale.subtotal,
      sale.vat,
      sale.total,
      sale.totalKhr,
      sale.rate,
      sale.completedAt,
      businessDayOf(context.shiftOpenedAt.get(sale.shiftId) ?? sale.completedAt, context.dayOffsetMinutes),
      context.eventId,
      sale.details.cashierId,
      sale.details.cashierName,
      sale.details.vatKhr,
    ]),
  )
  // A void projected before its sale (events imported out of order) is folded in here. Rows are
  // inserted in the batch's order, so of two sales with one sale_id the first is kept, as before,
  // and only the kept sales' lines and payments are written.
  const kept = await tx.all<{ event_id: string; business_day: string; void_id: string | null; demo: number }>(
    `INSERT INTO sales (${SALE_NAMES}, void_id, voided_at)
     SELECT ${SALE_NAMES},
       (SELECT void_id FROM voids WHERE voids.sale_id = r.sale_id AND voids.terminal_id = r.terminal_id),
       (SELECT voided_at FROM voids WHERE voids.sale_id = r.sale_id AND voids.terminal_id = r.terminal_id)
     FROM ${table.sql} AS r WHERE true
     ON CONFLICT (sale_id) DO NOTHING RETURNING event_id, business_day, void_id, demo`,
    table.params,
  )
  const keptState = new Map(kept.map((row) => [row.event_id, row]))
  await insertSaleDetails(
    tx,
    run.flatMap(({ sale, context }) => {
      const row = keptState.get(context.eventId)
      if (!row) return []
      const state = {
        eventId: context.eventId,
        terminalId: context.terminalId,
        businessDay: row.business_day,
        currency: sale.currency,
        demo: Number(row.demo),
        voided: row.void_id === null ? 0 : 1,
      }
      return [{ state, details: sale.details }]
    }),
  )
}

const SALE_COLUMNS: readonly RowsColumn[] = [
  ['sale_id', 'text'],
  ['terminal_id', 'text'],
  ['store_id', 'text'],
  ['shift_id', 'text'],
  ['receipt_no', 'text'],
  ['currency', 'text'],
  ['subtotal_minor', 'bigint'],
  ['vat_minor', 'bigint'],
  ['total_minor', 'bigint'],
  ['total_khr', 'bigint'],
  ['rate_khr_per_usd', 'bigint'],
  ['completed_at', 'bigint'],
  ['business_day', 'text'],
  ['event_id', 'text'],
  ['cashier_id', 'text'],
  ['cashier_name', 'text'],
  ['vat_khr', 'bigint'],
]
const SALE_NAMES = SALE_COLUMNS.map(([name]) => name).join(', ')

type Projector = (payload: Payload) => ProjectionPlan

const write = (one: WriteOne): ProjectionPlan => ({ kind: 'write', write: one })

const PROJECTORS: Partial<Record<SyncEventType, Projector>> = {
  'sale.completed': (payload) => {
    const totals = needObject(payload, 'totals')
    const figures = {
      currency: needCurrency(payload, 'currency'),
      rate: needInteger(payload, 'rate_khr_per_usd', 1, 1_000_000),
      subtotal: needInteger(totals, 'subtotal_minor'),
      vat: needInteger(totals, 'vat_minor'),
      total: needInteger(totals, 'total_minor'),
      totalKhr: needInteger(totals, 'total_khr'),
    }
    if (!Array.isArray(payload.lines)) throw new PayloadProblem('lines must be a list')
    const sale: SaleRow = {
      ...figures,
      saleId: needText(payload, 'sale_id'),
      shiftId: needText(payload, 'shift_id'),
      receiptNo: needText(payload, 'receipt_no'),
      completedAt: needTime(payload, 'completed_at'),
      details: saleDetails(payload, figures),
    }
    return { kind: 'sale', sale }
  },
  'sale.voided': (payload) => {
    const voidId = needText(payload, 'void_id')
    const saleId = needText(payload, 'sale_id')
    const at = needTime(payload, 'at')
    // Every write below is scoped to the pushing terminal: another terminal's sale is never touched.
    return write(async (tx, context) => {
      await tx.run(
        'INSERT INTO voids (sale_id, terminal_id, void_id, voided_at) VALUES (?, ?, ?, ?) ON CONFLICT (sale_id) DO NOTHING',
        [saleId, context.terminalId, voidId, at],
      )
      await tx.run(
        'UPDATE sales SET void_id = ?, voided_at = ? WHERE sale_id = ? AND terminal_id = ? AND void_id IS NULL',
        [voidId, at, saleId, context.terminalId],
      )
      await followVoid(tx, context.terminalId, saleId)
    })
  },
  'demo.ended': (payload) => {
    const at = needTime(payload, 'at')
    // Every event this terminal sent before this one was practice: its documents leave the figures.
    return write(async (tx, context) => {
      const earlier =
        'SELECT event_id FROM sync_events WHERE terminal_id = ? AND seq < (SELECT seq FROM sync_events WHERE event_id = ?)'
      for (const table of ['sales', 'refunds', 'khqr_payments'])
        await tx.run(`UPDATE ${table} SET demo = 1 WHERE terminal_id = ? AND event_id IN (${earlier})`, [
          context.terminalId,
          context.terminalId,
          context.eventId,
        ])
      await followDemo(tx, context.terminalId, earlier, [context.terminalId, context.eventId])
      await tx.run('UPDATE shifts SET demo = 1 WHERE terminal_id = ? AND opened_at <= ?', [context.terminalId, at])
      await tx.run('UPDATE terminals SET demo_ended_at = ? WHERE terminal_id = ? AND demo_ended_at IS NULL', [
        at,
        context.terminalId,
      ])
    })
  },
  'refund.created': (payload) => {
    const totals = needObject(payload, 'totals')
    const refund = {
      refundId: needText(payload, 'refund_id'),
      saleId: needText(payload, 'sale_id'),
      shiftId: needText(payload, 'shift_id'),
      receiptNo: needText(payload, 'receipt_no'),
      currency: needCurrency(payload, 'currency'),
      total: needInteger(totals, 'total_minor'),
      at: needTime(payload, 'at'),
      rate: integer(payload, 'rate_khr_per_usd', 1, 1_000_000),
    }
    return write(async (tx, context) => {
      const day = await shiftDay(tx, refund.shiftId, refund.at, context)
      const details = refundDetails(payload, {
        currency: refund.currency,
        rate: refund.rate ?? (await saleRate(tx, refund.saleId, context.terminalId)),
        total: refund.total,
      })
      const kept = await tx.run(
        `INSERT INTO refunds (refund_id, sale_id, terminal_id, shift_id, receipt_no, currency, total_minor, refunded_at, business_day, event_id,
           vat_minor, total_khr, vat_khr, refunded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (refund_id) DO NOTHING`,
        [
          refund.refundId,
          refund.saleId,
          context.terminalId,
          refund.shiftId,
          refund.receiptNo,
          refund.currency,
          refund.total,
          refund.at,
          day,
          context.eventId,
          details.vatMinor,
          details.totalKhr,
          details.vatKhr,
          details.refundedBy,
        ],
      )
      if (kept.changes === 0) return
      const state = {
        eventId: context.eventId,
        terminalId: context.terminalId,
        businessDay: day,
        currency: refund.currency,
        demo: 0,
        voided: 0,
      }
      await insertRefundDetails(tx, [{ state, details }])
    })
  },
  'shift.opened': (payload) => {
    const shift = {
      shiftId: needText(payload, 'shift_id'),
      number: needInteger(payload, 'number', 1, MAX_MONEY),
      openedBy: needText(payload, 'opened_by'),
      openedAt: needTime(payload, 'opened_at'),
      floatUsd: needInteger(payload, 'float_usd', 0),
      floatKhr: needInteger(payload, 'float_khr', 0),
    }
    return write(async (tx, context) => {
      await tx.run(
        `INSERT INTO shifts (shift_id, terminal_id, number, opened_by, opened_at, float_usd, float_khr)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (shift_id) DO NOTHING`,
        [
          shift.shiftId,
          context.terminalId,
          shift.number,
          shift.openedBy,
          shift.openedAt,
          shift.floatUsd,
          shift.floatKhr,
        ],
      )
      context.shiftOpenedAt.set(shift.shiftId, shift.openedAt)
      // The business day is the shift's: documents that arrived before their shift move to its day.
      const day = businessDayOf(shift.openedAt, context.dayOffsetMinutes)
      await tx.run('UPDATE sales SET business_day = ? WHERE shift_id = ? AND terminal_id = ?', [
        day,
        shift.shiftId,
        context.terminalId,
      ])
      await tx.run('UPDATE refunds SET business_day = ? WHERE shift_id = ? AND terminal_id = ?', [
        day,
        shift.shiftId,
        context.terminalId,
      ])
      await followShiftDay(tx, context.terminalId, shift.shiftId, day)
    })
  },
  'shift.closed': (payload) => {
    const shift = {
      shiftId: needText(payload, 'shift_id'),
      number: needInteger(payload, 'number', 1, MAX_MONEY),
      closedBy: needText(payload, 'closed_by'),
      closedAt: needTime(payload, 'closed_at'),
      countedUsd: needInteger(payload, 'counted_usd'),
      countedKhr: needInteger(payload, 'counted_khr'),
      expectedUsd: needInteger(payload, 'expected_usd'),
      expectedKhr: needInteger(payload, 'expected_khr'),
    }
    return write(async (tx, context) => {
      // A close without its open (restored backup, lost event) still records the close.
      await tx.run(
        `INSERT INTO shifts (shift_id, terminal_id, number, opened_by, opened_at, float_usd, float_khr)
         VALUES (?, ?, ?, '', 0, 0, 0) ON CONFLICT (shift_id) DO NOTHING`,
        [shift.shiftId, context.terminalId, shift.number],
      )
      await tx.run(
        `UPDATE shifts SET closed_by = ?, closed_at = ?, counted_usd = ?, counted_khr = ?, expected_usd = ?, expected_khr = ?
         WHERE shift_id = ? AND terminal_id = ? AND closed_at IS NULL`,
        [
          shift.closedBy,
          shift.closedAt,
          shift.countedUsd,
          shift.countedKhr,
          shift.expectedUsd,
          shift.expectedKhr,
          shift.shiftId,
          context.terminalId,
        ],
      )
    })
  },
  'khqr.confirmed': (payload) => {
    const payment = {
      requestId: needText(payload, 'request_id'),
      saleId: needText(payload, 'sale_id'),
      md5: needText(payload, 'md5'),
      amount: needInteger(payload, 'amount', 0),
      currency: needCurrency(payload, 'currency'),
      source: needText(payload, 'source'),
      bakongHash: optionalText(payload, 'bakong_hash'),
      verified: payload.verified === true ? 1 : 0,
      confirmedBy: optionalText(payload, 'confirmed_by'),
      reason: optionalText(payload, 'reason'),
      at: needTime(payload, 'at'),
    }
    return write(async (tx, context) => {
      await tx.run(
        `INSERT INTO khqr_payments (request_id, sale_id, terminal_id, md5, amount, currency, source, bakong_hash, verified,
           confirmed_by, reason, confirmed_at, event_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING`,
        [
          payment.requestId,
          payment.saleId,
          context.terminalId,
          payment.md5,
          payment.amount,
          payment.currency,
          payment.source,
          payment.bakongHash,
          payment.verified,
          payment.confirmedBy,
          payment.reason,
          payment.at,
          context.eventId,
        ],
      )
      await applyPendingVerification(tx, context.terminalId, payment.requestId, payment.md5, payment.saleId)
    })
  },
  'khqr.verified': (payload) => {
    // The recheck of a hand-confirmed payment: which payment (request_id, else md5, else sale_id)
    // and the outcome ("verified", or the mismatch found).
    const requestId = optionalText(payload, 'request_id', 128)
    const md5 = optionalText(payload, 'md5', 128)
    const saleId = optionalText(payload, 'sale_id', 128)
    if (!requestId && !md5 && !saleId) throw new PayloadProblem('request_id, md5 or sale_id is needed')
    const outcome = isTextOf(payload.outcome, 1, 64)
      ? payload.outcome
      : payload.verified === true
        ? 'verified'
        : payload.verified === false
          ? 'mismatch'
          : null
    if (!outcome) throw new PayloadProblem('outcome must be a text of 1 to 64 characters')
    const detail = optionalText(payload, 'detail') ?? optionalText(payload, 'reason')
    const bakongHash = optionalText(payload, 'bakong_hash')
    const at = integer(payload, 'at', 0, MAX_TIME)
    return write(async (tx, context) => {
      await tx.run(
        `INSERT INTO khqr_verifications (key, terminal_id, outcome, detail, bakong_hash, verified_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET outcome = excluded.outcome, detail = excluded.detail,
           bakong_hash = excluded.bakong_hash, verified_at = excluded.verified_at
         WHERE khqr_verifications.terminal_id = excluded.terminal_id`,
        [requestId ?? md5 ?? saleId ?? '', context.terminalId, outcome, detail, bakongHash, at],
      )
      await applyPendingVerification(tx, context.terminalId, requestId, md5, saleId)
    })
  },
}

/** Reads the openings of the shifts not yet looked up in this batch, in one query per 500. */
async function lookUpShifts(
  tx: SqlRunner,
  cache: Map<string, number | null>,
  shiftIds: Iterable<string>,
): Promise<void> {
  const ids = [...new Set(shiftIds)].filter((id) => !cache.has(id))
  for (let start = 0; start < ids.length; start += SALES_PER_STATEMENT) {
    const chunk = ids.slice(start, start + SALES_PER_STATEMENT)
    const rows = await tx.all<{ shift_id: string; opened_at: number }>(
      `SELECT shift_id, opened_at FROM shifts WHERE shift_id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    )
    for (const row of rows) cache.set(row.shift_id, row.opened_at > 0 ? row.opened_at : null)
    for (const id of chunk) if (!cache.has(id)) cache.set(id, null)
  }
}

/** The rate of a refunded sale as stored, for a refund that does not say it. */
async function saleRate(tx: SqlRunner, saleId: string, terminalId: string): Promise<number | null> {
  const sale = await tx.get<{ rate_khr_per_usd: number }>(
    'SELECT rate_khr_per_usd FROM sales WHERE sale_id = ? AND terminal_id = ?',
    [saleId, terminalId],
  )
  return sale ? Number(sale.rate_khr_per_usd) : null
}

/** The business day of a document: its shift's opening day when the shift is known, else its own time. */
async function shiftDay(tx: SqlRunner, shiftId: string, at: number, context: ProjectionContext): Promise<string> {
  let openedAt = context.shiftOpenedAt.get(shiftId)
  if (openedAt === undefined) {
    const shift = await tx.get<{ opened_at: number }>('SELECT opened_at FROM shifts WHERE shift_id = ?', [shiftId])
    openedAt = shift && shift.opened_at > 0 ? shift.opened_at : null
    context.shiftOpenedAt.set(shiftId, openedAt)
  }
  return businessDayOf(openedAt ?? at, context.dayOffsetMinutes)
}

async function applyPendingVerification(
  tx: SqlRunner,
  terminalId: string,
  requestId: string | null,
  md5: string | null,
  saleId: string | null,
): Promise<void> {
  for (const [column, key] of [
    ['request_id', requestId],
    ['md5', md5],
    ['sale_id', saleId],
  ] as const) {
    if (!key) continue
    const pending = await tx.get<{
      outcome: string
      detail: string | null
      bakong_hash: string | null
      verified_at: number | null
    }>('SELECT outcome, detail, bakong_hash, verified_at FROM khqr_verifications WHERE key = ? AND terminal_id = ?', [
      key,
      terminalId,
    ])
    if (!pending) continue
    await tx.run(
      `UPDATE khqr_payments SET verification = ?, verification_detail = ?, verified_at = ?,
         bakong_hash = COALESCE(bakong_hash, ?) WHERE ${column} = ? AND terminal_id = ?`,
      [pending.outcome, pending.detail, pending.verified_at, pending.bakong_hash, key, terminalId],
    )
  }
}
