/**
 * A stand-in for the `electron` module, so the real built main bundle (out/main/index.js) runs in
 * Node under test. Only Electron's primitives are faked (app, BrowserWindow, webContents, ipcMain,
 * screen, session, protocol, powerSaveBlocker, dialog); every decision the app makes with them is
 * its own code. The e2e project aliases `electron` to this file (vitest.config.ts).
 */
import { EventEmitter } from 'node:events'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

type Listener = (...args: unknown[]) => unknown
type Rect = { x: number; y: number; width: number; height: number }
export interface FakeDisplay {
  id: number
  bounds: Rect
  workArea: Rect
}

const packageJson = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
  version: string
  productName: string
}

/** What a test sets before it imports the main bundle, and reads afterwards. */
export const stub = {
  userData: mkdtempSync(join(tmpdir(), 'pos-e2e-userdata-')),
  isPackaged: false,
  singleInstanceLock: true,
  displays: [] as FakeDisplay[],
  primaryDisplayId: 1,
  quitCalls: 0,
  switches: new Map<string, string>(),
  relaunchCalls: 0,
  exitCodes: [] as number[],
  sandboxEnabled: false,
  errorBoxes: [] as Array<{ title: string; content: string }>,
  powerSaveBlockers: [] as string[],
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  ipcHandlers: new Map<string, Listener>(),
  permissionRequestHandler: undefined as Listener | undefined,
  permissionCheckHandler: undefined as Listener | undefined,
  online: true,
  encryptionAvailable: true,
  /** What safeStorage reports on Linux: `basic_text` when no keyring is running. */
  storageBackend: 'gnome_libsecret' as string,
  beforeQuitPrevented: 0,
}

export function display(id: number, x: number, width: number, height: number): FakeDisplay {
  return { id, bounds: { x, y: 0, width, height }, workArea: { x, y: 0, width, height: height - 40 } }
}

let nextContentsId = 1

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++
  readonly mainFrame: { url: string; parent: null } = { url: '', parent: null }
  readonly sent: Array<{ channel: string; args: unknown[] }> = []
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined
  reloads = 0
  /** Set by the harness: delivers main's messages to the page in Chromium. */
  deliver: ((channel: string, args: unknown[]) => void) | undefined
  /** Set by the harness: reloads the page in Chromium, as Electron would reload the renderer. */
  reloadPage: (() => void) | undefined

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args })
    this.deliver?.(channel, args)
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }
  reload(): void {
    this.reloads++
    this.reloadPage?.()
  }
}

export const appEvents = new EventEmitter()
export const windows: FakeBrowserWindow[] = []

export class FakeBrowserWindow extends EventEmitter {
  private readonly contents = new FakeWebContents()
  readonly options: Record<string, unknown>
  loadedUrl: string | undefined
  bounds: Rect
  fullScreen: boolean
  destroyed = false
  shown = false

  constructor(options: Record<string, unknown>) {
    super()
    this.options = options
    this.bounds = {
      x: Number(options.x ?? 0),
      y: Number(options.y ?? 0),
      width: Number(options.width ?? 800),
      height: Number(options.height ?? 600),
    }
    this.fullScreen = options.fullscreen === true
    windows.push(this)
    appEvents.emit('web-contents-created', {}, this.contents)
  }
  /** As in Electron, a destroyed window has no webContents to give. */
  get webContents(): FakeWebContents {
    if (this.destroyed) throw new TypeError('Object has been destroyed')
    return this.contents
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return windows.filter((window) => !window.destroyed)
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    this.contents.mainFrame.url = url
    queueMicrotask(() => this.emit('ready-to-show'))
    return Promise.resolve()
  }
  show(): void {
    this.shown = true
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  destroy(): void {
    this.destroyed = true
    this.emit('closed')
  }
  isFullScreen(): boolean {
    return this.fullScreen
  }
  setFullScreen(value: boolean): void {
    this.fullScreen = value
  }
  setBounds(bounds: Rect): void {
    this.bounds = { ...bounds }
  }
  getBounds(): Rect {
    return { ...this.bounds }
  }
  isMinimized(): boolean {
    return false
  }
  restore(): void {}
  focus(): void {}
}

export const app = {
  get isPackaged() {
    return stub.isPackaged
  },
  whenReady: () => Promise.resolve(),
  getPath: (_name: string) => stub.userData,
  getName: () => packageJson.productName,
  getVersion: () => packageJson.version,
  requestSingleInstanceLock: () => stub.singleInstanceLock,
  enableSandbox: () => {
    stub.sandboxEnabled = true
  },
  commandLine: {
    appendSwitch: (name: string, value?: string) => {
      stub.switches.set(name, value ?? '')
    },
  },
  on: (event: string, listener: Listener) => {
    appEvents.on(event, listener)
    return app
  },
  quit: () => {
    stub.quitCalls++
  },
  relaunch: () => {
    stub.relaunchCalls++
  },
  exit: (code = 0) => {
    stub.exitCodes.push(code)
  },
}

export const ipcMain = {
  handle: (channel: string, listener: Listener) => {
    if (stub.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    stub.ipcHandlers.set(channel, listener)
  },
}

class FakeScreen extends EventEmitter {
  getAllDisplays(): FakeDisplay[] {
    return stub.displays.map((item) => ({ ...item }))
  }
  getPrimaryDisplay(): FakeDisplay {
    const primary = stub.displays.find((item) => item.id === stub.primaryDisplayId)
    if (!primary) throw new Error('no primary display')
    return { ...primary }
  }
}
export const screen = new FakeScreen()

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler: Listener) => {
      stub.permissionRequestHandler = handler
    },
    setPermissionCheckHandler: (handler: Listener) => {
      stub.permissionCheckHandler = handler
    },
  },
}

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => {
    stub.privilegedSchemes.push(...schemes)
  },
  handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
    stub.protocolHandlers.set(scheme, handler)
  },
}

export const powerSaveBlocker = {
  start: (type: string) => {
    stub.powerSaveBlockers.push(type)
    return stub.powerSaveBlockers.length
  },
}

export const dialog = {
  showErrorBox: (title: string, content: string) => {
    stub.errorBoxes.push({ title, content })
  },
}

export const net = {
  isOnline: () => stub.online,
}

/** Stands in for the OS key store with a reversible transform, so tests can see nothing is kept in clear. */
export const safeStorage = {
  isEncryptionAvailable: () => stub.encryptionAvailable,
  getSelectedStorageBackend: () => stub.storageBackend,
  encryptString: (plain: string) => Buffer.from(`sealed:${Buffer.from(plain, 'utf8').toString('base64')}`, 'utf8'),
  decryptString: (sealed: Buffer) => {
    const text = sealed.toString('utf8')
    if (!text.startsWith('sealed:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    return Buffer.from(text.slice('sealed:'.length), 'base64').toString('utf8')
  },
}

export const BrowserWindow = FakeBrowserWindow
export default { app, BrowserWindow, dialog, ipcMain, net, powerSaveBlocker, protocol, safeStorage, screen, session }
