import { createPublicKey, verify } from 'node:crypto'
import {
  ACCESS_TOKEN_TTL_SECONDS,
  ENROLMENT_CODE_TTL_MS,
  type EnrollResponse,
  refreshProofText,
  TERMINAL_SCOPES,
  type TokenResponse,
} from '../../shared/sync-protocol.ts'
import { HttpError } from './errors.ts'
import {
  newEnrolmentCode,
  newTerminalId,
  newToken,
  normaliseEnrolmentCode,
  type RandomBytes,
  sha256Hex,
} from './secrets.ts'
import type { BackofficeStore } from './store/types.ts'
import { assertLabelFree, cleanTerminalLabel } from './terminal-labels.ts'

export interface TerminalPrincipal {
  terminalId: string
  storeId: string
  scopes: string[]
}

export interface CreatedTerminal {
  terminal_id: string
  store_id: string
  label: string
  code: string
  code_expires_at: number
}

/** How long after a rotation its answer may be retried with the previous refresh token (a lost answer). */
export const REFRESH_RETRY_GRACE_MS = 2 * 60_000

const revoked = () =>
  new HttpError(403, 'terminal_revoked', 'This terminal was revoked in the back office; a manager must enrol it again.')

/**
 * Terminal identity (sync-protocol.md §4.2): a manager creates a terminal and reads out a
 * one-time code; the terminal trades it for a refresh token, and refresh tokens for 15-minute
 * access tokens. Only SHA-256 hashes of codes and tokens are stored.
 */
