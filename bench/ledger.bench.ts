/**
 * The SQLite ledger under the POS engine (electron/core), on real database files in a temporary
 * directory that is deleted at the end. Five workloads, each against a reference measured in the
 * same run (ratios are engine ÷ reference latency, so lower is better):
 *
 * - Commit: sales of 5 lines and 2 tenders (a partial riel payment, then the dollars that complete
 *   it), rung up through the ledger object directly (`ledger.sales.addProduct` / `payCash`, the
 *   calls the async API wraps). `commit_*` is the completing `payCash`: the transaction that writes
 *   the second tender, the receipt number, totals, the audit entry and the `sale.completed` outbox
 *   event, synchronous=FULL. `ringup_*` is the whole sale (7 durable transactions) and `sales_per_s`
 *   counts whole ring-ups back to back. Reference: one bare better-sqlite3 transaction on a copy of
 *   the same database (same open, same pragmas) writing the rows of a finished sale directly.
 *   `api_commit_*` is the same completing call through the async API, on fewer sales.
 * - Catalog: 20 000 generated products with English and Khmer names and 1–2 EAN-13 barcodes.
 *   Barcode lookups of random existing codes, and name searches with 1–8 character English and
 *   Khmer queries cut from real names (1–2 characters take the LIKE path, 3+ the trigram index).
 *   References: a bare join on the barcode key; a plain `LIKE '%q%'` scan for the same queries.
 * - History: a database holding 1 000 000 paid sales, made by ringing up 10 template sales with the
 *   engine and cloning their rows (sale, lines, tenders, audit entry, outbox event) in bulk SQL into
 *   100 shifts of 10 000. `open_1m_ms` is the time from `createPos` to answering its first queries
 *   (users, sale at the counter, open shift) in a fresh Node process, as when a terminal starts; the
 *   background integrity check is timed separately. Reference: a bare better-sqlite3 open with the
 *   same pragmas.
 * - Z report: the figures of that database's open shift of 10 000 sales (`shifts.xReport`, the same
 *   aggregate the Z report stores), checked against the templates' own figures × 1000, then the shift
 *   really closed once (`z_close_ms`). On the same history: the held-sales list (and the same query
 *   written so its partial index applies), the sync status, and 300 more sales (`commit_1m_*`).
 * - Owner's reports: the Reports page's figures for the last 31 and 365 days of that history
 *   (`report_month_ms`, `report_year_ms`, target under 200 ms each), checked against the ledger's
 *   sums. Reference: those sums alone (the year's count and riel total) read from the sales table.
 *   And the report tables built whole for the history, as on an upgrade (`report_rebuild_1m_ms`).
 *
 * `npm run bench -- ledger`; prints one JSON object on its last line. LEDGER_BENCH_SALES=100000
 * makes a smaller history for a quick try (the keys keep their names; `history_sales` says which).
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  closeSync,
  copyFileSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { uuidv7 } from '../electron/core/ids.ts'
import { openDatabase } from '../electron/core/ledger/database.ts'
import { DEMO_PINS } from '../electron/core/ledger/demo.ts'
import { ownerReport } from '../electron/core/ledger/owner-reports.ts'
import { ReportFacts } from '../electron/core/ledger/report-facts.ts'
import { createPos, DATABASE_FILE, type Pos } from '../electron/core/pos.ts'
import { offsetMinutes, shopDay, shopDayRange } from '../shared/shop-time.ts'
import type { ShiftReport, UserSummary } from '../shared/views.ts'
import { seededRandom } from '../tests/support/seeded-random.ts'
import { round } from './measure.ts'

const TARGETS = {
  commit_p99_ms: 2,
  open_1m_ms: 200,
  barcode_p99_ms: 1,
  search_p99_ms: 10,
  z_report_ms: 100,
  report_ms: 200,
}
const FLOAT = { usd: 5000, khr: 200_000 }
const HISTORY_SALES = Number(process.env.LEDGER_BENCH_SALES ?? 1_000_000)
const SALES_PER_SHIFT = 10_000
const TEMPLATES = 10
const COMMIT_WARMUP = 200
const COMMIT_SALES = 2000
const API_SALES = 400
const CATALOG_PRODUCTS = 20_000
const BARCODE_LOOKUPS = 6000
const SEARCH_QUERIES = 2400
const OPEN_PROCESSES = 4

// ── small helpers ────────────────────────────────────────────────────────────────────────────

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const sorted = Float64Array.from(values).sort()
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] ?? Number.NaN
}
const median = (values: readonly number[]) => percentile(values, 0.5)
const ms = (value: number) => round(value, 3)

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`ledger bench: ${message}`)
}

const random = seededRandom
const pick = <T>(items: readonly T[], rnd: () => number): T => items[Math.floor(rnd() * items.length)] as T

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** The engine's integrity worker is unref'd, so a process waiting only on it would exit; a timer holds it up. */
async function settled<T>(promise: Promise<T>): Promise<T> {
  const keepAlive = setInterval(() => {}, 1000)
  try {
    return await promise
  } finally {
    clearInterval(keepAlive)
  }
}

interface Till {
  pos: Pos
  cashier: UserSummary
}

/** The engine on a data directory, after its background integrity check (so it competes with nothing). */
async function openTill(dataDirectory: string, now?: () => number): Promise<Till> {
  const pos = await createPos({ dataDirectory, appName: 'POS bench', appVersion: 'bench', ...(now ? { now } : {}) })
  await settled(pos.integrityChecked)
  const cashier = pos.ledger.users.list().find((user) => user.role === 'cashier')
  check(cashier !== undefined, 'the demo shop has no cashier')
  return { pos, cashier }
}

// ── 1. durable sale commit ───────────────────────────────────────────────────────────────────

interface ProductRow {
  id: string
  sku: string
  name_en: string
  name_km: string
  price: number
  currency: string
  vat_class: string
}

/** Sale `i` takes 5 different demo products: (i + 3k) mod 10 for k = 0..4. */
const saleProducts = (products: readonly string[], i: number) =>
  [0, 1, 2, 3, 4].map((k) => products[(i + 3 * k) % products.length] as string)
/** The cheapest 5 demo products come to over 17 000 riel, so 10 000 riel never completes a sale. */
const PARTIAL_KHR = 10_000

function ringUpWithLedger(till: Till, products: readonly string[], i: number): { ringup: number; commit: number } {
  const { sales } = till.pos.ledger
  const cashierId = till.cashier.id
  const started = performance.now()
  for (const productId of saleProducts(products, i)) sales.addProduct(productId, 1, cashierId)
  const partial = sales.payCash('KHR', PARTIAL_KHR, cashierId)
  const dollars = Math.ceil(partial.payment.stillDue.usd / 100) * 100
  const before = performance.now()
  const paid = sales.payCash('USD', dollars, cashierId)
  const done = performance.now()
  check(
    partial.state === 'open' && paid.state === 'paid' && paid.lines.length === 5 && paid.tenders.length === 2,
    `sale ${i} did not complete as 5 lines and 2 tenders`,
  )
  return { ringup: done - started, commit: done - before }
}

async function ringUpWithApi(till: Till, products: readonly string[], i: number): Promise<number> {
  const { api } = till.pos
  for (const productId of saleProducts(products, i)) await api.addProduct(productId, 1)
  const partial = await api.payCash('KHR', PARTIAL_KHR)
  const dollars = Math.ceil(partial.payment.stillDue.usd / 100) * 100
  const before = performance.now()
  const paid = await api.payCash('USD', dollars)
  const done = performance.now()
  check(paid.state === 'paid' && paid.tenders.length === 2, `API sale ${i} did not complete`)
  return done - before
}

