import type { MerchantAccount, MerchantChange } from './merchant-changes.ts'
import { formatMoney } from './money-format.ts'
import { catalogSection, type OwnerCatalog } from './owner-catalog.ts'
import type { KhqrManualRow, RejectedRow, SalesRow, TerminalReport } from './reports.ts'

/** No scripts, no inline styles, forms only to this origin: the page cannot be made to run anything. */
export const OWNER_PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

export const OWNER_CSS = `body{font:15px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1rem;color:#111}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}td.num{text-align:right;font-variant-numeric:tabular-nums}
.warn{color:#a40000;font-weight:600}.ok{color:#05620a}.code{font:700 2rem monospace;letter-spacing:.2em;background:#fff6c8;padding:.5rem 1rem;display:inline-block}
section.alert{border:3px solid #a40000;background:#fff0f0;padding:.5rem 1rem;margin:1rem 0}form.inline{display:inline}.note{color:#555}input,button{font:inherit;padding:.3rem .5rem}`

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/owner.css"></head><body>${body}</body></html>`
}

function time(epochMs: number | null, offsetMinutes: number): string {
  if (epochMs === null || epochMs === undefined) return '—'
  return `${new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ')}`
}

export function loginPage(options: { error?: string; firstRun: boolean }): string {
  const error = options.error ? `<p class="warn" role="alert">${escapeHtml(options.error)}</p>` : ''
  if (options.firstRun)
    return page(
      'Back office: first run',
      `<h1>Back office: first run</h1>${error}<p>Choose the owner password. The setup code is printed in the back office's console.</p>
<form method="post" action="/setup"><p><label>Setup code <input name="setup_code" required autocomplete="off"></label></p>
<p><label>New password (10 characters or more) <input type="password" name="password" minlength="10" required autocomplete="new-password"></label></p>
<button>Set password</button></form>`,
    )
  return page(
    'Back office: sign in',
    `<h1>Back office</h1>${error}<form method="post" action="/login"><p><label>Owner password <input type="password" name="password" required autocomplete="current-password"></label></p><button>Sign in</button></form>`,
  )
}

export interface DashboardData {
  terminals: TerminalReport[]
  sales: SalesRow[]
  rejected: RejectedRow[]
  khqrManual: KhqrManualRow[]
  merchantChanges: MerchantChange[]
  catalog: OwnerCatalog
  csrf: string
  serverTime: number
  offsetMinutes: number
  /** Shown once, right after a terminal is created. */
  createdTerminal?: { label: string; terminal_id: string; code: string; code_expires_at: number; pairing?: string }
  message?: string
}

function clockOffset(ms: number | null): string {
  if (ms === null) return '—'
  const seconds = Math.round(ms / 1000)
  const text = `${seconds >= 0 ? '+' : '−'}${Math.abs(seconds)} s`
  return Math.abs(ms) > 5 * 60_000 ? `<span class="warn">${text} (clock off)</span>` : text
}

function terminalsSection(data: DashboardData): string {
  const rows = data.terminals
    .map((terminal) => {
      const chain =
        terminal.chain_break_seq === null
          ? '<span class="ok">verified</span>'
          : `<span class="warn">broken at seq ${escapeHtml(terminal.chain_break_seq)}: ${escapeHtml(terminal.chain_break_reason)} (journal tampered or restored)</span>`
      const gaps =
        terminal.missing_events > 0
          ? `<span class="warn">${escapeHtml(terminal.missing_events)} missing (seq ${escapeHtml(terminal.acked_through_seq + 1)}–${escapeHtml(terminal.max_seq)})</span>`
          : 'none'
      const revoke =
        terminal.status === 'revoked'
          ? `revoked${terminal.revoked_reason ? `: ${escapeHtml(terminal.revoked_reason)}` : ''}`
          : `${escapeHtml(terminal.status)} <form class="inline" method="post" action="/terminals/${encodeURIComponent(terminal.terminal_id)}/revoke"><input type="hidden" name="csrf" value="${data.csrf}"><button>Revoke</button></form> <form class="inline" method="post" action="/terminals/${encodeURIComponent(terminal.terminal_id)}/unlock-managers"><input type="hidden" name="csrf" value="${data.csrf}"><button>Unlock its managers</button></form>`
      return `<tr><td>${escapeHtml(terminal.label)}<br><small>${escapeHtml(terminal.terminal_id)}</small></td><td>${revoke}</td>
<td>${time(terminal.last_seen, data.offsetMinutes)}</td><td class="num">${escapeHtml(terminal.acked_through_seq)}</td><td>${gaps}</td><td>${chain}</td><td>${clockOffset(terminal.clock_offset_ms)}</td></tr>`
    })
    .join('\n')
  return `<h2>Terminals</h2><table><thead><tr><th>Terminal</th><th>Status</th><th>Last seen</th><th>Synced through seq</th><th>Unsynced gaps</th><th>Hash chain</th><th>Clock offset</th></tr></thead>
<tbody>${rows || '<tr><td colspan="7">No terminal yet.</td></tr>'}</tbody></table>
<form method="post" action="/terminals"><input type="hidden" name="csrf" value="${data.csrf}"><p><label>New terminal name <input name="label" maxlength="40" required></label> <button>Create terminal</button></p></form>`
}

