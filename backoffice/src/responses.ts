import type { BackofficeResponse } from './app.ts'
import { OWNER_PAGE_CSP } from './owner-layout.ts'

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

/**
 * A value with its camelCase object keys in snake_case, as the JSON API writes them (`grossKhr` →
 * `gross_khr`); other keys (`USD`, `KHR`, ids) stay as they are.
 */
export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      /^[a-z][a-zA-Z0-9]*$/.test(key) ? key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`) : key,
      snakeKeys(item),
    ]),
  )
}