export function createTerminalAuth(store: BackofficeStore, now: () => number, randomBytes: RandomBytes) {
  return {
    /** A new terminal and its one-time code; 409 `terminal_label_taken` when another has this name. */
    async createTerminal(storeId: string, givenLabel: string): Promise<CreatedTerminal> {
      const label = cleanTerminalLabel(givenLabel)
      if (label === '') throw new HttpError(400, 'invalid_request', 'Give the terminal a name.', { field: 'label' })
      const terminalId = newTerminalId(randomBytes)
      const code = newEnrolmentCode(randomBytes)
      const at = now()
      await store.transaction(async (tx) => {
        await assertLabelFree(tx, storeId, label, store.forUpdate)
        await tx.run(
          "INSERT INTO terminals (terminal_id, store_id, label, status, created_at) VALUES (?, ?, ?, 'pending', ?)",
          [terminalId, storeId, label, at],
        )
        await tx.run('INSERT INTO enrolment_codes (code_hash, terminal_id, expires_at) VALUES (?, ?, ?)', [
          sha256Hex(code),
          terminalId,
          at + ENROLMENT_CODE_TTL_MS,
        ])
      })
      return { terminal_id: terminalId, store_id: storeId, label, code, code_expires_at: at + ENROLMENT_CODE_TTL_MS }
    },

    /** A fresh code for a terminal that lost its enrolment (reinstall); the old refresh tokens stop working. */
    async newCode(terminalId: string): Promise<{ code: string; code_expires_at: number }> {
      const code = newEnrolmentCode(randomBytes)
      const at = now()
      await store.transaction(async (tx) => {
        const terminal = await tx.get('SELECT terminal_id FROM terminals WHERE terminal_id = ?', [terminalId])
        if (!terminal) throw new HttpError(404, 'terminal_not_found', 'There is no such terminal.')
        await tx.run('INSERT INTO enrolment_codes (code_hash, terminal_id, expires_at) VALUES (?, ?, ?)', [
          sha256Hex(code),
          terminalId,
          at + ENROLMENT_CODE_TTL_MS,
        ])
      })
      return { code, code_expires_at: at + ENROLMENT_CODE_TTL_MS }
    },

    async enroll(
      code: string,
      deviceFingerprint: string,
      appVersion: string,
      publicKey: string | null,
    ): Promise<EnrollResponse> {
      if (publicKey !== null && !isEd25519Key(publicKey))
        throw new HttpError(
          400,
          'terminal_key_invalid',
          'terminal_key must be an Ed25519 public key (SPKI, base64url).',
        )
      const at = now()
      const refreshToken = newToken('rt_', randomBytes)
      return store.transaction(async (tx) => {
        const codeHash = sha256Hex(normaliseEnrolmentCode(code))
        const row = await tx.get<{ terminal_id: string; expires_at: number; used_at: number | null }>(
          `SELECT terminal_id, expires_at, used_at FROM enrolment_codes WHERE code_hash = ?${store.forUpdate}`,
          [codeHash],
        )
        if (!row) throw new HttpError(401, 'enrolment_code_invalid', 'This enrolment code is not known.')
        if (row.used_at !== null)
          throw new HttpError(401, 'enrolment_code_used', 'This enrolment code was already used.')
        if (row.expires_at <= at)
          throw new HttpError(401, 'enrolment_code_expired', 'This enrolment code has expired; create a new one.')
        await tx.run('UPDATE enrolment_codes SET used_at = ? WHERE code_hash = ?', [at, codeHash])
        const terminal = await tx.get<{ store_id: string; status: string }>(
          `SELECT store_id, status FROM terminals WHERE terminal_id = ?${store.forUpdate}`,
          [row.terminal_id],
        )
        if (!terminal) throw new HttpError(401, 'enrolment_code_invalid', 'This enrolment code is not known.')
        if (terminal.status === 'revoked') throw revoked()
        // Enrolling again (a reinstall) ends every earlier token of this terminal.
        await tx.run('UPDATE refresh_tokens SET used_at = ? WHERE terminal_id = ? AND used_at IS NULL', [
          at,
          row.terminal_id,
        ])
        await tx.run('DELETE FROM access_tokens WHERE terminal_id = ?', [row.terminal_id])
        await tx.run(
          "UPDATE terminals SET status = 'active', enrolled_at = ?, device_fingerprint = ?, app_version = ?, public_key = ?, last_proof = 0 WHERE terminal_id = ?",
          [at, deviceFingerprint, appVersion, publicKey, row.terminal_id],
        )
        await tx.run('INSERT INTO refresh_tokens (token_hash, terminal_id, issued_at) VALUES (?, ?, ?)', [
          sha256Hex(refreshToken),
          row.terminal_id,
          at,
        ])
        return { terminal_id: row.terminal_id, store_id: terminal.store_id, refresh_token: refreshToken }
      })
    },

    /**
     * Spends a refresh token for an access token and the next refresh token. A spent one coming back
     * revokes the terminal, except the retry after a lost answer: the immediately previous token,
     * within REFRESH_RETRY_GRACE_MS of its rotation and while its successor was never used. That
     * successor (the lost answer's) is then spent and a fresh pair issued, so it can never be used.
     */
    async refresh(refreshToken: string, proof: RefreshProof | null): Promise<TokenResponse> {
      const at = now()
      const accessToken = newToken('at_', randomBytes)
      const nextRefresh = newToken('rt_', randomBytes)
      const nextHash = sha256Hex(nextRefresh)
      const outcome = await store.transaction(async (tx) => {
        const tokenHash = sha256Hex(refreshToken)
        const owner = await tx.get<{ terminal_id: string }>(
          'SELECT terminal_id FROM refresh_tokens WHERE token_hash = ?',
          [tokenHash],
        )
        if (!owner) return { error: new HttpError(401, 'refresh_token_invalid', 'This refresh token is not known.') }
        // The terminal's row first: every change to its tokens (refresh, enrolment, revocation) holds
        // it, so refreshes of one terminal run one after the other and see each other's rotations.
        const terminal = await tx.get<{
          store_id: string
          status: string
          public_key: string | null
          last_proof: number
        }>(`SELECT store_id, status, public_key, last_proof FROM terminals WHERE terminal_id = ?${store.forUpdate}`, [
          owner.terminal_id,
        ])
        if (!terminal || terminal.status === 'revoked') return { error: revoked() }
        // A terminal that made a key at enrolment proves it holds it; a replayed request (its counter
        // seen already) or a token without the key is refused without touching the real terminal.
        if (terminal.public_key !== null) {
          if (!proof || !proofHolds(terminal.public_key, refreshToken, proof))
            return {
              error: new HttpError(401, 'refresh_proof_invalid', 'This refresh is not signed by the terminal’s key.'),
            }
          if (proof.counter <= Number(terminal.last_proof))
            return { error: new HttpError(401, 'refresh_proof_replayed', 'This refresh request was seen already.') }
          await tx.run('UPDATE terminals SET last_proof = ? WHERE terminal_id = ?', [proof.counter, owner.terminal_id])
        }
        const row = await tx.get<{ terminal_id: string; used_at: number | null; replaced_by: string | null }>(
          `SELECT terminal_id, used_at, replaced_by FROM refresh_tokens WHERE token_hash = ?${store.forUpdate}`,
          [tokenHash],
        )
        if (!row) return { error: new HttpError(401, 'refresh_token_invalid', 'This refresh token is not known.') }
        let spent: boolean
        if (row.used_at === null) {
          const first = await tx.run(
            'UPDATE refresh_tokens SET used_at = ?, replaced_by = ? WHERE token_hash = ? AND used_at IS NULL',
            [at, nextHash, tokenHash],
          )
          spent = first.changes === 1
        } else
          spent = await retryAfterLostAnswer(tx, store.forUpdate, {
            tokenHash,
            usedAt: row.used_at,
            successorHash: row.replaced_by,
            nextHash,
            at,
          })
        if (!spent) {
          // Reuse means two holders of one token: treat it as theft (§4.2). Committed, then refused.
          await revokeIn(tx, row.terminal_id, at, 'a spent refresh token was used again')
          return { error: revoked() }
        }
        await tx.run('INSERT INTO refresh_tokens (token_hash, terminal_id, issued_at) VALUES (?, ?, ?)', [
          nextHash,
          row.terminal_id,
          at,
        ])
        await tx.run('DELETE FROM access_tokens WHERE terminal_id = ? AND expires_at <= ?', [row.terminal_id, at])
        await tx.run(
          'INSERT INTO access_tokens (token_hash, terminal_id, store_id, scopes, expires_at) VALUES (?, ?, ?, ?, ?)',
          [
            sha256Hex(accessToken),
            row.terminal_id,
            terminal.store_id,
            TERMINAL_SCOPES,
            at + ACCESS_TOKEN_TTL_SECONDS * 1000,
          ],
        )
        return {
          value: {
            access_token: accessToken,
            token_type: 'Bearer' as const,
            expires_in: ACCESS_TOKEN_TTL_SECONDS,
            refresh_token: nextRefresh,
            scope: TERMINAL_SCOPES,
            terminal_id: row.terminal_id,
            store_id: terminal.store_id,
          },
        }
      })
      if ('error' in outcome) throw outcome.error
      return outcome.value
    },

    /** The terminal behind a bearer access token, if it still holds `scope`. */
    async authenticate(authorization: string | undefined, scope: string): Promise<TerminalPrincipal> {
      const match = /^Bearer (at_[A-Za-z0-9_-]{1,100})$/.exec(authorization ?? '')
      if (!match?.[1])
        throw new HttpError(401, 'unauthenticated', 'An access token is needed (Authorization: Bearer …).')
      const row = await store.get<{
        terminal_id: string
        store_id: string
        scopes: string
        expires_at: number
        status: string
      }>(
        `SELECT a.terminal_id, a.store_id, a.scopes, a.expires_at, t.status
         FROM access_tokens a JOIN terminals t ON t.terminal_id = a.terminal_id WHERE a.token_hash = ?`,
        [sha256Hex(match[1])],
      )
      if (!row) throw new HttpError(401, 'token_invalid', 'This access token is not known; refresh it.')
      if (row.status === 'revoked') throw revoked()
      if (row.expires_at <= now())
        throw new HttpError(401, 'token_expired', 'This access token has expired; refresh it.')
      const scopes = row.scopes.split(' ')
      if (!scopes.includes(scope)) throw new HttpError(403, 'scope_missing', `This token does not allow ${scope}.`)
      return { terminalId: row.terminal_id, storeId: row.store_id, scopes }
    },

    async revoke(terminalId: string, reason: string): Promise<void> {
      await store.transaction(async (tx) => {
        const terminal = await tx.get(`SELECT terminal_id FROM terminals WHERE terminal_id = ?${store.forUpdate}`, [
          terminalId,
        ])
        if (!terminal) throw new HttpError(404, 'terminal_not_found', 'There is no such terminal.')
        await revokeIn(tx, terminalId, now(), reason)
      })
    },
  }
}

