/**
 * The seeded fake network of the sync simulation (docs/sync-protocol.md §5.1). Requests wait in
 * flight until the simulation delivers one; each delivery draws a fate: lost on the way, lost on
 * the way back AFTER the server committed, delivered twice, kept and replayed much later
 * (reordered), or answered by a fault (5xx, 429 with Retry-After, 413) without reaching the server.
 * The terminal's transport is tied to one process generation: a crashed terminal's requests never
 * get answers, though those already on the wire may still reach the server.
 */
import type { SyncRequest, SyncResponse, SyncTransport } from '../../electron/core/sync/transport.ts'
import { TransportError } from '../../electron/core/sync/transport.ts'

export interface ServerLike {
  handle(request: {
    method: string
    path: string
    headers: Record<string, string | undefined>
    body: unknown
    rawBytes?: number
  }): Promise<{ status: number; headers: Record<string, string>; body: unknown }>
}

interface InFlight {
  request: SyncRequest
  generation: number
  resolve(response: SyncResponse): void
  reject(error: Error): void
}

export type Fate =
  | 'deliver'
  | 'drop_request'
  | 'drop_response'
  | 'timeout'
  | 'duplicate'
  | 'replay_later'
  | 'server_error'
  | 'busy'
  | 'too_large'
  | 'crash_terminal_after_response'

const isAuth = (request: SyncRequest) => request.path !== '/v1/sync/events'

export class SimNetwork {
  private readonly random: () => number
  private readonly server: () => ServerLike
  private inFlight: InFlight[] = []
  private stale: SyncRequest[] = []
  generation = 0
  /** No faults: used to let the drain finish at the end of a run. */
  calm = false
  readonly authFaults = process.env.SIM_AUTH_FAULTS !== '0'
  /** Token requests the server answered (the rotation committed) whose answer the terminal never heard. */
  lostTokenAnswers = 0
  readonly fates: Record<Fate, number> = {
    deliver: 0,
    drop_request: 0,
    drop_response: 0,
    timeout: 0,
    duplicate: 0,
    replay_later: 0,
    server_error: 0,
    busy: 0,
    too_large: 0,
    crash_terminal_after_response: 0,
  }

  constructor(random: () => number, server: () => ServerLike) {
    this.random = random
    this.server = server
  }

  transport(): SyncTransport {
    const generation = this.generation
    return {
      send: (request) =>
        new Promise<SyncResponse>((resolve, reject) => {
          // A copy, as bytes on a wire would be: the server never shares objects with the terminal.
          const body =
            request.json !== undefined ? JSON.parse(Buffer.from(request.json).toString('utf8')) : request.body
          const copy = JSON.parse(JSON.stringify({ ...request, json: undefined, body })) as SyncRequest
          this.inFlight.push({ request: copy, generation, resolve, reject })
        }),
    }
  }

  get pending(): number {
    return this.inFlight.length + this.stale.length
  }

  /** The terminal process died: its unanswered pushes may still reach the server, but nobody hears back. */
  terminalCrashed(): void {
    for (const item of this.inFlight)
      if (item.generation === this.generation && !isAuth(item.request)) this.stale.push(item.request)
    this.inFlight = []
    this.generation++
  }

  /**
   * Delivers one request (picked at random when several wait, so deliveries reorder) with a
   * random fate. Returns the fate, or null when nothing was in flight. `onTerminalCrash` runs
   * when the fate kills the terminal after the server answered.
   */
  async step(onTerminalCrash: () => Promise<void>): Promise<Fate | null> {
    if (this.stale.length > 0 && (this.inFlight.length === 0 || this.random() < 0.3)) {
      const index = Math.floor(this.random() * this.stale.length)
      const [request] = this.stale.splice(index, 1)
      if (request && (this.calm || this.random() < 0.7)) await this.deliver(request)
      return 'replay_later'
    }
    if (this.inFlight.length === 0) return null
    const index = Math.floor(this.random() * this.inFlight.length)
    const [item] = this.inFlight.splice(index, 1)
    if (!item) return null
    const fate = this.fate(item.request)
    this.fates[fate]++
    const answer = (response: SyncResponse) => item.resolve(response)
    const fail = (kind: 'network' | 'timeout') => item.reject(new TransportError(kind, `simulated ${fate}`))
    const lost = () => {
      if (isAuth(item.request)) this.lostTokenAnswers++
    }
    switch (fate) {
      case 'drop_request':
        fail('network')
        break
      case 'timeout':
        if (this.random() < 0.5) {
          await this.deliver(item.request)
          lost()
        }
        fail('timeout')
        break
      case 'drop_response':
        await this.deliver(item.request)
        lost()
        fail('network')
        break
      case 'duplicate': {
        const first = await this.deliver(item.request)
        const second = await this.deliver(item.request)
        // A token request delivered twice rotated twice: only the later answer's token is live.
        answer(isAuth(item.request) || this.random() >= 0.5 ? second : first)
        break
      }
      case 'replay_later':
        this.stale.push(JSON.parse(JSON.stringify(item.request)) as SyncRequest)
        answer(await this.deliver(item.request))
        break
      case 'server_error':
        answer({ status: this.random() < 0.5 ? 500 : 503, headers: {}, body: { error: { code: 'unavailable' } } })
        break
      case 'busy':
        answer({
          status: 429,
          headers: { 'retry-after': String(1 + Math.floor(this.random() * 20)) },
          body: { error: { code: 'rate_limited' } },
        })
        break
      case 'too_large':
        answer({ status: 413, headers: {}, body: { error: { code: 'batch_too_large' } } })
        break
      case 'crash_terminal_after_response':
        await this.deliver(item.request)
        lost()
        await onTerminalCrash()
        break
      default:
        answer(await this.deliver(item.request))
    }
    return fate
  }

  private fate(request: SyncRequest): Fate {
    if (this.calm) return 'deliver'
    const roll = this.random()
    // Token requests meet the push faults too, answers lost after the rotation committed included:
    // the back office takes the previous refresh token once more while its successor is unused.
    // Only a copy kept and replayed later is left out (a stale rotation arriving after the terminal
    // moved on is exactly what a thief's copy looks like), and of a duplicate the terminal hears
    // the later answer (see step). SIM_AUTH_FAULTS=0 keeps token requests to faults before the server.
    if (isAuth(request)) {
      if (!this.authFaults)
        return roll < 0.1 ? 'drop_request' : roll < 0.15 ? 'server_error' : roll < 0.2 ? 'busy' : 'deliver'
      if (roll >= 0.23 && roll < 0.27) return 'deliver'
    }
    const events = (request.body as { events?: unknown[] }).events?.length ?? 0
    if (roll < 0.08) return 'drop_request'
    if (roll < 0.16) return 'drop_response'
    if (roll < 0.19) return 'timeout'
    if (roll < 0.23) return 'duplicate'
    if (roll < 0.27) return 'replay_later'
    if (roll < 0.31) return 'server_error'
    if (roll < 0.34) return 'busy'
    if (roll < 0.37 && events > 1) return 'too_large'
    if (roll < 0.39) return 'crash_terminal_after_response'
    return 'deliver'
  }

  private async deliver(request: SyncRequest): Promise<SyncResponse> {
    const text = request.body === undefined ? '' : JSON.stringify(request.body)
    const response = await this.server().handle({
      method: request.method,
      path: request.path,
      headers: { ...request.headers, 'content-type': 'application/json' },
      body: text ? JSON.parse(text) : undefined,
      rawBytes: Buffer.byteLength(text),
    })
    return JSON.parse(JSON.stringify(response)) as SyncResponse
  }
}
