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
  net,
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
import { restoreLatestBackup } from '../core/ledger/integrity.ts'
import { BACKUP_DIRECTORY, createPos, DATABASE_FILE, type Pos, type PosConfig } from '../core/pos.ts'
import { isLockedDown } from './build-mode.ts'
import { registerPosHandlers } from './ipc.ts'
import { createSafeSecretStore } from './secrets.ts'
import {
  APP_ORIGIN,
  APP_SCHEME,
  appProtocolHandler,
  denyAllPermissions,
  guardWebContents,
  isAppUrl,
} from './security.ts'
import { CustomerDisplay, createCashierWindow, type Page, type WindowSetup } from './windows.ts'

const lockedDown = isLockedDown(app.isPackaged, __POS_DIST_BUILD__)
// Whatever main or Chromium writes (logs, caches, files a library creates) is the shop's alone.
if (process.platform !== 'win32') process.umask(0o077)
// Packaged, the fonts live beside app.asar (native code cannot read inside it): electron-builder.json extraResources.
if (app.isPackaged) process.env.POS_RESOURCES ??= process.resourcesPath
const devServerUrl = lockedDown ? undefined : process.env.ELECTRON_RENDERER_URL

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
    // The whole origin and path, not the path alone: a page of another origin in that window is not the app.
    const page = new URL(frame.url)
    const expected = new URL(urlOf(role))
    return page.origin === expected.origin && page.pathname === expected.pathname ? role : undefined
  }
  return undefined
}

/**
 * Opens the engine. A damaged journal is never opened for writing: the person at the till is
 * offered the recovery path (the damaged file is kept aside, the newest sound backup restored).
 */
async function openEngine(emit: PosConfig['emit']): Promise<Pos | null> {
  const dataDirectory = app.getPath('userData')
  const config = {
    dataDirectory,
    appName: app.getName(),
    appVersion: app.getVersion(),
    emit,
    secrets: createSafeSecretStore(dataDirectory),
    // A restore the manager asked for is carried out as the app starts again.
    restart: () => {
      app.relaunch()
      app.quit()
    },
  }
  try {
    return await createPos(config)
  } catch (error) {
    const message = (error as Error).message
    if ((error as { code?: string }).code !== 'database_corrupt') {
      dialog.showErrorBox('KHQR POS cannot start', message)
      return null
    }
    const choice = dialog.showMessageBoxSync({
      type: 'error',
      title: 'KHQR POS: the sales database is damaged',
      message: `${message}\n\nRestore the newest sound backup? The damaged file is kept next to it for support.`,
      buttons: ['Restore latest backup', 'Quit'],
      defaultId: 1,
      cancelId: 1,
    })
    if (choice !== 0) return null
    try {
      restoreLatestBackup(join(dataDirectory, DATABASE_FILE), join(dataDirectory, BACKUP_DIRECTORY), Date.now())
      return await createPos(config)
    } catch (restoreError) {
      dialog.showErrorBox('KHQR POS cannot start', (restoreError as Error).message)
      return null
    }
  }
}

/** Tells the engine when the network comes and goes, so sync and payment checks resume at once. */
function watchNetwork(pos: Pos): void {
  let online = net.isOnline()
  pos.networkChanged(online)
  const timer = setInterval(() => {
    const now = net.isOnline()
    if (now !== online) pos.networkChanged(now)
    online = now
  }, 5_000)
  timer.unref()
}

async function start(): Promise<void> {
  // Events can arrive before the windows exist; until then there is no one to tell.
  let forward: <E extends PosEventName>(name: E, payload: PosEvents[E]) => void = () => {}
  const pos = await openEngine((name, payload) => forward(name, payload))
  if (!pos) {
    app.exit(1)
    return
  }
  // At quit the unsent events get a few seconds to leave; nothing is lost if they cannot (they wait in the outbox).
  let shutDown = false
  app.on('before-quit', (event) => {
    if (shutDown) return
    event.preventDefault()
    shutDown = true
    void pos.shutdown(3_000).finally(() => app.quit())
  })
  watchNetwork(pos)

  denyAllPermissions(session.defaultSession)
  protocol.handle(APP_SCHEME, appProtocolHandler(join(import.meta.dirname, '../renderer')))

  const setup: WindowSetup = {
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    urlOf,
    kiosk: lockedDown,
    devTools: !lockedDown,
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
  const customer = new CustomerDisplay(
    setup,
    screen,
    () => pos.ledger.settings.get().customerDisplayId,
    (status) => send('customerDisplay.changed', status),
  )
  forward = send
  const windows = { cashier, customer }

  const api: PosApi = {
    ...pos.api,
    getCustomerDisplayStatus: async () => customer.status,
    updateSettings: async (...args) => {
      const saved = await pos.api.updateSettings(...args)
      customer.refresh()
      return saved
    },
  }
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
  // Date fields read day/month/year, as the shop's papers and screens write dates.
  app.commandLine.appendSwitch('lang', 'en-GB')
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
