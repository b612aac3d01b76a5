/**
 * The e2e harness (docs/toolchain.md §4d, level 2). The real built main bundle runs here in Node
 * with `electron` replaced by electron-stub.ts; each window it opens becomes a page in Debian's
 * Chromium, served through main's own app:// protocol handler (so the browser enforces main's CSP
 * header), with the real built preload injected and its ipcRenderer wired to the handlers main
 * registered. Renderer-initiated navigations and window.open go to main's own guards, as in Electron.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { join, resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import { AUTHORITY_MESSAGES } from '../../renderer/src/i18n/authority-messages.ts'
import { TILL_MESSAGES } from '../../renderer/src/i18n/till-messages.ts'
import { launchChromium } from './chromium.ts'
import { display, type FakeBrowserWindow, type FakeDisplay, stub, windows } from './electron-stub.ts'
import { acceptPageSockets, type PageSocket } from './ipc-socket.ts'

export const OUT = resolve(import.meta.dirname, '../../out')
const APP_ORIGIN = 'app://pos'

/** Imports the real main bundle once the fake machine is set up, and lets its `ready` work run. */
export async function startMainBundle(options: {
  displays: FakeDisplay[]
  singleInstanceLock?: boolean
}): Promise<void> {
  const [primary] = options.displays
  if (!primary) throw new Error('a machine needs a display')
  stub.displays = options.displays
  stub.primaryDisplayId = primary.id
  stub.singleInstanceLock = options.singleInstanceLock ?? true
  await import(/* @vite-ignore */ join(OUT, 'main/index.js'))
  // Starting opens the engine (asynchronously); it is up once main has registered its IPC handlers.
  const deadline = Date.now() + 15_000
  while (stub.ipcHandlers.size === 0 && stub.exitCodes.length === 0 && stub.quitCalls === 0 && Date.now() < deadline) {
    await new Promise((settle) => setTimeout(settle, 10))
  }
}

/** Pages that are open, and the windows they belong to. */
export function openWindows(): FakeBrowserWindow[] {
  return windows.filter((window) => !window.isDestroyed())
}

export function windowOf(page: 'cashier' | 'customer'): FakeBrowserWindow {
  const window = openWindows().find((candidate) => candidate.loadedUrl?.endsWith(`/${page}.html`))
  if (!window) throw new Error(`no open ${page} window`)
  return window
}

export interface AppServer {
  origin: string
  toHttp(appUrl: string): string
  toApp(httpUrl: string): string
  /** Where the page with `key` connects its IPC socket; `connect` answers each new connection. */
  acceptPage(key: string, connect: (socket: PageSocket, closed: Promise<void>) => (text: string) => void): void
  close(): Promise<void>
}

/** An HTTP server on 127.0.0.1 that answers every request with main's app:// protocol handler. */
export async function serveAppProtocol(): Promise<AppServer> {
  const handler = stub.protocolHandlers.get('app')
  if (!handler) throw new Error('main registered no app:// handler')
  const server: Server = createServer(async (request, response) => {
    const answer = await handler(new Request(`${APP_ORIGIN}${request.url ?? '/'}`, { method: request.method ?? 'GET' }))
    response.writeHead(answer.status, Object.fromEntries(answer.headers))
    response.end(Buffer.from(await answer.arrayBuffer()))
  })
  const pages = new Map<string, (socket: PageSocket, closed: Promise<void>) => (text: string) => void>()
  const dropSockets = acceptPageSockets(server, (key, socket, closed) => pages.get(key)?.(socket, closed) ?? null)
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const origin = `http://127.0.0.1:${address.port}`
  return {
    origin,
    toHttp: (appUrl) => (appUrl.startsWith(APP_ORIGIN) ? origin + appUrl.slice(APP_ORIGIN.length) : appUrl),
    toApp: (httpUrl) => (httpUrl.startsWith(origin) ? APP_ORIGIN + httpUrl.slice(origin.length) : httpUrl),
    acceptPage: (key, connect) => pages.set(key, connect),
    close: () =>
      new Promise((closed) => {
        server.close(() => closed())
        dropSockets()
        server.closeAllConnections()
      }),
  }
}

