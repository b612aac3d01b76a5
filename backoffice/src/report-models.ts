import type { PaymentRow, RefundDetails, SaleDetails } from './report-rows.ts'
import type { RowsColumn, SqlRunner, SqlValue } from './store/types.ts'

/**
 * Writes the report read models (sale_lines, refund_lines, payments, cashiers) of documents just
 * kept, in multi-row statements of at most 500 rows, each row keyed by its event and position and
 * written with ON CONFLICT DO NOTHING: writing a document's rows twice changes nothing. Each row
 * carries its document's state (business day, terminal, practice, voided), and the follow…
 * functions keep it in step when that state changes later.
 */

const ROWS_PER_STATEMENT = 500

/** Where a kept document stands, as its sales or refunds row says. */
export interface DocumentState {
  eventId: string
  terminalId: string
  businessDay: string
  currency: string
  demo: number
  voided: number
}

const STATE_COLUMNS: readonly RowsColumn[] = [
  ['business_day', 'text'],
  ['terminal_id', 'text'],
  ['event_id', 'text'],
]

/** The values of STATE_COLUMNS: where a detail row is found (its day, terminal, document). */
function stateKey(state: DocumentState): SqlValue[] {
  return [state.businessDay, state.terminalId, state.eventId]
}

const SALE_LINE_COLUMNS: readonly RowsColumn[] = [
  ...STATE_COLUMNS,
  ['line_no', 'bigint'],
  ['demo', 'bigint'],
  ['voided', 'bigint'],
  ['currency', 'text'],
  ['line_id', 'text'],
  ['product_id', 'text'],
  ['sku', 'text'],
  ['name_en', 'text'],
  ['name_km', 'text'],
  ['category_id', 'text'],
  ['category_en', 'text'],
  ['category_km', 'text'],
  ['sold_by', 'text'],
  ['quantity', 'bigint'],
  ['total_minor', 'bigint'],
  ['total_khr', 'bigint'],
]

const REFUND_LINE_COLUMNS: readonly RowsColumn[] = [
  ...STATE_COLUMNS,
  ['line_no', 'bigint'],
  ['demo', 'bigint'],
  ['currency', 'text'],
  ['refund_of_line', 'text'],
  ['sku', 'text'],
  ['sold_by', 'text'],
  ['quantity', 'bigint'],
  ['total_minor', 'bigint'],
  ['total_khr', 'bigint'],
]

const CASHIER_COLUMNS: readonly RowsColumn[] = [
  ['cashier_id', 'text'],
  ['terminal_id', 'text'],
  ['name', 'text'],
]

const PAYMENT_COLUMNS: readonly RowsColumn[] = [
  ...STATE_COLUMNS,
  ['position', 'bigint'],
  ['demo', 'bigint'],
  ['voided', 'bigint'],
  ['method', 'text'],
  ['role', 'text'],
  ['amount_minor', 'bigint'],
  ['amount_khr', 'bigint'],
]

async function insertRows(
  tx: SqlRunner,
  table: string,
  columns: readonly RowsColumn[],
  rows: readonly (readonly SqlValue[])[],
): Promise<void> {
  const names = columns.map(([name]) => name).join(', ')
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const literal = tx.rowsTable(columns, rows.slice(start, start + ROWS_PER_STATEMENT))
    // `WHERE true` tells SQLite's parser that ON CONFLICT is the upsert clause, not a join's ON.
    await tx.run(
      `INSERT INTO ${table} (${names}) SELECT ${names} FROM ${literal.sql} AS r WHERE true ON CONFLICT DO NOTHING`,
      literal.params,
    )
  }
}

/** The money of kept documents (sales or refunds), each row keyed by its document's event. */
async function insertPayments(
  tx: SqlRunner,
  documents: readonly { state: DocumentState; details: { payments: readonly PaymentRow[] } }[],
): Promise<void> {
  await insertRows(
    tx,
    'payments',
    PAYMENT_COLUMNS,
    documents.flatMap(({ state, details }) =>
      details.payments.map((payment) => [
        ...stateKey(state),
        payment.position,
        state.demo,
        state.voided,
        payment.method,
        payment.role,
        payment.amountMinor,
        payment.amountKhr,
      ]),
    ),
  )
}

export interface KeptSale {
  state: DocumentState
  details: SaleDetails
}