/**
 * The reference: what a finished sale of 5 lines and 2 tenders has to write, in one durable
 * transaction with nothing else: the sale row (paid, numbered, with totals), 5 lines, 2 tenders, a
 * hash-chained audit entry and outbox event (sha256 of the payload). Opened with the engine's own
 * openDatabase, so the pragmas (WAL, synchronous=FULL, foreign keys) and the schema are the same.
 */
function bareCommitter(path: string) {
  const db = openDatabase(path)
  const shiftId = db.prepare('SELECT id FROM shifts WHERE closed_at IS NULL').pluck().get() as string
  const cashierId = db.prepare("SELECT id FROM users WHERE role = 'cashier'").pluck().get() as string
  const terminalId = db.prepare('SELECT id FROM terminal').pluck().get() as string
  const products = db
    .prepare('SELECT id, sku, name_en, name_km, price, currency, vat_class FROM products ORDER BY name_en')
    .all() as ProductRow[]
  const nextReceipt = db.prepare('SELECT coalesce(max(receipt_no), 0) + 1 FROM sales').pluck()
  const insertSale = db.prepare(
    `INSERT INTO sales (id, state, receipt_no, shift_id, cashier_id, currency, khr_per_usd, tax_inclusive, smallest_note,
       gross_total, discount_total, subtotal, vat_total, total, total_khr, vat_khr, change_usd, change_khr, residual_sen, opened_at, completed_at)
     VALUES (?, 'paid', ?, ?, ?, 'USD', 4100, 1, 100, ?, 0, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  )
  const insertLine = db.prepare(
    `INSERT INTO sale_lines (id, sale_id, position, product_id, sku, name_en, name_km, quantity, list_price, list_currency, unit_price,
       vat_class, vat_rate_bp, gross, line_discount, sale_discount_share, amount, vat)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, 1000, ?, 0, 0, ?, ?)`,
  )
  const insertTender = db.prepare(
    'INSERT INTO sale_tenders (id, sale_id, position, kind, amount, at) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const lastAudit = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
  const insertAudit = db.prepare(
    `INSERT INTO audit_log (seq, id, at, terminal_id, user_id, action, object_type, object_id, result, detail, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, 'sale.completed', 'sale', ?, 'ok', ?, ?, ?)`,
  )
  const lastOutbox = db.prepare('SELECT seq, hash FROM outbox ORDER BY seq DESC LIMIT 1')
  const insertOutbox = db.prepare(
    `INSERT INTO outbox (seq, event_id, type, payload, payload_sha256, prev_hash, hash, occurred_at_device)
     VALUES (?, ?, 'sale.completed', ?, ?, ?, ?, ?)`,
  )
  const finish = db.transaction((i: number) => {
    // Lines go in before their sale row (a paid sale refuses new lines), so the key checks wait for the commit.
    db.pragma('defer_foreign_keys = ON')
    const now = Date.now()
    const saleId = uuidv7(now)
    const receipt = nextReceipt.get() as number
    const picked = [0, 1, 2, 3, 4].map((k) => products[(i + 3 * k) % products.length] as ProductRow)
    let total = 0
    let vatTotal = 0
    const lines = picked.map((product, index) => {
      const amount = product.currency === 'USD' ? product.price : Math.round(product.price / 41)
      const vat = product.vat_class === 'standard' ? Math.round(amount / 11) : 0
      total += amount
      vatTotal += vat
      const id = uuidv7(now)
      insertLine.run(
        id,
        saleId,
        index + 1,
        product.id,
        product.sku,
        product.name_en,
        product.name_km,
        product.price,
        product.currency,
        amount,
        product.vat_class,
        amount,
        amount,
        vat,
      )
      return { line_id: id, product_id: product.id, sku: product.sku, qty: 1, amount_minor: amount, vat_minor: vat }
    })
    const dollars = Math.ceil((total - Math.floor(PARTIAL_KHR / 41)) / 100) * 100
    insertTender.run(uuidv7(now), saleId, 1, 'cash_khr', PARTIAL_KHR, now)
    insertTender.run(uuidv7(now), saleId, 2, 'cash_usd', dollars, now)
    insertSale.run(
      saleId,
      receipt,
      shiftId,
      cashierId,
      total,
      total,
      vatTotal,
      total,
      total * 41,
      vatTotal * 41,
      0,
      0,
      now,
      now,
    )
    const audit = lastAudit.get() as { seq: number; hash: string }
    const auditId = uuidv7(now)
    const detail = JSON.stringify({ currency: 'USD', receipt_no: receipt, total })
    const entry = JSON.stringify({
      seq: audit.seq + 1,
      id: auditId,
      at: now,
      terminal_id: terminalId,
      user_id: cashierId,
      saleId,
      detail,
    })
    insertAudit.run(
      audit.seq + 1,
      auditId,
      now,
      terminalId,
      cashierId,
      saleId,
      detail,
      audit.hash,
      sha256(audit.hash + sha256(entry)),
    )
    const event = lastOutbox.get() as { seq: number; hash: string }
    const payload = JSON.stringify({
      sale_id: saleId,
      shift_id: shiftId,
      receipt_no: `T1-${String(receipt).padStart(6, '0')}`,
      cashier_id: cashierId,
      currency: 'USD',
      rate_khr_per_usd: 4100,
      completed_at: now,
      lines,
      totals: { total_minor: total, vat_minor: vatTotal },
      tenders: [
        { method: 'cash_khr', amount_minor: PARTIAL_KHR },
        { method: 'cash_usd', amount_minor: dollars },
      ],
      terminal_id: terminalId,
    })
    const payloadSha = sha256(payload)
    insertOutbox.run(event.seq + 1, uuidv7(now), payload, payloadSha, event.hash, sha256(event.hash + payloadSha), now)
  })
  return {
    run(i: number): number {
      const started = performance.now()
      finish(i)
      return performance.now() - started
    },
    db,
  }
}

async function benchCommit(root: string) {
  const directory = join(root, 'commit')
  const bareDirectory = join(root, 'commit-bare')
  let till = await openTill(directory)
  till.pos.ledger.shifts.open(FLOAT, till.cashier.id)
  till.pos.close()
  mkdirSync(bareDirectory)
  copyFileSync(join(directory, DATABASE_FILE), join(bareDirectory, DATABASE_FILE))
  till = await openTill(directory)
  const bare = bareCommitter(join(bareDirectory, DATABASE_FILE))
  const products = till.pos.ledger.catalog.list({ categoryId: null, offset: 0, limit: 100 }).map((p) => p.id)
  check(products.length >= 5, 'the demo catalog has fewer than 5 products')

  const ringups: number[] = []
  const commits: number[] = []
  const bares: number[] = []
  // Engine sale and bare transaction alternate, so a noisy neighbour or a slow disk moment hits both.
  for (let i = 0; i < COMMIT_WARMUP + COMMIT_SALES; i++) {
    const sale = ringUpWithLedger(till, products, i)
    const reference = bare.run(i)
    // Between sales, as at a real counter (and as the engine's API does after every change), the WAL
    // is checkpointed off the commit path; the reference gets the same, unmeasured.
    till.pos.ledger.checkpointWhenIdle()
    bare.db.pragma('wal_checkpoint(PASSIVE)')
    await new Promise((settle) => setImmediate(settle))
    if (i < COMMIT_WARMUP) continue
    ringups.push(sale.ringup)
    commits.push(sale.commit)
    bares.push(reference)
  }
  await till.pos.api.signIn(till.cashier.id, DEMO_PINS.cashier)
  const apiCommits: number[] = []
  for (let i = 0; i < API_SALES; i++) apiCommits.push(await ringUpWithApi(till, products, i))

  const db = till.pos.ledger.context.db
  const paid = db.prepare("SELECT count(*) AS n, max(receipt_no) AS last FROM sales WHERE state = 'paid'").get() as {
    n: number
    last: number
  }
  const expected = COMMIT_WARMUP + COMMIT_SALES + API_SALES
  check(paid.n === expected && paid.last === expected, `expected ${expected} paid sales numbered 1..${expected}`)
  const journal = till.pos.ledger.context.journal.verify()
  check(journal.outbox === null && journal.audit === null, 'the audit or outbox hash chain is broken after the run')
  const events = db.prepare("SELECT count(*) FROM outbox WHERE type = 'sale.completed'").pluck().get() as number
  check(events === expected, `expected ${expected} sale.completed events, found ${events}`)
  till.pos.close()
  const bareSales = bare.db.prepare("SELECT count(*) FROM sales WHERE state = 'paid'").pluck().get() as number
  check(bareSales === COMMIT_WARMUP + COMMIT_SALES, `the reference wrote ${bareSales} sales`)
  bare.db.close()

  const ringupSeconds = ringups.reduce((sum, value) => sum + value, 0) / 1000
  const figures = {
    commit_p50_ms: ms(median(commits)),
    commit_p99_ms: ms(percentile(commits, 0.99)),
    commit_max_ms: ms(Math.max(...commits)),
    ringup_p50_ms: ms(median(ringups)),
    ringup_p99_ms: ms(percentile(ringups, 0.99)),
    sales_per_s: round(ringups.length / ringupSeconds, 1),
    bare_commit_p50_ms: ms(median(bares)),
    bare_commit_p99_ms: ms(percentile(bares, 0.99)),
    commit_vs_bare_ratio: round(median(commits) / median(bares), 2),
    commit_vs_bare_p99_ratio: round(percentile(commits, 0.99) / percentile(bares, 0.99), 2),
    ringup_vs_bare_ratio: round(median(ringups) / median(bares), 2),
    api_commit_p50_ms: ms(median(apiCommits)),
    api_commit_p99_ms: ms(percentile(apiCommits, 0.99)),
  }
  console.log(
    `commit: ${COMMIT_SALES} sales (5 lines, 2 tenders) via ledger.sales after ${COMMIT_WARMUP} warm-up: completing payCash p50 ${figures.commit_p50_ms} ms, p99 ${figures.commit_p99_ms} ms (bare transaction p50 ${figures.bare_commit_p50_ms} ms, p99 ${figures.bare_commit_p99_ms} ms); ` +
      `whole ring-up p50 ${figures.ringup_p50_ms} ms, p99 ${figures.ringup_p99_ms} ms, ${figures.sales_per_s} sales/s; via the async API (${API_SALES} sales) p50 ${figures.api_commit_p50_ms} ms, p99 ${figures.api_commit_p99_ms} ms`,
  )
  return figures
}

// ── 2. catalog: barcode lookup and name search ───────────────────────────────────────────────

/** Parallel English and Khmer words; a Khmer name puts the adjective after the noun. */
const BRANDS: readonly [string, string][] = [
  ['Angkor', 'អង្គរ'],
  ['Mekong', 'មេគង្គ'],
  ['Bayon', 'បាយ័ន'],
  ['Kampot', 'កំពត'],
  ['Tonle', 'ទន្លេ'],
  ['Lotus', 'ឈូក'],
  ['Golden', 'មាស'],
  ['Apsara', 'អប្សរា'],
  ['Royal', 'រាជ'],
  ['Kirirom', 'គិរីរម្យ'],
  ['Koh Kong', 'កោះកុង'],
  ['Takeo', 'តាកែវ'],
  ['Battambang', 'បាត់ដំបង'],
  ['Sovanna', 'សុវណ្ណ'],
  ['Lucky', 'សំណាង'],
  ['Preah Vihear', 'ព្រះវិហារ'],
]
const ADJECTIVES: readonly [string, string][] = [
  ['Fresh', 'ស្រស់'],
  ['Sweet', 'ផ្អែម'],
  ['Spicy', 'ហឹរ'],
  ['Dried', 'ក្រៀម'],
  ['Salted', 'ប្រៃ'],
  ['Red', 'ក្រហម'],
  ['Green', 'បៃតង'],
  ['Black', 'ខ្មៅ'],
  ['White', 'ស'],
  ['Special', 'ពិសេស'],
  ['Organic', 'សរីរាង្គ'],
  ['Large', 'ធំ'],
  ['Small', 'តូច'],
  ['Smoked', 'ជក់ផ្សែង'],
  ['Original', 'ដើម'],
  ['Instant', 'ភ្លាមៗ'],
  ['Roasted', 'លីង'],
  ['Light', 'ស្រាល'],
  ['Strong', 'ខ្លាំង'],
  ['New', 'ថ្មី'],
]
const NOUNS: readonly [string, string][] = [
  ['Jasmine rice', 'អង្ករម្លិះ'],
  ['Rice', 'អង្ករ'],
  ['Fish sauce', 'ទឹកត្រី'],
  ['Soy sauce', 'ទឹកស៊ីអ៊ីវ'],
  ['Oyster sauce', 'ប្រេងខ្យង'],
  ['Palm sugar', 'ស្ករត្នោត'],
  ['Sugar', 'ស្ករស'],
  ['Salt', 'អំបិល'],
  ['Pepper', 'ម្រេច'],
  ['Instant noodles', 'មីកញ្ចប់'],
  ['Rice noodles', 'គុយទាវ'],
  ['Coffee', 'កាហ្វេ'],
  ['Tea', 'តែ'],
  ['Condensed milk', 'ទឹកដោះគោខាប់'],
  ['Milk', 'ទឹកដោះគោ'],
  ['Drinking water', 'ទឹកសុទ្ធ'],
  ['Orange juice', 'ទឹកក្រូច'],
  ['Coconut water', 'ទឹកដូង'],
  ['Sugarcane juice', 'ទឹកអំពៅ'],
  ['Beer', 'ស្រាបៀរ'],
  ['Rice wine', 'ស្រាស'],
  ['Energy drink', 'ភេសជ្ជៈប៉ូវកម្លាំង'],
  ['Cooking oil', 'ប្រេងឆា'],
  ['Eggs', 'ពងមាន់'],
  ['Chicken', 'សាច់មាន់'],
  ['Pork', 'សាច់ជ្រូក'],
  ['Beef', 'សាច់គោ'],
  ['Dried fish', 'ត្រីងៀត'],
  ['Prahok', 'ប្រហុក'],
  ['Kroeung paste', 'គ្រឿងសម្លរ'],
  ['Chili sauce', 'ទឹកម្ទេស'],
  ['Garlic', 'ខ្ទឹមស'],
  ['Shallots', 'ខ្ទឹមក្រហម'],
  ['Lemongrass', 'ស្លឹកគ្រៃ'],
  ['Banana', 'ចេក'],
  ['Mango', 'ស្វាយ'],
  ['Durian', 'ធូរេន'],
  ['Rice cake', 'នំអន្សម'],
  ['Biscuits', 'នំប៊ីស្គីត'],
  ['Bread', 'នំបុ័ង'],
  ['Ice cream', 'ការ៉េម'],
  ['Dish soap', 'សាប៊ូលាងចាន'],
  ['Laundry powder', 'ម្សៅសាប៊ូ'],
  ['Shampoo', 'សាប៊ូកក់សក់'],
  ['Toothpaste', 'ថ្នាំដុសធ្មេញ'],
  ['Tissues', 'ក្រដាសអនាម័យ'],
  ['Mosquito coil', 'ធូបដុតមូស'],
  ['Candles', 'ទៀន'],
  ['Batteries', 'ថ្មពិល'],
  ['Charcoal', 'ធ្យូង'],
]
const SIZES: readonly [string, string][] = [
  ['250 ml', '២៥០ម.ល'],
  ['330 ml', '៣៣០ម.ល'],
  ['500 ml', '៥០០ម.ល'],
  ['1 L', '១លីត្រ'],
  ['1.5 L', '១,៥លីត្រ'],
  ['100 g', '១០០ក្រាម'],
  ['200 g', '២០០ក្រាម'],
  ['500 g', '៥០០ក្រាម'],
  ['1 kg', '១គ.ក'],
  ['5 kg', '៥គ.ក'],
  ['25 kg', '២៥គ.ក'],
  ['6 pack', 'កញ្ចប់៦'],
  ['box', 'ប្រអប់'],
  ['bag', 'ថង់'],
  ['bottle', 'ដប'],
  ['can', 'កំប៉ុង'],
]

/** A valid EAN-13 under GS1 Cambodia's prefix 884. */
function ean13(rnd: () => number): string {
  let digits = '884'
  while (digits.length < 12) digits += Math.floor(rnd() * 10)
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3)
  return digits + ((10 - (sum % 10)) % 10)
}

interface GeneratedProduct {
  sku: string
  nameEn: string
  nameKm: string
  active: boolean
  barcodes: string[]
}

function generateCatalog(count: number, rnd: () => number): GeneratedProduct[] {
  const used = new Set<string>()
  const products: GeneratedProduct[] = []
  for (let i = 1; i <= count; i++) {
    const [brandEn, brandKm] = pick(BRANDS, rnd)
    const [adjectiveEn, adjectiveKm] = pick(ADJECTIVES, rnd)
    const [nounEn, nounKm] = pick(NOUNS, rnd)
    const [sizeEn, sizeKm] = pick(SIZES, rnd)
    const barcodes: string[] = []
    const wanted = rnd() < 0.3 ? 2 : 1
    while (barcodes.length < wanted) {
      const code = ean13(rnd)
      if (used.has(code)) continue
      used.add(code)
      barcodes.push(code)
    }
    products.push({
      sku: `P${String(i).padStart(6, '0')}`,
      nameEn: `${brandEn} ${adjectiveEn} ${nounEn} ${sizeEn}`,
      nameKm: `${nounKm}${adjectiveKm} ${brandKm} ${sizeKm}`.normalize('NFC'),
      active: rnd() >= 0.02,
      barcodes,
    })
  }
  return products
}

/** Where a typed query may start: a letter, digit, Khmer consonant or independent vowel, never a sign. */
const QUERY_START = /[A-Za-z0-9\u1780-\u17B3\u17E0-\u17E9]/u

/** 1–8 characters cut from a real name, half from the start of a word, half from inside one. */
function querySample(name: string, rnd: () => number): string {
  const chars = [...name]
  const wordStart = rnd() < 0.5
  const starts = chars
    .map((_, index) => index)
    .filter(
      (index) => QUERY_START.test(chars[index] as string) && (!wordStart || index === 0 || chars[index - 1] === ' '),
    )
  const start = starts.length > 0 ? pick(starts, rnd) : 0
  const length = 1 + Math.floor(rnd() * 8)
  return chars
    .slice(start, start + length)
    .join('')
    .trim()
}

interface SearchQuery {
  text: string
  script: 'en' | 'km'
  length: number
}

async function benchCatalog(root: string) {
  const till = await openTill(join(root, 'catalog'))
  const { db } = till.pos.ledger.context
  const rnd = random(20_251_124)
  const catalog = generateCatalog(CATALOG_PRODUCTS, rnd)
  const categories = till.pos.ledger.catalog.categories().map((category) => category.id)

  // Bulk SQL into the real tables: the triggers fill the trigram index exactly as an import does.
  const loadStarted = performance.now()
  const addProduct = db.prepare(
    'INSERT INTO products (id, sku, name_en, name_km, category_id, price, currency, vat_class, active, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const addBarcode = db.prepare('INSERT INTO barcodes (barcode, product_id) VALUES (?, ?)')
  db.transaction(() => {
    for (const product of catalog) {
      const now = Date.now()
      const id = uuidv7(now)
      const usd = rnd() < 0.5
      addProduct.run(
        id,
        product.sku,
        product.nameEn,
        product.nameKm,
        pick(categories, rnd),
        usd ? 25 * (2 + Math.floor(rnd() * 200)) : 100 * (5 + Math.floor(rnd() * 1000)),
        usd ? 'USD' : 'KHR',
        rnd() < 0.9 ? 'standard' : 'exempt',
        product.active ? 1 : 0,
        now,
      )
      for (const code of product.barcodes) addBarcode.run(code, id)
    }
  })()
  const loadMs = performance.now() - loadStarted
  const counted = db.prepare('SELECT count(*) FROM product_search').pluck().get() as number
  check(counted >= CATALOG_PRODUCTS, `the search index holds ${counted} products, expected ${CATALOG_PRODUCTS}+`)

  // Barcode lookups: the engine's findByBarcode (the product view with all its barcodes) against a bare keyed join.
  const bareBarcode = db.prepare(
    'SELECT p.* FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.barcode = ?',
  )
  const allCodes = catalog.flatMap((product) => product.barcodes)
  const lookups: number[] = []
  const bareLookups: number[] = []
  for (let i = 0; i < BARCODE_LOOKUPS + 500; i++) {
    const code = pick(allCodes, rnd)
    const started = performance.now()
    const found = till.pos.ledger.catalog.findByBarcode(code)
    const between = performance.now()
    const row = bareBarcode.get(code)
    const done = performance.now()
    check(found?.barcodes.includes(code) === true && row !== undefined, `barcode ${code} was not found`)
    if (i < 500) continue
    lookups.push(between - started)
    bareLookups.push(done - between)
  }

  // Name search: the engine's search against a plain LIKE scan over the same three columns.
  const active = catalog.filter((product) => product.active)
  const queries: SearchQuery[] = []
  while (queries.length < SEARCH_QUERIES) {
    const product = pick(active, rnd)
    const script = queries.length % 2 === 0 ? 'en' : 'km'
    let text = querySample(script === 'en' ? product.nameEn : product.nameKm, rnd)
    if (script === 'en' && rnd() < 0.5) text = text.toLowerCase()
    if (text === '') continue
    queries.push({ text, script, length: [...text].length })
  }
  const likeScan = db.prepare(
    `SELECT rowid, * FROM products WHERE active = 1 AND (sku LIKE @q ESCAPE '\\' OR name_en LIKE @q ESCAPE '\\' OR name_km LIKE @q ESCAPE '\\') LIMIT 50`,
  )
  const like = (text: string) => likeScan.all({ q: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` })
  for (const query of queries.slice(0, 200)) {
    till.pos.ledger.catalog.search(query.text)
    like(query.text)
  }
  const searches: { query: SearchQuery; engine: number; like: number }[] = []
  for (const query of queries) {
    const started = performance.now()
    const found = till.pos.ledger.catalog.search(query.text)
    const between = performance.now()
    const scanned = like(query.text)
    const done = performance.now()
    check(found.length > 0, `search "${query.text}" (${query.script}) found nothing, though it was cut from a name`)
    check(scanned.length > 0, `LIKE "${query.text}" found nothing`)
    searches.push({ query, engine: between - started, like: done - between })
  }
  till.pos.close()

  const engineTimes = (filter: (query: SearchQuery) => boolean) =>
    searches.filter((search) => filter(search.query)).map((search) => search.engine)
  const all = engineTimes(() => true)
  const p99 = (filter: (query: SearchQuery) => boolean) => ms(percentile(engineTimes(filter), 0.99))
  const likes = searches.map((search) => search.like)
  const figures = {
    barcode_p50_ms: ms(median(lookups)),
    barcode_p99_ms: ms(percentile(lookups, 0.99)),
    bare_barcode_p99_ms: ms(percentile(bareLookups, 0.99)),
    barcode_vs_bare_ratio: round(median(lookups) / median(bareLookups), 2),
    search_p50_ms: ms(median(all)),
    search_p99_ms: ms(percentile(all, 0.99)),
    search_en_p99_ms: p99((query) => query.script === 'en'),
    search_km_p99_ms: p99((query) => query.script === 'km'),
    search_short_p99_ms: p99((query) => query.length <= 2),
    search_trigram_p99_ms: p99((query) => query.length >= 3),
    like_p50_ms: ms(median(likes)),
    like_p99_ms: ms(percentile(likes, 0.99)),
    search_vs_like_ratio: round(median(all) / median(likes), 2),
    search_vs_like_p99_ratio: round(percentile(all, 0.99) / percentile(likes, 0.99), 2),
    catalog_load_ms: round(loadMs),
  }
  const short = queries.filter((query) => query.length <= 2).length
  console.log(
    `catalog: ${CATALOG_PRODUCTS} products, ${allCodes.length} barcodes loaded in ${figures.catalog_load_ms} ms; ` +
      `${BARCODE_LOOKUPS} barcode lookups p50 ${figures.barcode_p50_ms} ms, p99 ${figures.barcode_p99_ms} ms (bare join p99 ${figures.bare_barcode_p99_ms} ms)`,
  )
  console.log(
    `search: ${queries.length} queries (half English, half Khmer; ${short} of 1–2 characters): p50 ${figures.search_p50_ms} ms, p99 ${figures.search_p99_ms} ms ` +
      `(English ${figures.search_en_p99_ms}, Khmer ${figures.search_km_p99_ms}, 1–2 chars ${figures.search_short_p99_ms}, 3+ chars ${figures.search_trigram_p99_ms}); ` +
      `plain LIKE scan p50 ${figures.like_p50_ms} ms, p99 ${figures.like_p99_ms} ms`,
  )
  return figures
}

