import type { OwnerCommand } from '../../../shared/owner-commands.ts'
import { isPlainObject } from '../../../shared/sync-protocol.ts'
import type { LedgerContext } from '../ledger/context.ts'
import type { Users } from '../ledger/users.ts'
import { BACKOFFICE_ACTOR } from './catalog-pull.ts'
import { verdictVerifier } from './pinned-http.ts'
import type { SyncConfig } from './sync-state.ts'
import type { SyncTransport } from './transport.ts'

export interface OwnerCommandsResult {
  /** Commands run now. */
  applied: number
  /** Commands refused: a bad signature, another terminal's, run out, or of a kind this till does not know. */
  refused: number
}

export interface OwnerCommandsOptions {
  context: LedgerContext
  users: Users
  config(): SyncConfig | null
  auth: { accessToken(): Promise<string>; invalidate(): void }
  transportFor(baseUrl: string): SyncTransport
}

/** The command as the back office signed it, or null when it is not one this terminal may run. */
function commandFor(
  entry: unknown,
  config: SyncConfig,
  verify: (text: string, signature: string) => boolean,
  now: number,
): OwnerCommand | null {
  if (!isPlainObject(entry) || typeof entry.body !== 'string' || typeof entry.signature !== 'string') return null
  if (!verify(entry.body, entry.signature)) return null
  let command: unknown
  try {
    command = JSON.parse(entry.body)
  } catch {
    return null
  }
  if (!isPlainObject(command) || command.terminal_id !== config.terminalId) return null
  if (command.kind !== 'unlock_managers' || typeof command.command_id !== 'string') return null
  if (typeof command.expires_at !== 'number' || command.expires_at <= now) return null
  return command as unknown as OwnerCommand
}

/**
 * Asks the back office for the owner's commands to this terminal and runs each new one once, in
 * one transaction with the record that it ran: today "unlock the managers" (a shop whose managers
 * are all locked out and whose recovery code is lost). A command counts only when signed by the
 * back-office key pinned at enrolment, so nobody on the LAN can send one.
 */
export async function pullOwnerCommands(options: OwnerCommandsOptions): Promise<OwnerCommandsResult> {
  const result: OwnerCommandsResult = { applied: 0, refused: 0 }
  const config = options.config()
  if (!config) return result
  const token = await options.auth.accessToken()
  const response = await options.transportFor(config.backofficeUrl).send({
    method: 'GET',
    path: '/v1/terminal/commands',
    headers: { authorization: `Bearer ${token}` },
  })
  if (response.status === 401) options.auth.invalidate()
  if (response.status !== 200 || !isPlainObject(response.body) || !Array.isArray(response.body.commands)) return result
  const { db } = options.context
  const verify = verdictVerifier(config.verdictKey ?? null)
  const seen = db.prepare('SELECT 1 FROM owner_commands WHERE command_id = ?')
  for (const entry of response.body.commands) {
    const now = options.context.now()
    const command = commandFor(entry, config, verify, now)
    if (!command) {
      result.refused++
      continue
    }
    if (seen.get(command.command_id)) continue
    db.transaction(() => {
      db.prepare('INSERT INTO owner_commands (command_id, kind, issued_at, applied_at) VALUES (?, ?, ?, ?)').run(
        command.command_id,
        command.kind,
        command.issued_at,
        now,
      )
      for (const user of options.users.list())
        if (user.role === 'manager' && user.locked)
          options.users.unlock(user.id, {
            userId: BACKOFFICE_ACTOR,
            approverId: BACKOFFICE_ACTOR,
            reason: `unlocked by the owner from the back office (command ${command.command_id})`,
          })
    })()
    result.applied++
  }
  return result
}
