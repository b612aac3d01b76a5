/**
 * The real built app (main bundle, preload, renderer) on a machine with two displays: security
 * settings, the cashier reaching the engine through main's IPC handlers, refusals, and the customer
 * display following monitors as they are unplugged and plugged back.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { METHOD_NAMES } from '../../shared/api.ts'
import { launchChromium } from './chromium.ts'
import { appEvents, display, FakeWebContents, screen, stub } from './electron-stub.ts'
import {
  type AppServer,
  OUT,
  openWindowPage,
  openWindows,
  serveAppProtocol,
  startMainBundle,
  type WindowPage,
  windowOf,
} from './harness.ts'

const PRIMARY = display(1, 0, 1920, 1080)
const SECOND = display(2, 1920, 1280, 800)
let browser: Browser
let server: AppServer
let cashier: WindowPage
let customer: WindowPage

beforeAll(async () => {
  await startMainBundle({ displays: [PRIMARY, SECOND] })
  server = await serveAppProtocol()
  browser = await launchChromium()
  cashier = await openWindowPage(browser, server, windowOf('cashier'))
  customer = await openWindowPage(browser, server, windowOf('customer'))
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('the built main bundle', () => {
  test('opens a cashier window and a customer window, both locked down', () => {
    expect(openWindows()).toHaveLength(2)
    for (const window of openWindows()) {
      expect(window.options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        preload: join(OUT, 'preload/index.cjs'),
      })
      expect(window.loadedUrl).toMatch(/^app:\/\/pos\/(cashier|customer)\.html$/)
    }
    expect(stub.sandboxEnabled).toBe(true)
    expect(stub.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
    expect(stub.powerSaveBlockers).toEqual(['prevent-display-sleep'])
  })

  test('denies every permission request and check', () => {
    const answers: boolean[] = []
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'serial',
      'window-management',
    ]) {
      stub.permissionRequestHandler?.({}, permission, (granted: boolean) => answers.push(granted))
      answers.push(stub.permissionCheckHandler?.({}, permission) as boolean)
    }
    expect(answers).toHaveLength(12)
    expect(answers.every((granted) => granted === false)).toBe(true)
  })

  test('puts the customer display fullscreen, frameless, on the second display, and the cashier on the first', () => {
    expect(windowOf('customer').options).toMatchObject({
      x: 1920,
      y: 0,
      width: 1280,
      height: 800,
      fullscreen: true,
      frame: false,
    })
    expect(windowOf('cashier').options).toMatchObject({ x: 0, y: 0, width: 1920, height: 1040, kiosk: false })
  })

  test('keeps its sales database where it says, in WAL mode', () => {
    expect(existsSync(join(stub.userData, 'pos.sqlite3'))).toBe(true)
    expect(existsSync(join(stub.userData, 'pos.sqlite3-wal'))).toBe(true)
  })
})

describe('screens and the engine', () => {
  test('the sign-in screen shows nothing technical; a manager signs in on the PIN pad', async () => {
    await cashier.page.getByRole('button', { name: /Demo Manager/ }).waitFor()
    const text = (await cashier.page.locator('main').textContent()) ?? ''
    expect(text).not.toMatch(/sqlite|SQLite|1280 × 800/)
    await cashier.page.getByRole('button', { name: /Demo Manager/ }).click()
    for (const digit of '1357') await cashier.page.getByRole('button', { name: `លេខ ${digit}` }).click()
    expect(await cashier.page.getByLabel('លេខសម្ងាត់ (PIN)', { exact: true }).inputValue()).toBe('1357')
    await cashier.page.getByRole('button', { name: 'ចូល', exact: true }).click()
    await cashier.page.getByTestId('signed-in-user').waitFor()
  })

  test("a manager's About this terminal page shows the version and database location it got through the real IPC handlers", async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default
    if (await cashier.page.getByRole('button', { name: 'បើកវេន' }).isVisible())
      await cashier.page.evaluate(() => window.pos.openShift({ usd: 0, khr: 0 }))
    await cashier.page.reload()
    await cashier.page.getByRole('button', { name: 'ការកំណត់' }).click()
    await cashier.page.getByRole('button', { name: 'អំពីម៉ាស៊ីននេះ' }).click()
    await expect.poll(() => cashier.page.getByTestId('app-version').textContent()).toBe(version)
    expect(await cashier.page.getByTestId('database-path').textContent()).toBe(join(stub.userData, 'pos.sqlite3'))
    expect(await cashier.page.getByTestId('customer-display').textContent()).toContain('1280 × 800')
  })

  test('the customer display greets in Khmer and English and names the shop', async () => {
    await expect.poll(() => customer.page.locator('.shop-name').textContent()).toBe('Demo Shop') // the demo shop's name until onboarding sets the real one
    expect(await customer.page.locator('.welcome').textContent()).toBe('សូមស្វាគមន៍')
  })

  test('the preload exposes exactly the PosApi methods and `on`; no Node, no ipcRenderer', async () => {
    const surface = await cashier.page.evaluate(() => ({
      pos: Object.keys(window.pos).sort(),
      frozen: Object.isFrozen(window.pos),
      node: ['require', 'process', 'Buffer', 'ipcRenderer', 'module'].filter((name) => name in window),
    }))
    expect(surface.pos).toEqual([...METHOD_NAMES, 'on'].sort())
    expect(surface.frozen).toBe(true)
    expect(surface.node).toEqual([])
  })

  test('the preload refuses to subscribe to an event that does not exist', async () => {
    const message = await cashier.page.evaluate(() => {
      try {
        window.pos.on('sale.anything' as never, () => undefined)
        return 'subscribed'
      } catch (error) {
        return (error as Error).message
      }
    })
    expect(message).toContain('Unknown POS event')
  })

  test('Chromium draws Khmer with the shipped Noto Sans Khmer and Latin with Noto Sans, no system font', async () => {
    const cdp = await cashier.context.newCDPSession(cashier.page)
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const fontsOf = async (selector: string): Promise<string[]> => {
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 })
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
      return fonts.map((font) => font.familyName).sort()
    }
    expect(await fontsOf('#terminal-heading')).toEqual(['Noto Sans Khmer'])
    expect(await fontsOf('.topbar h1')).toEqual(['Noto Sans', 'Noto Sans Khmer'])
    expect(await fontsOf('[data-testid="app-version"]')).toEqual(['Noto Sans'])
    await cdp.detach()
  })

  test('no page logged an error', () => {
    expect(cashier.consoleErrors).toEqual([])
    expect(customer.consoleErrors).toEqual([])
  })
})

describe('refusals', () => {
  test('both pages carry the strict CSP header; inline script and eval do not run', async () => {
    for (const page of ['cashier', 'customer']) {
      const response = await fetch(`${server.origin}/${page}.html`)
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      )
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    }
    // DevTools-evaluated code is exempt from CSP, so the page itself must compile the strings:
    // an inline <script>, and a string passed to setTimeout (which needs 'unsafe-eval').
    const outcome = await cashier.page.evaluate(async () => {
      const violations: Array<{ directive: string; blocked: string }> = []
      document.addEventListener('securitypolicyviolation', (event) =>
        violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI }),
      )
      const script = document.createElement('script')
      script.textContent = 'window.__inlineRan = true'
      document.body.append(script)
      ;(setTimeout as (code: string, delay: number) => number)('window.__stringTimerRan = true', 0)
      await new Promise((settle) => setTimeout(settle, 100))
      const flags = window as unknown as { __inlineRan?: boolean; __stringTimerRan?: boolean }
      return { inlineRan: flags.__inlineRan === true, stringTimerRan: flags.__stringTimerRan === true, violations }
    })
    expect(outcome).toMatchObject({ inlineRan: false, stringTimerRan: false })
    expect(outcome.violations).toContainEqual({ directive: 'script-src-elem', blocked: 'inline' })
    expect(outcome.violations).toContainEqual({ directive: 'script-src', blocked: 'eval' })
  })

  test('the protocol serves nothing outside the built screens', async () => {
    for (const path of ['/../main/index.js', '/%2e%2e/main/index.js', '/..%2fpreload%2findex.cjs', '/nothing.html']) {
      expect((await fetch(`${server.origin}${path}`)).status).toBe(404)
    }
  })

  test('navigating the cashier window to a foreign URL is refused by main; the screen stays', async () => {
    const before = cashier.page.url()
    await cashier.page.evaluate(() => {
      window.location.href = 'https://example.invalid/phish'
    })
    await expect.poll(() => cashier.blockedNavigations).toContain('https://example.invalid/phish')
    await cashier.page.evaluate(() => {
      const link = document.createElement('a')
      link.href = 'https://example.invalid/clicked'
      document.body.append(link)
      link.click()
    })
    await expect.poll(() => cashier.blockedNavigations).toContain('https://example.invalid/clicked')
    expect(cashier.page.url()).toBe(before)
    expect(await cashier.page.getByTestId('app-version').isVisible()).toBe(true)
  })

  test('window.open is refused by main and opens nothing', async () => {
    const opened = await customer.page.evaluate(() => window.open('https://example.invalid/', '_blank'))
    expect(opened).toBeNull()
    await expect.poll(() => customer.windowOpens).toEqual([{ url: 'https://example.invalid/', action: 'deny' }])
    expect(customer.context.pages()).toHaveLength(1)
  })

  test('every web contents the app creates gets the same guards', () => {
    const contents = new FakeWebContents()
    appEvents.emit('web-contents-created', {}, contents)
    expect(contents.windowOpenHandler?.({ url: 'app://pos/cashier.html' })).toEqual({ action: 'deny' })
    const outcomes: Record<string, boolean> = {}
    for (const url of [
      'app://pos/customer.html',
      'app://evil/x.html',
      'http://localhost:5173/cashier.html',
      'javascript:alert(1)',
      'not a url',
    ]) {
      let prevented = false
      contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url)
      outcomes[url] = prevented
    }
    expect(outcomes).toEqual({
      'app://pos/customer.html': false,
      'app://evil/x.html': true,
      'http://localhost:5173/cashier.html': true,
      'javascript:alert(1)': true,
      'not a url': true,
    })
    let webviewPrevented = false
    contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) })
    expect(webviewPrevented).toBe(true)
  })

  test('the customer display may not call cashier methods; bad arguments are refused', async () => {
    const answers = await customer.page.evaluate(async () => ({
      appInfo: await window.pos.getAppInfo(),
      status: await window.pos.getCustomerDisplayStatus(),
      extraArgument: await (window.pos.getCustomerView as (...args: unknown[]) => Promise<unknown>)('surprise'),
    }))
    expect(answers.appInfo).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(answers.status).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(answers.extraArgument).toMatchObject({ ok: false, error: { code: 'input_invalid' } })
  })

  test('IPC from anything but a window’s own main frame is refused', async () => {
    const handler = stub.ipcHandlers.get('pos:getAppInfo')
    const cashierContents = windowOf('cashier').webContents
    const strangers = [
      { sender: new FakeWebContents(), senderFrame: { url: 'app://pos/cashier.html', parent: null } },
      { sender: cashierContents, senderFrame: { url: 'app://pos/cashier.html', parent: cashierContents.mainFrame } },
      { sender: cashierContents, senderFrame: null },
    ]
    for (const event of strangers)
      expect(await handler?.(event)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    cashierContents.mainFrame.url = 'app://pos/customer.html'
    expect(await handler?.({ sender: cashierContents, senderFrame: cashierContents.mainFrame })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    cashierContents.mainFrame.url = 'app://pos/cashier.html'
    expect(await handler?.({ sender: cashierContents, senderFrame: cashierContents.mainFrame })).toMatchObject({
      ok: true,
    })
  })
})

describe('monitors come and go', () => {
  test('unplugging the second display brings the customer display onto the cashier screen, and the cashier is told', async () => {
    const fullscreenWindow = windowOf('customer')
    stub.displays = [PRIMARY]
    screen.emit('display-removed', {}, SECOND)
    const moved = windowOf('customer')
    expect(fullscreenWindow.isDestroyed()).toBe(true)
    expect(moved.options).toMatchObject({ fullscreen: false, frame: true, x: 1120, width: 800, height: 600 })
    await expect.poll(() => cashier.page.getByRole('status').textContent()).toContain('អេក្រង់អតិថិជនជាផ្ទាំងមួយនៅលើអេក្រង់នេះ')
  })

  test('plugging a display back puts the customer display fullscreen on it again', async () => {
    const windowed = windowOf('customer')
    const third = display(3, -1024, 1024, 768)
    stub.displays = [PRIMARY, third]
    screen.emit('display-added', {}, third)
    expect(windowed.isDestroyed()).toBe(true)
    expect(windowOf('customer').options).toMatchObject({
      x: -1024,
      width: 1024,
      height: 768,
      fullscreen: true,
      frame: false,
    })
    await expect.poll(() => cashier.page.getByTestId('customer-display').textContent()).toContain('1024 × 768')
  })

  test('a display that changes resolution moves the window without recreating it', () => {
    const window = windowOf('customer')
    stub.displays = [PRIMARY, display(3, -1280, 1280, 1024)]
    screen.emit('display-metrics-changed', {}, stub.displays[1], ['bounds'])
    expect(windowOf('customer')).toBe(window)
    expect(window.getBounds()).toEqual({ x: -1280, y: 0, width: 1280, height: 1024 })
    expect(window.isFullScreen()).toBe(true)
  })

  test('a customer window the cashier closed is no longer a valid sender, and IPC still answers', async () => {
    const closed = windowOf('customer')
    const contents = closed.webContents
    const handler = stub.ipcHandlers.get('pos:getCustomerView')
    closed.destroy()
    expect(await handler?.({ sender: contents, senderFrame: contents.mainFrame })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    stub.displays = [PRIMARY, SECOND]
    screen.emit('display-added', {}, SECOND)
    const reopened = windowOf('customer')
    expect(reopened).not.toBe(closed)
    expect(
      await handler?.({ sender: reopened.webContents, senderFrame: reopened.webContents.mainFrame }),
    ).toMatchObject({ ok: true })
  })

  test('a renderer that dies is reloaded; a clean exit is not', () => {
    const contents = windowOf('cashier').webContents
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 })
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 })
    expect(contents.reloads).toBe(1)
  })
})

describe('closing', () => {
  test('closing the cashier window quits the app, even with the customer display open', () => {
    const quits = stub.quitCalls
    windowOf('cashier').destroy()
    expect(stub.quitCalls).toBe(quits + 1)
  })

  test('at quit main holds the quit back while the engine sends what it can and closes, then quits', async () => {
    const quits = stub.quitCalls
    let prevented = 0
    appEvents.emit('before-quit', { preventDefault: () => prevented++ })
    expect(prevented).toBe(1)
    await expect.poll(() => stub.quitCalls, { timeout: 5_000 }).toBe(quits + 1)
    // Electron emits before-quit again for that second quit: this time it goes through.
    appEvents.emit('before-quit', { preventDefault: () => prevented++ })
    expect(prevented).toBe(1)
  })
})
