/**
 * A virtual 2×20 customer pole display (VFD) on the device end of a socat PTY pair
 * (tests/support/socat.ts). It interprets what it receives the way the hardware does, in either
 * command set, and keeps the two lines it would light:
 *
 * - CD5220: `ESC @` initialise (blank), `FF` clear, `ESC Q A <text> CR` upper line,
 *   `ESC Q B <text> CR` lower line (each padded or cut to 20), plain text at the cursor.
 * - Epson DM-D: `ESC @` initialise, `FF` clear, `VT` / `US B` cursor home, `US 1` overwrite mode,
 *   `US $ x y` cursor to column x, row y (1-based), plain text at the cursor, wrapping to the next row.
 *
 * Anything else (an unknown escape, a byte outside printable ASCII, a cursor off the screen) is kept
 * in `problems()`, so a test can require there are none.
 */
import { SerialPort } from 'serialport'

const COLUMNS = 20
const ESC = 0x1b
const US = 0x1f

export type PoleCommandSet = 'cd5220' | 'epson'

export class VirtualPoleDisplay {
  readonly #path: string
  readonly #commandSet: PoleCommandSet
  #port: SerialPort | null = null
  #pending: number[] = []
  #rows: string[][] = [blank(), blank()]
  #cursor = { row: 0, column: 0 }
  #problems: string[] = []
  #screens: string[][] = []

  constructor(options: { path: string; commandSet: PoleCommandSet; baudRate: number }) {
    this.#path = options.path
    this.#commandSet = options.commandSet
    this.baudRate = options.baudRate
  }

  readonly baudRate: number

  async open(): Promise<void> {
    const port = new SerialPort({ path: this.#path, baudRate: this.baudRate, autoOpen: false })
    port.on('error', () => undefined)
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())))
    port.on('data', (chunk: Buffer) => this.#take(chunk))
    this.#port = port
  }

  async close(): Promise<void> {
    const port = this.#port
    this.#port = null
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()))
  }

  /** The two lines as lit now, trailing spaces kept (each exactly 20 characters). */
  lines(): [string, string] {
    return [this.#rows[0]?.join('') ?? '', this.#rows[1]?.join('') ?? '']
  }

  /** Every distinct screen shown so far, in order. */
  screens(): string[][] {
    return this.#screens
  }

  problems(): string[] {
    return this.#problems
  }

  #take(chunk: Buffer): void {
    this.#pending.push(...chunk)
    while (this.#pending.length > 0) {
      const used = this.#commandSet === 'cd5220' ? this.#cd5220() : this.#epson()
      if (used === 0) break // a command not yet complete: wait for the rest
      this.#pending.splice(0, used)
    }
    const shown = this.lines()
    const last = this.#screens.at(-1)
    if (!last || last[0] !== shown[0] || last[1] !== shown[1]) this.#screens.push(shown)
  }

  /** Interprets one command or character at the head of the buffer; returns the bytes it used (0: incomplete). */
  #cd5220(): number {
    const bytes = this.#pending
    const first = bytes[0] as number
    if (first === ESC) {
      if (bytes.length < 2) return 0
      if (bytes[1] === 0x40) return this.#clear(2)
      if (bytes[1] === 0x51) {
        if (bytes.length < 3) return 0
        const row = bytes[2] === 0x41 ? 0 : bytes[2] === 0x42 ? 1 : -1
        const end = bytes.indexOf(0x0d, 3)
        if (end === -1) return 0
        if (row === -1) this.#problems.push(`ESC Q ${bytes[2]}: no such line`)
        else this.#rows[row] = padded(bytes.slice(3, end), this.#problems)
        return end + 1
      }
      this.#problems.push(`ESC ${bytes[1]}: not a CD5220 command`)
      return 2
    }
    if (first === 0x0c) return this.#clear(1)
    if (first === 0x0d) {
      this.#cursor.column = 0
      return 1
    }
    return this.#character(first)
  }

  #epson(): number {
    const bytes = this.#pending
    const first = bytes[0] as number
    if (first === ESC) {
      if (bytes.length < 2) return 0
      if (bytes[1] === 0x40) return this.#clear(2)
      this.#problems.push(`ESC ${bytes[1]}: not handled`)
      return 2
    }
    if (first === US) {
      if (bytes.length < 2) return 0
      if (bytes[1] === 0x01) return 2 // overwrite mode, the power-on default
      if (bytes[1] === 0x42) {
        this.#cursor = { row: 0, column: 0 }
        return 2
      }
      if (bytes[1] === 0x24) {
        if (bytes.length < 4) return 0
        const column = (bytes[2] as number) - 1
        const row = (bytes[3] as number) - 1
        if (column < 0 || column >= COLUMNS || row < 0 || row > 1)
          this.#problems.push(`US $ ${bytes[2]} ${bytes[3]}: off the screen`)
        else this.#cursor = { row, column }
        return 4
      }
      this.#problems.push(`US ${bytes[1]}: not handled`)
      return 2
    }
    if (first === 0x0c) return this.#clear(1)
    if (first === 0x0b) {
      this.#cursor = { row: 0, column: 0 }
      return 1
    }
    return this.#character(first)
  }

  #character(byte: number): number {
    if (byte < 0x20 || byte > 0x7e) {
      this.#problems.push(`byte 0x${byte.toString(16)}: not a character this display has`)
      return 1
    }
    const row = this.#rows[this.#cursor.row] as string[]
    row[this.#cursor.column] = String.fromCharCode(byte)
    this.#cursor.column += 1
    if (this.#cursor.column >= COLUMNS) this.#cursor = { row: (this.#cursor.row + 1) % 2, column: 0 }
    return 1
  }

  #clear(used: number): number {
    this.#rows = [blank(), blank()]
    this.#cursor = { row: 0, column: 0 }
    return used
  }
}

function blank(): string[] {
  return Array.from({ length: COLUMNS }, () => ' ')
}

function padded(bytes: number[], problems: string[]): string[] {
  if (bytes.length > COLUMNS) problems.push(`line of ${bytes.length} characters (the display has ${COLUMNS})`)
  const row = blank()
  bytes.slice(0, COLUMNS).forEach((byte, index) => {
    if (byte < 0x20 || byte > 0x7e) problems.push(`byte 0x${byte.toString(16)}: not a character this display has`)
    row[index] = String.fromCharCode(byte)
  })
  return row
}
