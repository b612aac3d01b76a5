/**
 * Electron main: the thin shell. It builds the POS engine, opens the two windows, wires IPC and
 * keeps the customer display on its monitor. Everything that can run without Electron lives in
 * electron/core.
 */
import { join } from 'node:path'
import {
  app,
  type BrowserWindow,
  dialog,
  type IpcMainInvokeEvent,
  ipcMain,
  powerSaveBlocker,
  protocol,
  screen,
  session,
} from 'electron'
import {
  EVENT_CHANNEL,
  EVENTS,
  type PosApi,
  type PosEventName,
  type PosEvents,
  type WindowRole,
} from '../../shared/api.ts'
import { createPos, type Pos } from '../core/pos.ts'
import { registerPosHandlers } from './ipc.ts'
import {
  APP_ORIGIN,
  APP_SCHEME,
  appProtocolHandler,
  denyAllPermissions,
  guardWebContents,
  isAppUrl,
} from './security.ts'
import { CustomerDisplay, createCashierWindow, type Page, type WindowSetup } from './windows.ts'

const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL

// Must happen before `ready`: app:// behaves like https (relative URLs, fetch, secure context).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

function urlOf(page: Page): string {
  return devServerUrl ? `${devServerUrl}/${page}.html` : `${APP_ORIGIN}/${page}.html`
}

/** The role of the window that sent an IPC message, if it came from that window's own page. */
function senderRole(
  windows: { cashier: BrowserWindow; customer: CustomerDisplay },
  event: IpcMainInvokeEvent,
): WindowRole | undefined {
  const frame = event.senderFrame
  // Only the window's top frame (Electron documents `parent` as null exactly there), never an iframe.
  if (!frame || frame.parent !== null) return undefined
  const candidates: Array<[WindowRole, BrowserWindow]> = [
    ['cashier', windows.cashier],
    ['customer', windows.customer.window],
  ]
  for (const [role, window] of candidates) {
    // A window the cashier closed has no webContents left to compare with (Electron throws).
    if (window.isDestroyed() || event.sender !== window.webContents) continue
    return new URL(frame.url).pathname === new URL(urlOf(role)).pathname ? role : undefined
  }
  return undefined
}

function start(): void {
  let pos: Pos
  try {
    pos = createPos({ dataDirectory: app.getPath('userData'), appName: app.getName(), appVersion: app.getVersion() })
  } catch (error) {
    dialog.showErrorBox('KHQR POS cannot start', (error as Error).message)
    app.exit(1)
    return
  }
  app.on('before-quit', () => pos.close())

  denyAllPermissions(session.defaultSession)
  protocol.handle(APP_SCHEME, appProtocolHandler(join(import.meta.dirname, '../renderer')))

  const setup: WindowSetup = {
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    urlOf,
    kiosk: app.isPackaged,
    devTools: !app.isPackaged,
  }
  const cashier = createCashierWindow(setup, screen.getPrimaryDisplay().workArea)
  // The cashier window is the app: closing it quits, even while the customer display is open.
  cashier.on('closed', () => app.quit())
  const send = <E extends PosEventName>(name: E, payload: PosEvents[E]): void => {
    for (const role of EVENTS[name]) {
      const window = role === 'cashier' ? cashier : customer.window
      if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload)
    }
  }
  const customer = new CustomerDisplay(setup, screen, (status) => send('customerDisplay.changed', status))
  const windows = { cashier, customer }

  const api: PosApi = { ...pos.api, getCustomerDisplayStatus: async () => customer.status }
  registerPosHandlers(ipcMain, api, (event) => senderRole(windows, event))

  // The customer display must not dim or sleep while a QR is on it.
  powerSaveBlocker.start('prevent-display-sleep')

  app.on('second-instance', () => {
    if (cashier.isMinimized()) cashier.restore()
    cashier.focus()
  })
}

// One POS per machine: two would mean two writers on one sales journal.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.enableSandbox()
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, (url) => isAppUrl(url, devServerUrl)))
  app.on('window-all-closed', () => app.quit())
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('KHQR POS failed to start', error)
      app.exit(1)
    })
}
