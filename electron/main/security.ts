/**
 * The security defaults of docs/security.md §6, in one place: window preferences, navigation and
 * window-opening guards, permission denial, and the app:// protocol that serves the screens with
 * a strict Content-Security-Policy header.
 */
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { Session, WebContents, WebPreferences } from 'electron'

export const APP_SCHEME = 'app'
export const APP_HOST = 'pos'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

export function secureWebPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools,
  }
}

/** Whether `url` is one of the app's own pages: app://pos/…, or the dev server in development. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true
  return devServerUrl !== undefined && parsed.origin === new URL(devServerUrl).origin
}

/** Every web contents the app creates: no navigation away, no new windows, no webviews. */
export function guardWebContents(contents: WebContents, isAllowed: (url: string) => boolean): void {
  const blockForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!isAllowed(url)) {
      event.preventDefault()
      console.warn(`Blocked navigation to ${url}`)
    }
  }
  contents.on('will-navigate', blockForeign)
  contents.on('will-redirect', blockForeign)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`Blocked a new window for ${url}`)
    return { action: 'deny' }
  })
}

/** The POS needs no camera, microphone, location or notifications: deny every permission. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

/**
 * The handler behind app://pos/: files of the built renderer, nothing outside it, each with the
 * CSP and no-sniff headers.
 */
export function appProtocolHandler(rendererDirectory: string): (request: Request) => Promise<Response> {
  const root = normalize(rendererDirectory + sep)
  return async (request) => {
    const url = new URL(request.url)
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'cashier.html'
    const file = normalize(join(root, relative))
    if (url.host !== APP_HOST || !file.startsWith(root) || request.method !== 'GET') {
      return new Response('Not found', { status: 404 })
    }
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      return new Response('Not found', { status: 404 })
    }
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cross-origin-opener-policy': 'same-origin',
        'referrer-policy': 'no-referrer',
      },
    })
  }
}