export interface WindowPage {
  page: Page
  context: BrowserContext
  /** Navigations main's guard refused, as app URLs. */
  blockedNavigations: string[]
  /** window.open calls and main's answer to each. */
  windowOpens: Array<{ url: string; action: string }>
  consoleErrors: string[]
}

/** The page of one of main's windows, in its own browser context, as Electron would show it. */
export async function openWindowPage(
  browser: Browser,
  server: AppServer,
  window: FakeBrowserWindow,
  options: { firstStart?: boolean } = {},
): Promise<WindowPage> {
  const preloadPath = (window.options.webPreferences as { preload: string }).preload
  const { width, height } = window.getBounds()
  // The locale main gives Electron (day/month/year date fields).
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale: 'en-GB' })
  const page = await context.newPage()
  // A missing element fails its step with its name well inside the test's own 60 s, even when a
  // poll asks twice (its first and its last attempt).
  page.setDefaultTimeout(20_000)
  const state: WindowPage = { page, context, blockedNavigations: [], windowOpens: [], consoleErrors: [] }
  page.on('console', (message) => {
    if (message.type() === 'error') state.consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => state.consoleErrors.push(error.message))

  // Invocations, answers and main's events cross one WebSocket as JSON (ipc-socket.ts says why).
  const pageKey = randomUUID()
  let socket: PageSocket | null = null
  server.acceptPage(pageKey, (connected, closed) => {
    socket = connected
    void closed.then(() => {
      if (socket === connected) socket = null
    })
    return (text) => {
      const { id, channel, args } = JSON.parse(text) as { id: number; channel: string; args: unknown[] }
      const handle = stub.ipcHandlers.get(channel)
      // A handler that throws at once rejects the call, as Electron's invoke does.
      const answered = new Promise((settle) => {
        if (!handle) throw new Error(`No handler registered for '${channel}'`)
        settle(handle({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, ...args))
      })
      answered.then(
        (value: unknown) => connected.send(JSON.stringify({ id, value })),
        (error: unknown) =>
          connected.send(JSON.stringify({ id, error: error instanceof Error ? error.message : String(error) })),
      )
    }
  })
  await page.exposeFunction('__electronWindowOpen', (url: string) => {
    const decision = window.webContents.windowOpenHandler?.({ url }) ?? { action: 'allow' }
    state.windowOpens.push({ url, action: decision.action })
  })
  window.webContents.reloadPage = () => void page.reload().catch(() => undefined)
  // A page that is not connected (loading, or gone) misses the event, as a renderer with no listener does.
  window.webContents.deliver = (channel, args) => socket?.send(JSON.stringify({ event: channel, args }))
  // Tests start at the sign-in screen of the demo, as someone who chose to look around it first;
  // a first start (the welcome, then the setup) is asked for with `firstStart`.
  if (!options.firstStart)
    await page.addInitScript(() => {
      if (!localStorage.getItem('pos.demoChosen')) localStorage.setItem('pos.demoChosen', '1')
    })
  await page.addInitScript(`(() => {
    const listeners = new Map();
    window.__electronEmit = (channel, args) => { for (const listener of listeners.get(channel) || []) listener({}, ...args) };
    const waiting = new Map();
    const unsent = [];
    let nextId = 1;
    const socket = new WebSocket(location.origin.replace(/^http/, 'ws') + '/__ipc/${pageKey}');
    socket.onopen = () => { for (const text of unsent.splice(0)) socket.send(text) };
    // A closed pipe fails every call still waiting, and every call after, instead of leaving them hanging.
    socket.onclose = () => {
      for (const call of waiting.values()) call.reject(new Error('IPC socket closed'));
      waiting.clear();
    };
    socket.onmessage = (message) => {
      const data = JSON.parse(message.data);
      if (data.event !== undefined) return window.__electronEmit(data.event, data.args);
      const call = waiting.get(data.id);
      waiting.delete(data.id);
      if (data.error !== undefined) call.reject(new Error(data.error)); else call.resolve(data.value);
    };
    const ipcRenderer = {
      invoke: (channel, ...args) => new Promise((resolve, reject) => {
        if (socket.readyState > 1) return reject(new Error('IPC socket closed'));
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        const text = JSON.stringify({ id, channel, args });
        if (socket.readyState === 1) socket.send(text); else unsent.push(text);
      }),
      on: (channel, listener) => { listeners.set(channel, [...(listeners.get(channel) || []), listener]) },
      removeListener: (channel, listener) => { listeners.set(channel, (listeners.get(channel) || []).filter((l) => l !== listener)) },
    };
    const contextBridge = { exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: Object.freeze({ ...api }), enumerable: true }) };
    // Electron asks main's window-open handler; a denied window.open returns null.
    window.open = (url) => { window.__electronWindowOpen(String(url ?? '')); return null };
    const require = (name) => { if (name === 'electron') return { contextBridge, ipcRenderer }; throw new Error('a sandboxed preload cannot require ' + name) };
    const module = { exports: {} };
    (function (require, module, exports) {\n${readFileSync(preloadPath, 'utf8')}\n})(require, module, module.exports);
  })()`)

  let loaded = false
  await page.route('**/*', async (route, request) => {
    if (!loaded || !request.isNavigationRequest() || request.frame() !== page.mainFrame()) return route.continue()
    // A window the test destroyed has no page left in Electron: a reload still on its way goes nowhere.
    if (window.isDestroyed()) return route.abort()
    const url = server.toApp(request.url())
    let prevented = false
    window.webContents.emit('will-navigate', { preventDefault: () => (prevented = true), url }, url)
    if (prevented) {
      state.blockedNavigations.push(url)
      // Electron's preventDefault() leaves the page as it was. A 204 answer does the same in a
      // browser, where aborting the request would show an error page instead.
      return route.fulfill({ status: 204 })
    }
    window.webContents.mainFrame.url = url
    return route.continue()
  })
  if (!window.loadedUrl) throw new Error('the window loaded no page')
  await page.goto(server.toHttp(window.loadedUrl))
  loaded = true
  return state
}

export interface TwoScreenTill {
  browser: Browser
  server: AppServer
  cashier: WindowPage
  customer: WindowPage
  close(): Promise<void>
}

/**
 * The usual counter: a 1366×768 cashier screen and a 1280×800 customer display, the real app
 * started on them, both windows open in Chromium, the cashier's in the given language.
 */
export async function openTwoScreenTill(options: { language?: 'km' | 'en' } = {}): Promise<TwoScreenTill> {
  await startMainBundle({ displays: [display(1, 0, 1366, 768), display(2, 1366, 1280, 800)] })
  const server = await serveAppProtocol()
  const browser = await launchChromium()
  const cashier = await openWindowPage(browser, server, windowOf('cashier'))
  const customer = await openWindowPage(browser, server, windowOf('customer'))
  if (options.language) {
    await cashier.page.evaluate((chosen) => localStorage.setItem('pos.language', chosen), options.language)
    await cashier.page.reload()
  }
  return {
    browser,
    server,
    cashier,
    customer,
    close: async () => {
      await browser.close()
      await server.close()
    },
  }
}

/**
 * A keyboard-wedge scanner reading `code`: its key presses by physical key code, all in one task so
 * they arrive within the scanner window whatever the machine's load. `layout: 'km'` gives the keys
 * the characters a Khmer keyboard layout would print.
 */
export async function scanWithWedge(page: Page, code: string, layout: 'en' | 'km' = 'en'): Promise<void> {
  await page.evaluate(
    ([digits, khmerLayout]) => {
      const send = (key: string, name: string) =>
        window.dispatchEvent(new KeyboardEvent('keydown', { code: key, key: name, bubbles: true, cancelable: true }))
      const khmer = '០១២៣៤៥៦៧៨៩'
      for (const digit of digits) send(`Digit${digit}`, khmerLayout ? (khmer[Number(digit)] ?? digit) : digit)
      send('Enter', 'Enter')
    },
    [code, layout === 'km'] as const,
  )
}

/**
 * The cashier page signed in as the demo manager with a shift open, in `language`: where a test of a
 * manager's screen starts (the engine is reached through the page's own bridge, as the screens do).
 */
export async function signInDemoManager(cashier: WindowPage, language: 'km' | 'en'): Promise<void> {
  await cashier.page.evaluate(async (chosen) => {
    const users = await window.pos.listUsers()
    const manager = users.ok ? users.value.find((user) => user.role === 'manager') : undefined
    await window.pos.signIn(manager?.id ?? '', '1357')
    const shift = await window.pos.getShift()
    if (shift.ok && !shift.value) await window.pos.openShift({ usd: 0, khr: 0 })
    localStorage.setItem('pos.language', chosen)
  }, language)
  await cashier.page.reload()
}

/** Runs `window.pos.<method>(...args)` in the page; a refusal throws its code. */
export async function callPos<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    async ([name, values]) => {
      const api = window.pos as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>
      const result = (await api[name as string]?.(...(values as unknown[]))) as
        | { ok: true; value: unknown }
        | { ok: false; error: { code: string; message: string } }
      if (!result.ok) throw new Error(`${name}: ${result.error.code} (${result.error.message})`)
      return result.value
    },
    [method, args] as const,
  ) as Promise<T>
}

