/**
 * Who may do what, and how hard it is to guess your way in (docs/security.md §3, issue 12):
 * - `users.lockouts` counts how often a user was locked, so a manager's cool-down keeps doubling;
 * - `pin_guard` keeps the terminal-wide run of wrong PINs and when the next attempt may be made,
 *   so a restart does not reset the slowdown;
 * - `recovery_code` holds the owner recovery code's hash (shown once, single use);
 * - `sync_config.verdict_key` is the back office's public key its KHQR verdicts are signed with.
 */
export const AUTHORITY_V7 = `
ALTER TABLE users ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0;

CREATE TABLE pin_guard (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  failures_in_a_row INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO pin_guard (id) VALUES (1);

ALTER TABLE sync_config ADD COLUMN verdict_key TEXT;

CREATE TABLE recovery_code (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  code_hash  TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id)
) STRICT;
`