// ── 3. a million sales of history, and the Z report of a 10 000-sale shift ─────────────────────

/** Template sale `r` (1..10): 1–5 lines, one with a sale discount, one charged in riel, cash in one or two currencies. */
function ringTemplate(till: Till, products: readonly string[], r: number): void {
  const { sales } = till.pos.ledger
  const cashierId = till.cashier.id
  const lineCount = 1 + ((r - 1) % 5)
  for (let k = 0; k < lineCount; k++)
    sales.addProduct(products[(r + 3 * k) % products.length] as string, 1 + (k % 2), cashierId)
  if (r === 3) sales.setSaleDiscount({ kind: 'percent', basisPoints: 500 }, cashierId)
  if (r === 5) sales.setCurrency('KHR', cashierId)
  let sale = sales.current()
  check(sale !== null, `template ${r} has no sale at the counter`)
  if (sale.currency === 'KHR') {
    sale = sales.payCash('KHR', Math.ceil(sale.payment.stillDue.khrCash / 1000) * 1000, cashierId)
  } else {
    if (r % 2 === 0) {
      sale = sales.payCash('KHR', Math.max(100, Math.floor(sale.payment.stillDue.khr / 200) * 100), cashierId)
    }
    sale = sales.payCash('USD', Math.ceil(sale.payment.stillDue.usd / 100) * 100 + (r === 1 ? 500 : 0), cashierId)
  }
  check(sale.state === 'paid' && sale.receiptNo === `T1-${String(r).padStart(6, '0')}`, `template ${r} was not paid`)
}