/** The demo manager's grant for exactly this call, as the approval dialog gets it. */
export async function demoManagerGrant(page: Page, reason: string, method: string, ...args: unknown[]) {
  const users = await callPos<Array<{ id: string; role: string; demo: boolean }>>(page, 'listUsers')
  const manager = users.find((user) => user.role === 'manager' && user.demo)
  return callPos(page, 'grantApproval', { method, args }, { managerId: manager?.id ?? '', pin: '1357', reason })
}

/**
 * A receipt printer that is a file (a device-file printer): the drawer's pulse and receipts are
 * written to `path`; null for no printer again. Set by the signed-in demo manager with their own
 * approval, as in Settings.
 */
export async function setFilePrinter(cashier: WindowPage, path: string | null): Promise<void> {
  const { printer } = await callPos<{ printer: Record<string, unknown> }>(cashier.page, 'getSettings')
  const patch = {
    printer: path === null ? { ...printer, transport: 'none' } : { ...printer, transport: 'device', address: path },
  }
  const grant = await demoManagerGrant(cashier.page, 'receipt printer', 'updateSettings', patch)
  await callPos(cashier.page, 'updateSettings', patch, grant)
}

/**
 * The demo manager (or the manager with `pin`) approves in the open approval dialog. It waits until the dialog closes, or fails
 * with the words the dialog shows; right after wrong PINs the terminal asks everyone to wait a few
 * seconds, and the manager tries again, as a person would.
 */
