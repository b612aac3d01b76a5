/**
 * A build made by `npm run dist` (electron-vite --mode dist) is locked down wherever it is started
 * from: kiosk, no DevTools, no dev-server URL, even when someone runs its bundle with a plain
 * Electron outside the installed package. `npm start` is the development run and stays open.
 */
export function isLockedDown(isPackaged: boolean, distBuild: boolean): boolean {
  return isPackaged || distBuild
}
