import type { CustomerDisplayStatus, PosBridge, PosEventName } from '../../shared/api.ts'
import { METHOD_NAMES } from '../../shared/api.ts'
import { openTestPos, type TestPos } from '../support/pos.ts'

export const ONE_SCREEN_MORE: CustomerDisplayStatus = {
  placement: 'second-screen',
  displayId: 2,
  bounds: { x: 1920, y: 0, width: 1280, height: 800 },
  displayCount: 2,
  displays: [
    { id: 1, label: 'Built-in', width: 1920, height: 1080, primary: true },
    { id: 2, label: 'HDMI-1', width: 1280, height: 800, primary: false },
  ],
  chosenId: null,
  chosenMissing: false,
}

/**
 * window.pos backed by the real engine on a real SQLite file, answering as the preload does (a
 * PosResult, errors as data) and forwarding the engine's events as main does. Only the monitor
 * placement, which main owns, is given by the test.
 */
export async function realBridge(
  display: CustomerDisplayStatus = ONE_SCREEN_MORE,
  options: Pick<NonNullable<Parameters<typeof openTestPos>[0]>, 'printerDiscovery'> = {},
): Promise<TestPos & { bridge: PosBridge }> {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const test = await openTestPos({
    ...options,
    signIn: 'manager',
    onEvent: (name, payload) => {
      for (const listener of listeners.get(name) ?? []) listener(payload)
    },
  })
  const api = test.api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
  const bridge: Record<string, unknown> = {
    getCustomerDisplayStatus: async () => ({ ok: true, value: display }),
    on: (event: PosEventName, listener: (payload: unknown) => void) => {
      const known = listeners.get(event) ?? new Set()
      known.add(listener)
      listeners.set(event, known)
      return () => known.delete(listener)
    },
  }
  for (const method of METHOD_NAMES) {
    if (method === 'getCustomerDisplayStatus') continue
    bridge[method] = async (...args: unknown[]) => {
      try {
        return { ok: true, value: await api[method]?.(...args) }
      } catch (error) {
        const failure = error as { code?: string; message: string }
        return { ok: false, error: { code: failure.code ?? 'internal', message: failure.message } }
      }
    }
  }
  return { ...test, bridge: bridge as unknown as PosBridge }
}
