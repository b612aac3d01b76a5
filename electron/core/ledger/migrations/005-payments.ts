/**
 * KHQR payment checks (docs/security.md T5, T6; cambodia.md §2): payments Bakong reported that
 * could not settle a sale as they were (a mismatch, a QR paid twice, a payment after the QR ended,
 * a Bakong transaction already used, a hand-confirmed payment Bakong never saw), kept for a
 * manager; and when a hand-confirmed KHQR was later verified.
 */
export const PAYMENTS_V5 = `
CREATE TABLE khqr_issues (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('mismatch', 'not_found', 'over_payment', 'late_payment', 'hash_used')),
  reason        TEXT,
  md5           TEXT NOT NULL,
  khqr_request  TEXT NOT NULL REFERENCES khqr_requests(id),
  sale_id       TEXT NOT NULL REFERENCES sales(id),
  tender_id     TEXT REFERENCES sale_tenders(id),
  shift_id      TEXT REFERENCES shifts(id),
  bakong_hash   TEXT,
  amount        INTEGER CHECK (amount >= 0),
  currency      TEXT CHECK (currency IN ('USD', 'KHR')),
  from_account  TEXT,
  to_account    TEXT,
  paid_at       INTEGER,
  detected_at   INTEGER NOT NULL,
  resolved_at   INTEGER,
  resolved_by   TEXT REFERENCES users(id),
  resolution    TEXT
) STRICT;
CREATE UNIQUE INDEX khqr_issues_once ON khqr_issues(khqr_request, kind, coalesce(bakong_hash, ''));
CREATE INDEX khqr_issues_open ON khqr_issues(detected_at) WHERE resolved_at IS NULL;
CREATE INDEX khqr_issues_by_shift ON khqr_issues(shift_id);
CREATE TRIGGER khqr_issues_facts_fixed BEFORE UPDATE ON khqr_issues
  WHEN new.id IS NOT old.id OR new.kind IS NOT old.kind OR new.reason IS NOT old.reason OR new.md5 IS NOT old.md5
    OR new.khqr_request IS NOT old.khqr_request OR new.sale_id IS NOT old.sale_id OR new.tender_id IS NOT old.tender_id
    OR new.shift_id IS NOT old.shift_id OR new.bakong_hash IS NOT old.bakong_hash OR new.amount IS NOT old.amount
    OR new.currency IS NOT old.currency OR new.detected_at IS NOT old.detected_at OR old.resolved_at IS NOT NULL BEGIN
  SELECT RAISE(ABORT, 'a KHQR issue is only ever resolved, once');
END;
CREATE TRIGGER khqr_issues_kept BEFORE DELETE ON khqr_issues BEGIN
  SELECT RAISE(ABORT, 'KHQR issues are never deleted');
END;

ALTER TABLE sale_tenders ADD COLUMN verified_at INTEGER;
`
