import type { PosBridge } from '../../shared/api.ts'

declare global {
  interface Window {
    /** The POS engine, through the preload's bridge. */
    pos: PosBridge
  }
}
