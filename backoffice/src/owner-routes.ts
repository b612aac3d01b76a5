import { isPlainObject } from '../../shared/sync-protocol.ts'
import type { BackofficeRequest, BackofficeResponse } from './app.ts'
import type { Catalog } from './catalog.ts'
import { HttpError } from './errors.ts'
import { escapeHtml } from './html.ts'
import { merchantChanges } from './merchant-changes.ts'
import { OWNER_COOKIE, type OwnerAuth } from './owner-auth.ts'
import { catalogPage, ownerCatalog, recordCatalogForm } from './owner-catalog.ts'
import { checksPage } from './owner-checks-page.ts'
import type { createOwnerCommands } from './owner-commands.ts'
import { OWNER_CSS, OWNER_ICON } from './owner-css.ts'
import { fontResponse } from './owner-fonts.ts'
import type { OwnerSection, SignedInFrame } from './owner-layout.ts'
import { loginPage } from './owner-login-page.ts'
import { CSV_REPORTS, type CsvReport } from './owner-report-sections.ts'
import { ownerReports } from './owner-reports.ts'
import { reportsPage } from './owner-reports-page.ts'
import { type PairingCode, terminalsPage } from './owner-terminals-page.ts'
import { both } from './owner-words.ts'
import { businessDayOf } from './projection.ts'
import { reportCsv } from './report-csv.ts'
import { periodFromQuery } from './report-period.ts'
import { manualKhqrPayments, rejectedEvents, terminalReports } from './reports.ts'
import { html, redirect } from './responses.ts'
import type { BackofficeStore } from './store/types.ts'
import type { TerminalAuth } from './terminal-auth.ts'

export interface OwnerPageDeps {
  store: BackofficeStore
  owner: OwnerAuth
  terminals: TerminalAuth
  commands: ReturnType<typeof createOwnerCommands>
  catalog: Catalog
  now: () => number
  dayOffsetMinutes: number
  defaultStoreId: string
  ownerSession(request: Pick<BackofficeRequest, 'headers'>): Promise<string | null>
  throttleAuth(group: 'terminal' | 'owner', request: BackofficeRequest): void
  pairingAddress(request: BackofficeRequest): string
}

const TERMINAL_ACTION = /^\/terminals\/(trm_[0-9a-z]{26})\/(revoke|code|unlock-managers)$/
const CSV_PATH = /^\/reports\/([a-z]+)\.csv$/

/**
 * The owner's pages: HTML and forms, no script. Signing in and the first-run password; the
 * reports (with their CSV downloads), the terminals, the catalog and what to check; and the
 * forms that change them, each checked against the session's CSRF token.
 */
