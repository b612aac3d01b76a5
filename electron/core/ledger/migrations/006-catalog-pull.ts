/**
 * The catalog pull (electron/core/sync/catalog-pull.ts, sync-protocol.md §4.3): the back office's
 * catalog flows down, read-only. The terminal remembers how far it has pulled (the cursor, with
 * the back office it came from, so enrolling with another one starts over) and which local
 * product each back-office product became. Exchange rates pulled from the back office are
 * recorded as such: the rate table is rebuilt (SQLite cannot change a CHECK) with its rows,
 * rowids and append-only trigger intact.
 */
export const CATALOG_PULL_V6 = `
ALTER TABLE sync_state ADD COLUMN catalog_cursor TEXT NOT NULL DEFAULT '0';
ALTER TABLE sync_state ADD COLUMN catalog_source TEXT;
ALTER TABLE sync_state ADD COLUMN catalog_pulled_at INTEGER;

CREATE TABLE catalog_products (
  backoffice_id TEXT PRIMARY KEY,
  product_id    TEXT NOT NULL UNIQUE REFERENCES products(id),
  version       INTEGER NOT NULL
) STRICT;

CREATE TABLE exchange_rates_v6 (
  id          TEXT PRIMARY KEY,
  khr_per_usd INTEGER NOT NULL CHECK (khr_per_usd BETWEEN 1 AND 1000000),
  source      TEXT NOT NULL CHECK (source IN ('nbc', 'shop', 'demo', 'backoffice')),
  set_by      TEXT REFERENCES users(id),
  set_at      INTEGER NOT NULL
) STRICT;
INSERT INTO exchange_rates_v6 (rowid, id, khr_per_usd, source, set_by, set_at)
  SELECT rowid, id, khr_per_usd, source, set_by, set_at FROM exchange_rates;
DROP TABLE exchange_rates;
ALTER TABLE exchange_rates_v6 RENAME TO exchange_rates;
CREATE TRIGGER exchange_rates_fixed BEFORE UPDATE ON exchange_rates BEGIN
  SELECT RAISE(ABORT, 'exchange-rate history is never changed');
END;
`
