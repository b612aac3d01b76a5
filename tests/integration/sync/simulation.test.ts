import { rmSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeTemplate, type SeedReport, simRoot } from '../../support/sim-world.ts'

/** 1 000 seeds in CI; SIM_SEEDS=20000 for a longer local run, SIM_FIRST_SEED=n to replay one. */
const SEEDS = Number(process.env.SIM_SEEDS ?? 1000)
const FIRST_SEED = Number(process.env.SIM_FIRST_SEED ?? 1)

const WORKER = join(import.meta.dirname, '../../support/sim-worker.ts')

/** Seeds are independent, so they are shared among worker threads; the first failure names its seed. */
function runSeedsInWorkers(seeds: number[], template: string, root: string): Promise<SeedReport[]> {
  const workers = Math.max(1, Math.min(2, availableParallelism(), seeds.length))
  return new Promise((resolve, reject) => {
    const reports: SeedReport[] = []
    let running = workers
    const all: Worker[] = []
    for (let index = 0; index < workers; index++) {
      const share = seeds.filter((_, position) => position % workers === index)
      const worker = new Worker(WORKER, { workerData: { seeds: share, template, root } })
      all.push(worker)
      worker.on('message', (message: { seed: number; report?: SeedReport; error?: string }) => {
        if (message.report) reports.push(message.report)
        else {
          for (const other of all) void other.terminate()
          reject(
            new Error(
              `simulation seed ${message.seed} failed (replay: SIM_FIRST_SEED=${message.seed} SIM_SEEDS=1): ${message.error}`,
            ),
          )
        }
      })
      worker.on('error', reject)
      worker.on('exit', () => {
        running--
        if (running === 0) resolve(reports)
      })
    }
  })
}

let root = ''
let template = ''
beforeAll(async () => {
  root = simRoot()
  template = await makeTemplate(join(root, 'template'))
}, 60_000)
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('deterministic simulation of the sync (sync-protocol.md §5.1)', () => {
  test(`${SEEDS} seeds: no loss, no duplicate, contiguous verified chains, quarantine visible on both sides`, {
    timeout: 600_000,
  }, async () => {
    const reports = await runSeedsInWorkers(
      Array.from({ length: SEEDS }, (_, index) => FIRST_SEED + index),
      template,
      root,
    )
    const total = (pick: (report: SeedReport) => number) => reports.reduce((sum, report) => sum + pick(report), 0)
    // The faults really happened: a run without them would prove nothing.
    expect(total((report) => report.fates.drop_response)).toBeGreaterThan(0)
    expect(total((report) => report.fates.duplicate + report.fates.replay_later)).toBeGreaterThan(0)
    expect(total((report) => report.fates.too_large + report.fates.busy + report.fates.server_error)).toBeGreaterThan(0)
    expect(total((report) => report.terminalCrashes)).toBeGreaterThan(0)
    // Token answers were lost after the rotation committed, and the terminals still ended synced.
    if (SEEDS >= 50 && process.env.SIM_AUTH_FAULTS !== '0')
      expect(total((report) => report.lostTokenAnswers)).toBeGreaterThan(0)
    expect(total((report) => report.serverCrashes)).toBeGreaterThan(0)
    if (SEEDS >= 50) expect(total((report) => report.quarantined)).toBeGreaterThan(0)
  })
})
