/**
 * A command the owner sends one terminal through its back office (sync-protocol: terminal
 * commands). The back office signs `body` (this JSON, as text) with its verdict key, which the
 * terminal pinned at enrolment; the terminal checks the signature, that the command names it, that
 * it has not run out, and runs each command id once.
 */
export interface OwnerCommand {
  command_id: string
  terminal_id: string
  kind: 'unlock_managers'
  issued_at: number
  expires_at: number
}

export interface SignedOwnerCommand {
  body: string
  signature: string
}

export const OWNER_COMMAND_KINDS: readonly OwnerCommand['kind'][] = ['unlock_managers']

/** How long a command waits for its terminal: a till that is off for the weekend still gets it. */
export const OWNER_COMMAND_LIFETIME_MS = 3 * 24 * 60 * 60 * 1000
