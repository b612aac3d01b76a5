import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs'

/**
 * Sales, backups, receipts and keys are the shop's and nobody else's on a shared machine: files
 * are written owner-only (0600) and their folders 0700, whatever the process umask is.
 */
export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_DIRECTORY_MODE = 0o700

/** Creates the folder (and its parents) owner-only; one that already exists keeps its mode. */
export function makePrivateDirectory(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIRECTORY_MODE })
}

/**
 * Makes sure the file exists and is owner-only before a library (SQLite, its backup API) writes
 * into it: SQLite gives its -wal and -shm files the database file's own mode.
 */
export function preparePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE))
  restrictToOwner(path)
}

/** Narrows an existing file to owner-only (one written by an earlier version at 0644). */
export function restrictToOwner(path: string): void {
  if (process.platform === 'win32') return
  chmodSync(path, PRIVATE_FILE_MODE)
}
