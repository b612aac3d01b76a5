import { describe, expect, test } from 'vitest'
import { classifyEventResult, classifyPushResponse } from '../../../electron/core/sync/classify.ts'
import { pushBody, pushBodyJson } from '../../../electron/core/sync/push-body.ts'
import { canonicalJson } from '../../../shared/canonical-json.ts'
import { validatePushRequest } from '../../../shared/sync-protocol.ts'

const now = Date.UTC(2026, 10, 24, 12, 0, 0)
const response = (status: number, body: unknown = undefined, headers: Record<string, string> = {}) => ({
  status,
  headers,
  body,
})
const event = { event_id: '0190f3c1-7a2b-7c3d-9e4f-0123456789ab', seq: 1 }

describe('classification of push answers (sync-protocol.md §4.3)', () => {
  test('each batch-level status maps to its terminal action', () => {
    expect(classifyPushResponse(response(400, { error: { code: 'invalid_request', message: 'bad' } }), now)).toEqual({
      kind: 'malformed',
      message: 'HTTP 400: invalid_request: bad',
    })
    expect(classifyPushResponse(response(401), now).kind).toBe('unauthorized')
    expect(classifyPushResponse(response(403, { error: { code: 'terminal_revoked', message: 'x' } }), now).kind).toBe(
      'revoked',
    )
    expect(classifyPushResponse(response(409), now).kind).toBe('update_needed')
    expect(classifyPushResponse(response(413), now).kind).toBe('too_large')
    expect(classifyPushResponse(response(429, undefined, { 'retry-after': '12' }), now)).toMatchObject({
      kind: 'transient',
      errorClass: 'busy',
      retryAfterMs: 12_000,
    })
    expect(classifyPushResponse(response(503), now)).toMatchObject({ kind: 'transient', errorClass: 'busy' })
    expect(classifyPushResponse(response(500), now)).toMatchObject({ kind: 'transient', errorClass: 'server' })
    expect(classifyPushResponse(response(502), now)).toMatchObject({ kind: 'transient', errorClass: 'server' })
  })

  test('a 200 without readable results is the server misbehaving, retried rather than acked', () => {
    expect(classifyPushResponse(response(200, { ok: true }), now).kind).toBe('transient')
    expect(classifyPushResponse(response(200, { results: [{ seq: 1 }] }), now).kind).toBe('transient')
    const good = classifyPushResponse(
      response(200, { server_time: now, results: [{ ...event, status: 'accepted' }], acked_through_seq: 1, gaps: [] }),
      now,
    )
    expect(good.kind).toBe('results')
  })

  test('accepted and duplicate are acked; permanent refusals and hash mismatches are quarantined; the rest retried', () => {
    expect(classifyEventResult({ ...event, status: 'accepted' })).toBe('ack')
    expect(classifyEventResult({ ...event, status: 'duplicate' })).toBe('ack')
    expect(
      classifyEventResult({
        ...event,
        status: 'rejected',
        error: { code: 'invalid_payload', retryable: false, message: '' },
      }),
    ).toBe('quarantine')
    expect(
      classifyEventResult({
        ...event,
        status: 'rejected',
        error: { code: 'hash_mismatch', retryable: true, message: '' },
      }),
    ).toBe('quarantine')
    expect(
      classifyEventResult({ ...event, status: 'rejected', error: { code: 'busy', retryable: true, message: '' } }),
    ).toBe('retry')
  })
})

describe('the push body', () => {
  test('spliced from the stored payload strings, it parses to exactly the body built from values', () => {
    const events = [1, 2].map((seq) => ({
      seq,
      event_id: `0190f3c1-7a2b-7c3d-9e4f-01234567890${seq}`,
      type: 'sale.completed',
      payload: canonicalJson({ sale_id: `s${seq}`, note: 'ស្រា "quoted" \\ back', totals: { total_minor: 330 } }),
      payload_sha256: 'a'.repeat(64),
      prev_hash: 'b'.repeat(64),
      hash: 'c'.repeat(64),
      occurred_at_device: 1_767_225_590_001 + seq,
    }))
    const options = { appVersion: '1.0.0', sentAt: 1_767_225_600_123 }
    const { batch_id: _a, ...fromValues } = pushBody('trm_x', events, options)
    const stored = events.map((event) => ({ ...event, payload: Buffer.from(event.payload) }))
    const { batch_id: _b, ...spliced } = JSON.parse(pushBodyJson('trm_x', stored, options).toString('utf8'))
    expect(spliced).toEqual(fromValues)
    expect(validatePushRequest(JSON.parse(pushBodyJson('trm_x', stored, options).toString('utf8'))).ok).toBe(true)
  })
})