/** A time-ordered id in UUIDv7 form, unique per (tag, x), as SQL. */
const sqlId = (at: string, tag: number, x: string) =>
  `printf('%08x-%04x-7%03x-%04x-%012x', (${at}) >> 16, (${at}) & 65535, ${tag}, 32768 | ((${x}) & 16383), ${x})`

const SALE_COLUMNS =
  'kind, state, refund_of, cashier_id, approver_id, reason, currency, khr_per_usd, tax_inclusive, smallest_note, discount_kind, discount_value, gross_total, discount_total, subtotal, vat_total, total, total_khr, vat_khr, change_usd, change_khr, residual_sen'
const LINE_COLUMNS =
  'position, product_id, refund_of_line, sku, name_en, name_km, quantity, list_price, list_currency, unit_price, price_overridden_by, vat_class, vat_rate_bp, discount_kind, discount_value, gross, line_discount, sale_discount_share, amount, vat'
const TENDER_COLUMNS = 'position, kind, amount, khqr_request, confirmation, bakong_hash, verified, approver_id, reason'
const AUDIT_COLUMNS = 'terminal_id, user_id, approver_id, action, object_type, result, prev_hash, hash'

/**
 * Clones sales g = first..last (g = n·10 + r copies template r) with their lines, tenders, audit
 * entry and outbox event. Clones of the same template share its figures, so any 10 000 consecutive
 * sales hold 1000 copies of each template. The hash chains of the cloned journal rows are not
 * recomputed (nothing here reads them); each outbox payload's own sha256 is.
 */
