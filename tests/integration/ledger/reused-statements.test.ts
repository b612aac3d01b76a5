/**
 * The journal's database compiles each SQL text once (reused-statements.ts), on a real SQLite file:
 * a shared statement gives every caller what it asked for, whatever another caller did with it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { openDatabase, type SqliteDatabase } from '../../../electron/core/ledger/database.ts'

let directory = ''
let db: SqliteDatabase
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'reused-statements-'))
  db = openDatabase(join(directory, 'pos.sqlite3'))
  db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)')
  const insert = db.prepare('INSERT INTO items (id, name) VALUES (?, ?)')
  for (const [id, name] of [
    [1, 'rice'],
    [2, 'milk'],
    [3, 'tea'],
  ] as const)
    insert.run(id, name)
})
afterEach(() => {
  db.close()
  rmSync(directory, { recursive: true, force: true })
})

const BY_ID = 'SELECT id, name FROM items WHERE id = ?'

test('the same SQL text is compiled once and runs with each call’s own parameters', () => {
  const first = db.prepare(BY_ID)
  expect(db.prepare(BY_ID)).toBe(first)
  expect(db.prepare(BY_ID).get(2)).toEqual({ id: 2, name: 'milk' })
  expect(db.prepare(BY_ID).get(3)).toEqual({ id: 3, name: 'tea' })
})

test('a caller that asks for plucked, raw or expanded rows gets a statement of its own', () => {
  const kept = db.prepare(BY_ID)
  const names = db.prepare(BY_ID).pluck()
  const raw = db.prepare(BY_ID).raw()
  const expanded = db.prepare(BY_ID).expand()
  expect(names.get(1)).toBe(1)
  expect(raw.get(1)).toEqual([1, 'rice'])
  expect(expanded.get(1)).toEqual({ items: { id: 1, name: 'rice' } })
  // The shared statement, and whoever holds it, still gets whole rows.
  expect(kept.get(1)).toEqual({ id: 1, name: 'rice' })
  expect(db.prepare(BY_ID).get(1)).toEqual({ id: 1, name: 'rice' })
  // A plucked statement kept by its owner stays plucked however the text is used elsewhere.
  expect(db.prepare(BY_ID).all(2)).toEqual([{ id: 2, name: 'milk' }])
  expect(names.get(2)).toBe(2)
})

test('parameters bound by one caller do not stick to the shared statement', () => {
  const bound = db.prepare(BY_ID).bind(3)
  expect(bound.get()).toEqual({ id: 3, name: 'tea' })
  expect(db.prepare(BY_ID).get(1)).toEqual({ id: 1, name: 'rice' })
})

test('the same SQL run again while its rows are being read gets a second statement', () => {
  const all = 'SELECT id, name FROM items ORDER BY id'
  const seen: string[] = []
  for (const row of db.prepare(all).iterate() as Iterable<{ id: number; name: string }>) {
    // The loop's statement is busy: running the same text inside it must not fail.
    seen.push(`${row.name}:${(db.prepare(all).all() as unknown[]).length}`)
  }
  expect(seen).toEqual(['rice:3', 'milk:3', 'tea:3'])
})

test('SQL that does not compile is refused as before, and nothing is kept of it', () => {
  expect(() => db.prepare('SELECT label FROM nowhere')).toThrow(/no such table/)
  db.exec('CREATE TABLE nowhere (label TEXT)')
  expect(db.prepare('SELECT label FROM nowhere').all()).toEqual([])
})

test('a table changed after its statement was compiled is read as it is now', () => {
  const everything = 'SELECT * FROM items WHERE id = ?'
  expect(db.prepare(everything).get(1)).toEqual({ id: 1, name: 'rice' })
  db.exec("ALTER TABLE items ADD COLUMN unit TEXT NOT NULL DEFAULT 'kg'")
  expect(db.prepare(everything).get(1)).toEqual({ id: 1, name: 'rice', unit: 'kg' })
})

test('no code changes a statement on a line of its own (it would change a copy, and nothing would say so)', () => {
  // Shared statements answer pluck(), raw(), expand(), safeIntegers() and bind() with a statement of
  // the caller's own: a call whose result is dropped would leave the caller's statement as it was.
  const dropped = /^\s*[\w.[\]]+\s*\.\s*(pluck|raw|expand|safeIntegers|bind)\([^()]*\)\s*;?\s*$/
  const offenders: string[] = []
  const root = join(import.meta.dirname, '../../../electron')
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (dropped.test(line)) offenders.push(`electron/${file}:${index + 1}: ${line.trim()}`)
      })
  }
  expect(offenders).toEqual([])
})
