/**
 * The owner's reports, kept as they happen: per shop day (and hour) the sales, refunds and voids
 * with their totals, VAT and public lighting tax per currency and in riel; the money that changed
 * hands per payment kind (net of change, refunds and voids); each product's quantity and amount in
 * riel; each cashier's sales. A year of a million sales then reports from a few thousand rows.
 * Refunds and voids count on the day they are made, as on the Z report, so a past day never changes.
 */
export const REPORT_FACTS_V14 = `
CREATE TABLE report_sales (
  day           TEXT NOT NULL,
  hour          INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
  currency      TEXT NOT NULL CHECK (currency IN ('USD', 'KHR')),
  sales         INTEGER NOT NULL DEFAULT 0,
  sales_total   INTEGER NOT NULL DEFAULT 0,
  sales_khr     INTEGER NOT NULL DEFAULT 0,
  gross         INTEGER NOT NULL DEFAULT 0,
  discounts     INTEGER NOT NULL DEFAULT 0,
  refunds       INTEGER NOT NULL DEFAULT 0,
  refunds_total INTEGER NOT NULL DEFAULT 0,
  refunds_khr   INTEGER NOT NULL DEFAULT 0,
  voids         INTEGER NOT NULL DEFAULT 0,
  voids_total   INTEGER NOT NULL DEFAULT 0,
  voids_khr     INTEGER NOT NULL DEFAULT 0,
  vat           INTEGER NOT NULL DEFAULT 0,
  vat_khr       INTEGER NOT NULL DEFAULT 0,
  plt           INTEGER NOT NULL DEFAULT 0,
  plt_khr       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, hour, currency)
) STRICT, WITHOUT ROWID;
CREATE TABLE report_tenders (
  day    TEXT NOT NULL,
  kind   TEXT NOT NULL CHECK (kind IN ('cash_usd', 'cash_khr', 'khqr_usd', 'khqr_khr')),
  uses   INTEGER NOT NULL DEFAULT 0,
  amount INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, kind)
) STRICT, WITHOUT ROWID;
CREATE TABLE report_products (
  day         TEXT NOT NULL,
  sku         TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  name_km     TEXT NOT NULL,
  category_id TEXT,
  sold_by     TEXT NOT NULL CHECK (sold_by IN ('count', 'weight')),
  quantity    INTEGER NOT NULL DEFAULT 0,
  amount_khr  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, sku)
) STRICT, WITHOUT ROWID;
CREATE TABLE report_cashiers (
  day        TEXT NOT NULL,
  cashier_id TEXT NOT NULL,
  sales      INTEGER NOT NULL DEFAULT 0,
  amount_khr INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, cashier_id)
) STRICT, WITHOUT ROWID;
`