function cloneStatements(db: Database.Database) {
  const prefix = (columns: string, alias: string) =>
    columns
      .split(', ')
      .map((column) => `${alias}.${column}`)
      .join(', ')
  return [
    db.prepare('DELETE FROM temp.bench_clone'),
    db.prepare(
      `INSERT INTO temp.bench_clone (g, r, sale_id, shift_id, at)
       WITH RECURSIVE seq(g) AS (SELECT CAST(@first AS INTEGER) UNION ALL SELECT g + 1 FROM seq WHERE g < CAST(@last AS INTEGER)),
       timed(g, at) AS (SELECT g, CAST(@start AS INTEGER) + g * CAST(@gap AS INTEGER) FROM seq)
       SELECT g, (g - 1) % ${TEMPLATES} + 1, ${sqlId('at', 0, 'g')},
              (SELECT id FROM temp.bench_shift WHERE idx = (g - 1) / ${SALES_PER_SHIFT} + 1), at
       FROM timed`,
    ),
    db.prepare(
      `INSERT INTO sale_lines (id, sale_id, ${LINE_COLUMNS})
       SELECT ${sqlId('c.at', 1, 'c.g * 8 + l.position')}, c.sale_id, ${prefix(LINE_COLUMNS, 'l')}
       FROM temp.bench_clone c JOIN temp.bench_template t ON t.r = c.r JOIN sale_lines l ON l.sale_id = t.sale_id
       ORDER BY c.g, l.position`,
    ),
    db.prepare(
      `INSERT INTO sale_tenders (id, sale_id, at, ${TENDER_COLUMNS})
       SELECT ${sqlId('c.at', 2, 'c.g * 8 + x.position')}, c.sale_id, c.at, ${prefix(TENDER_COLUMNS, 'x')}
       FROM temp.bench_clone c JOIN temp.bench_template t ON t.r = c.r JOIN sale_tenders x ON x.sale_id = t.sale_id
       ORDER BY c.g, x.position`,
    ),
    db.prepare(
      `INSERT INTO sales (id, receipt_no, shift_id, opened_at, completed_at, ${SALE_COLUMNS})
       SELECT c.sale_id, c.g, c.shift_id, c.at - 90000, c.at, ${prefix(SALE_COLUMNS, 's')}
       FROM temp.bench_clone c JOIN temp.bench_template t ON t.r = c.r JOIN sales s ON s.id = t.sale_id
       ORDER BY c.g`,
    ),
    db.prepare(
      `INSERT INTO audit_log (seq, id, at, object_id, detail, ${AUDIT_COLUMNS})
       SELECT CAST(@auditBase AS INTEGER) + c.g - ${TEMPLATES}, ${sqlId('c.at', 3, 'c.g')}, c.at, c.sale_id, json_set(a.detail, '$.receipt_no', c.g),
              ${prefix(AUDIT_COLUMNS, 'a')}
       FROM temp.bench_clone c JOIN temp.bench_template t ON t.r = c.r JOIN audit_log a ON a.seq = t.audit_seq
       ORDER BY c.g`,
    ),
    db.prepare(
      `INSERT INTO outbox (seq, event_id, type, payload, payload_sha256, prev_hash, hash, occurred_at_device, state, attempts, acked_at, server_received_at)
       SELECT seq, event_id, type, payload, bench_sha256(payload), prev_hash, hash, at, 'acked', 1, at + 5000, at + 4000
       FROM (SELECT CAST(@outboxBase AS INTEGER) + c.g - ${TEMPLATES} AS seq, ${sqlId('c.at', 4, 'c.g')} AS event_id, o.type, o.prev_hash, o.hash, c.at,
                    json_set(o.payload, '$.sale_id', c.sale_id, '$.shift_id', c.shift_id, '$.receipt_no', printf('T1-%06d', c.g),
                             '$.opened_at', c.at - 90000, '$.completed_at', c.at) AS payload
             FROM temp.bench_clone c JOIN temp.bench_template t ON t.r = c.r JOIN outbox o ON o.seq = t.outbox_seq
             ORDER BY c.g)`,
    ),
  ]
}

