/** One HTTP POST with a JSON body, injected so shared/ stays free of any I/O API. Rejects only when no answer came (network, timeout). */
export type HttpPost = (
  url: string,
  jsonBody: string,
  headers: Record<string, string>,
) => Promise<{ status: number; headers: Record<string, string>; bodyText: string }>

export function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value
  return undefined
}

/** Retry-After as a delay in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: Record<string, string>, now: number): number | undefined {
  const value = header(headers, 'retry-after')?.trim()
  if (!value) return undefined
  if (/^[0-9]+$/.test(value)) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, '') + path
}
