/**
 * Every refusal the engine can send reaches the counter as a sentence in Khmer and in English, not
 * as "could not fetch this (sale_has_refunds)". The codes are read from the engine's own source, so
 * a new refusal without words fails here.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test } from 'vitest'
import { knownFailureText } from '../../../renderer/src/i18n/failure-text.ts'

const ROOT = resolve(import.meta.dirname, '../../..')

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
}

function engineCodes(): string[] {
  const codes = new Set<string>()
  for (const file of [...sourceFiles('electron'), ...sourceFiles('shared')])
    for (const match of readFileSync(file, 'utf8').matchAll(/PosError\(\s*'([a-z0-9_]+)'/g))
      codes.add(match[1] as string)
  return [...codes].sort()
}

test('the engine has refusals to explain (the source scan finds them)', () => {
  expect(engineCodes()).toEqual(expect.arrayContaining(['sale_empty', 'pin_wrong', 'sale_practice']))
  expect(engineCodes().length).toBeGreaterThan(60)
})

test.each(['km', 'en'] as const)('every engine refusal has words in %s', (language) => {
  const without = engineCodes().filter((code) => knownFailureText(language, code) === null)
  expect(without).toEqual([])
})

test('the Khmer words are Khmer', () => {
  const notKhmer = engineCodes().filter((code) => !/[\u1780-\u17ff]/.test(knownFailureText('km', code) ?? ''))
  expect(notKhmer).toEqual([])
})
