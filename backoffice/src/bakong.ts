import type { KhqrChecker } from '../../shared/bakong/checker.ts'
import { BAKONG_PRODUCTION_URL, createBakongClient } from '../../shared/bakong/client.ts'
import type { HttpPost } from '../../shared/bakong/http.ts'

/** POST on Node's fetch with a hard timeout: a Bakong check that hangs is "unreachable", never a wait. */
const fetchPost: HttpPost = async (url, jsonBody, headers) => {
  const response = await fetch(url, {
    method: 'POST',
    body: jsonBody,
    headers,
    redirect: 'error',
    signal: AbortSignal.timeout(10_000),
  })
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    bodyText: await response.text(),
  }
}

/**
 * The Bakong checker of the KHQR relay, from the environment: BAKONG_TOKEN (the NBC developer
 * token; it stays in this process) and BAKONG_URL (default production). None without a token.
 */
export function bakongCheckerFromEnvironment(environment: NodeJS.ProcessEnv): KhqrChecker | undefined {
  const token = environment.BAKONG_TOKEN?.trim()
  if (!token) return undefined
  return createBakongClient({
    baseUrl: environment.BAKONG_URL || BAKONG_PRODUCTION_URL,
    token: () => token,
    post: fetchPost,
  })
}
