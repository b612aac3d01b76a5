/**
 * Commands the owner sent this terminal through the back office (unlock its managers), by id, so
 * each runs once however often the back office hands it out.
 */
export const OWNER_COMMANDS_V8 = `
CREATE TABLE owner_commands (
  command_id TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  issued_at  INTEGER NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT;
`
