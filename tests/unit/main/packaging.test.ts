/**
 * The packaging cannot run here (no Electron binary can be fetched), so what it would do is
 * checked from its configuration: the fuses that close RunAsNode, NODE_OPTIONS and --inspect, asar
 * integrity, the installers, and a dist build that is locked down whatever starts it.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { isLockedDown } from '../../../electron/main/build-mode.ts'

const root = resolve(import.meta.dirname, '../../..')
const builder = JSON.parse(readFileSync(resolve(root, 'electron-builder.json'), 'utf8'))
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'))

describe('packaging', () => {
  test('the fuses of docs/security.md §6 are flipped at packaging', () => {
    expect(builder.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    })
    expect(builder.asar).toBe(true)
  })

  test('installers for the counters: deb and AppImage on Linux, NSIS on Windows', () => {
    expect(builder.linux.target).toEqual(['deb', 'AppImage'])
    expect(builder.win.target).toEqual(['nsis'])
  })

  test('only the built app goes in, never sources, tests or source maps; the fonts beside the asar', () => {
    expect(builder.files).toEqual(['out/**', 'package.json', '!**/*.map'])
    expect(builder.extraResources).toEqual([{ from: 'resources/fonts', to: 'fonts' }])
  })

  test('npm run dist makes a locked-down build with a pinned electron-builder; npm start stays the development run', () => {
    expect(pkg.scripts.dist).toMatch(/^electron-vite build --mode dist && npx --yes electron-builder@\d+\.\d+\.\d+ /)
    expect(pkg.scripts.start).toBe('electron-vite preview')
    expect(isLockedDown(true, false)).toBe(true)
    expect(isLockedDown(false, true)).toBe(true)
    expect(isLockedDown(false, false)).toBe(false)
  })

  test('the development build has the lock-down flag compiled to false, a dist build to true', () => {
    const config = readFileSync(resolve(root, 'electron.vite.config.ts'), 'utf8')
    expect(config).toContain("__POS_DIST_BUILD__: JSON.stringify(mode === 'dist')")
    const built = readFileSync(resolve(root, 'out/main/index.js'), 'utf8')
    expect(built).not.toContain('__POS_DIST_BUILD__')
  })
})
