/**
 * `npm run bench` runs every benchmark; `npm run bench -- khqr` runs bench/khqr.bench.ts.
 * Each runs in its own Node process, so one cannot leave the JIT or the heap in a state that
 * skews the next. Each prints its figures as one JSON object on its last line.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const here = import.meta.dirname
const available = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.slice(0, -'.bench.ts'.length))
  .sort()
const requested = process.argv.slice(2)
const unknown = requested.filter((name) => !available.includes(name))
if (unknown.length > 0) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ')}.`)
  process.exit(2)
}
let failed = false
for (const name of requested.length > 0 ? requested : available) {
  console.log(`\n# ${name}`)
  const result = spawnSync(process.execPath, [join(here, `${name}.bench.ts`)], { stdio: 'inherit' })
  if (result.status !== 0) failed = true
}
process.exit(failed ? 1 : 0)
