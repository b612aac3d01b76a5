import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { checkLayers } from '../../../scripts/check-layers.ts'

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pos-layers-'))
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), source)
  }
  return root
}

describe('the layering check', () => {
  test('passes on this repository', () => {
    expect(checkLayers(resolve(import.meta.dirname, '../../..'))).toEqual([])
  })

  test('reports each kind of violation with file, line and reason', () => {
    const root = tree({
      'shared/pure.ts': "export const x = 1\nimport { readFileSync } from 'node:fs'\n",
      'shared/bare-builtin.ts': "import path from 'path'\n",
      'shared/reaches-out.ts': "import { createPos } from '../electron/core/pos.ts'\n",
      'shared/package.ts': "import React from 'react'\n",
      'shared/qr.ts': "import { create } from 'qrcode/lib/core/qrcode.js'\n",
      'electron/core/pos.ts': "import { app } from 'electron'\n",
      'electron/core/ok.ts': "import Database from 'better-sqlite3'\nimport { x } from '../../shared/pure.ts'\n",
      'electron/main/index.ts':
        "import { app } from 'electron'\nimport { createPos } from '../core/pos.ts'\nimport '../../renderer/src/app.tsx'\n",
      'electron/preload/index.ts': "import { contextBridge } from 'electron'\nconst fs = require('fs')\n",
      'renderer/src/app.tsx':
        "import { ipcRenderer } from 'electron'\nexport { x } from '../../shared/pure.ts'\nconst sql = await import('better-sqlite3')\n",
    })
    const found = checkLayers(root).map((violation) => `${violation.file}:${violation.line} ${violation.specifier}`)
    expect(found.sort()).toEqual(
      [
        'electron/core/pos.ts:1 electron',
        'electron/main/index.ts:3 ../../renderer/src/app.tsx',
        'electron/preload/index.ts:2 fs',
        'renderer/src/app.tsx:1 electron',
        'renderer/src/app.tsx:3 better-sqlite3',
        'shared/bare-builtin.ts:1 path',
        'shared/package.ts:1 react',
        'shared/pure.ts:2 node:fs',
        'shared/reaches-out.ts:1 ../electron/core/pos.ts',
      ].sort(),
    )
    const reasons = checkLayers(root)
      .filter((violation) => violation.specifier === 'electron')
      .map((violation) => violation.reason)
    expect(reasons.every((reason) => reason === 'only electron/main and electron/preload may import electron')).toBe(
      true,
    )
  })
})
