/**
 * The contract between the screens and the POS engine. The engine (and main) implement PosApi; the
 * preload exposes PosBridge as `window.pos`: the same methods, each answering with a PosResult, plus
 * event subscriptions. Errors cross the bridge as data because Electron's contextBridge drops every
 * property of a thrown Error but its message, and the screens need the code to tell the cashier, in
 * their language, what went wrong.
 */
import { type Check, noArguments } from './schema.ts'

export interface AppInfo {
  name: string
  version: string
  /** Where the sales journal lives (SQLite). */
  databasePath: string
  sqliteVersion: string
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** Where the customer-facing window is, so the cashier is never left guessing. */
export interface CustomerDisplayStatus {
  /** `second-screen`: fullscreen on its own monitor. `cashier-screen`: no second monitor, so a window on the cashier's. */
  placement: 'second-screen' | 'cashier-screen'
  displayId: number
  bounds: Rect
  displayCount: number
}

/** What the customer window shows. It only ever receives this sanitised view. */
export type CustomerView = { state: 'idle'; shopName: string }

export interface PosApi {
  getAppInfo(): Promise<AppInfo>
  getCustomerDisplayStatus(): Promise<CustomerDisplayStatus>
  getCustomerView(): Promise<CustomerView>
}

/** Events main sends to the windows, by name. */
export interface PosEvents {
  'customerDisplay.changed': CustomerDisplayStatus
  'customerView.changed': CustomerView
}
export type PosEventName = keyof PosEvents

export type WindowRole = 'cashier' | 'customer'

export interface PosFailure {
  /** Stable code the screens translate, for example `forbidden` or `input_invalid`. */
  code: string
  /** English detail for logs and support. */
  message: string
  field?: string
}
export type PosResult<T> = { ok: true; value: T } | { ok: false; error: PosFailure }

export type PosMethod = keyof PosApi

export type PosBridge = {
  [M in PosMethod]: (...args: Parameters<PosApi[M]>) => Promise<PosResult<Awaited<ReturnType<PosApi[M]>>>>
} & {
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends PosEventName>(event: E, listener: (payload: PosEvents[E]) => void): () => void
}

interface MethodSpec<M extends PosMethod> {
  /** Which windows may call it. The customer display never gets a method that changes anything. */
  callers: readonly WindowRole[]
  /** Validates the arguments as they arrive over IPC. */
  args: Check<Parameters<PosApi[M]>>
}

export const METHODS: { readonly [M in PosMethod]: MethodSpec<M> } = {
  getAppInfo: { callers: ['cashier'], args: noArguments },
  getCustomerDisplayStatus: { callers: ['cashier'], args: noArguments },
  getCustomerView: { callers: ['cashier', 'customer'], args: noArguments },
}

export const METHOD_NAMES = Object.keys(METHODS) as PosMethod[]

/** Which window each event goes to. */
export const EVENTS: { readonly [E in PosEventName]: readonly WindowRole[] } = {
  'customerDisplay.changed': ['cashier'],
  'customerView.changed': ['cashier', 'customer'],
}

export const EVENT_NAMES = Object.keys(EVENTS) as PosEventName[]

/** The IPC channel of a method: `pos:<method>`. Events all travel on EVENT_CHANNEL. */
export function channelOf(method: PosMethod): string {
  return `pos:${method}`
}
export const EVENT_CHANNEL = 'pos:event'
