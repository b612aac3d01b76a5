/**
 * Print jobs, the sticker register and no-sale drawer opens. A receipt's job is created in the
 * transaction that completes its sale, so a sale is never paid without its receipt being owed.
 */
export const PRINTING_V2 = `
CREATE TABLE print_jobs (
  id              TEXT PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('receipt', 'bill', 'drawer', 'report', 'sticker', 'test')),
  object_id       TEXT,
  -- 0 for the original; a reprint is copy 1, 2, ...: one original receipt per sale, ever.
  copy            INTEGER NOT NULL DEFAULT 0,
  detail          TEXT NOT NULL DEFAULT '{}',
  created_at      INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'printing', 'printed', 'held', 'discarded')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  printed_at      INTEGER,
  output          TEXT,
  UNIQUE (kind, object_id, copy)
) STRICT;
CREATE INDEX print_jobs_due ON print_jobs(next_attempt_at) WHERE state = 'pending';
CREATE INDEX print_jobs_waiting ON print_jobs(state) WHERE state IN ('pending', 'printing', 'held');

CREATE TABLE stickers (
  serial      INTEGER PRIMARY KEY,
  account     TEXT NOT NULL,
  printed_at  INTEGER NOT NULL,
  user_id     TEXT NOT NULL REFERENCES users(id),
  job_id      TEXT NOT NULL REFERENCES print_jobs(id)
) STRICT;

CREATE TABLE drawer_opens (
  id          TEXT PRIMARY KEY,
  shift_id    TEXT REFERENCES shifts(id),
  sale_id     TEXT REFERENCES sales(id),
  user_id     TEXT NOT NULL REFERENCES users(id),
  approver_id TEXT REFERENCES users(id),
  reason      TEXT,
  at          INTEGER NOT NULL
) STRICT;
CREATE INDEX drawer_opens_by_shift ON drawer_opens(shift_id);
CREATE TRIGGER drawer_opens_fixed BEFORE UPDATE ON drawer_opens BEGIN
  SELECT RAISE(ABORT, 'drawer opens are never changed');
END;
CREATE TRIGGER drawer_opens_kept BEFORE DELETE ON drawer_opens BEGIN
  SELECT RAISE(ABORT, 'drawer opens are never deleted');
END;
`
