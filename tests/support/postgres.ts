/**
 * A real PostgreSQL for tests. TEST_DATABASE_URL when set (.ci/run exports one); otherwise, when
 * the server binaries are installed, a throwaway cluster in a temp directory on 127.0.0.1 (run as
 * the `postgres` user when we are root, since PostgreSQL refuses to run as root). When neither is
 * there the caller gets the reason, and must FAIL under CI and skip visibly elsewhere.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

export interface TestPostgres {
  /** A connection URL, or null with the reason when no PostgreSQL can be had. */
  url: string | null
  reason: string
  /** A schema name of its own for each caller, so tests never see each other's rows. */
  freshSchema(): string
  stop(): Promise<void>
}

function findBinaries(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
  for (const version of versions) {
    const bin = join(root, version, 'bin')
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin
  }
  return null
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function asPostgresUser(command: string, args: string[]): { file: string; args: string[] } {
  const isRoot = process.getuid?.() === 0
  return isRoot ? { file: 'runuser', args: ['-u', 'postgres', '--', command, ...args] } : { file: command, args }
}

async function startCluster(bin: string): Promise<{ url: string; stop(): Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), 'pg-test-'))
  const data = join(directory, 'data')
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
    chownSync(directory, uid, gid)
  }
  chmodSync(directory, 0o700)
  const init = asPostgresUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '--no-sync',
    '-E',
    'UTF8',
  ])
  const initResult = spawnSync(init.file, init.args, { encoding: 'utf8' })
  if (initResult.status !== 0) throw new Error(`initdb failed: ${initResult.stderr || initResult.error}`)
  const port = await freePort()
  const start = asPostgresUser(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(directory, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ])
  const startResult = spawnSync(start.file, start.args, { encoding: 'utf8' })
  if (startResult.status !== 0) throw new Error(`pg_ctl start failed: ${startResult.stderr || startResult.stdout}`)
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  return {
    url,
    async stop() {
      const stop = asPostgresUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'])
      spawnSync(stop.file, stop.args)
      rmSync(directory, { recursive: true, force: true })
    },
  }
}

let counter = 0

/** PostgreSQL for this test file: TEST_DATABASE_URL, else a temporary cluster, else the reason there is none. */
export async function testPostgres(): Promise<TestPostgres> {
  const prefix = `t${process.pid}_${Date.now().toString(36)}`
  const freshSchema = () => `${prefix}_${++counter}`
  const fromEnvironment = process.env.TEST_DATABASE_URL
  if (fromEnvironment) return { url: fromEnvironment, reason: 'TEST_DATABASE_URL', freshSchema, stop: async () => {} }
  const bin = findBinaries()
  if (!bin)
    return {
      url: null,
      reason: 'no PostgreSQL: TEST_DATABASE_URL is unset and no server binaries in /usr/lib/postgresql',
      freshSchema,
      stop: async () => {},
    }
  try {
    const cluster = await startCluster(bin)
    return { url: cluster.url, reason: `temporary cluster from ${bin}`, freshSchema, stop: cluster.stop }
  } catch (error) {
    return {
      url: null,
      reason: `could not start PostgreSQL: ${(error as Error).message}`,
      freshSchema,
      stop: async () => {},
    }
  }
}

/** Drops a test's schema (best effort). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
  } finally {
    await client.end()
  }
}