/**
 * The cashiers of kept sales: each one's terminal, and their name once a terminal sends it. Only
 * the terminal that first named a cashier may name them again.
 */
async function upsertCashiers(tx: SqlRunner, sales: readonly KeptSale[]): Promise<void> {
  const cashiers = new Map<string, [string, string | null]>()
  for (const { state, details } of sales) {
    if (details.cashierId === null) continue
    const known = cashiers.get(details.cashierId)
    cashiers.set(details.cashierId, [known?.[0] ?? state.terminalId, details.cashierName ?? known?.[1] ?? null])
  }
  const rows = [...cashiers].map(([id, [terminalId, name]]) => [id, terminalId, name])
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const literal = tx.rowsTable(CASHIER_COLUMNS, rows.slice(start, start + ROWS_PER_STATEMENT))
    await tx.run(
      `INSERT INTO cashiers (cashier_id, terminal_id, name) SELECT cashier_id, terminal_id, name FROM ${literal.sql} AS r
       WHERE true ON CONFLICT (cashier_id) DO UPDATE SET name = COALESCE(excluded.name, cashiers.name)
       WHERE cashiers.terminal_id = excluded.terminal_id`,
      literal.params,
    )
  }
}

export async function insertSaleDetails(tx: SqlRunner, sales: readonly KeptSale[]): Promise<void> {
  await upsertCashiers(tx, sales)
  await insertRows(
    tx,
    'sale_lines',
    SALE_LINE_COLUMNS,
    sales.flatMap(({ state, details }) =>
      details.lines.map((line) => [
        ...stateKey(state),
        line.lineNo,
        state.demo,
        state.voided,
        state.currency,
        line.lineId,
        line.productId,
        line.sku,
        line.nameEn,
        line.nameKm,
        line.categoryId,
        line.categoryEn,
        line.categoryKm,
        line.soldBy,
        line.quantity,
        line.totalMinor,
        line.totalKhr,
      ]),
    ),
  )
  await insertPayments(tx, sales)
}

export interface KeptRefund {
  state: DocumentState
  details: RefundDetails
}

export async function insertRefundDetails(tx: SqlRunner, refunds: readonly KeptRefund[]): Promise<void> {
  await insertRows(
    tx,
    'refund_lines',
    REFUND_LINE_COLUMNS,
    refunds.flatMap(({ state, details }) =>
      details.lines.map((line) => [
        ...stateKey(state),
        line.lineNo,
        state.demo,
        state.currency,
        line.refundOfLine,
        line.sku,
        line.soldBy,
        line.quantity,
        line.totalMinor,
        line.totalKhr,
      ]),
    ),
  )
  await insertPayments(tx, refunds)
}

/** A sale just voided: its lines and money leave the reports with it. */
export async function followVoid(tx: SqlRunner, terminalId: string, saleId: string): Promise<void> {
  const voided = 'SELECT event_id FROM sales WHERE sale_id = ? AND terminal_id = ? AND void_id IS NOT NULL'
  for (const table of ['sale_lines', 'payments'])
    await tx.run(`UPDATE ${table} SET voided = 1 WHERE voided = 0 AND event_id IN (${voided})`, [saleId, terminalId])
}

/** A shift that arrived after its documents: their lines and money move to its business day with them. */
export async function followShiftDay(tx: SqlRunner, terminalId: string, shiftId: string, day: string): Promise<void> {
  const documents = [
    ['sales', ['sale_lines', 'payments']],
    ['refunds', ['refund_lines', 'payments']],
  ] as const
  for (const [owner, tables] of documents)
    for (const table of tables)
      await tx.run(
        `UPDATE ${table} SET business_day = ? WHERE business_day <> ? AND event_id IN
           (SELECT event_id FROM ${owner} WHERE shift_id = ? AND terminal_id = ?)`,
        [day, day, shiftId, terminalId],
      )
}

/** The end of the demo: the detail rows of the practice documents leave the reports with them. */
export async function followDemo(
  tx: SqlRunner,
  terminalId: string,
  practiceEvents: string,
  params: readonly SqlValue[],
) {
  for (const table of ['sale_lines', 'refund_lines', 'payments'])
    await tx.run(`UPDATE ${table} SET demo = 1 WHERE terminal_id = ? AND event_id IN (${practiceEvents})`, [
      terminalId,
      ...params,
    ])
}
