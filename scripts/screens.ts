/**
 * `npm run screens`: builds the app, then runs the e2e files that take the screenshots, with
 * POS_SCREENS=1 so they write their PNGs to artifacts/screens/ (`npm test` only checks the layout).
 * A script rather than `POS_SCREENS=1 vitest …` in package.json, so it runs on Windows too.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const SCREEN_TESTS = [
  'screens',
  'counter-sizes',
  'authority-screens',
  'first-run',
  'products',
  'staff',
  'management-screens',
  'reports',
].map((name) => `tests/e2e/${name}.e2e.test.ts`)

function run(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', script), ...args], {
    cwd: root,
    stdio: 'inherit',
    env,
  })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

run('electron-vite/bin/electron-vite.js', ['build'])
run('vitest/vitest.mjs', ['run', '--project', 'e2e', ...SCREEN_TESTS], { ...process.env, POS_SCREENS: '1' })
