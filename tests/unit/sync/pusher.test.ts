import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { type Ledger, openLedger } from '../../../electron/core/ledger/index.ts'
import { createSync, type Sync, type SyncRequest, type SyncResponse } from '../../../electron/core/sync/index.ts'
import { TransportError } from '../../../electron/core/sync/transport.ts'
import { memorySecrets } from '../../support/memory-secrets.ts'
import { seededRandom } from '../../support/seeded-random.ts'
import { createSimClock, type SimClock, settle } from '../../support/sim-clock.ts'

type Override = (request: SyncRequest) => SyncResponse | Promise<SyncResponse> | 'network' | undefined

interface PushEventBody {
  event_id: string
  seq: number
}

/** A scripted back office: accepts every event once (duplicate after), unless an override answers first. */
function scriptedServer(clock: SimClock) {
  const stored = new Map<string, number>()
  const pushes: number[][] = []
  const overrides: Override[] = []
  let tokens = 0
  const server = {
    stored,
    pushes,
    overrides,
    offsetMs: 0,
    tokenRequests: 0,
    async send(request: SyncRequest): Promise<SyncResponse> {
      for (const [index, override] of overrides.entries()) {
        const answer = override(request)
        if (answer === undefined) continue
        overrides.splice(index, 1)
        if (answer === 'network') throw new TransportError('network', 'connection reset')
        return answer
      }
      if (request.path === '/v1/terminals/enroll')
        return ok({ terminal_id: 'trm_test', store_id: 'store', refresh_token: 'r0' })
      if (request.path === '/v1/auth/token') {
        server.tokenRequests++
        tokens++
        return ok({ access_token: `a${tokens}`, expires_in: 900, refresh_token: `r${tokens}` })
      }
      const events = (request.body as { events: PushEventBody[] }).events
      pushes.push(events.map((event) => event.seq))
      const results = events.map((event) => {
        const seen = stored.has(event.event_id)
        stored.set(event.event_id, event.seq)
        return { event_id: event.event_id, seq: event.seq, status: seen ? 'duplicate' : 'accepted' }
      })
      return ok({ server_time: clock.now() + server.offsetMs, results, acked_through_seq: stored.size, gaps: [] })
    },
  }
  return server
}

function ok(body: unknown, status = 200): SyncResponse {
  return { status, headers: {}, body }
}

const opened: Ledger[] = []
afterEach(() => {
  for (const ledger of opened.splice(0)) ledger.close()
})

async function setup(events = 0) {
  const clock = createSimClock()
  const ledger = await openLedger(join(mkdtempSync(join(tmpdir(), 'pos-sync-unit-')), 'pos.sqlite3'), clock.now)
  opened.push(ledger)
  const server = scriptedServer(clock)
  const secrets = new Map<string, string>()
  const sync = createSync({
    ledger,
    secrets: memorySecrets(secrets),
    appVersion: '1.0.0',
    now: clock.now,
    random: seededRandom(1),
    timers: clock.timers,
    transport: server,
  })
  const before = outboxCount(ledger)
  append(ledger, events)
  return {
    clock,
    ledger,
    server,
    sync,
    secrets,
    seqs: (n: number) => Array.from({ length: n }, (_, i) => before + i + 1),
  }
}

function append(ledger: Ledger, count: number, payload: Record<string, unknown> = {}) {
  const { db, journal, now } = ledger.context
  db.transaction(() => {
    for (let n = 0; n < count; n++) journal.appendEvent('cash.moved', { n, ...payload }, now())
  })()
}

function outboxCount(ledger: Ledger): number {
  return ledger.context.db.prepare('SELECT count(*) FROM outbox').pluck().get() as number
}

function states(ledger: Ledger): Record<string, number> {
  const rows = ledger.context.db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as {
    state: string
    n: number
  }[]
  return Object.fromEntries(rows.map((row) => [row.state, row.n]))
}

async function enrolled(sync: Sync) {
  await sync.enroll('http://backoffice.test', 'ABCD2345')
  await settle()
}

