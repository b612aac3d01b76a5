/**
 * The two command sets 2×20 customer pole displays speak, as bytes for a whole screen.
 *
 * - CD5220 (most unbranded VFDs, and many in "CD5220 mode"): `ESC @` initialise, `ESC Q A <20> CR`
 *   writes the upper line, `ESC Q B <20> CR` the lower one. The line commands overwrite in place, so
 *   a new screen never flickers through a clear.
 * - Epson DM-D (ESC/POS customer displays): `ESC @` initialise, `US 1` overwrite mode, `US $ x y`
 *   moves the cursor to column x, row y (1-based); 20 characters are written on each row.
 */
import { POLE_COLUMNS, type PoleLines } from './text.ts'

export type PoleCommandSet = 'cd5220' | 'epson'

const ESC = 0x1b
const US = 0x1f
const CR = 0x0d

const ascii = (text: string) => Buffer.from(text.padEnd(POLE_COLUMNS).slice(0, POLE_COLUMNS), 'latin1')

/** Sent once after the port opens (and again after it was lost): the display's power-on state. */
export function poleInit(commandSet: PoleCommandSet): Buffer {
  return commandSet === 'cd5220' ? Buffer.from([ESC, 0x40]) : Buffer.from([ESC, 0x40, US, 0x01])
}

export function poleScreen(commandSet: PoleCommandSet, [upper, lower]: PoleLines): Buffer {
  if (commandSet === 'cd5220') {
    return Buffer.concat([
      Buffer.from([ESC, 0x51, 0x41]),
      ascii(upper),
      Buffer.from([CR, ESC, 0x51, 0x42]),
      ascii(lower),
      Buffer.from([CR]),
    ])
  }
  return Buffer.concat([Buffer.from([US, 0x24, 1, 1]), ascii(upper), Buffer.from([US, 0x24, 1, 2]), ascii(lower)])
}
