/**
 * The back office's schema, one design for both databases (sync-protocol.md §4.4). Times are
 * epoch milliseconds and money integers in minor units on both, so the SQL above it is shared;
 * only the names of the integer and auto-numbered types differ.
 */
export interface Migration {
  version: number
  name: string
  sql: string
}

export function migrations(dialect: 'sqlite' | 'postgres'): Migration[] {
  const int = dialect === 'postgres' ? 'BIGINT' : 'INTEGER'
  const autoId = dialect === 'postgres' ? 'BIGSERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY'
  // SQLite keeps such a table in its primary key's order, so a document's rows are read in one place.
  const clustered = dialect === 'sqlite' ? ' WITHOUT ROWID' : ''
  return [
    {
      version: 1,
      name: 'sync',
      sql: `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE counters (
  name  TEXT PRIMARY KEY,
  value ${int} NOT NULL
);
INSERT INTO counters (name, value) VALUES ('catalog', 0);
CREATE TABLE stores (
  store_id   TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at ${int} NOT NULL
);
CREATE TABLE terminals (
  terminal_id        TEXT PRIMARY KEY,
  store_id           TEXT NOT NULL REFERENCES stores(store_id),
  label              TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('pending', 'active', 'revoked')),
  created_at         ${int} NOT NULL,
  enrolled_at        ${int},
  revoked_at         ${int},
  revoked_reason     TEXT,
  device_fingerprint TEXT,
  app_version        TEXT,
  last_seen          ${int},
  acked_through_seq  ${int} NOT NULL DEFAULT 0,
  max_seq            ${int} NOT NULL DEFAULT 0,
  last_event_id      TEXT,
  clock_offset_ms    ${int},
  chain_break_seq    ${int},
  chain_break_reason TEXT
);
CREATE TABLE enrolment_codes (
  code_hash   TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL REFERENCES terminals(terminal_id),
  expires_at  ${int} NOT NULL,
  used_at     ${int}
);
CREATE TABLE refresh_tokens (
  token_hash  TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL REFERENCES terminals(terminal_id),
  issued_at   ${int} NOT NULL,
  used_at     ${int}
);
CREATE TABLE access_tokens (
  token_hash  TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL REFERENCES terminals(terminal_id),
  store_id    TEXT NOT NULL,
  scopes      TEXT NOT NULL,
  expires_at  ${int} NOT NULL
);
CREATE TABLE owner_sessions (
  token_hash TEXT PRIMARY KEY,
  created_at ${int} NOT NULL,
  expires_at ${int} NOT NULL
);
CREATE TABLE sync_events (
  event_id           TEXT PRIMARY KEY,
  terminal_id        TEXT NOT NULL REFERENCES terminals(terminal_id),
  store_id           TEXT NOT NULL,
  seq                ${int} NOT NULL,
  type               TEXT NOT NULL,
  payload            TEXT NOT NULL,
  payload_sha256     TEXT NOT NULL,
  prev_hash          TEXT NOT NULL,
  hash               TEXT NOT NULL,
  occurred_at_device ${int} NOT NULL,
  received_at        ${int} NOT NULL,
  batch_id           TEXT,
  source             TEXT NOT NULL CHECK (source IN ('push', 'import')),
  state              TEXT NOT NULL CHECK (state IN ('accepted', 'rejected')),
  reject_code        TEXT,
  reject_message     TEXT,
  UNIQUE (terminal_id, seq)
);
CREATE INDEX sync_events_rejected ON sync_events(state, received_at);
-- Events refused for integrity (same id with another body, a seq taken by another id, a payload
-- that does not match its hash): kept for audit beside sync_events, whose keys they collide with.
CREATE TABLE event_conflicts (
  id             ${autoId},
  terminal_id    TEXT NOT NULL,
  event_id       TEXT NOT NULL,
  seq            ${int} NOT NULL,
  type           TEXT NOT NULL,
  payload        TEXT NOT NULL,
  payload_sha256 TEXT NOT NULL,
  code           TEXT NOT NULL,
  message        TEXT NOT NULL,
  received_at    ${int} NOT NULL
);
CREATE TABLE sales (
  sale_id          TEXT PRIMARY KEY,
  terminal_id      TEXT NOT NULL,
  store_id         TEXT NOT NULL,
  shift_id         TEXT NOT NULL,
  receipt_no       TEXT NOT NULL,
  currency         TEXT NOT NULL,
  subtotal_minor   ${int} NOT NULL,
  vat_minor        ${int} NOT NULL,
  total_minor      ${int} NOT NULL,
  total_khr        ${int} NOT NULL,
  rate_khr_per_usd ${int} NOT NULL,
  completed_at     ${int} NOT NULL,
  business_day     TEXT NOT NULL,
  event_id         TEXT NOT NULL,
  void_id          TEXT,
  voided_at        ${int}
);
CREATE INDEX sales_by_day ON sales(business_day, terminal_id);
CREATE TABLE voids (
  sale_id   TEXT PRIMARY KEY,
  void_id   TEXT NOT NULL,
  voided_at ${int} NOT NULL
);
CREATE TABLE refunds (
  refund_id    TEXT PRIMARY KEY,
  sale_id      TEXT NOT NULL,
  terminal_id  TEXT NOT NULL,
  shift_id     TEXT NOT NULL,
  receipt_no   TEXT NOT NULL,
  currency     TEXT NOT NULL,
  total_minor  ${int} NOT NULL,
  refunded_at  ${int} NOT NULL,
  business_day TEXT NOT NULL,
  event_id     TEXT NOT NULL
);
CREATE TABLE shifts (
  shift_id     TEXT PRIMARY KEY,
  terminal_id  TEXT NOT NULL,
  number       ${int} NOT NULL,
  opened_by    TEXT NOT NULL,
  opened_at    ${int} NOT NULL,
  float_usd    ${int} NOT NULL,
  float_khr    ${int} NOT NULL,
  closed_by    TEXT,
  closed_at    ${int},
  counted_usd  ${int},
  counted_khr  ${int},
  expected_usd ${int},
  expected_khr ${int}
);
CREATE TABLE khqr_payments (
  request_id          TEXT PRIMARY KEY,
  sale_id             TEXT NOT NULL,
  terminal_id         TEXT NOT NULL,
  md5                 TEXT NOT NULL,
  amount              ${int} NOT NULL,
  currency            TEXT NOT NULL,
  source              TEXT NOT NULL,
  bakong_hash         TEXT,
  verified            ${int} NOT NULL,
  confirmed_by        TEXT,
  reason              TEXT,
  confirmed_at        ${int} NOT NULL,
  verification        TEXT,
  verification_detail TEXT,
  verified_at         ${int},
  event_id            TEXT NOT NULL
);
CREATE INDEX khqr_payments_by_md5 ON khqr_payments(md5);
-- Outcomes of rechecks, keyed by request_id, md5 or sale_id: kept even if the payment arrives later.
CREATE TABLE khqr_verifications (
  key         TEXT PRIMARY KEY,
  outcome     TEXT NOT NULL,
  detail      TEXT,
  bakong_hash TEXT,
  verified_at ${int}
);
CREATE TABLE khqr_checks (
  md5          TEXT PRIMARY KEY,
  state        TEXT NOT NULL,
  terminal_id  TEXT NOT NULL,
  sale_id      TEXT,
  bakong_hash  TEXT,
  amount       ${int},
  currency     TEXT,
  from_account TEXT,
  paid_at      ${int},
  checked_at   ${int} NOT NULL
);
CREATE TABLE catalog_changes (
  version    ${int} PRIMARY KEY,
  kind       TEXT NOT NULL,
  item_id    TEXT NOT NULL,
  item       TEXT NOT NULL,
  changed_at ${int} NOT NULL
);
`,
    },
    {
      version: 2,
      name: 'refresh_token_successor',
      // The hash of the token that replaced this one: lets the back office tell a retry after a lost
      // answer (the previous token, its successor never used) from the reuse of a stolen one.
      sql: `
ALTER TABLE refresh_tokens ADD COLUMN replaced_by TEXT;
`,
    },
    {
      version: 3,
      name: 'documents_owned_by_terminal',
      // A void or a recheck outcome kept for a document not yet arrived names the terminal that sent
      // it, so it is only ever applied to that terminal's own sale or payment.
      sql: `
ALTER TABLE voids ADD COLUMN terminal_id TEXT;
UPDATE voids SET terminal_id = (SELECT terminal_id FROM sales WHERE sales.sale_id = voids.sale_id);
ALTER TABLE khqr_verifications ADD COLUMN terminal_id TEXT;
UPDATE khqr_verifications SET terminal_id = (
  SELECT terminal_id FROM khqr_payments p
  WHERE p.request_id = khqr_verifications.key OR p.md5 = khqr_verifications.key OR p.sale_id = khqr_verifications.key
  LIMIT 1
);
`,
    },
    {
      version: 4,
      name: 'terminal_keys',
      // The Ed25519 key a terminal made at enrolment (SPKI DER, base64url), which every refresh must
      // be signed with, and the highest proof counter seen from it.
      sql: `
ALTER TABLE terminals ADD COLUMN public_key TEXT;
ALTER TABLE terminals ADD COLUMN last_proof ${int} NOT NULL DEFAULT 0;
`,
    },
    {
      version: 5,
      name: 'owner_commands',
      // What the owner asks one terminal to do (unlock its managers), signed with the verdict key so
      // the terminal takes it from this back office only; handed out until it runs out.
      sql: `
CREATE TABLE owner_commands (
  command_id   TEXT PRIMARY KEY,
  terminal_id  TEXT NOT NULL REFERENCES terminals(terminal_id),
  kind         TEXT NOT NULL,
  body         TEXT NOT NULL,
  signature    TEXT NOT NULL,
  created_at   ${int} NOT NULL,
  expires_at   ${int} NOT NULL,
  delivered_at ${int}
);
CREATE INDEX owner_commands_by_terminal ON owner_commands (terminal_id, expires_at);
`,
    },
    {
      version: 6,
      name: 'demo_practice',
      // A terminal that ends its demo says so (demo.ended): what it sent before is practice, kept for
      // audit and left out of the owner's figures.
      sql: `
ALTER TABLE sales ADD COLUMN demo ${int} NOT NULL DEFAULT 0;
ALTER TABLE refunds ADD COLUMN demo ${int} NOT NULL DEFAULT 0;
ALTER TABLE shifts ADD COLUMN demo ${int} NOT NULL DEFAULT 0;
ALTER TABLE khqr_payments ADD COLUMN demo ${int} NOT NULL DEFAULT 0;
ALTER TABLE terminals ADD COLUMN demo_ended_at ${int};
`,
    },
    {
      version: 7,
      name: 'report_read_models',
      // What the owner's reports group by, beyond a sale's totals: its lines (product, quantity, their
      // share of the total in the sale's currency and in riel at the sale's own rate), the money that
      // changed hands per tender kind (signed: in positive, change and refunds negative), the cashier,
      // and the riel figures of refunds. Keyed by the event that wrote them and written only for the
      // document row that event kept. Each detail row carries its document's business day, terminal,
      // practice and void state (kept in step by the projectors when a shift, a void or the end of the
      // demo comes later), so a report reads a range of days of one table without a join; on SQLite
      // the rows are stored in that order. Rows for events stored before this version are filled in
      // at start (report-backfill.ts). The sales and refunds indexes hold every column the reports
      // read, so a period is read from the index alone (sales_by_day is their first columns, and goes).
      sql: `
ALTER TABLE sales ADD COLUMN cashier_id TEXT;
ALTER TABLE sales ADD COLUMN cashier_name TEXT;
ALTER TABLE sales ADD COLUMN vat_khr ${int};
ALTER TABLE refunds ADD COLUMN vat_minor ${int};
ALTER TABLE refunds ADD COLUMN total_khr ${int};
ALTER TABLE refunds ADD COLUMN vat_khr ${int};
ALTER TABLE refunds ADD COLUMN refunded_by TEXT;
-- Who sold: each cashier's terminal (the first that named them) and the name it sent, if any.
CREATE TABLE cashiers (
  cashier_id  TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  name        TEXT
);
CREATE TABLE sale_lines (
  business_day TEXT NOT NULL,
  terminal_id  TEXT NOT NULL,
  event_id     TEXT NOT NULL,
  line_no      ${int} NOT NULL,
  demo         ${int} NOT NULL,
  voided       ${int} NOT NULL,
  currency     TEXT NOT NULL,
  line_id      TEXT,
  product_id   TEXT,
  sku          TEXT NOT NULL,
  name_en      TEXT,
  name_km      TEXT,
  category_id  TEXT,
  category_en  TEXT,
  category_km  TEXT,
  sold_by      TEXT NOT NULL,
  quantity     ${int} NOT NULL,
  total_minor  ${int} NOT NULL,
  total_khr    ${int} NOT NULL,
  PRIMARY KEY (business_day, terminal_id, event_id, line_no),
  UNIQUE (event_id, line_no)
)${clustered};
CREATE INDEX sale_lines_by_line ON sale_lines(line_id);
CREATE TABLE refund_lines (
  business_day   TEXT NOT NULL,
  terminal_id    TEXT NOT NULL,
  event_id       TEXT NOT NULL,
  line_no        ${int} NOT NULL,
  demo           ${int} NOT NULL,
  currency       TEXT NOT NULL,
  refund_of_line TEXT,
  sku            TEXT NOT NULL,
  sold_by        TEXT NOT NULL,
  quantity       ${int} NOT NULL,
  total_minor    ${int} NOT NULL,
  total_khr      ${int} NOT NULL,
  PRIMARY KEY (business_day, terminal_id, event_id, line_no),
  UNIQUE (event_id, line_no)
)${clustered};
CREATE TABLE payments (
  business_day TEXT NOT NULL,
  terminal_id  TEXT NOT NULL,
  event_id     TEXT NOT NULL,
  position     ${int} NOT NULL,
  demo         ${int} NOT NULL,
  voided       ${int} NOT NULL,
  method       TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('tendered', 'change', 'refunded')),
  amount_minor ${int} NOT NULL,
  amount_khr   ${int} NOT NULL,
  PRIMARY KEY (business_day, terminal_id, event_id, position),
  UNIQUE (event_id, position)
)${clustered};
DROP INDEX sales_by_day;
CREATE INDEX sales_report ON sales(business_day, terminal_id, currency, cashier_id, demo, void_id, completed_at,
  total_minor, total_khr, vat_minor, vat_khr, event_id, sale_id);
CREATE INDEX refunds_report ON refunds(business_day, terminal_id, currency, refunded_by, demo, total_minor, total_khr,
  vat_minor, vat_khr, event_id);
CREATE INDEX sales_by_shift ON sales(shift_id);
CREATE INDEX refunds_by_shift ON refunds(shift_id);
CREATE INDEX khqr_payments_by_sale ON khqr_payments(sale_id);
`,
    },
  ]
}