describe('the pusher', () => {
  test('drains the outbox in seq order, in batches of at most 200, acking after every answer', async () => {
    const { ledger, server, sync } = await setup(450)
    const total = outboxCount(ledger)
    expect(sync.status().state).toBe('not_configured')
    await enrolled(sync)
    expect(server.pushes.map((batch) => batch.length)).toEqual([200, 200, total - 400])
    expect(server.pushes.flat()).toEqual(Array.from({ length: total }, (_, i) => i + 1))
    expect(states(ledger)).toEqual({ acked: total })
    const status = sync.status()
    expect(status).toMatchObject({ state: 'synced', unsynced: 0, quarantined: 0, lastError: null, clockWarning: false })
    expect(status.lastSuccessAt).not.toBeNull()
  })

  test('new events are pushed on a nudge; the clock offset comes from server_time and warns beyond 5 minutes', async () => {
    const { ledger, server, sync } = await setup()
    await enrolled(sync)
    server.offsetMs = 6 * 60_000
    append(ledger, 3)
    sync.pusher.nudge()
    await settle()
    expect(states(ledger).pending).toBeUndefined()
    expect(sync.status().clockOffsetMs).toBe(6 * 60_000)
    expect(sync.status().clockWarning).toBe(true)
  })

  test('a refused enrolment code is reported as such and changes nothing', async () => {
    const { server, sync } = await setup(1)
    server.overrides.push((request) =>
      request.path === '/v1/terminals/enroll'
        ? ok({ error: { code: 'enrolment_code_used', message: 'used' } }, 401)
        : undefined,
    )
    await expect(sync.enroll('http://backoffice.test', 'ABCD2345')).rejects.toThrow(
      /enrolment code \(enrolment_code_used\)/,
    )
    expect(sync.status().state).toBe('not_configured')
  })

  test('401 refreshes the access token once and retries; the rotated refresh token is stored', async () => {
    const { ledger, server, sync, secrets } = await setup(5)
    server.overrides.push((request) => (request.path === '/v1/sync/events' ? ok({}, 401) : undefined))
    await enrolled(sync)
    expect(server.tokenRequests).toBe(2)
    expect(secrets.get('sync.refresh_token')).toBe('r2')
    expect(states(ledger).pending).toBeUndefined()
  })

  test('403 terminal_revoked stops the pusher and keeps the events queued until the terminal is enrolled again', async () => {
    const { ledger, server, sync, clock } = await setup(5)
    server.overrides.push((request) =>
      request.path === '/v1/sync/events'
        ? ok({ error: { code: 'terminal_revoked', message: 'revoked' } }, 403)
        : undefined,
    )
    await enrolled(sync)
    const pending = states(ledger).pending
    expect(pending).toBe(outboxCount(ledger))
    expect(sync.status().state).toBe('revoked')
    expect(sync.status().lastError?.words).toMatch(/revoked/)
    sync.pusher.nudge()
    clock.advance(10 * 60_000)
    await settle()
    expect(server.pushes).toEqual([])
    // Enrolled again by a manager: the queue drains.
    await enrolled(sync)
    expect(states(ledger)).toEqual({ acked: outboxCount(ledger) })
    expect(sync.status().state).toBe('synced')
  })

  test('409 reports "update needed" and keeps queueing', async () => {
    const { ledger, server, sync } = await setup(2)
    server.overrides.push((request) => (request.path === '/v1/sync/events' ? ok({}, 409) : undefined))
    await enrolled(sync)
    expect(sync.status().state).toBe('update_needed')
    append(ledger, 1)
    expect(sync.status().unsynced).toBe(outboxCount(ledger))
  })

  test('413 halves the batch until the server takes it', async () => {
    const { ledger, server, sync } = await setup(300)
    let tooLarge = 2
    server.overrides.push((request) => (request.path === '/v1/sync/events' && tooLarge-- > 0 ? ok({}, 413) : undefined))
    server.overrides.push((request) => (request.path === '/v1/sync/events' && tooLarge-- > 0 ? ok({}, 413) : undefined))
    await enrolled(sync)
    expect(server.pushes[0]?.length).toBe(50)
    expect(states(ledger)).toEqual({ acked: outboxCount(ledger) })
  })

  test('400 is split until the bad event is alone; it is quarantined and the rest drains', async () => {
    const { ledger, server, sync } = await setup(40)
    append(ledger, 1, { poison: true })
    append(ledger, 40)
    const poisonSeq = ledger.context.db
      .prepare("SELECT seq FROM outbox WHERE json_extract(payload, '$.poison') = 1")
      .pluck()
      .get() as number
    const isPoisoned = (request: SyncRequest) =>
      request.path === '/v1/sync/events' &&
      (request.body as { events: PushEventBody[] }).events.some((event) => event.seq === poisonSeq)
    for (let n = 0; n < 20; n++)
      server.overrides.push((request) =>
        isPoisoned(request) ? ok({ error: { code: 'invalid_request', message: 'bad event' } }, 400) : undefined,
      )
    await enrolled(sync)
    for (let n = 0; n < 20 && states(ledger).pending; n++) {
      sync.pusher.nudge()
      await settle()
    }
    expect(states(ledger)).toEqual({ acked: outboxCount(ledger) - 1, quarantined: 1 })
    expect(server.stored.size).toBe(outboxCount(ledger) - 1)
    const [quarantined] = sync.listQuarantined()
    expect(quarantined).toMatchObject({ seq: poisonSeq, type: 'cash.moved' })
    expect(quarantined?.reason).toMatch(/bad event/)
    expect(sync.status().quarantined).toBe(1)
  })

  test('a per-event permanent refusal quarantines that event and acks the others of the batch', async () => {
    const { ledger, server, sync } = await setup(5)
    server.overrides.push((request) => {
      if (request.path !== '/v1/sync/events') return undefined
      const events = (request.body as { events: PushEventBody[] }).events
      return ok({
        server_time: 0,
        acked_through_seq: 0,
        gaps: [],
        results: events.map((event) =>
          event.seq === 3
            ? {
                ...event,
                status: 'rejected',
                error: { code: 'invalid_payload', retryable: false, message: 'no totals' },
              }
            : { ...event, status: 'accepted' },
        ),
      })
    })
    await enrolled(sync)
    expect(states(ledger)).toEqual({ acked: outboxCount(ledger) - 1, quarantined: 1 })
    expect(sync.listQuarantined()[0]).toMatchObject({ seq: 3, reason: 'invalid_payload: no totals' })
    expect(sync.status().lastError?.errorClass).toBe('rejected')
  })

  test('429 waits at least Retry-After; a dropped connection backs off until the network comes back', async () => {
    const { ledger, server, sync, clock } = await setup(5)
    server.overrides.push((request) =>
      request.path === '/v1/sync/events' ? { status: 429, headers: { 'retry-after': '30' }, body: {} } : undefined,
    )
    await enrolled(sync)
    expect(server.pushes).toEqual([])
    expect(clock.nextDelay()).toBeGreaterThanOrEqual(30_000)
    expect(sync.status().lastError?.errorClass).toBe('busy')
    sync.pusher.nudge()
    await settle()
    expect(server.pushes).toEqual([])
    clock.advance(29_999)
    await settle()
    expect(server.pushes).toEqual([])
    server.overrides.push((request) => (request.path === '/v1/sync/events' ? 'network' : undefined))
    clock.advance(clock.nextDelay() ?? 0)
    await settle()
    expect(server.pushes).toEqual([])
    expect(states(ledger).pending).toBe(outboxCount(ledger))
    expect(sync.status().state).toBe('offline')
    sync.pusher.networkChanged(true)
    await settle()
    expect(states(ledger)).toEqual({ acked: outboxCount(ledger) })
  })

  test('close returns at once; a push still out writes nothing when its answer comes back', async () => {
    const { ledger, server, sync } = await setup(5)
    let answer: (response: SyncResponse) => void = () => {}
    server.overrides.push((request) =>
      request.path === '/v1/sync/events'
        ? new Promise<SyncResponse>((resolve) => {
            answer = resolve
          })
        : undefined,
    )
    await enrolled(sync)
    const unsent = states(ledger).pending
    expect(unsent).toBe(outboxCount(ledger))
    await sync.close()
    const events = ledger.context.db.prepare('SELECT seq, event_id FROM outbox').all() as PushEventBody[]
    answer(
      ok({
        server_time: 0,
        acked_through_seq: events.length,
        gaps: [],
        results: events.map((event) => ({ ...event, status: 'accepted' })),
      }),
    )
    await settle()
    expect(states(ledger)).toEqual({ pending: unsent })
    expect(server.pushes).toEqual([])
  })

  test('flush drains within its deadline despite a backoff in progress', async () => {
    const { ledger, server, sync } = await setup(5)
    server.overrides.push((request) => (request.path === '/v1/sync/events' ? ok({}, 500) : undefined))
    await enrolled(sync)
    expect(states(ledger).pending).toBe(outboxCount(ledger))
    const flushed = sync.pusher.flush({ deadlineMs: 5000 })
    await settle()
    expect(await flushed).toEqual({ drained: true })
    expect(states(ledger)).toEqual({ acked: outboxCount(ledger) })
  })
})
