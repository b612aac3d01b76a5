import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, test } from 'vitest'
import { Journal } from '../../../electron/core/ledger/journal.ts'
import { DATABASE_FILE } from '../../../electron/core/pos.ts'
import { seededRandom } from '../../support/seeded-random.ts'

const KILLS = 50
const CHILD = join(import.meta.dirname, '../../support/crash-child.ts')
const COMPILE_CACHE = mkdtempSync(join(tmpdir(), 'pos-crash-compile-'))
afterAll(() => rmSync(COMPILE_CACHE, { recursive: true, force: true }))

/**
 * Runs the child till and kills it with SIGKILL at a random moment of its selling, returns the sale ids it
 * reported committed. The moment is counted in sales, not in milliseconds (a random number of reported
 * commits, then a random few milliseconds into the next sale), so a slow machine kills as deep into the
 * work as a fast one. One run in five is killed instead a few milliseconds after it is ready, which lands in
 * the recovery of the sale the previous kill interrupted or in the first sale.
 */
function runAndKill(
  dataDirectory: string,
  random: () => number,
): Promise<{ committed: string[]; killedAfter: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dataDirectory], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Fifty starts of the same engine: its modules compiled once, not fifty times.
      env: { ...process.env, NODE_COMPILE_CACHE: COMPILE_CACHE },
    })
    const committed: string[] = []
    let buffered = ''
    let errors = ''
    let killTimer: NodeJS.Timeout | undefined
    const earlyKill = random() < 0.2
    const commitsBeforeKill = 1 + Math.floor(random() * 4)
    const killDelay = Math.floor(random() * 30)
    const kill = () => {
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), killDelay)
    }
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        if (line === 'ready' && earlyKill) kill()
        if (!line.startsWith('committed ')) continue
        committed.push(line.slice('committed '.length))
        if (committed.length === commitsBeforeKill) kill()
      }
    })
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString()
    })
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      clearTimeout(killTimer)
      if (signal !== 'SIGKILL') reject(new Error(`the till stopped by itself (${signal ?? _code}): ${errors}`))
      else resolve({ committed, killedAfter: earlyKill ? 0 : commitsBeforeKill })
    })
  })
}

describe('crash consistency', () => {
  test(`a till killed with SIGKILL ${KILLS} times loses no committed sale and keeps its journals whole`, {
    timeout: 240_000,
  }, async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'pos-crash-'))
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000)
    const random = seededRandom(seed)
    const reported: string[] = []
    for (let kill = 1; kill <= KILLS; kill++) {
      const run = await runAndKill(dataDirectory, random)
      // A run killed after its Nth commit reported at least N: the kill landed while it was selling.
      expect(run.committed.length, `run ${kill} (CRASH_SEED=${seed})`).toBeGreaterThanOrEqual(run.killedAfter)
      reported.push(...run.committed)
      const db = new Database(join(dataDirectory, DATABASE_FILE))
      try {
        const context = `after kill ${kill} (CRASH_SEED=${seed})`
        expect(db.pragma('integrity_check', { simple: true }), context).toBe('ok')
        const paid = db.prepare("SELECT id FROM sales WHERE state = 'paid' AND kind = 'sale'").pluck().all() as string[]
        const paidSet = new Set(paid)
        for (const id of reported) expect(paidSet.has(id), `${context}: reported sale ${id} is missing`).toBe(true)
        const ids = db
          .prepare("SELECT json_extract(payload, '$.sale_id') FROM outbox WHERE type = 'sale.completed'")
          .pluck()
          .all() as string[]
        expect(new Set(ids).size, `${context}: a sale has two completion events`).toBe(ids.length)
        expect(ids.length, `${context}: every paid sale has exactly one event`).toBe(paid.length)
        const seq = db
          .prepare('SELECT count(*) AS n, coalesce(min(seq), 1) AS first, coalesce(max(seq), 0) AS last FROM outbox')
          .get() as { n: number; first: number; last: number }
        expect(seq.first === 1 && seq.last === seq.n, `${context}: outbox sequence has a gap`).toBe(true)
        const receipts = db
          .prepare("SELECT receipt_no FROM sales WHERE state = 'paid' ORDER BY receipt_no")
          .pluck()
          .all() as number[]
        expect(receipts, `${context}: receipt numbers have a gap`).toEqual(receipts.map((_, index) => index + 1))
        const chains = new Journal(db, () => '').verify()
        expect(chains.outbox, `${context}: outbox chain`).toBeNull()
        expect(chains.audit, `${context}: audit chain`).toBeNull()
      } finally {
        db.close()
      }
    }
    expect(new Set(reported).size).toBe(reported.length)
    rmSync(dataDirectory, { recursive: true, force: true })
  })
})
