import type { HttpPost } from '../../../shared/bakong/http.ts'

/**
 * The HTTP POST the payment checkers use, on Node's fetch with a hard timeout: a check that hangs
 * is a network failure ("unreachable"), never a wait that keeps the cashier guessing.
 */
export function createFetchPost(options: { timeoutMs?: number } = {}): HttpPost {
  const timeoutMs = options.timeoutMs ?? 10_000
  return async (url, jsonBody, headers) => {
    const response = await fetch(url, {
      method: 'POST',
      body: jsonBody,
      headers,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    })
    const bodyText = await response.text()
    return { status: response.status, headers: Object.fromEntries(response.headers.entries()), bodyText }
  }
}
