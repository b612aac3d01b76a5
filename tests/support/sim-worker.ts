/**
 * Runs a share of the simulation's seeds in a worker thread, so the seeds use both cores. Posts
 * one message per seed: its report, or the failure with the seed to replay.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { runSeed } from './sim-world.ts'

const { seeds, template, root } = workerData as { seeds: number[]; template: string; root: string }
for (const seed of seeds) {
  try {
    parentPort?.postMessage({ seed, report: await runSeed(seed, template, root) })
  } catch (error) {
    parentPort?.postMessage({ seed, error: (error as Error).stack ?? String(error) })
    break
  }
}
