/**
 * A pair of linked pseudo-terminals made by socat (Debian package `socat`), standing in for a serial
 * cable: the code under test opens `hostPath` as if it were /dev/ttyUSB0, a virtual printer opens
 * `printerPath`. A PTY does not enforce any baud rate and has no modem-control lines (no RTS/CTS,
 * DTR/DSR, breaks, framing or parity errors); see escpos-printing.md §3.1-3.2.
 *
 *   const pair = await startSocatPair()
 *   ...
 *   await pair.kill()     // cable pulled: socat dies, both links vanish
 *   await pair.restart(() => printer.reopen())  // cable back: a new pair on the same link paths
 *   await pair.close()
 *
 * The host link appears last, once the printer end is up (and after `beforeHostAppears` ran), so
 * a transport polling for the port cannot write before the printer listens: serialport flushes a
 * tty's input when it opens it, so bytes sent earlier would be lost.
 */
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface SocatPair {
  /** Directory holding the two links. */
  readonly dir: string
  /** The host end (what the transport opens). */
  readonly hostPath: string
  /** The printer end (what the virtual printer opens). */
  readonly printerPath: string
  /** PID of the socat currently running, or null after kill/close. */
  readonly pid: number | null
  /** Cable pulled: SIGKILL socat (both PTYs hang up) and remove the links, as udev removes /dev/ttyUSB0. */
  kill(): Promise<void>
  /**
   * Cable back: start a new socat on the same link paths (killing the running one first, if any).
   * `beforeHostAppears` runs once the printer end exists and before the host end does, for example
   * `() => printer.reopen()`.
   */
  restart(beforeHostAppears?: () => Promise<void>): Promise<void>
  /** Stop socat and remove the directory if this helper created it. */
  close(): Promise<void>
}

export interface SocatPairOptions {
  /** Where to put the links (`host`, `printer`). Default: a new temp directory, removed by close(). */
  dir?: string
  /** How long to wait for socat to be ready. Default 5000 ms. */
  timeoutMs?: number
}

/** Every socat this process started and has not stopped yet; killed if the test process exits. */
const running = new Set<ChildProcess>()
let exitHookInstalled = false
function trackForExit(child: ChildProcess): void {
  running.add(child)
  child.once('exit', () => running.delete(child))
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const orphan of running) orphan.kill('SIGKILL')
  })
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

async function spawnSocat(
  hostPath: string,
  printerPath: string,
  timeoutMs: number,
  beforeHostAppears?: () => Promise<void>,
): Promise<ChildProcess> {
  // Stale links (from a killed socat) would make socat fail to create its own.
  const stagingPath = `${hostPath}.starting`
  for (const path of [hostPath, stagingPath, printerPath]) rmSync(path, { force: true })
  const child = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${stagingPath}`, `pty,raw,echo=0,link=${printerPath}`],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  let log = ''
  let spawnError: Error | null = null
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (text: string) => {
    log += text
  })
  child.once('error', (error) => {
    spawnError = error
  })
  trackForExit(child)
  const giveUpAt = Date.now() + timeoutMs
  // Ready once both links resolve to live PTYs and socat has entered its transfer loop.
  while (!(existsSync(stagingPath) && existsSync(printerPath) && log.includes('starting data transfer loop'))) {
    if (spawnError) {
      const error: Error = spawnError
      throw new Error(`cannot run socat (install the Debian package "socat"): ${error.message}`, { cause: error })
    }
    if (child.exitCode !== null) throw new Error(`socat exited with ${child.exitCode}: ${log}`)
    if (Date.now() > giveUpAt) {
      child.kill('SIGKILL')
      throw new Error(`socat not ready after ${timeoutMs} ms: ${log}`)
    }
    await sleep(10)
  }
  try {
    await beforeHostAppears?.()
  } catch (error) {
    child.kill('SIGKILL')
    throw error
  }
  renameSync(stagingPath, hostPath)
  return child
}

export async function startSocatPair(options: SocatPairOptions = {}): Promise<SocatPair> {
  const ownDir = options.dir === undefined
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'pos-socat-'))
  const timeoutMs = options.timeoutMs ?? 5000
  const hostPath = join(dir, 'host')
  const printerPath = join(dir, 'printer')
  let child: ChildProcess | null = await spawnSocat(hostPath, printerPath, timeoutMs)

  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    const current = child
    child = null
    if (!current) return
    current.kill(signal)
    if (!(await waitForExit(current, 2000))) {
      current.kill('SIGKILL')
      await waitForExit(current, 2000)
    }
  }

  return {
    dir,
    hostPath,
    printerPath,
    get pid() {
      return child?.pid ?? null
    },
    async kill() {
      await stop('SIGKILL')
      // SIGKILL leaves the links dangling; a pulled USB adapter's device node disappears.
      for (const path of [hostPath, `${hostPath}.starting`, printerPath]) rmSync(path, { force: true })
    },
    async restart(beforeHostAppears) {
      await stop('SIGKILL')
      child = await spawnSocat(hostPath, printerPath, timeoutMs, beforeHostAppears)
    },
    async close() {
      await stop('SIGTERM')
      for (const path of [hostPath, `${hostPath}.starting`, printerPath]) rmSync(path, { force: true })
      if (ownDir) rmSync(dir, { recursive: true, force: true })
    },
  }
}