function salesSection(data: DashboardData): string {
  const rows = data.sales
    .map(
      (row) =>
        `<tr><td>${escapeHtml(row.business_day)}</td><td>${escapeHtml(row.label)}</td><td class="num">${escapeHtml(row.sales)}</td><td class="num">${formatMoney(row.total_minor, row.currency)}</td><td class="num">${escapeHtml(row.voided)} / ${formatMoney(row.voided_minor, row.currency)}</td><td class="num">${escapeHtml(row.refunds)} / ${formatMoney(row.refunded_minor, row.currency)}</td><td class="num">${formatMoney(row.total_minor - row.voided_minor - row.refunded_minor, row.currency)}</td></tr>`,
    )
    .join('\n')
  return `<h2>Sales per day and terminal</h2><table><thead><tr><th>Day</th><th>Terminal</th><th>Sales</th><th>Total</th><th>Voided</th><th>Refunded</th><th>Net</th></tr></thead>
<tbody>${rows || '<tr><td colspan="7">No sale received yet.</td></tr>'}</tbody></table>`
}

function rejectedSection(data: DashboardData): string {
  const rows = data.rejected
    .map(
      (row) =>
        `<tr><td>${time(row.received_at, data.offsetMinutes)}</td><td>${escapeHtml(row.terminal_id)}</td><td class="num">${escapeHtml(row.seq)}</td><td>${escapeHtml(row.type)}</td><td class="warn">${escapeHtml(row.code)}</td><td>${escapeHtml(row.message)}<br><small>${escapeHtml(row.event_id)}</small></td></tr>`,
    )
    .join('\n')
  return `<h2>Quarantined and rejected events</h2><table><thead><tr><th>Received</th><th>Terminal</th><th>Seq</th><th>Type</th><th>Code</th><th>Reason</th></tr></thead>
<tbody>${rows || '<tr><td colspan="6">None.</td></tr>'}</tbody></table>`
}

function khqrSection(data: DashboardData): string {
  const rows = data.khqrManual
    .map((row) => {
      const state = row.verification
        ? `<span class="${row.verification === 'verified' ? 'ok' : 'warn'}">${escapeHtml(row.verification)}</span>${row.verification_detail ? `: ${escapeHtml(row.verification_detail)}` : ''}`
        : row.verified
          ? '<span class="ok">verified</span>'
          : '<span class="warn">not verified yet</span>'
      return `<tr><td>${time(row.confirmed_at, data.offsetMinutes)}</td><td>${escapeHtml(row.terminal_id)}</td><td>${escapeHtml(row.sale_id)}</td><td class="num">${formatMoney(row.amount, row.currency)}</td><td>${escapeHtml(row.confirmed_by)}${row.reason ? `: ${escapeHtml(row.reason)}` : ''}</td><td>${state}</td></tr>`
    })
    .join('\n')
  return `<h2>KHQR payments confirmed by hand</h2><table><thead><tr><th>Confirmed</th><th>Terminal</th><th>Sale</th><th>Amount</th><th>By</th><th>Verification</th></tr></thead>
<tbody>${rows || '<tr><td colspan="6">None.</td></tr>'}</tbody></table>`
}

function accountText(account: MerchantAccount | null): string {
  if (!account) return '—'
  return `<strong>${escapeHtml(account.bakongAccountId)}</strong><br>${escapeHtml(account.merchantNameEn)}, ${escapeHtml(account.city)}`
}

/**
 * Put first on the page, in red, when any terminal changed the account its KHQR codes pay into in
 * the last 30 days: a dishonest manager's change sends payments elsewhere while sales look paid.
 */
function merchantChangesSection(data: DashboardData): string {
  const recent = data.merchantChanges.filter((change) => data.serverTime - change.at < 30 * 86_400_000)
  if (recent.length === 0) return ''
  const rows = recent
    .map(
      (change) =>
        `<tr><td>${time(change.at, data.offsetMinutes)}</td><td>${escapeHtml(change.label)}<br><small>${escapeHtml(change.terminal_id)}</small></td><td>${accountText(change.before)}</td><td class="warn">${accountText(change.after)}</td><td>${escapeHtml(change.changed_by ?? '—')}<br><small>approved by ${escapeHtml(change.approved_by ?? '—')}</small></td></tr>`,
    )
    .join('\n')
  return `<section class="alert" role="alert" id="merchant-changes"><h2>KHQR payments now go to another account</h2><p>A terminal changed the Bakong account its KHQR codes pay into. If you did not ask for this, revoke the terminal and check its payments.</p><table><thead><tr><th>Changed</th><th>Terminal</th><th>Account before</th><th>Account now</th><th>By</th></tr></thead>
<tbody>${rows}</tbody></table></section>`
}

export function dashboardPage(data: DashboardData): string {
  const created = data.createdTerminal
    ? `<section role="status"><h2>Terminal "${escapeHtml(data.createdTerminal.label)}" created</h2><p>Enter this one-time code on the terminal within 15 minutes (until ${time(data.createdTerminal.code_expires_at, data.offsetMinutes)}):</p><p class="code">${escapeHtml(data.createdTerminal.code)}</p>${data.createdTerminal.pairing ? `<p>Back office address for the terminal (with this back office's certificate pin; scan or type it exactly):</p><p class="code pairing">${escapeHtml(data.createdTerminal.pairing)}</p>` : ''}</section>`
    : ''
  const message = data.message ? `<p role="status">${escapeHtml(data.message)}</p>` : ''
  return page(
    'Back office',
    `<h1>Back office</h1><p class="note">Server time ${time(data.serverTime, data.offsetMinutes)} (shop time). <form class="inline" method="post" action="/logout"><input type="hidden" name="csrf" value="${data.csrf}"><button>Sign out</button></form></p>
${message}${created}${merchantChangesSection(data)}${terminalsSection(data)}${salesSection(data)}${catalogSection(data.catalog, data.csrf)}${rejectedSection(data)}${khqrSection(data)}`,
  )
}
