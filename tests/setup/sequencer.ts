import { relative, sep } from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The files that take longest, longest first, in seconds as measured on a 2-core machine. A fresh
 * clone has no timings of its own, and in the order found the million-step simulation or a minute
 * waiting for a QR to expire would start last and leave the other worker idle.
 */
const SLOW_FILES: Record<string, number> = {
  'tests/integration/sync/simulation.test.ts': 134,
  'tests/integration/ledger/crash.test.ts': 118,
  'tests/e2e/counter-sizes.e2e.test.ts': 49,
  'tests/e2e/khqr-expiry.e2e.test.ts': 70,
  'tests/e2e/management-screens.e2e.test.ts': 53,
  'tests/e2e/screens.e2e.test.ts': 47,
  'tests/integration/printing/stored-pictures.test.ts': 47,
  'tests/integration/backoffice/owner-page-browser.test.ts': 25,
  'tests/e2e/till.e2e.test.ts': 24,
  'tests/e2e/authority-screens.e2e.test.ts': 21,
  'tests/e2e/accessibility.e2e.test.ts': 25,
  'tests/integration/printing/label-printer.test.ts': 17,
  'tests/e2e/first-run.e2e.test.ts': 19,
}

/**
 * Files that failed last time first (as Vitest does), then longest first whatever the project, so
 * the workers finish together. Timings of this machine's earlier runs win over the list above.
 */
export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache
    const known = (spec: TestSpecification) => {
      const path = relative(this.ctx.config.root, spec.moduleId).split(sep).join('/')
      return { path, last: cache.getFileTestResults(`${spec.project.name}:${path}`) }
    }
    const failed = (spec: TestSpecification) => (known(spec).last?.failed ? 1 : 0)
    const seconds = (spec: TestSpecification) => {
      const { path, last } = known(spec)
      return last && !last.failed ? last.duration / 1000 : (SLOW_FILES[path] ?? 0)
    }
    return [...files].sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        failed(b) - failed(a) ||
        seconds(b) - seconds(a),
    )
  }
}
