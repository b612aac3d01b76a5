import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { SlowFirstSequencer } from './tests/setup/sequencer.ts'

export default defineConfig({
  plugins: [react()],
  test: {
    globalSetup: ['tests/setup/require-node-api-10.ts'],
    // Most files wait on real processes, ports, browsers and disks rather than the CPU: even on the
    // 2-core CI machine two run at once (the default there would be one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          // A test's verdict is never a race with the clock: on a busy 2-core machine real SQLite
          // files and real serial ports take seconds that a quiet one does not.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['tests/dom/**/*.test.tsx'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        // The real built main bundle imports `electron`; here it gets a stand-in (see tests/e2e/electron-stub.ts).
        resolve: { alias: { electron: resolve(import.meta.dirname, 'tests/e2e/electron-stub.ts') } },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
