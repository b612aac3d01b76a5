/**
 * Enforces the layering rule of ARCHITECTURE.md on every import in the product code:
 *   shared/            pure TypeScript: nothing from Node, Electron, native modules or the other layers
 *   electron/core/     shared/, Node and native modules; never `electron`, main, preload or renderer
 *   electron/main/     `electron`, core and shared/; never preload or renderer
 *   electron/preload/  `electron` and shared/ only (a sandboxed preload has no Node)
 *   renderer/          React, shared/ and itself; never Node, `electron` or the main-process layers
 * DOM and Node *globals* in shared/ are caught by its own tsconfig (no DOM or Node type libraries).
 * Run: node scripts/check-layers.ts [root]. Exits 1 and lists every violation.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'

type Layer = 'shared' | 'core' | 'main' | 'preload' | 'renderer' | 'backoffice'
type Target = Layer | 'electron' | 'node' | 'native' | 'package' | 'outside'

const LAYER_ROOTS: Array<[string, Layer]> = [
  ['shared', 'shared'],
  ['electron/core', 'core'],
  ['electron/main', 'main'],
  ['electron/preload', 'preload'],
  ['renderer', 'renderer'],
  ['backoffice', 'backoffice'],
]

const NATIVE = new Set(['better-sqlite3', 'serialport', '@serialport/bindings-cpp', '@napi-rs/canvas'])
/** Packages shared/ may use: pure code that runs anywhere. */
const PURE_PACKAGES = new Set(['qrcode/lib/core/qrcode.js'])

const ALLOWED: Record<Layer, readonly Target[]> = {
  shared: ['shared'],
  core: ['core', 'shared', 'node', 'native', 'package'],
  main: ['main', 'core', 'shared', 'electron', 'node', 'native', 'package'],
  preload: ['preload', 'shared', 'electron'],
  renderer: ['renderer', 'shared', 'package'],
  backoffice: ['backoffice', 'shared', 'node', 'native', 'package'],
}

const WHY: Partial<Record<Target, string>> = {
  electron: 'only electron/main and electron/preload may import electron',
  node: 'Node modules are not available in this layer',
  native: 'native modules run only in the main process and the back office',
}

export interface Violation {
  file: string
  line: number
  specifier: string
  reason: string
}

function layerOf(root: string, file: string): Layer | undefined {
  const path = relative(root, file).split(sep).join('/')
  return LAYER_ROOTS.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`))?.[1]
}

function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string)
}

function targetOf(root: string, file: string, specifier: string): Target {
  if (specifier === 'electron' || specifier.startsWith('electron/')) return 'electron'
  if (specifier.startsWith('node:') || builtinModules.includes(packageName(specifier))) return 'node'
  if (specifier.startsWith('.') || specifier.startsWith('/'))
    return layerOf(root, resolve(dirname(file), specifier)) ?? 'outside'
  if (NATIVE.has(packageName(specifier))) return 'native'
  return 'package'
}

const IMPORT =
  /(?:\bimport\s+(?:type\s+)?(?:[\w*{}\s,]+\s+from\s+)?|\bexport\s+(?:type\s+)?[\w*{}\s,]+\s+from\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g

function importsOf(source: string): Array<{ specifier: string; line: number }> {
  const found: Array<{ specifier: string; line: number }> = []
  for (const match of source.matchAll(IMPORT)) {
    found.push({ specifier: match[1] as string, line: source.slice(0, match.index).split('\n').length })
  }
  return found
}

function sourceFiles(directory: string): string[] {
  let entries: string[]
  try {
    entries = readdirSync(directory)
  } catch {
    return []
  }
  return entries.flatMap((entry) => {
    if (entry === 'node_modules') return []
    const path = join(directory, entry)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : []
  })
}

export function checkLayers(root: string): Violation[] {
  const violations: Violation[] = []
  for (const [prefix, layer] of LAYER_ROOTS) {
    for (const file of sourceFiles(join(root, prefix))) {
      for (const { specifier, line } of importsOf(readFileSync(file, 'utf8'))) {
        const target = targetOf(root, file, specifier)
        const allowed = ALLOWED[layer].includes(target) || (layer === 'shared' && PURE_PACKAGES.has(specifier))
        if (!allowed) {
          const reason = WHY[target] ?? `${layer} may not import from ${target === 'package' ? 'npm packages' : target}`
          violations.push({ file: relative(root, file), line, specifier, reason })
        }
      }
    }
  }
  return violations
}

if (import.meta.main) {
  const root = resolve(process.argv[2] ?? join(import.meta.dirname, '..'))
  const violations = checkLayers(root)
  for (const violation of violations) {
    console.error(`${violation.file}:${violation.line}: imports "${violation.specifier}": ${violation.reason}`)
  }
  console.log(
    violations.length === 0
      ? 'Layering: every import respects ARCHITECTURE.md.'
      : `Layering: ${violations.length} violation(s).`,
  )
  process.exit(violations.length === 0 ? 0 : 1)
}