interface History {
  directory: string
  expectedPath: string
  buildSeconds: number
  sizeMb: number
  reportRebuildMs: number
}

/** What the open shift's X report must say: 1000 copies of each template, on the same float. */
function expectedShift(templates: ShiftReport, copies: number) {
  const times = (value: number) => value * copies
  return {
    count: times(templates.sales.count),
    totalUsd: times(templates.sales.totalUsd),
    totalKhr: times(templates.sales.totalKhr),
    tenders: Object.fromEntries(
      Object.entries(templates.tenders).map(([kind, figures]) => [
        kind,
        { count: times(figures.count), amount: times(figures.amount) },
      ]),
    ),
    changeGiven: { usd: times(templates.changeGiven.usd), khr: times(templates.changeGiven.khr) },
    vat: { usd: times(templates.vat.usd), khr: times(templates.vat.khr) },
    discounts: { usd: times(templates.discounts.usd), khr: times(templates.discounts.khr) },
    roundingResidualSen: times(templates.roundingResidualSen),
    expectedCash: {
      usd: FLOAT.usd + times(templates.expectedCash.usd - FLOAT.usd),
      khr: FLOAT.khr + times(templates.expectedCash.khr - FLOAT.khr),
    },
  }
}
type ExpectedShift = ReturnType<typeof expectedShift>

async function buildHistory(root: string): Promise<History> {
  const started = performance.now()
  const directory = join(root, 'history')
  const path = join(directory, DATABASE_FILE)
  const gap = 30_000
  const start = Date.now() - (HISTORY_SALES + 100) * gap
  let clock = start
  const till = await openTill(directory, () => clock)
  const { ledger } = till.pos
  ledger.shifts.open(FLOAT, till.cashier.id)
  const products = ledger.catalog.list({ categoryId: null, offset: 0, limit: 100 }).map((product) => product.id)
  for (let r = 1; r <= TEMPLATES; r++) {
    clock = start + r * gap
    ringTemplate(till, products, r)
  }
  const templates = ledger.shifts.xReport()
  check(templates.sales.count === TEMPLATES, 'the template shift does not hold the template sales')
  clock = start + (TEMPLATES + 1) * gap
  ledger.shifts.close({ usd: {}, khr: {} }, till.cashier.id)
  const cashierId = till.cashier.id
  till.pos.close()

  // Bulk generation only: no journal, no syncing, a big cache. The engine never runs like this.
  const db = new Database(path)
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  db.pragma('foreign_keys = OFF') // lines and tenders go in before their (paid) sale
  db.pragma('cache_size = -1048576')
  db.pragma('temp_store = MEMORY')
  db.function('bench_sha256', { deterministic: true }, (text) => sha256(String(text)))
  db.exec(`
    CREATE TEMP TABLE bench_template (r INTEGER PRIMARY KEY, sale_id TEXT NOT NULL, audit_seq INTEGER NOT NULL, outbox_seq INTEGER NOT NULL);
    CREATE TEMP TABLE bench_shift (idx INTEGER PRIMARY KEY, id TEXT NOT NULL);
    CREATE TEMP TABLE bench_clone (g INTEGER PRIMARY KEY, r INTEGER NOT NULL, sale_id TEXT NOT NULL, shift_id TEXT NOT NULL, at INTEGER NOT NULL);
  `)
  db.prepare(
    `INSERT INTO temp.bench_template (r, sale_id, audit_seq, outbox_seq)
     SELECT s.receipt_no, s.id,
            (SELECT seq FROM audit_log WHERE action = 'sale.completed' AND object_id = s.id),
            (SELECT seq FROM outbox WHERE type = 'sale.completed' AND json_extract(payload, '$.sale_id') = s.id)
     FROM sales s WHERE s.state = 'paid' AND s.receipt_no <= ?`,
  ).run(TEMPLATES)
  const firstShift = db.prepare('SELECT id, z_report FROM shifts WHERE number = 1').get() as {
    id: string
    z_report: string
  }
  const shifts = Math.ceil(HISTORY_SALES / SALES_PER_SHIFT)
  const addShift = db.prepare(
    `INSERT INTO shifts (id, number, opened_by, opened_at, float_usd, float_khr, closed_by, closed_at, counted_usd, counted_khr, count_detail, z_report)
     VALUES (@id, @number, @user, @openedAt, @usd, @khr, @closedBy, @closedAt, @countedUsd, @countedKhr, @detail, @report)`,
  )
  const addIndex = db.prepare('INSERT INTO temp.bench_shift (idx, id) VALUES (?, ?)')
  const auditBase = db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number
  const outboxBase = db.prepare('SELECT max(seq) FROM outbox').pluck().get() as number
  db.transaction(() => {
    addIndex.run(1, firstShift.id)
    for (let number = 2; number <= shifts; number++) {
      const openedAt = start + (number - 1) * SALES_PER_SHIFT * gap
      const id = uuidv7(openedAt)
      const last = number === shifts
      addIndex.run(number, id)
      addShift.run({
        id,
        number,
        user: cashierId,
        openedAt,
        usd: FLOAT.usd,
        khr: FLOAT.khr,
        closedBy: last ? null : cashierId,
        closedAt: last ? null : openedAt + SALES_PER_SHIFT * gap + gap,
        countedUsd: last ? null : FLOAT.usd,
        countedKhr: last ? null : FLOAT.khr,
        detail: last ? null : '{"khr":{},"usd":{}}',
        report: last ? null : firstShift.z_report,
      })
    }
  })()
  const clone = cloneStatements(db)
  const batch = 100_000
  for (let first = TEMPLATES + 1; first <= HISTORY_SALES; first += batch) {
    const last = Math.min(HISTORY_SALES, first + batch - 1)
    db.transaction(() => {
      const values = { first, last, start, gap, auditBase, outboxBase }
      for (const statement of clone) {
        const bound = Object.entries(values).filter(([name]) => statement.source.includes(`@${name}`))
        if (bound.length === 0) statement.run()
        else statement.run(Object.fromEntries(bound))
      }
    })()
  }
  const made = db
    .prepare("SELECT count(*) AS n, max(receipt_no) AS last FROM sales WHERE state = 'paid' AND kind = 'sale'")
    .get() as { n: number; last: number }
  check(made.n === HISTORY_SALES && made.last === HISTORY_SALES, `the history holds ${made.n} sales`)
  db.pragma('journal_mode = WAL')
  db.close()
  // The owner's report tables, built whole as the engine does for a database that predates them
  // (the templates' own facts were kept as they were rung up; the clones have none yet).
  const engineDb = openDatabase(path)
  const rebuildStarted = performance.now()
  new ReportFacts(engineDb).rebuild(offsetMinutes(start, 'Asia/Phnom_Penh'))
  const reportRebuildMs = performance.now() - rebuildStarted
  engineDb.close()
  // Flush the gigabytes just written, so the kernel's write-back does not run under the measurements.
  const handle = openSync(path, 'r+')
  fsyncSync(handle)
  closeSync(handle)
  const expectedPath = join(root, 'expected-shift.json')
  writeFileSync(expectedPath, JSON.stringify(expectedShift(templates, SALES_PER_SHIFT / TEMPLATES)))
  return {
    directory,
    expectedPath,
    buildSeconds: (performance.now() - started) / 1000,
    sizeMb: statSync(path).size / 1024 / 1024,
    reportRebuildMs,
  }
}

