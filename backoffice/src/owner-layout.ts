import { csrfField, escapeHtml, scrollBox, shopTime } from './html.ts'
import type { MerchantAccount, MerchantChange } from './merchant-changes.ts'
import { both, plain, type Word } from './owner-words.ts'

/**
 * No scripts, no inline styles, forms only to this origin; styles and the Khmer font from this
 * origin only: the page cannot be made to run anything.
 */
export const OWNER_PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

export type OwnerSection = 'reports' | 'terminals' | 'catalog' | 'toCheck'

const SECTIONS: readonly { section: OwnerSection; path: string }[] = [
  { section: 'reports', path: '/' },
  { section: 'terminals', path: '/terminals' },
  { section: 'catalog', path: '/catalog' },
  { section: 'toCheck', path: '/checks' },
]

export interface SignedInFrame {
  section: OwnerSection
  csrf: string
  serverTime: number
  offsetMinutes: number
  merchantChanges: MerchantChange[]
}

/** A whole page: Khmer first (`lang="km"`), one stylesheet, nothing else loaded. */
export function page(title: Word, body: string): string {
  return `<!doctype html><html lang="km"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(plain(title))}</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/owner.css"></head><body>${body}</body></html>`
}

/** A page of the signed-in owner: the sections, sign-out, the KHQR account alert, then `main`. */
export function signedInPage(frame: SignedInFrame, main: string): string {
  const links = SECTIONS.map(
    ({ section, path }) =>
      `<a href="${path}"${section === frame.section ? ' aria-current="page"' : ''}>${both(section)}</a>`,
  ).join('')
  return page(
    frame.section,
    `<header class="top"><p class="brand">${both('backOffice')}</p><nav aria-label="${escapeHtml(plain('backOffice'))}">${links}</nav>
<form class="signout" method="post" action="/logout">${csrfField(frame.csrf)}<button>${both('signOut')}</button></form></header>
<main>${merchantChangesAlert(frame)}${main}</main>
<footer><p class="note">${both('serverTime')}: ${shopTime(frame.serverTime, frame.offsetMinutes)}</p></footer>`,
  )
}

function accountText(account: MerchantAccount | null): string {
  if (!account) return '—'
  return `<strong>${escapeHtml(account.bakongAccountId)}</strong><br>${escapeHtml(account.merchantNameEn)}, ${escapeHtml(account.city)}`
}

/**
 * First on every page, in red, when a terminal changed the account its KHQR codes pay into in the
 * last 30 days: a dishonest manager's change sends payments elsewhere while sales look paid.
 */
function merchantChangesAlert(frame: SignedInFrame): string {
  const recent = frame.merchantChanges.filter((change) => frame.serverTime - change.at < 30 * 86_400_000)
  if (recent.length === 0) return ''
  const rows = recent
    .map(
      (change) =>
        `<tr><td>${shopTime(change.at, frame.offsetMinutes)}</td><td>${escapeHtml(change.label)}<br><small>${escapeHtml(change.terminal_id)}</small></td><td>${accountText(change.before)}</td><td class="warn">${accountText(change.after)}</td><td>${escapeHtml(change.changed_by ?? '—')}<br><small>${both('approvedBy')} ${escapeHtml(change.approved_by ?? '—')}</small></td></tr>`,
    )
    .join('\n')
  return `<section class="alert" role="alert" id="merchant-changes"><h2>${both('merchantChanged')}</h2><p>${both('merchantChangedHint')}</p>${scrollBox(
    plain('merchantChanged'),
    `<table><thead><tr><th>${both('changed')}</th><th>${both('terminal')}</th><th>${both('accountBefore')}</th><th>${both('accountNow')}</th><th>${both('by')}</th></tr></thead>
<tbody>${rows}</tbody></table>`,
  )}</section>`
}

/** A status line after a form: what was done, or why not. */
export function messageBlock(message: string | undefined): string {
  return message ? `<p class="message" role="status">${message}</p>` : ''
}
