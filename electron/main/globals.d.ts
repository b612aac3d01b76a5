/** Set by electron.vite.config.ts: true in a build made with `--mode dist`. */
declare const __POS_DIST_BUILD__: boolean
