/** Shared timing helpers for the benchmarks: interleaved rounds, medians, ratios. */

export interface Contender {
  name: string
  /** Runs one call on input number `i`; returns something so the work cannot be optimised away. */
  call: (i: number) => unknown
}

let sink: unknown

function opsPerSecond(call: (i: number) => unknown, inputs: number, calls: number): number {
  const started = process.hrtime.bigint()
  for (let n = 0; n < calls; n++) sink = call(n % inputs)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  return calls / seconds
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/**
 * Median operations per second of each contender over `rounds` rounds. Contenders alternate
 * within every round, so a noisy neighbour slows both rather than one.
 */
export function race(contenders: Contender[], inputs: number, options: { rounds: number; calls: number }): number[] {
  for (const contender of contenders) opsPerSecond(contender.call, inputs, Math.ceil(options.calls / 4))
  const results: number[][] = contenders.map(() => [])
  for (let round = 0; round < options.rounds; round++) {
    contenders.forEach((contender, k) => {
      results[k]?.push(opsPerSecond(contender.call, inputs, options.calls))
    })
  }
  if (sink === Symbol.for('never')) console.log(sink)
  return results.map(median)
}

export function round(value: number, digits = 0): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}
