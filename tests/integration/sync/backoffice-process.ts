/**
 * The back office as its own process (`node backoffice/src/main.ts`), so a test can SIGKILL it in
 * the middle of a drain and start it again on the same port and data.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import pg from 'pg'

const MAIN = join(import.meta.dirname, '../../../backoffice/src/main.ts')
export const OWNER_PASSWORD = 'owner password for the sync tests'

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export interface BackofficeProcess {
  readonly url: string
  readonly port: number
  /** SIGKILL: no goodbye, no flush. */
  kill(): Promise<void>
  start(): Promise<void>
  stop(): Promise<void>
  /** Creates a terminal as the owner and returns its one-time enrolment code. */
  newTerminalCode(label: string): Promise<string>
}

export async function startBackofficeProcess(options: {
  dataDirectory: string
  databaseUrl?: string
}): Promise<BackofficeProcess> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let child: ChildProcess | null = null
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        BACKOFFICE_DATA: options.dataDirectory,
        BACKOFFICE_OWNER_PASSWORD: OWNER_PASSWORD,
        // The fault proxy reads request lines: plain HTTP, which the back office serves on 127.0.0.1 only.
        BACKOFFICE_PLAIN_HTTP: '1',
      }
      if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl
      else delete env.DATABASE_URL
      const started = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] })
      child = started
      let output = ''
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('back office on ')) {
          started.stdout?.off('data', onData)
          resolve()
        }
      }
      started.stdout?.on('data', onData)
      started.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString()
      })
      started.once('exit', (code, signal) => {
        if (!output.includes('back office on '))
          reject(new Error(`the back office exited (${code ?? signal}): ${output}`))
      })
    })
  const kill = async () => {
    const running = child
    child = null
    if (!running || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }
  await start()
  return {
    url,
    port,
    kill,
    start,
    stop: kill,
    async newTerminalCode(label) {
      const login = await fetch(`${url}/v1/owner/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: OWNER_PASSWORD }),
      })
      const { owner_token: token } = (await login.json()) as { owner_token: string }
      const created = await fetch(`${url}/v1/admin/terminals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ label }),
      })
      if (created.status !== 201)
        throw new Error(`creating a terminal failed: ${created.status} ${await created.text()}`)
      return ((await created.json()) as { code: string }).code
    },
  }
}

/** A database of its own on the PostgreSQL at `url`, returned as a URL; dropped by the cleanup. */
export async function freshDatabase(url: string, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${name}`)
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const target = new URL(url)
  target.pathname = `/${name}`
  return {
    url: target.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.end()
    },
  }
}