export function ownerPageRoutes(
  deps: OwnerPageDeps,
): (request: BackofficeRequest) => Promise<BackofficeResponse | null> {
  const { store, owner, terminals, commands, catalog, now, dayOffsetMinutes, ownerSession, throttleAuth } = deps
  function sessionCookie(token: string, maxAgeSeconds: number): string {
    return `${OWNER_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`
  }

  async function frame(session: string, section: OwnerSection): Promise<SignedInFrame> {
    return {
      section,
      csrf: owner.csrfToken(session),
      serverTime: now(),
      offsetMinutes: dayOffsetMinutes,
      merchantChanges: await merchantChanges(store),
    }
  }

  async function reports(session: string, request: BackofficeRequest): Promise<BackofficeResponse> {
    const today = businessDayOf(now(), dayOffsetMinutes)
    const { period, problem } = periodFromQuery(request.query, today)
    return html(
      200,
      reportsPage({
        frame: await frame(session, 'reports'),
        reports: await ownerReports(store, period, dayOffsetMinutes),
        today,
        problem,
      }),
    )
  }

  async function terminalsView(
    session: string,
    extra: { pairingCode?: PairingCode; message?: string } = {},
    status = 200,
  ): Promise<BackofficeResponse> {
    return html(
      status,
      terminalsPage({ frame: await frame(session, 'terminals'), terminals: await terminalReports(store), ...extra }),
    )
  }

  async function catalogView(session: string, message?: string): Promise<BackofficeResponse> {
    return html(
      200,
      catalogPage({
        frame: await frame(session, 'catalog'),
        catalog: await ownerCatalog(store),
        ...(message ? { message } : {}),
      }),
    )
  }

  async function checksView(session: string): Promise<BackofficeResponse> {
    const all = await terminalReports(store)
    return html(
      200,
      checksPage({
        frame: await frame(session, 'toCheck'),
        rejected: await rejectedEvents(store),
        khqrManual: await manualKhqrPayments(store),
        labels: new Map(all.map((terminal) => [terminal.terminal_id, terminal.label])),
      }),
    )
  }

  async function csvDownload(request: BackofficeRequest, name: CsvReport): Promise<BackofficeResponse> {
    const { period } = periodFromQuery(request.query, businessDayOf(now(), dayOffsetMinutes))
    const file = reportCsv(name, await ownerReports(store, period, dayOffsetMinutes), dayOffsetMinutes)
    return {
      status: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file.fileName}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
      body: file.content,
    }
  }

  async function ownerForm(request: BackofficeRequest): Promise<{ session: string; body: Record<string, unknown> }> {
    const session = await ownerSession(request)
    if (!session) throw new HttpError(401, 'owner_unauthenticated', 'Sign in as the owner first.')
    const body = isPlainObject(request.body) ? request.body : {}
    if (body.csrf !== owner.csrfToken(session))
      throw new HttpError(403, 'csrf_invalid', 'This form is stale; reload the page.')
    return { session, body }
  }

  /** Creates a terminal from the page's form; a name already taken is said on the page (409). */
  async function createTerminal(request: BackofficeRequest): Promise<BackofficeResponse> {
    const { session, body } = await ownerForm(request)
    const label = typeof body.label === 'string' ? body.label.slice(0, 40) : ''
    try {
      const created = await terminals.createTerminal(deps.defaultStoreId, label)
      return terminalsView(session, { pairingCode: { ...created, pairing: deps.pairingAddress(request) } })
    } catch (error) {
      if (!(error instanceof HttpError) || error.status >= 500) throw error
      const said = error.code === 'terminal_label_taken' ? both('nameTaken') : both('giveName')
      return terminalsView(session, { message: `${said}<br><small>${escapeHtml(error.message)}</small>` }, error.status)
    }
  }

  async function terminalAction(request: BackofficeRequest, terminalId: string, action: string) {
    const { session } = await ownerForm(request)
    if (action === 'revoke') {
      await terminals.revoke(terminalId, 'revoked by the owner')
      return redirect('/terminals')
    }
    if (action === 'unlock-managers') {
      await commands.unlockManagers(terminalId)
      return terminalsView(session, { message: both('unlockSent') })
    }
    const terminal = (await terminalReports(store)).find((row) => row.terminal_id === terminalId)
    if (!terminal) throw new HttpError(404, 'terminal_not_found', 'There is no such terminal.')
    const code = await terminals.newCode(terminalId)
    return terminalsView(session, {
      pairingCode: { label: terminal.label, terminal_id: terminalId, ...code, pairing: deps.pairingAddress(request) },
    })
  }

  async function signedInGet(request: BackofficeRequest): Promise<BackofficeResponse | null> {
    const { path } = request
    const csv = CSV_PATH.exec(path)?.[1]
    const known = ['/', '/terminals', '/catalog', '/checks'].includes(path) || csv !== undefined
    if (!known) return null
    const session = await ownerSession(request)
    if (!session) return path === '/' ? html(200, loginPage({ firstRun: owner.setupCode() !== null })) : redirect('/')
    if (path === '/') return reports(session, request)
    if (path === '/terminals') return terminalsView(session)
    if (path === '/catalog') return catalogView(session)
    if (path === '/checks') return checksView(session)
    if (csv && (CSV_REPORTS as readonly string[]).includes(csv)) return csvDownload(request, csv as CsvReport)
    return null
  }

  async function signIn(request: BackofficeRequest, firstRun: boolean): Promise<BackofficeResponse> {
    throttleAuth('owner', request)
    const body = isPlainObject(request.body) ? request.body : {}
    const text = (key: string, max: number) =>
      typeof body[key] === 'string' ? (body[key] as string).slice(0, max) : ''
    try {
      const session = firstRun
        ? await owner.firstRun(text('setup_code', 100), typeof body.password === 'string' ? body.password : '')
        : await owner.login(text('password', 200))
      return redirect('/', { 'set-cookie': sessionCookie(session.token, 12 * 3600) })
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      return firstRun
        ? html(error.status, loginPage({ firstRun: owner.setupCode() !== null, error }))
        : html(401, loginPage({ firstRun: false, error }))
    }
  }

  async function pageRoute(request: BackofficeRequest): Promise<BackofficeResponse | null> {
    const { method, path } = request
    if (method === 'GET' && path === '/owner.css')
      return {
        status: 200,
        headers: { 'content-type': 'text/css; charset=utf-8', 'x-content-type-options': 'nosniff' },
        body: OWNER_CSS,
      }
    if (method === 'GET' && (path === '/favicon.svg' || path === '/favicon.ico'))
      return {
        status: 200,
        headers: {
          'content-type': 'image/svg+xml',
          'cache-control': 'public, max-age=604800',
          'x-content-type-options': 'nosniff',
        },
        body: OWNER_ICON,
      }
    if (method === 'GET' && path.startsWith('/fonts/')) return fontResponse(path.slice('/fonts/'.length))
    if (method === 'GET') return signedInGet(request)
    if (method !== 'POST') return null
    if (path === '/login') return signIn(request, false)
    if (path === '/setup') return signIn(request, true)
    if (path === '/logout') {
      const { session } = await ownerForm(request)
      await owner.logout(session)
      return redirect('/', { 'set-cookie': sessionCookie('', 0) })
    }
    if (path === '/terminals') return createTerminal(request)
    const action = TERMINAL_ACTION.exec(path)
    if (action?.[1] && action[2]) return terminalAction(request, action[1], action[2])
    if (path === '/catalog/product' || path === '/catalog/rate') {
      const { session, body } = await ownerForm(request)
      try {
        const said = await recordCatalogForm(catalog, store, path === '/catalog/rate' ? 'rate' : 'product', body, now())
        return catalogView(session, escapeHtml(said))
      } catch (error) {
        if (!(error instanceof HttpError)) throw error
        return catalogView(session, `${both('notSaved')}: ${escapeHtml(error.message)}`)
      }
    }
    return null
  }
  return pageRoute
}
