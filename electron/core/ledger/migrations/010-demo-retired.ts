/**
 * The demo's sales and shifts, named when the shop's own data begins (endDemo): kept for audit as
 * they are (a completed sale is never changed), left out of the shop's lists, reports and exports,
 * and never refunded or voided as real sales.
 */
export const DEMO_RETIRED_V10 = `
CREATE TABLE practice_sales (
  sale_id TEXT PRIMARY KEY REFERENCES sales(id)
) STRICT, WITHOUT ROWID;
CREATE TABLE practice_shifts (
  shift_id TEXT PRIMARY KEY REFERENCES shifts(id)
) STRICT, WITHOUT ROWID;
`
