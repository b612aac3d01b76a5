/**
 * What each printer holds: the pictures (Khmer lines, the shop's header and footer, labels) kept in
 * its memory under a key, so a receipt prints them by key instead of sending them again; how often a
 * picture was printed (flash is written only for pictures that repeat); when flash was written (a
 * printer's flash takes about ten writes a day); and which kind of picture memory a printer answered
 * to when asked.
 */
export const PRINTER_PICTURES_V13 = `
CREATE TABLE printer_pictures (
  printer      TEXT NOT NULL,
  store        TEXT NOT NULL CHECK (store IN ('download', 'nv', 'nv-bit-image')),
  digest       TEXT NOT NULL,
  -- two printable characters (an NV bit image's number for FS p); NULL while the printer does not keep it
  key          TEXT,
  -- 1 once a job that defined it reached the printer, and while the printer still lists the key
  held         INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1)),
  width        INTEGER NOT NULL CHECK (width > 0),
  height       INTEGER NOT NULL CHECK (height > 0),
  -- the picture itself, rows of ceil(width / 8) bytes, to send it again after a power cycle or a flash rewrite
  data         BLOB NOT NULL,
  uses         INTEGER NOT NULL DEFAULT 0,
  last_used_at INTEGER NOT NULL,
  PRIMARY KEY (printer, store, digest)
) STRICT;
CREATE UNIQUE INDEX printer_pictures_by_key ON printer_pictures(printer, store, key) WHERE key IS NOT NULL;

CREATE TABLE printer_flash_writes (
  printer TEXT NOT NULL,
  at      INTEGER NOT NULL
) STRICT;
CREATE INDEX printer_flash_writes_by_printer ON printer_flash_writes(printer, at);

CREATE TABLE printer_capabilities (
  printer   TEXT PRIMARY KEY,
  pictures  TEXT NOT NULL CHECK (pictures IN ('download', 'nv', 'none')),
  probed_at INTEGER NOT NULL
) STRICT;
`