// ── the child processes that open the history ────────────────────────────────────────────────

/**
 * Opens the history as a terminal does at start: a bare better-sqlite3 open with the engine's
 * pragmas first (the reference), then createPos until it has answered the users, the sale at the
 * counter and the open shift. The native module is loaded before either clock starts.
 */
async function openHistory(directory: string) {
  const path = join(directory, DATABASE_FILE)
  new Database(':memory:').close()
  const bareStarted = performance.now()
  const bare = new Database(path)
  bare.pragma('journal_mode = WAL')
  bare.pragma('synchronous = FULL')
  bare.pragma('foreign_keys = ON')
  bare.prepare('SELECT count(*) FROM sqlite_schema').get()
  bare.prepare('SELECT * FROM users WHERE active = 1').all()
  const bareMs = performance.now() - bareStarted
  bare.close()
  const started = performance.now()
  const pos = await createPos({ dataDirectory: directory, appName: 'POS bench', appVersion: 'bench' })
  const users = await pos.api.listUsers()
  const sale = pos.ledger.sales.current()
  const shift = pos.ledger.shifts.current()
  const readyMs = performance.now() - started
  check(users.length >= 2 && sale === null && shift !== null, 'the history did not open with its open shift')
  return { pos, started, readyMs, bareMs }
}

function timed<T>(runs: number, call: () => T): { ms: number; result: T } {
  let result = call()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    result = call()
    times.push(performance.now() - started)
  }
  return { ms: median(times), result }
}

/**
 * The owner's report for the last 31 and the last 365 shop days of the history, as the Reports page
 * asks for them (median of 5 each), checked against the ledger's own sums over the same days.
 */
function timeOwnerReports(db: Database.Database) {
  const zone = 'Asia/Phnom_Penh'
  const lastAt = db.prepare("SELECT max(completed_at) FROM sales WHERE state = 'paid'").pluck().get() as number
  const lastDay = shopDay(lastAt, zone)
  const daysBefore = (days: number) => shopDay(lastAt - days * 86_400_000, zone)
  const measure = (from: string, what: string) => {
    const report = timed(5, () => ownerReport(db, { from, to: lastDay }))
    const start = shopDayRange(from, zone)?.from as number
    // The reference: only the count and riel total of the same days, summed from the sales themselves.
    const scan = timed(5, () =>
      db
        .prepare(
          `SELECT count(*) AS sales, coalesce(sum(total_khr), 0) AS khr FROM sales
           WHERE state = 'paid' AND kind = 'sale' AND completed_at >= ? AND completed_at <= ?`,
        )
        .get(start, lastAt),
    )
    const ledger = scan.result as { sales: number; khr: number }
    const sales = report.result.currencies.reduce((sum, row) => sum + row.sales, 0)
    check(
      sales === ledger.sales && report.result.inRiel.sales === ledger.khr,
      `the ${what} report says ${sales} sales and ៛${report.result.inRiel.sales}; the ledger ${ledger.sales} and ៛${ledger.khr}`,
    )
    return { ms: report.ms, scanMs: scan.ms, sales }
  }
  return { month: measure(daysBefore(30), 'month'), year: measure(daysBefore(364), 'year') }
}

function checkShift(report: ShiftReport, expected: ExpectedShift, what: string): void {
  const got = {
    count: report.sales.count,
    totalUsd: report.sales.totalUsd,
    totalKhr: report.sales.totalKhr,
    tenders: report.tenders,
    changeGiven: report.changeGiven,
    vat: report.vat,
    discounts: report.discounts,
    roundingResidualSen: report.roundingResidualSen,
    expectedCash: report.expectedCash,
  }
  const same = JSON.stringify(got) === JSON.stringify(expected)
  check(same, `${what} is wrong:\n  got      ${JSON.stringify(got)}\n  expected ${JSON.stringify(expected)}`)
}

