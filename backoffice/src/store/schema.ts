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
  ]
}
