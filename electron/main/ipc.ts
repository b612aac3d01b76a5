import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import {
  channelOf,
  METHOD_NAMES,
  METHODS,
  type PosApi,
  type PosFailure,
  type PosMethod,
  type PosResult,
  type WindowRole,
} from '../../shared/api.ts'

/** Who sent an IPC message: the role of the window whose own page sent it, or undefined. */
export type SenderRole = (event: IpcMainInvokeEvent) => WindowRole | undefined

function failure(code: string, message: string, field?: string): PosResult<never> {
  const error: PosFailure = field === undefined ? { code, message } : { code, message, field }
  return { ok: false, error }
}

/** Engine errors carry a stable code; anything else is a bug, logged in full and reported plainly. */
function asFailure(method: PosMethod, error: unknown): PosResult<never> {
  const coded = error as { code?: unknown; message?: unknown; field?: unknown }
  if (error instanceof Error && typeof coded.code === 'string') {
    return failure(coded.code, String(coded.message), typeof coded.field === 'string' ? coded.field : undefined)
  }
  console.error(`pos.${method} failed`, error)
  return failure('internal_error', `pos.${method} failed unexpectedly; the details are in the log.`)
}

/**
 * One handler per PosApi method, on channel `pos:<method>`. Each checks that the sender is one of
 * the app's windows allowed to call the method, validates the arguments, and answers with a
 * PosResult: never a thrown error, which would lose its code on the way to the screen.
 */
export function registerPosHandlers(ipcMain: IpcMain, api: PosApi, roleOf: SenderRole): void {
  for (const method of METHOD_NAMES) {
    const spec = METHODS[method]
    ipcMain.handle(channelOf(method), async (event, ...args: unknown[]): Promise<PosResult<unknown>> => {
      const role = roleOf(event)
      if (role === undefined || !spec.callers.includes(role)) {
        return failure('forbidden', `The ${role ?? 'unknown'} window may not call ${method}.`)
      }
      let checked: unknown[]
      try {
        checked = spec.args(args)
      } catch (error) {
        return asFailure(method, error)
      }
      try {
        const call = api[method] as (...values: unknown[]) => Promise<unknown>
        return { ok: true, value: await call.apply(api, checked) }
      } catch (error) {
        return asFailure(method, error)
      }
    })
  }
}
