/**
 * `npm run backoffice` — the back office on SQLite (./backoffice-data) or PostgreSQL (DATABASE_URL).
 *   npm run backoffice                      serve (HOST, PORT; default 127.0.0.1:8787)
 *   npm run backoffice -- import <file>     import an exported pending-events file, then exit
 * BACKOFFICE_OWNER_PASSWORD sets the owner password; without it the first run prints a setup code.
 * BAKONG_TOKEN (and BAKONG_URL) turn on the KHQR check relay for terminals: the token stays here.
 * It serves HTTPS with a certificate it makes on its first run (naming this machine's IPv4
 * addresses, or BACKOFFICE_TLS_NAMES); terminals pin it. BACKOFFICE_PLAIN_HTTP=1 serves plain HTTP,
 * allowed on 127.0.0.1 only (a terminal on the same machine, or behind a TLS proxy of the owner's).
 * BACKOFFICE_TLS_CERT and BACKOFFICE_TLS_KEY (PEM files) serve the owner's own certificate instead;
 * terminals then pin that one.
 */
import { readFileSync } from 'node:fs'
import { networkInterfaces } from 'node:os'
import { resolve } from 'node:path'
import { createBackoffice } from './app.ts'
import { bakongCheckerFromEnvironment } from './bakong.ts'
import { listen } from './http.ts'
import { openStore } from './store/open.ts'

async function main(argv: string[]): Promise<number> {
  const dataDirectory = resolve(process.env.BACKOFFICE_DATA ?? 'backoffice-data')
  const databaseUrl = process.env.DATABASE_URL || undefined
  const store = await openStore({ databaseUrl, dataDirectory })
  const khqrChecker = bakongCheckerFromEnvironment(process.env)
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((address) => address?.family === 'IPv4')
    .map((address) => address?.address as string)
  const tlsNames = process.env.BACKOFFICE_TLS_NAMES?.split(',').map((name) => name.trim()) ?? [
    'localhost',
    ...addresses,
  ]
  const certFile = process.env.BACKOFFICE_TLS_CERT || undefined
  const keyFile = process.env.BACKOFFICE_TLS_KEY || undefined
  if (Boolean(certFile) !== Boolean(keyFile)) {
    console.error('Set both BACKOFFICE_TLS_CERT and BACKOFFICE_TLS_KEY (PEM files), or neither.')
    await store.close()
    return 2
  }
  const tlsCertificate =
    certFile && keyFile ? { certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') } : undefined
  const backoffice = await createBackoffice({
    store,
    tlsNames,
    ...(tlsCertificate ? { tlsCertificate } : {}),
    ownerPassword: process.env.BACKOFFICE_OWNER_PASSWORD || undefined,
    ...(khqrChecker ? { khqrChecker } : {}),
  })
  const where = databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite in ${dataDirectory}`

  const [command, file] = argv
  if (command === 'import') {
    if (!file) {
      console.error('usage: npm run backoffice -- import <file.json>')
      await backoffice.close()
      return 2
    }
    try {
      const summary = await backoffice.importEvents(JSON.parse(readFileSync(file, 'utf8')))
      console.log(JSON.stringify(summary))
      return 0
    } catch (error) {
      console.error(`import failed: ${(error as Error).message}`)
      return 1
    } finally {
      await backoffice.close()
    }
  }
  if (command !== undefined && command !== 'serve') {
    console.error(`unknown command "${command}"; use "serve" or "import <file>"`)
    await backoffice.close()
    return 2
  }

  const host = process.env.HOST ?? '127.0.0.1'
  const port = Number(process.env.PORT ?? 8787)
  const plain = process.env.BACKOFFICE_PLAIN_HTTP === '1'
  if (plain && host !== '127.0.0.1' && host !== '::1' && host !== 'localhost') {
    console.error('BACKOFFICE_PLAIN_HTTP serves on 127.0.0.1 only: the shop LAN gets HTTPS.')
    await backoffice.close()
    return 2
  }
  const server = await listen(backoffice, { host, port, ...(plain ? {} : { tls: backoffice.tls }) })
  console.log(`back office on ${server.url} (${where})`)
  if (!plain) console.log(`certificate pin (terminals are given it with their code): ${backoffice.tls.fingerprint}`)
  const setupCode = backoffice.setupCode()
  if (setupCode)
    console.log(
      `first run: open ${server.url}/ and set the owner password with the setup code ${setupCode}\n` +
        '(or start with BACKOFFICE_OWNER_PASSWORD=… to set it from the environment)',
    )
  const stop = async () => {
    await server.close()
    await backoffice.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return -1
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
