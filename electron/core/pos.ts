import { join } from 'node:path'
import type { PosApi } from '../../shared/api.ts'
import { openDatabase } from './ledger/database.ts'

export interface PosConfig {
  /** Directory that holds the terminal's data (Electron's userData). */
  dataDirectory: string
  appName: string
  appVersion: string
}

/** The part of PosApi the engine answers; main adds what only it knows (windows, displays). */
export type CoreApi = Pick<PosApi, 'getAppInfo' | 'getCustomerView'>

export interface Pos {
  api: CoreApi
  close(): void
}

export const DATABASE_FILE = 'pos.sqlite3'

/** The POS engine. Plain Node: no Electron, so everything here runs under test as it runs in the app. */
export function createPos(config: PosConfig): Pos {
  const databasePath = join(config.dataDirectory, DATABASE_FILE)
  const database = openDatabase(databasePath)
  const sqliteVersion = (database.prepare('select sqlite_version() as version').get() as { version: string }).version
  return {
    api: {
      getAppInfo: async () => ({ name: config.appName, version: config.appVersion, databasePath, sqliteVersion }),
      getCustomerView: async () => ({ state: 'idle', shopName: config.appName }),
    },
    close: () => database.close(),
  }
}
