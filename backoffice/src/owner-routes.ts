import { isPlainObject } from '../../shared/sync-protocol.ts'
import type { BackofficeRequest, BackofficeResponse } from './app.ts'
import type { Catalog } from './catalog.ts'
import { HttpError } from './errors.ts'
import { OWNER_COOKIE, type OwnerAuth } from './owner-auth.ts'
import { ownerCatalog, recordCatalogForm } from './owner-catalog.ts'
import { type createOwnerCommands, UNLOCK_SENT } from './owner-commands.ts'
import { dashboardPage, loginPage, OWNER_CSS } from './owner-page.ts'
import { ownerReport } from './reports.ts'
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

/**
 * The owner's page: HTML forms, no script. Signing in and the first-run password, the dashboard,
 * and the forms that create, revoke and unlock terminals, each checked against the session's CSRF token.
 */
export function ownerPageRoutes(
  deps: OwnerPageDeps,
): (request: BackofficeRequest) => Promise<BackofficeResponse | null> {
  const {
    store,
    owner,
    terminals,
    commands,
    catalog,
    now,
    dayOffsetMinutes,
    defaultStoreId,
    ownerSession,
    throttleAuth,
    pairingAddress,
  } = deps
  function sessionCookie(token: string, maxAgeSeconds: number): string {
    return `${OWNER_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`
  }

  async function dashboard(session: string, extra: { createdTerminal?: unknown; message?: string } = {}) {
    return html(
      200,
      dashboardPage({
        ...(await ownerReport(store)),
        catalog: await ownerCatalog(store),
        csrf: owner.csrfToken(session),
        serverTime: now(),
        offsetMinutes: dayOffsetMinutes,
        ...(extra as object),
      }),
    )
  }

  async function ownerForm(request: BackofficeRequest): Promise<{ session: string; body: Record<string, unknown> }> {
    const session = await ownerSession(request)
    if (!session) throw new HttpError(401, 'owner_unauthenticated', 'Sign in as the owner first.')
    const body = isPlainObject(request.body) ? request.body : {}
    if (body.csrf !== owner.csrfToken(session))
      throw new HttpError(403, 'csrf_invalid', 'This form is stale; reload the page.')
    return { session, body }
  }

  async function pageRoute(request: BackofficeRequest): Promise<BackofficeResponse | null> {
    const { method, path } = request
    if (method === 'GET' && path === '/owner.css')
      return {
        status: 200,
        headers: { 'content-type': 'text/css; charset=utf-8', 'x-content-type-options': 'nosniff' },
        body: OWNER_CSS,
      }
    if (method === 'GET' && path === '/') {
      const session = await ownerSession(request)
      if (!session) return html(200, loginPage({ firstRun: owner.setupCode() !== null }))
      return dashboard(session)
    }
    if (method === 'POST' && path === '/login') {
      throttleAuth('owner', request)
      const body = isPlainObject(request.body) ? request.body : {}
      try {
        const session = await owner.login(typeof body.password === 'string' ? body.password.slice(0, 200) : '')
        return redirect('/', { 'set-cookie': sessionCookie(session.token, 12 * 3600) })
      } catch (error) {
        if (!(error instanceof HttpError)) throw error
        return html(401, loginPage({ firstRun: false, error: error.message }))
      }
    }
    if (method === 'POST' && path === '/setup') {
      throttleAuth('owner', request)
      const body = isPlainObject(request.body) ? request.body : {}
      try {
        const session = await owner.firstRun(
          typeof body.setup_code === 'string' ? body.setup_code.slice(0, 100) : '',
          typeof body.password === 'string' ? body.password : '',
        )
        return redirect('/', { 'set-cookie': sessionCookie(session.token, 12 * 3600) })
      } catch (error) {
        if (!(error instanceof HttpError)) throw error
        return html(error.status, loginPage({ firstRun: owner.setupCode() !== null, error: error.message }))
      }
    }
    if (method === 'POST' && path === '/logout') {
      const { session } = await ownerForm(request)
      await owner.logout(session)
      return redirect('/', { 'set-cookie': sessionCookie('', 0) })
    }
    if (method === 'POST' && path === '/terminals') {
      const { session, body } = await ownerForm(request)
      const label = typeof body.label === 'string' ? body.label.trim().slice(0, 40) : ''
      if (!label) return dashboard(session, { message: 'Give the terminal a name.' })
      const created = await terminals.createTerminal(defaultStoreId, label)
      return dashboard(session, { createdTerminal: { ...created, pairing: pairingAddress(request) } })
    }
    const revoke = /^\/terminals\/(trm_[0-9a-z]{26})\/revoke$/.exec(path)
    if (method === 'POST' && revoke?.[1]) {
      await ownerForm(request)
      await terminals.revoke(revoke[1], 'revoked by the owner')
      return redirect('/')
    }
    if (method === 'POST' && (path === '/catalog/product' || path === '/catalog/rate')) {
      const { session, body } = await ownerForm(request)
      try {
        const said = await recordCatalogForm(catalog, store, path === '/catalog/rate' ? 'rate' : 'product', body, now())
        return dashboard(session, { message: said })
      } catch (error) {
        if (!(error instanceof HttpError)) throw error
        return dashboard(session, { message: `Not saved: ${error.message}` })
      }
    }
    const unlock = /^\/terminals\/(trm_[0-9a-z]{26})\/unlock-managers$/.exec(path)
    if (method === 'POST' && unlock?.[1]) {
      const { session } = await ownerForm(request)
      await commands.unlockManagers(unlock[1])
      return dashboard(session, { message: UNLOCK_SENT })
    }
    return null
  }
  return pageRoute
}
