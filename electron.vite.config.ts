import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

const root = import.meta.dirname

export default defineConfig(({ mode }) => ({
  main: {
    // `npm run dist` builds with --mode dist: kiosk and no DevTools, whatever starts it (electron/main/build-mode.ts).
    define: { __POS_DIST_BUILD__: JSON.stringify(mode === 'dist') },
    build: {
      rollupOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can load no module but Electron's own: bundle everything else into it, as CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    server: { fs: { allow: [root] } },
    build: {
      minify: true,
      rollupOptions: {
        input: { cashier: resolve(root, 'renderer/cashier.html'), customer: resolve(root, 'renderer/customer.html') },
      },
    },
  },
}))
