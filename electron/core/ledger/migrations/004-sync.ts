/**
 * The terminal's side of sync (electron/core/sync, docs/sync-protocol.md §4): which back office it
 * is enrolled with, and what the last exchange with it taught. The refresh token is not here: it
 * lives in the OS-protected secret store. Acked outbox events stay in the outbox (not deleted).
 */
export const SYNC_V4 = `
CREATE TABLE sync_config (
  singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
  backoffice_url  TEXT NOT NULL,
  terminal_id     TEXT NOT NULL,
  store_id        TEXT NOT NULL,
  enrolled_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE sync_state (
  singleton                INTEGER PRIMARY KEY CHECK (singleton = 1),
  last_attempt_at          INTEGER,
  last_success_at          INTEGER,
  last_error_class         TEXT,
  last_error               TEXT,
  clock_offset_ms          INTEGER,
  server_acked_through_seq INTEGER,
  server_gaps              TEXT,
  blocked                  TEXT CHECK (blocked IN ('revoked', 'update_needed')),
  exported_through_seq     INTEGER NOT NULL DEFAULT 0,
  exported_at              INTEGER,
  exported_path            TEXT
) STRICT;
INSERT INTO sync_state (singleton) VALUES (1);

-- The pusher reads the head of the queue by seq; 'pending' alone (quarantined events are not sent).
CREATE INDEX outbox_pending ON outbox(seq) WHERE state = 'pending';
`
