import { csrfField, escapeHtml, scrollBox, shopTime } from './html.ts'
import { messageBlock, type SignedInFrame, signedInPage } from './owner-layout.ts'
import { both, plain } from './owner-words.ts'
import type { TerminalReport } from './reports.ts'

/** A code just made for a terminal (new, or paired again): shown once. */
export interface PairingCode {
  label: string
  terminal_id: string
  code: string
  code_expires_at: number
  pairing?: string
}

export interface TerminalsPageData {
  frame: SignedInFrame
  terminals: TerminalReport[]
  pairingCode?: PairingCode
  /** HTML, already escaped. */
  message?: string
}

function clockOffset(ms: number | null): string {
  if (ms === null) return '—'
  const seconds = Math.round(ms / 1000)
  const text = `${seconds >= 0 ? '+' : '−'}${Math.abs(seconds)} s`
  return Math.abs(ms) > 5 * 60_000 ? `<span class="warn">${text} (${both('clockOff')})</span>` : text
}

/** A terminal that has sent nothing is "never synced", not "verified": there is nothing to verify. */
function chainState(terminal: TerminalReport): string {
  if (terminal.max_seq === 0) return `<span class="warn">${both('neverSynced')}</span>`
  if (terminal.chain_break_seq !== null)
    return `<span class="warn">${both('broken')} seq ${escapeHtml(terminal.chain_break_seq)}: ${escapeHtml(terminal.chain_break_reason)} (journal tampered or restored)</span>`
  return `<span class="ok">${both('verified')}</span> <small>1–${escapeHtml(terminal.acked_through_seq)}</small>`
}

function gapsState(terminal: TerminalReport): string {
  if (terminal.max_seq === 0) return '—'
  if (terminal.missing_events === 0) return both('none')
  return `<span class="warn">${escapeHtml(terminal.missing_events)} ${both('missing')} (seq ${escapeHtml(terminal.acked_through_seq + 1)}–${escapeHtml(terminal.max_seq)})</span>`
}

function actions(terminal: TerminalReport, csrf: string): string {
  const id = encodeURIComponent(terminal.terminal_id)
  const button = (path: string, label: string) =>
    `<form class="inline" method="post" action="/terminals/${id}/${path}">${csrfField(csrf)}<button>${label}</button></form>`
  if (terminal.status === 'revoked')
    return `${both('revoked')}${terminal.revoked_reason ? `: ${escapeHtml(terminal.revoked_reason)}` : ''}`
  if (terminal.status === 'pending') return `${both('pending')} ${button('code', both('newCode'))}`
  return `${both('active')} ${button('revoke', both('revoke'))} ${button('unlock-managers', both('unlockManagers'))} ${button('code', both('pairAgain'))}`
}

function pairingBlock(code: PairingCode | undefined, offsetMinutes: number): string {
  if (!code) return ''
  const pairing = code.pairing
    ? `<p>${both('pairingAddress')}:</p><p class="code pairing">${escapeHtml(code.pairing)}</p>`
    : ''
  return `<section role="status" class="created"><h2>${both('created')}: ${escapeHtml(code.label)}</h2><p>${both('enterCode')} (→ ${shopTime(code.code_expires_at, offsetMinutes)}):</p><p class="code">${escapeHtml(code.code)}</p>${pairing}</section>`
}

export function terminalsPage(data: TerminalsPageData): string {
  const { frame } = data
  // Each cell names its column for a phone, where the stylesheet stacks a row's cells under its name.
  const labelled = (word: Parameters<typeof plain>[0], content: string, numeric = false) =>
    `<td${numeric ? ' class="num"' : ''} data-label="${escapeHtml(plain(word))}">${content}</td>`
  const rows = data.terminals
    .map(
      (terminal) =>
        `<tr><th scope="row">${escapeHtml(terminal.label)}<br><small>${escapeHtml(terminal.terminal_id)}</small></th>${labelled('status', actions(terminal, frame.csrf))}
${labelled('lastSeen', terminal.last_seen === null ? both('never') : `<span class="nowrap">${shopTime(terminal.last_seen, frame.offsetMinutes)}</span>`)}${labelled('syncedThrough', escapeHtml(terminal.acked_through_seq), true)}${labelled('gaps', gapsState(terminal))}${labelled('hashChain', chainState(terminal))}${labelled('clockOffset', clockOffset(terminal.clock_offset_ms))}</tr>`,
    )
    .join('\n')
  return signedInPage(
    frame,
    `<h1>${both('terminals')}</h1>${messageBlock(data.message)}${pairingBlock(data.pairingCode, frame.offsetMinutes)}
${scrollBox(
  plain('terminals'),
  `<table class="stack"><thead><tr><th scope="col">${both('terminal')}</th><th scope="col">${both('status')}</th><th scope="col">${both('lastSeen')}</th><th class="num" scope="col">${both('syncedThrough')}</th><th scope="col">${both('gaps')}</th><th scope="col">${both('hashChain')}</th><th scope="col">${both('clockOffset')}</th></tr></thead>
<tbody>${rows || `<tr><td colspan="7">${both('noTerminal')}</td></tr>`}</tbody></table>`,
)}
<form method="post" action="/terminals" class="create">${csrfField(frame.csrf)}<p><label>${both('newTerminalName')} <input name="label" maxlength="40" required></label> <button>${both('createTerminal')}</button></p></form>`,
  )
}
