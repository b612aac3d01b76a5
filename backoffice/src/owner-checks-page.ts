import { escapeHtml, scrollBox, shopTime } from './html.ts'
import { formatMoney } from './money-format.ts'
import { type SignedInFrame, signedInPage } from './owner-layout.ts'
import { both, plain, type Word } from './owner-words.ts'
import type { KhqrManualRow, RejectedRow } from './reports.ts'

export interface ChecksPageData {
  frame: SignedInFrame
  rejected: RejectedRow[]
  khqrManual: KhqrManualRow[]
  labels: ReadonlyMap<string, string>
}

/** A cell that names its column for a phone, where the stylesheet stacks a row's cells. */
function labelled(word: Word, content: string, className = ''): string {
  return `<td${className ? ` class="${className}"` : ''} data-label="${escapeHtml(plain(word))}">${content}</td>`
}

/** A terminal by its name, with its id beneath (the id is what the logs say). */
function terminalCell(terminalId: string, labels: ReadonlyMap<string, string>): string {
  const label = labels.get(terminalId)
  return label ? `${escapeHtml(label)}<br><small>${escapeHtml(terminalId)}</small>` : escapeHtml(terminalId)
}

function rejectedSection(data: ChecksPageData): string {
  const rows = data.rejected
    .map(
      (row) =>
        `<tr>${labelled('received', shopTime(row.received_at, data.frame.offsetMinutes))}${labelled('terminal', terminalCell(row.terminal_id, data.labels))}${labelled('seq', escapeHtml(row.seq), 'num')}${labelled('type', escapeHtml(row.type))}${labelled('code', escapeHtml(row.code), 'warn')}${labelled('reason', `${escapeHtml(row.message)}<br><small>${escapeHtml(row.event_id)}</small>`)}</tr>`,
    )
    .join('\n')
  return `<h2>${both('rejected')}</h2>${scrollBox(
    plain('rejected'),
    `<table><thead><tr><th scope="col">${both('received')}</th><th scope="col">${both('terminal')}</th><th class="num" scope="col">${both('seq')}</th><th scope="col">${both('type')}</th><th scope="col">${both('code')}</th><th scope="col">${both('reason')}</th></tr></thead>
<tbody>${rows || `<tr><td colspan="6">${both('none')}</td></tr>`}</tbody></table>`,
  )}`
}

function khqrSection(data: ChecksPageData): string {
  const rows = data.khqrManual
    .map((row) => {
      const state = row.verification
        ? `<span class="${row.verification === 'verified' ? 'ok' : 'warn'}">${row.verification === 'verified' ? both('verified') : escapeHtml(row.verification)}</span>${row.verification_detail ? `: ${escapeHtml(row.verification_detail)}` : ''}`
        : row.verified
          ? `<span class="ok">${both('verified')}</span>`
          : `<span class="warn">${both('notVerifiedYet')}</span>`
      return `<tr>${labelled('confirmed', shopTime(row.confirmed_at, data.frame.offsetMinutes))}${labelled('terminal', terminalCell(row.terminal_id, data.labels))}${labelled('sale', `<small>${escapeHtml(row.sale_id)}</small>`)}${labelled('amount', formatMoney(row.amount, row.currency), 'num')}${labelled('by', `${escapeHtml(row.confirmed_by)}${row.reason ? `: ${escapeHtml(row.reason)}` : ''}`)}${labelled('verification', state)}</tr>`
    })
    .join('\n')
  return `<h2>${both('khqrByHand')}</h2>${scrollBox(
    plain('khqrByHand'),
    `<table><thead><tr><th scope="col">${both('confirmed')}</th><th scope="col">${both('terminal')}</th><th scope="col">${both('sale')}</th><th class="num" scope="col">${both('amount')}</th><th scope="col">${both('by')}</th><th scope="col">${both('verification')}</th></tr></thead>
<tbody>${rows || `<tr><td colspan="6">${both('none')}</td></tr>`}</tbody></table>`,
  )}`
}

/** What the owner should look into: events the back office refused, and KHQR payments only a person vouched for. */
export function checksPage(data: ChecksPageData): string {
  return signedInPage(data.frame, `<h1>${both('toCheck')}</h1>${khqrSection(data)}${rejectedSection(data)}`)
}
