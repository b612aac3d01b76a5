/**
 * The first schema of the sales journal. STRICT tables, so a float can never slip into a money
 * column: every amount is an INTEGER in minor units (US cents, riel). Completed documents and
 * the journals are protected by triggers: a paid sale, its lines and tenders, a void, a refund,
 * an audit entry or an outbox event can be added but never edited or deleted.
 */
export const LEDGER_V1 = `
CREATE TABLE terminal (
  singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
  id          TEXT NOT NULL,
  label       TEXT NOT NULL,
  created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE settings (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL
) STRICT;

CREATE TABLE exchange_rates (
  id          TEXT PRIMARY KEY,
  khr_per_usd INTEGER NOT NULL CHECK (khr_per_usd BETWEEN 1 AND 1000000),
  source      TEXT NOT NULL CHECK (source IN ('nbc', 'shop', 'demo')),
  set_by      TEXT REFERENCES users(id),
  set_at      INTEGER NOT NULL
) STRICT;

CREATE TABLE vat_classes (
  id          TEXT PRIMARY KEY,
  name_en     TEXT NOT NULL,
  name_km     TEXT NOT NULL,
  rate_bp     INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000)
) STRICT;

CREATE TABLE users (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
  pin_hash        TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_at       INTEGER,
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  is_demo         INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at      INTEGER NOT NULL
) STRICT;

CREATE TABLE categories (
  id          TEXT PRIMARY KEY,
  name_en     TEXT NOT NULL,
  name_km     TEXT NOT NULL,
  position    INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE products (
  id          TEXT PRIMARY KEY,
  sku         TEXT NOT NULL UNIQUE,
  name_en     TEXT NOT NULL,
  name_km     TEXT NOT NULL,
  category_id TEXT REFERENCES categories(id),
  price       INTEGER NOT NULL CHECK (price >= 0),
  currency    TEXT NOT NULL CHECK (currency IN ('USD', 'KHR')),
  vat_class   TEXT NOT NULL REFERENCES vat_classes(id),
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  is_demo     INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  updated_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX products_by_category ON products(category_id, active, name_en);

CREATE TABLE barcodes (
  barcode     TEXT PRIMARY KEY,
  product_id  TEXT NOT NULL REFERENCES products(id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX barcodes_by_product ON barcodes(product_id);

-- Substring search on names and SKU in any script (trigram works on Khmer, which has no spaces).
CREATE VIRTUAL TABLE product_search USING fts5(
  sku, name_en, name_km, content='products', content_rowid='rowid', tokenize='trigram remove_diacritics 1'
);
CREATE TRIGGER products_search_insert AFTER INSERT ON products BEGIN
  INSERT INTO product_search(rowid, sku, name_en, name_km) VALUES (new.rowid, new.sku, new.name_en, new.name_km);
END;
CREATE TRIGGER products_search_delete AFTER DELETE ON products BEGIN
  INSERT INTO product_search(product_search, rowid, sku, name_en, name_km) VALUES ('delete', old.rowid, old.sku, old.name_en, old.name_km);
END;
CREATE TRIGGER products_search_update AFTER UPDATE OF sku, name_en, name_km ON products BEGIN
  INSERT INTO product_search(product_search, rowid, sku, name_en, name_km) VALUES ('delete', old.rowid, old.sku, old.name_en, old.name_km);
  INSERT INTO product_search(rowid, sku, name_en, name_km) VALUES (new.rowid, new.sku, new.name_en, new.name_km);
END;

CREATE TABLE shifts (
  id                 TEXT PRIMARY KEY,
  number             INTEGER NOT NULL UNIQUE,
  opened_by          TEXT NOT NULL REFERENCES users(id),
  opened_at          INTEGER NOT NULL,
  float_usd          INTEGER NOT NULL CHECK (float_usd >= 0),
  float_khr          INTEGER NOT NULL CHECK (float_khr >= 0),
  closed_by          TEXT REFERENCES users(id),
  closed_at          INTEGER,
  counted_usd        INTEGER,
  counted_khr        INTEGER,
  count_detail       TEXT,
  z_report           TEXT
) STRICT;
CREATE UNIQUE INDEX one_open_shift ON shifts((closed_at IS NULL)) WHERE closed_at IS NULL;

CREATE TABLE cash_movements (
  id          TEXT PRIMARY KEY,
  shift_id    TEXT NOT NULL REFERENCES shifts(id),
  direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  currency    TEXT NOT NULL CHECK (currency IN ('USD', 'KHR')),
  amount      INTEGER NOT NULL CHECK (amount > 0),
  reason      TEXT NOT NULL,
  user_id     TEXT NOT NULL REFERENCES users(id),
  approver_id TEXT REFERENCES users(id),
  at          INTEGER NOT NULL
) STRICT;
CREATE INDEX cash_movements_by_shift ON cash_movements(shift_id);

-- A sale is a draft (open, held, awaiting_payment) until it is paid; then it is a fixed document.
-- A refund is a document of its own (kind 'refund') that points at the sale it refunds.
CREATE TABLE sales (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'refund')),
  state           TEXT NOT NULL CHECK (state IN ('open', 'held', 'awaiting_payment', 'paid', 'cancelled')),
  refund_of       TEXT REFERENCES sales(id),
  receipt_no      INTEGER,
  shift_id        TEXT REFERENCES shifts(id),
  cashier_id      TEXT NOT NULL REFERENCES users(id),
  approver_id     TEXT REFERENCES users(id),
  reason          TEXT,
  currency        TEXT NOT NULL CHECK (currency IN ('USD', 'KHR')),
  khr_per_usd     INTEGER NOT NULL CHECK (khr_per_usd > 0),
  tax_inclusive   INTEGER NOT NULL CHECK (tax_inclusive IN (0, 1)),
  smallest_note   INTEGER NOT NULL CHECK (smallest_note IN (100, 500, 1000)),
  discount_kind   TEXT CHECK (discount_kind IN ('percent', 'amount')),
  discount_value  INTEGER,
  gross_total     INTEGER,
  discount_total  INTEGER,
  subtotal        INTEGER,
  vat_total       INTEGER,
  total           INTEGER,
  total_khr       INTEGER,
  vat_khr         INTEGER,
  change_usd      INTEGER,
  change_khr      INTEGER,
  residual_sen    INTEGER,
  opened_at       INTEGER NOT NULL,
  completed_at    INTEGER,
  UNIQUE (receipt_no)
) STRICT;
CREATE INDEX sales_by_state ON sales(state) WHERE state <> 'paid';
-- One sale at the counter at a time; held sales wait aside.
CREATE UNIQUE INDEX one_active_sale ON sales((1)) WHERE state IN ('open', 'awaiting_payment');
CREATE INDEX sales_by_shift ON sales(shift_id, state);
CREATE INDEX sales_by_completion ON sales(completed_at) WHERE completed_at IS NOT NULL;
CREATE INDEX sales_by_refund_of ON sales(refund_of) WHERE refund_of IS NOT NULL;

CREATE TABLE sale_lines (
  id                  TEXT PRIMARY KEY,
  sale_id             TEXT NOT NULL REFERENCES sales(id),
  position            INTEGER NOT NULL,
  product_id          TEXT REFERENCES products(id),
  refund_of_line      TEXT REFERENCES sale_lines(id),
  sku                 TEXT NOT NULL,
  name_en             TEXT NOT NULL,
  name_km             TEXT NOT NULL,
  quantity            INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 100000),
  list_price          INTEGER NOT NULL,
  list_currency       TEXT NOT NULL CHECK (list_currency IN ('USD', 'KHR')),
  unit_price          INTEGER NOT NULL CHECK (unit_price >= 0),
  price_overridden_by TEXT REFERENCES users(id),
  vat_class           TEXT NOT NULL,
  vat_rate_bp         INTEGER NOT NULL,
  discount_kind       TEXT CHECK (discount_kind IN ('percent', 'amount')),
  discount_value      INTEGER,
  gross               INTEGER,
  line_discount       INTEGER,
  sale_discount_share INTEGER,
  amount              INTEGER,
  vat                 INTEGER,
  UNIQUE (sale_id, position)
) STRICT;
CREATE INDEX sale_lines_by_refund_of ON sale_lines(refund_of_line) WHERE refund_of_line IS NOT NULL;

CREATE TABLE khqr_requests (
  id           TEXT PRIMARY KEY,
  sale_id      TEXT NOT NULL REFERENCES sales(id),
  currency     TEXT NOT NULL CHECK (currency IN ('USD', 'KHR')),
  amount       INTEGER NOT NULL CHECK (amount > 0),
  payload      TEXT NOT NULL,
  md5          TEXT NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('shown', 'cancelled', 'expired', 'paid')),
  ended_at     INTEGER
) STRICT;
CREATE INDEX khqr_requests_by_sale ON khqr_requests(sale_id);
CREATE UNIQUE INDEX one_shown_khqr_per_sale ON khqr_requests(sale_id) WHERE state = 'shown';

CREATE TABLE sale_tenders (
  id            TEXT PRIMARY KEY,
  sale_id       TEXT NOT NULL REFERENCES sales(id),
  position      INTEGER NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('cash_usd', 'cash_khr', 'khqr_usd', 'khqr_khr')),
  amount        INTEGER NOT NULL CHECK (amount > 0),
  khqr_request  TEXT REFERENCES khqr_requests(id),
  confirmation  TEXT CHECK (confirmation IN ('bakong', 'manual')),
  bakong_hash   TEXT,
  verified      INTEGER CHECK (verified IN (0, 1)),
  approver_id   TEXT REFERENCES users(id),
  reason        TEXT,
  at            INTEGER NOT NULL,
  UNIQUE (sale_id, position),
  UNIQUE (bakong_hash)
) STRICT;
CREATE INDEX sale_tenders_unverified ON sale_tenders(verified) WHERE verified = 0;

CREATE TABLE sale_voids (
  id           TEXT PRIMARY KEY,
  sale_id      TEXT NOT NULL UNIQUE REFERENCES sales(id),
  shift_id     TEXT NOT NULL REFERENCES shifts(id),
  user_id      TEXT NOT NULL REFERENCES users(id),
  approver_id  TEXT REFERENCES users(id),
  reason       TEXT NOT NULL,
  at           INTEGER NOT NULL
) STRICT;
CREATE INDEX sale_voids_by_shift ON sale_voids(shift_id);

-- Security-relevant actions, append-only and hash-chained (docs/security.md §4).
CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  at           INTEGER NOT NULL,
  terminal_id  TEXT NOT NULL,
  user_id      TEXT,
  approver_id  TEXT,
  action       TEXT NOT NULL,
  object_type  TEXT,
  object_id    TEXT,
  result       TEXT NOT NULL CHECK (result IN ('ok', 'refused')),
  detail       TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
) STRICT;

-- Business events for the back office (docs/sync-protocol.md §4.1), written in the same
-- transaction as the change they record.
CREATE TABLE outbox (
  seq                INTEGER PRIMARY KEY,
  event_id           TEXT NOT NULL UNIQUE,
  type               TEXT NOT NULL,
  payload            TEXT NOT NULL,
  payload_sha256     TEXT NOT NULL,
  prev_hash          TEXT NOT NULL,
  hash               TEXT NOT NULL,
  occurred_at_device INTEGER NOT NULL,
  state              TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'acked', 'quarantined')),
  attempts           INTEGER NOT NULL DEFAULT 0,
  next_attempt_at    INTEGER,
  last_error         TEXT,
  acked_at           INTEGER,
  server_received_at INTEGER
) STRICT;
CREATE INDEX outbox_unsent ON outbox(seq) WHERE state <> 'acked';

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER outbox_fixed_facts BEFORE UPDATE OF seq, event_id, type, payload, payload_sha256, prev_hash, hash, occurred_at_device ON outbox BEGIN
  SELECT RAISE(ABORT, 'outbox events are immutable');
END;
CREATE TRIGGER outbox_keep_unsent BEFORE DELETE ON outbox WHEN old.state <> 'acked' BEGIN
  SELECT RAISE(ABORT, 'an unsynced outbox event cannot be deleted');
END;
CREATE TRIGGER sales_paid_are_fixed BEFORE UPDATE ON sales WHEN old.state IN ('paid', 'cancelled') BEGIN
  SELECT RAISE(ABORT, 'a completed sale cannot be changed; void or refund it');
END;
CREATE TRIGGER sales_never_deleted BEFORE DELETE ON sales BEGIN
  SELECT RAISE(ABORT, 'sales are never deleted');
END;
CREATE TRIGGER sale_lines_fixed_update BEFORE UPDATE ON sale_lines
  WHEN (SELECT state FROM sales WHERE id = old.sale_id) IN ('paid', 'cancelled') BEGIN
  SELECT RAISE(ABORT, 'lines of a completed sale cannot be changed');
END;
CREATE TRIGGER sale_lines_fixed_delete BEFORE DELETE ON sale_lines
  WHEN (SELECT state FROM sales WHERE id = old.sale_id) IN ('paid', 'cancelled') BEGIN
  SELECT RAISE(ABORT, 'lines of a completed sale cannot be changed');
END;
CREATE TRIGGER sale_lines_fixed_insert BEFORE INSERT ON sale_lines
  WHEN (SELECT state FROM sales WHERE id = new.sale_id) IN ('paid', 'cancelled') BEGIN
  SELECT RAISE(ABORT, 'lines of a completed sale cannot be changed');
END;
CREATE TRIGGER sale_tenders_no_update BEFORE UPDATE ON sale_tenders
  WHEN NOT (old.verified = 0 AND new.verified = 1 AND new.id = old.id AND new.amount = old.amount AND new.kind = old.kind AND new.sale_id = old.sale_id) BEGIN
  SELECT RAISE(ABORT, 'a tender cannot be changed; only a hand-confirmed KHQR can later be marked verified');
END;
CREATE TRIGGER sale_tenders_no_delete BEFORE DELETE ON sale_tenders BEGIN
  SELECT RAISE(ABORT, 'tenders are never deleted');
END;
CREATE TRIGGER sale_voids_no_update BEFORE UPDATE ON sale_voids BEGIN
  SELECT RAISE(ABORT, 'voids are never changed');
END;
CREATE TRIGGER sale_voids_no_delete BEFORE DELETE ON sale_voids BEGIN
  SELECT RAISE(ABORT, 'voids are never deleted');
END;
CREATE TRIGGER cash_movements_fixed BEFORE UPDATE ON cash_movements BEGIN
  SELECT RAISE(ABORT, 'cash movements are never changed');
END;
CREATE TRIGGER cash_movements_kept BEFORE DELETE ON cash_movements BEGIN
  SELECT RAISE(ABORT, 'cash movements are never deleted');
END;
CREATE TRIGGER exchange_rates_fixed BEFORE UPDATE ON exchange_rates BEGIN
  SELECT RAISE(ABORT, 'exchange-rate history is never changed');
END;
CREATE TRIGGER shifts_closed_are_fixed BEFORE UPDATE ON shifts WHEN old.closed_at IS NOT NULL BEGIN
  SELECT RAISE(ABORT, 'a closed shift cannot be changed');
END;
`
