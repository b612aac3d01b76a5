import { execFileSync } from 'node:child_process'
import { type Browser, chromium } from 'playwright-core'

/** Debian's Chromium (apt install chromium): Playwright's own browser download cannot work offline. */
export const CHROMIUM =
  process.env.CHROMIUM_PATH ?? execFileSync('sh', ['-c', 'command -v chromium || true'], { encoding: 'utf8' }).trim()

/** Without the networking flags Chromium keeps calling out to a network this machine does not have. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--font-render-hinting=none',
  // As main starts Electron: date fields in day/month/year.
  '--lang=en-GB',
]

export function launchChromium(options: { headless?: boolean } = {}): Promise<Browser> {
  if (!CHROMIUM) throw new Error('Chromium not found: apt-get install chromium, or set CHROMIUM_PATH.')
  return chromium.launch({ executablePath: CHROMIUM, headless: options.headless ?? true, args: CHROMIUM_ARGS })
}
