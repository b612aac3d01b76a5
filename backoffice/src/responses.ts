import type { BackofficeResponse } from './app.ts'
import { OWNER_PAGE_CSP } from './owner-page.ts'

/** The three kinds of answer: JSON for the API, the owner's HTML page, and a redirect after a form. */
const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}
const HTML_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': OWNER_PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): BackofficeResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body }
}
export function html(status: number, body: string, headers: Record<string, string> = {}): BackofficeResponse {
  return { status, headers: { ...HTML_HEADERS, ...headers }, body }
}
export function redirect(location: string, headers: Record<string, string> = {}): BackofficeResponse {
  return {
    status: 303,
    headers: { location, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers },
    body: '',
  }
}
