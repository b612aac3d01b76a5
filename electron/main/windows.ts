import { BrowserWindow, type Display, type Screen } from 'electron'
import type { CustomerDisplayStatus, Rect } from '../../shared/api.ts'
import { type CustomerPlacement, type DisplayInfo, placeCustomerDisplay } from './placement.ts'
import { secureWebPreferences } from './security.ts'

export type Page = 'cashier' | 'customer'

export interface WindowSetup {
  preload: string
  urlOf(page: Page): string
  /** Kiosk mode for the cashier window (packaged builds). */
  kiosk: boolean
  devTools: boolean
}

/** A renderer that crashes or is killed is reloaded; the open sale lives in main, not in the page. */
function reloadWhenRendererDies(window: BrowserWindow, page: Page): void {
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return
    console.error(`The ${page} screen stopped (${details.reason}); reloading it.`)
    window.webContents.reload()
  })
}

function openPage(window: BrowserWindow, setup: WindowSetup, page: Page): void {
  reloadWhenRendererDies(window, page)
  window.once('ready-to-show', () => window.show())
  window.loadURL(setup.urlOf(page)).catch((error: unknown) => console.error(`Could not load the ${page} screen`, error))
}

export function createCashierWindow(setup: WindowSetup, workArea: Rect): BrowserWindow {
  const window = new BrowserWindow({
    ...workArea,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    kiosk: setup.kiosk,
    title: 'KHQR POS',
    backgroundColor: '#f4f5f7',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(setup.preload, setup.devTools),
  })
  openPage(window, setup, 'cashier')
  return window
}

function toDisplayInfo(display: Display): DisplayInfo {
  return { id: display.id, label: display.label, bounds: display.bounds, workArea: display.workArea }
}

/**
 * The customer-facing window: fullscreen on a monitor of its own, following monitors as they are
 * plugged in and out. With one monitor it becomes an ordinary window on the cashier's screen and
 * reports that; a frame cannot be added to or removed from a live window, so switching between the
 * two recreates it (the page holds no state of its own).
 */
export class CustomerDisplay {
  private readonly setup: WindowSetup
  private readonly screen: Screen
  private readonly onChange: (status: CustomerDisplayStatus) => void
  private readonly chosenDisplayId: () => number | null
  private placement: CustomerPlacement
  private current: BrowserWindow

  constructor(
    setup: WindowSetup,
    screen: Screen,
    chosenDisplayId: () => number | null,
    onChange: (status: CustomerDisplayStatus) => void,
  ) {
    this.setup = setup
    this.screen = screen
    this.chosenDisplayId = chosenDisplayId
    this.onChange = onChange
    this.placement = this.place()
    this.current = this.create(this.placement)
    const refresh = (): void => this.refresh()
    screen.on('display-added', refresh)
    screen.on('display-removed', refresh)
    screen.on('display-metrics-changed', refresh)
  }

  get window(): BrowserWindow {
    return this.current
  }

  get status(): CustomerDisplayStatus {
    return this.placement.status
  }

  private place(): CustomerPlacement {
    return placeCustomerDisplay(
      this.screen.getAllDisplays().map(toDisplayInfo),
      this.screen.getPrimaryDisplay().id,
      this.chosenDisplayId(),
    )
  }

  private create(placement: CustomerPlacement): BrowserWindow {
    const window = new BrowserWindow({
      ...placement.status.bounds,
      fullscreen: placement.fullscreen,
      frame: !placement.fullscreen,
      show: false,
      title: placement.fullscreen ? 'Customer display' : 'Customer display (no second screen found)',
      backgroundColor: '#ffffff',
      autoHideMenuBar: true,
      // The payment chime plays with no one touching this screen.
      webPreferences: {
        ...secureWebPreferences(this.setup.preload, this.setup.devTools),
        autoplayPolicy: 'no-user-gesture-required',
      },
    })
    openPage(window, this.setup, 'customer')
    return window
  }

  /** Places the window again: monitors changed, or a manager chose another one. */
  refresh(): void {
    const next = this.place()
    if (next.fullscreen !== this.placement.fullscreen || this.current.isDestroyed()) {
      const previous = this.current
      this.current = this.create(next)
      if (!previous.isDestroyed()) previous.destroy()
    } else {
      if (this.current.isFullScreen()) this.current.setFullScreen(false)
      this.current.setBounds(next.status.bounds)
      if (next.fullscreen) this.current.setFullScreen(true)
    }
    this.placement = next
    this.onChange(next.status)
  }
}