async function childMain(mode: string, directory: string, expectedPath: string): Promise<Record<string, unknown>> {
  const first = await openHistory(directory)
  if (mode === 'open') {
    first.pos.close()
    const second = await openHistory(directory)
    second.pos.close()
    return {
      ready_ms: first.readyMs,
      bare_ms: first.bareMs,
      warm_ready_ms: second.readyMs,
      warm_bare_ms: second.bareMs,
    }
  }
  const { pos } = first
  await settled(pos.integrityChecked)
  const integrityMs = performance.now() - first.started
  const info = await pos.api.getAppInfo()
  check(info.integrity.state === 'ok', `the integrity check failed: ${info.integrity.problems.join('; ')}`)
  const { ledger } = pos
  const cashier = ledger.users.list().find((user) => user.role === 'cashier') as UserSummary
  const till: Till = { pos, cashier }
  const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as ExpectedShift

  const reports = timeOwnerReports(ledger.context.db)
  const x = timed(15, () => ledger.shifts.xReport())
  checkShift(x.result, expected, 'the X report of the open 10 000-sale shift')
  const products = ledger.catalog.list({ categoryId: null, offset: 0, limit: 100 }).map((product) => product.id)
  ledger.sales.addProduct(products[0] as string, 1, cashier.id)
  const onHold = ledger.sales.hold(cashier.id)
  const held = timed(5, () => ledger.sales.held())
  check(held.result.length === 1, `the history lists ${held.result.length} held sales, expected 1`)
  ledger.sales.recall(onHold.id, cashier.id)
  ledger.sales.cancel({ userId: cashier.id })
  const sync = timed(5, () => pos.api.getSyncStatus())
  const status = await sync.result
  check(status.unsynced < 100, `${status.unsynced} outbox events are unsynced; the history's should be acknowledged`)
  const shiftId = x.result.shift.id
  const closeStarted = performance.now()
  const z = ledger.shifts.close({ usd: {}, khr: {} }, cashier.id)
  const closeMs = performance.now() - closeStarted
  checkShift(z, expected, 'the Z report of the closed 10 000-sale shift')
  checkShift(ledger.shifts.zReport(shiftId), expected, 'the stored Z report')

  ledger.shifts.open(FLOAT, cashier.id)
  const commits: number[] = []
  for (let i = 0; i < 330; i++) {
    const sale = ringUpWithLedger(till, products, i)
    if (i >= 30) commits.push(sale.commit)
    ledger.checkpointWhenIdle()
    await new Promise((settle) => setImmediate(settle))
  }
  const last = ledger.context.db.prepare('SELECT max(receipt_no) FROM sales').pluck().get() as number
  check(last === HISTORY_SALES + 330, `the receipt numbers after the history end at ${last}`)
  pos.close()
  return {
    ready_ms: first.readyMs,
    bare_ms: first.bareMs,
    integrity_ms: integrityMs,
    z_report_ms: x.ms,
    z_close_ms: closeMs,
    report_month_ms: reports.month.ms,
    report_month_sales: reports.month.sales,
    report_year_ms: reports.year.ms,
    report_year_scan_ms: reports.year.scanMs,
    report_year_sales: reports.year.sales,
    held_list_ms: held.ms,
    sync_status_ms: sync.ms,
    commit_p50_ms: median(commits),
    commit_p99_ms: percentile(commits, 0.99),
  }
}

function runChild(mode: 'open' | 'full', history: History): Record<string, number> {
  const child = spawnSync(
    process.execPath,
    [import.meta.filename, '--child', mode, history.directory, history.expectedPath],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  )
  const last = child.stdout.trim().split('\n').at(-1) ?? ''
  check(child.status === 0 && last.startsWith('{'), `the ${mode} child failed (exit ${child.status})`)
  return JSON.parse(last) as Record<string, number>
}

// ── main ─────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const sqlite = new Database(':memory:')
  const sqliteVersion = sqlite.prepare('SELECT sqlite_version()').pluck().get() as string
  sqlite.close()
  const root = mkdtempSync(join(tmpdir(), 'pos-ledger-bench-'))
  try {
    console.log(`Ledger, Node ${process.version}, SQLite ${sqliteVersion}, files in ${root}`)
    const commit = await benchCommit(root)
    const catalog = await benchCatalog(root)
    const history = await buildHistory(root)
    console.log(
      `history: ${HISTORY_SALES.toLocaleString('en')} sales in ${HISTORY_SALES / SALES_PER_SHIFT} shifts built in ${round(history.buildSeconds, 1)} s, ${round(history.sizeMb)} MB`,
    )
    const opens: Record<string, number>[] = []
    for (let i = 0; i < OPEN_PROCESSES; i++) opens.push(runChild('open', history))
    const full = runChild('full', history)
    const cold = [...opens.map((open) => open.ready_ms as number), full.ready_ms as number]
    const bare = [...opens.map((open) => open.bare_ms as number), full.bare_ms as number]
    const warm = opens.map((open) => open.warm_ready_ms as number)
    const warmBare = opens.map((open) => open.warm_bare_ms as number)
    const figures = {
      open_1m_ms: ms(median(cold)),
      open_1m_max_ms: ms(Math.max(...cold)),
      open_1m_warm_ms: ms(median(warm)),
      bare_open_1m_ms: ms(median(bare)),
      open_vs_bare_ratio: round(median(cold) / median(bare), 1),
      open_warm_vs_bare_ratio: round(median(warm) / median(warmBare), 1),
      integrity_check_1m_ms: round(full.integrity_ms as number),
      db_1m_mb: round(history.sizeMb),
      z_report_ms: ms(full.z_report_ms as number),
      z_close_ms: ms(full.z_close_ms as number),
      report_month_ms: ms(full.report_month_ms as number),
      report_year_ms: ms(full.report_year_ms as number),
      report_year_vs_sales_scan_ratio: round((full.report_year_ms as number) / (full.report_year_scan_ms as number), 3),
      report_rebuild_1m_ms: ms(history.reportRebuildMs),
      held_list_1m_ms: ms(full.held_list_ms as number),
      sync_status_1m_ms: ms(full.sync_status_ms as number),
      commit_1m_p50_ms: ms(full.commit_p50_ms as number),
      commit_1m_p99_ms: ms(full.commit_p99_ms as number),
    }
    console.log(
      `open: ${cold.length} fresh processes, createPos to first answers p50 ${figures.open_1m_ms} ms (max ${figures.open_1m_max_ms}; second open in the same process ${figures.open_1m_warm_ms} ms; bare open ${figures.bare_open_1m_ms} ms); ` +
        `background integrity check ${figures.integrity_check_1m_ms} ms`,
    )
    console.log(
      `shift of 10 000 sales in the history: X/Z figures ${figures.z_report_ms} ms (median of 15, checked), closing with the Z report ${figures.z_close_ms} ms; ` +
        `held-sales list ${figures.held_list_1m_ms} ms, sync status ${figures.sync_status_1m_ms} ms; 300 sales on top: commit p50 ${figures.commit_1m_p50_ms} ms, p99 ${figures.commit_1m_p99_ms} ms`,
    )
    console.log(
      `owner's reports: last 31 days (${full.report_month_sales} sales) ${figures.report_month_ms} ms, last 365 days (${full.report_year_sales} sales) ${figures.report_year_ms} ms (median of 5, checked against the ledger; ` +
        `summing only the year's count and riel total from the sales themselves takes ${ms(full.report_year_scan_ms as number)} ms); ` +
        `report tables built whole for the history ${figures.report_rebuild_1m_ms} ms`,
    )
    const result = {
      ...commit,
      ...catalog,
      ...figures,
      history_sales: HISTORY_SALES,
      targets_met: {
        commit_p99: commit.commit_p99_ms <= TARGETS.commit_p99_ms,
        open_1m: figures.open_1m_ms <= TARGETS.open_1m_ms,
        barcode_p99: catalog.barcode_p99_ms <= TARGETS.barcode_p99_ms,
        search_p99: catalog.search_p99_ms <= TARGETS.search_p99_ms,
        z_report: figures.z_report_ms <= TARGETS.z_report_ms,
        report_month: figures.report_month_ms <= TARGETS.report_ms,
        report_year: figures.report_year_ms <= TARGETS.report_ms,
      },
    }
    console.log(JSON.stringify(result))
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--child') {
  const [mode = '', directory = '', expectedPath = ''] = process.argv.slice(3)
  console.log(JSON.stringify(await childMain(mode, directory, expectedPath)))
  // Ends the engine's background integrity check with the process, as a terminal being switched off would.
  process.exit(0)
} else {
  await main()
}
