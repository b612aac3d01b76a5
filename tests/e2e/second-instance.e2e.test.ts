/** A second copy of the app, started while one runs, quits at once and opens nothing. */
import { expect, test } from 'vitest'
import { display, stub } from './electron-stub.ts'
import { openWindows, startMainBundle } from './harness.ts'

test('without the single-instance lock the app quits before opening a window or the database', async () => {
  await startMainBundle({ displays: [display(1, 0, 1920, 1080)], singleInstanceLock: false })
  expect(stub.quitCalls).toBe(1)
  expect(openWindows()).toEqual([])
  expect(stub.ipcHandlers.size).toBe(0)
})
