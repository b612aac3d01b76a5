import { randomUUID } from 'node:crypto'
import { OWNER_COMMAND_LIFETIME_MS, type OwnerCommand, type SignedOwnerCommand } from '../../shared/owner-commands.ts'
import { HttpError } from './errors.ts'
import type { BackofficeStore } from './store/types.ts'

/**
 * The owner's commands to one terminal (today: unlock its managers, for a shop whose managers are
 * all locked out and whose recovery code is lost). Each is signed with the verdict key at creation
 * and handed to its terminal, with its token, on every ask until it runs out.
 */
export function createOwnerCommands(store: BackofficeStore, now: () => number, signVerdict: (text: string) => string) {
  return {
    async unlockManagers(terminalId: string): Promise<OwnerCommand> {
      const terminal = await store.get<{ status: string }>('SELECT status FROM terminals WHERE terminal_id = ?', [
        terminalId,
      ])
      if (!terminal) throw new HttpError(404, 'terminal_not_found', `There is no terminal ${terminalId}.`)
      if (terminal.status !== 'active')
        throw new HttpError(409, 'terminal_not_active', 'This terminal is not active; it cannot be sent anything.')
      const issuedAt = now()
      const command: OwnerCommand = {
        command_id: randomUUID(),
        terminal_id: terminalId,
        kind: 'unlock_managers',
        issued_at: issuedAt,
        expires_at: issuedAt + OWNER_COMMAND_LIFETIME_MS,
      }
      const body = JSON.stringify(command)
      await store.run(
        `INSERT INTO owner_commands (command_id, terminal_id, kind, body, signature, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [command.command_id, terminalId, command.kind, body, signVerdict(body), issuedAt, command.expires_at],
      )
      return command
    },

    /** The commands waiting for this terminal, oldest first; the first hand-out is noted for the owner. */
    async forTerminal(terminalId: string): Promise<SignedOwnerCommand[]> {
      const at = now()
      const rows = await store.all<{ body: string; signature: string }>(
        'SELECT body, signature FROM owner_commands WHERE terminal_id = ? AND expires_at > ? ORDER BY created_at',
        [terminalId, at],
      )
      if (rows.length > 0)
        await store.run(
          'UPDATE owner_commands SET delivered_at = ? WHERE terminal_id = ? AND expires_at > ? AND delivered_at IS NULL',
          [at, terminalId, at],
        )
      return rows.map((row) => ({ body: row.body, signature: row.signature }))
    },
  }
}
