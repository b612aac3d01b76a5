/**
 * The sandboxed preload: exposes `window.pos`, exactly the PosApi methods of shared/api.ts (each
 * an ipcRenderer.invoke on its own channel) and `on` for the events main sends. Nothing else of
 * ipcRenderer or Node crosses the bridge.
 */
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron'
import {
  channelOf,
  EVENT_CHANNEL,
  EVENT_NAMES,
  METHOD_NAMES,
  type PosBridge,
  type PosEventName,
} from '../../shared/api.ts'

const methods = Object.fromEntries(
  METHOD_NAMES.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(channelOf(method), ...args)]),
)

function on(event: PosEventName, listener: (payload: never) => void): () => void {
  if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown POS event "${String(event)}".`)
  if (typeof listener !== 'function') throw new Error('A POS event listener must be a function.')
  const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
    if (name === event) listener(payload as never)
  }
  ipcRenderer.on(EVENT_CHANNEL, forward)
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, forward)
  }
}

// The methods are built from METHOD_NAMES, so TypeScript cannot see that they match PosBridge.
const bridge = { ...methods, on } as unknown as PosBridge
contextBridge.exposeInMainWorld('pos', bridge)