export async function approveInDialog(
  page: Page,
  reason: string,
  language: 'km' | 'en' = 'en',
  pin = '1357',
): Promise<void> {
  const till = TILL_MESSAGES[language]
  const wait = AUTHORITY_MESSAGES[language].errors.pin_wait as string
  const dialog = page.getByRole('dialog')
  const approve = async () => {
    await dialog.getByLabel(till.pin, { exact: true }).fill(pin)
    await dialog.getByLabel(till.reason).fill(reason)
    await dialog.getByRole('button', { name: till.approve }).click()
  }
  await approve()
  await expect
    .poll(
      async () => {
        if ((await dialog.count()) === 0) return 'closed'
        const said = await dialog.getByRole('alert').allTextContents()
        if (said.includes(wait)) await approve()
        return said.join(' | ')
      },
      { timeout: 20_000, interval: 500 },
    )
    .toBe('closed')
}

export interface DemoTill {
  cashier: WindowPage
  close(): Promise<void>
}

/**
 * The built app on one counter (a cashier screen of `width`×768, default 1366, and a 1280×800
 * customer display), its cashier page open in Chromium: signed in as the demo manager with a shift
 * open in `language`, or at the first start (`firstStart`) with nobody signed in.
 */
export async function openDemoTill(
  options: { language?: 'km' | 'en'; width?: number; firstStart?: boolean } = {},
): Promise<DemoTill> {
  const width = options.width ?? 1366
  await startMainBundle({ displays: [display(1, 0, width, 768), display(2, width, 1280, 800)] })
  const server = await serveAppProtocol()
  const browser = await launchChromium()
  const cashier = await openWindowPage(browser, server, windowOf('cashier'), {
    firstStart: options.firstStart ?? false,
  })
  if (!options.firstStart) await signInDemoManager(cashier, options.language ?? 'en')
  return {
    cashier,
    close: async () => {
      await browser.close()
      await server.close()
    },
  }
}