export interface RefreshProof {
  counter: number
  signature: string
}

function isEd25519Key(publicKey: string): boolean {
  try {
    return (
      createPublicKey({ key: Buffer.from(publicKey, 'base64url'), format: 'der', type: 'spki' }).asymmetricKeyType ===
      'ed25519'
    )
  } catch {
    return false
  }
}

function proofHolds(publicKey: string, refreshToken: string, proof: RefreshProof): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64url'), format: 'der', type: 'spki' })
    return verify(
      null,
      Buffer.from(refreshProofText(refreshToken, proof.counter)),
      key,
      Buffer.from(proof.signature, 'base64url'),
    )
  } catch {
    return false
  }
}

/**
 * The immediately previous refresh token, presented again by a terminal that never heard the
 * answer to its rotation: accepted within the grace window of that rotation when its successor was
 * never used. The successor is spent and the previous token now points at the new one (a retry
 * whose answer is lost too may come again, still inside the same window). Anything else (an older
 * token, a successor already used or spent by a re-enrolment, a late retry) is reuse.
 */
async function retryAfterLostAnswer(
  tx: Parameters<Parameters<BackofficeStore['transaction']>[0]>[0],
  forUpdate: string,
  token: { tokenHash: string; usedAt: number; successorHash: string | null; nextHash: string; at: number },
): Promise<boolean> {
  const { tokenHash, usedAt, successorHash, nextHash, at } = token
  if (successorHash === null || at - usedAt > REFRESH_RETRY_GRACE_MS) return false
  const successor = await tx.get<{ used_at: number | null }>(
    `SELECT used_at FROM refresh_tokens WHERE token_hash = ?${forUpdate}`,
    [successorHash],
  )
  if (!successor || successor.used_at !== null) return false
  const spent = await tx.run('UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL', [
    at,
    successorHash,
  ])
  if (spent.changes !== 1) return false
  await tx.run('UPDATE refresh_tokens SET replaced_by = ? WHERE token_hash = ?', [nextHash, tokenHash])
  return true
}

async function revokeIn(
  tx: Parameters<Parameters<BackofficeStore['transaction']>[0]>[0],
  terminalId: string,
  at: number,
  reason: string,
): Promise<void> {
  await tx.run(
    "UPDATE terminals SET status = 'revoked', revoked_at = COALESCE(revoked_at, ?), revoked_reason = COALESCE(revoked_reason, ?) WHERE terminal_id = ?",
    [at, reason, terminalId],
  )
  // Access tokens stay until they expire, so the terminal hears 403 terminal_revoked, not 401.
  await tx.run('UPDATE refresh_tokens SET used_at = COALESCE(used_at, ?) WHERE terminal_id = ?', [at, terminalId])
}

export type TerminalAuth = ReturnType<typeof createTerminalAuth>
