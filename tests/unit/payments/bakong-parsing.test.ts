import { describe, expect, test } from 'vitest'
import { bakongAmountToMinor } from '../../../shared/bakong/amount.ts'
import type { KhqrCheckResult } from '../../../shared/bakong/checker.ts'
import { createBakongClient } from '../../../shared/bakong/client.ts'
import type { HttpPost } from '../../../shared/bakong/http.ts'
import { tokenExpiresAt } from '../../../shared/bakong/token.ts'

const MD5 = 'a'.repeat(32)
const MD5_B = 'b'.repeat(32)
const HASH = 'c'.repeat(64)

function transactionJson(amount: string, currency = 'USD', extra = ''): string {
  return `{"hash":"${HASH}","fromAccountId":"payer@aba","toAccountId":"shop@aclb","currency":"${currency}","amount":${amount},"description":null,"createdDateMs":1764000000000,"acknowledgedDateMs":1764000000900,"externalRef":"FT1"${extra}}`
}

function paidBody(amount: string, currency = 'USD'): string {
  return `{"responseCode":0,"responseMessage":"Getting transaction successfully.","errorCode":null,"data":${transactionJson(amount, currency)}}`
}

/** A post that answers from a script and records what was asked. */
function scripted(
  answers: ((url: string, body: unknown) => { status: number; bodyText: string; headers?: Record<string, string> })[],
) {
  const calls: { url: string; body: unknown; headers: Record<string, string> }[] = []
  const post: HttpPost = async (url, jsonBody, headers) => {
    const body = JSON.parse(jsonBody) as unknown
    calls.push({ url, body, headers })
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)]
    if (!answer) throw new Error('no scripted answer')
    const reply = answer(url, body)
    return { status: reply.status, bodyText: reply.bodyText, headers: reply.headers ?? {} }
  }
  return { post, calls }
}

async function checkOne(reply: {
  status: number
  bodyText: string
  headers?: Record<string, string>
}): Promise<KhqrCheckResult> {
  const { post } = scripted([() => reply])
  const client = createBakongClient({ baseUrl: 'https://bakong.test/', token: () => 'token', post, now: () => 0 })
  return (await client.check([MD5]))[0] as KhqrCheckResult
}

describe('Bakong amounts become integer minor units by their decimal text, never by float arithmetic', () => {
  test('ordinary amounts', () => {
    expect(bakongAmountToMinor(1.5, 'USD')).toBe(150)
    expect(bakongAmountToMinor(1.5, 'USD', '1.50')).toBe(150)
    expect(bakongAmountToMinor(4.35, 'USD')).toBe(435) // 4.35 * 100 is 434.99999999999994 in floats
    expect(bakongAmountToMinor(1.1, 'USD')).toBe(110) // 1.1 * 100 is 110.00000000000001
    expect(bakongAmountToMinor(19.99, 'USD')).toBe(1999)
    expect(bakongAmountToMinor(4000, 'KHR')).toBe(4000)
    expect(bakongAmountToMinor(4000, 'KHR', '4000.00')).toBe(4000)
    expect(bakongAmountToMinor(12, 'USD')).toBe(1200)
  })

  test('amounts that are not exact are refused, so they never match a sale', () => {
    expect(bakongAmountToMinor(0.1 + 0.2, 'USD')).toBeNull() // 0.30000000000000004
    expect(bakongAmountToMinor(1.005, 'USD')).toBeNull()
    expect(bakongAmountToMinor(1.5, 'USD', '1.5000001')).toBeNull()
    expect(bakongAmountToMinor(4000.5, 'KHR')).toBeNull()
    expect(bakongAmountToMinor(1e21, 'USD')).toBeNull()
    expect(bakongAmountToMinor(1e21, 'KHR')).toBeNull()
    expect(bakongAmountToMinor(1e-7, 'USD')).toBeNull()
    expect(bakongAmountToMinor(-1.5, 'USD')).toBeNull()
    expect(bakongAmountToMinor(0, 'USD')).toBeNull()
    expect(bakongAmountToMinor(Number.NaN, 'USD')).toBeNull()
    expect(bakongAmountToMinor(Number.POSITIVE_INFINITY, 'KHR')).toBeNull()
    expect(bakongAmountToMinor(2 ** 53, 'KHR')).toBeNull()
  })

  test('wrong types are refused', () => {
    for (const value of ['1.5', null, undefined, true, {}, [1.5]]) expect(bakongAmountToMinor(value, 'USD')).toBeNull()
  })

  test('the client reads the amount as written in the response (1.50, 0.30000000000000004, 1e21)', async () => {
    expect((await checkOne({ status: 200, bodyText: paidBody('1.50') })).transaction?.amount).toBe(150)
    expect((await checkOne({ status: 200, bodyText: paidBody('4000', 'KHR') })).transaction?.amount).toBe(4000)
    // 1.00000000000000001 rounds to the float 1; only the source text shows it is not a cent amount.
    const tooPrecise = await checkOne({ status: 200, bodyText: paidBody('1.00000000000000001') })
    expect(tooPrecise.state).toBe('paid')
    expect(tooPrecise.transaction?.amount).toBe(0)
    expect(tooPrecise.detail).toMatch(/not an exact USD amount/)
    for (const raw of ['0.30000000000000004', '1e21', '-1.5', '"1.50"', 'null', '4000.5']) {
      const currency = raw === '4000.5' ? 'KHR' : 'USD'
      const result = await checkOne({ status: 200, bodyText: paidBody(raw, currency) })
      expect(result.state, raw).toBe('paid')
      expect(result.transaction?.amount, raw).toBe(0)
    }
  })
})

describe('the envelope and HTTP answers map to distinct states', () => {
  test('unpaid is responseCode 1 with errorCode 1, not an error', async () => {
    const result = await checkOne({
      status: 200,
      bodyText: '{"responseCode":1,"responseMessage":"Transaction could not be found.","errorCode":1,"data":null}',
    })
    expect(result.state).toBe('unpaid')
  })

  test('token problems, geography, throttling, failures and outages', async () => {
    const cases: [{ status: number; bodyText: string; headers?: Record<string, string> }, string][] = [
      [{ status: 401, bodyText: '' }, 'unauthorized'],
      [
        { status: 200, bodyText: '{"responseCode":1,"responseMessage":"Unauthorized","errorCode":6,"data":null}' },
        'unauthorized',
      ],
      [{ status: 403, bodyText: '<html>Forbidden</html>' }, 'forbidden'],
      [{ status: 429, bodyText: '', headers: { 'Retry-After': '7' } }, 'throttled'],
      [{ status: 500, bodyText: '' }, 'unreachable'],
      [{ status: 504, bodyText: '<html>Gateway Timeout</html>' }, 'unreachable'],
      [{ status: 200, bodyText: 'not json' }, 'unreachable'],
      [
        { status: 200, bodyText: '{"responseCode":"0","responseMessage":"ok","errorCode":null,"data":{}}' },
        'unreachable',
      ],
      [{ status: 200, bodyText: '{"responseCode":0,"errorCode":null,"data":{}}' }, 'unreachable'],
      [
        { status: 200, bodyText: '{"responseCode":0,"responseMessage":"ok","errorCode":null,"data":{"hash":1}}' },
        'unreachable',
      ],
      [
        {
          status: 200,
          bodyText: '{"responseCode":1,"responseMessage":"Transaction failed","errorCode":3,"data":null}',
        },
        'failed',
      ],
      [{ status: 200, bodyText: '[]' }, 'unreachable'],
    ]
    for (const [reply, state] of cases) expect((await checkOne(reply)).state, JSON.stringify(reply)).toBe(state)
    expect((await checkOne({ status: 429, bodyText: '', headers: { 'retry-after': '7' } })).retryAfterMs).toBe(7000)
  })

  test('a network failure is unreachable, and without a token nothing is sent', async () => {
    const failing = createBakongClient({
      baseUrl: 'https://bakong.test',
      token: () => 't',
      post: async () => {
        throw new Error('ECONNREFUSED')
      },
    })
    expect((await failing.check([MD5]))[0]).toMatchObject({ state: 'unreachable' })
    const { post, calls } = scripted([() => ({ status: 200, bodyText: paidBody('1.5') })])
    const tokenless = createBakongClient({ baseUrl: 'https://bakong.test', token: () => null, post })
    expect((await tokenless.check([MD5]))[0]).toMatchObject({ state: 'unauthorized' })
    expect(calls).toHaveLength(0)
  })

  test('both spellings of the date fields are read', async () => {
    const body = `{"responseCode":0,"responseMessage":"ok","errorCode":null,"data":{"hash":"${HASH}","fromAccountId":"a@b","toAccountId":"shop@aclb","currency":"KHR","amount":4000,"createDateMs":1764000000000,"acknowledgeDateMs":1764000000500}}`
    const result = await checkOne({ status: 200, bodyText: body })
    expect(result.transaction).toMatchObject({
      createdAtMs: 1764000000000,
      acknowledgedAtMs: 1764000000500,
      amount: 4000,
    })
  })

  test('single checks send the md5 with the bearer token to check_transaction_by_md5', async () => {
    const { post, calls } = scripted([() => ({ status: 200, bodyText: paidBody('1.5') })])
    const client = createBakongClient({ baseUrl: 'https://bakong.test/', token: () => 'tok', post })
    await client.check([MD5])
    expect(calls[0]).toMatchObject({
      url: 'https://bakong.test/v1/check_transaction_by_md5',
      body: { md5: MD5 },
      headers: { authorization: 'Bearer tok', 'content-type': 'application/json' },
    })
  })
})

describe('batches use the list endpoint, with a fallback when it is refused', () => {
  const listBody = JSON.stringify({
    responseCode: 0,
    responseMessage: 'ok',
    errorCode: null,
    data: [
      { md5: MD5, status: 'SUCCESS', message: 'found', data: JSON.parse(transactionJson('1.5')) },
      { md5: MD5_B, status: 'NOT_FOUND', message: 'not found', data: null },
    ],
  })

  test('list statuses', async () => {
    const { post, calls } = scripted([() => ({ status: 200, bodyText: listBody })])
    const client = createBakongClient({ baseUrl: 'https://bakong.test', token: () => 't', post })
    const results = await client.check([MD5, MD5_B])
    expect(calls[0]?.url).toBe('https://bakong.test/v1/check_transaction_by_md5_list')
    expect(calls[0]?.body).toEqual([MD5, MD5_B])
    expect(results.map((result) => result.state)).toEqual(['paid', 'unpaid'])
    expect(results[0]?.transaction?.amount).toBe(150)
  })

  test('more than 50 md5s are sent in lists of 50', async () => {
    const { post, calls } = scripted([
      (_url, body) => ({
        status: 200,
        bodyText: JSON.stringify({
          responseCode: 0,
          responseMessage: 'ok',
          errorCode: null,
          data: (body as string[]).map((md5) => ({ md5, status: 'NOT_FOUND', message: '', data: null })),
        }),
      }),
    ])
    const client = createBakongClient({ baseUrl: 'https://bakong.test', token: () => 't', post })
    const md5s = Array.from({ length: 120 }, (_, index) => index.toString(16).padStart(32, '0'))
    const results = await client.check(md5s)
    expect(calls.map((call) => (call.body as string[]).length)).toEqual([50, 50, 20])
    expect(results.every((result) => result.state === 'unpaid')).toBe(true)
  })

  test('list 403 while single checks work: fall back, and skip the list afterwards', async () => {
    const { post, calls } = scripted([
      (url) =>
        url.endsWith('_list')
          ? { status: 403, bodyText: '' }
          : { status: 200, bodyText: '{"responseCode":1,"responseMessage":"nf","errorCode":1,"data":null}' },
    ])
    const client = createBakongClient({ baseUrl: 'https://bakong.test', token: () => 't', post })
    expect((await client.check([MD5, MD5_B])).map((result) => result.state)).toEqual(['unpaid', 'unpaid'])
    expect(calls.map((call) => call.url.split('/').at(-1))).toEqual([
      'check_transaction_by_md5_list',
      'check_transaction_by_md5',
      'check_transaction_by_md5',
    ])
    await client.check([MD5, MD5_B])
    expect(calls.slice(3).every((call) => call.url.endsWith('check_transaction_by_md5'))).toBe(true)
  })

  test('list 403 and single 403 too: that is the geographic refusal, every md5 forbidden', async () => {
    const { post, calls } = scripted([() => ({ status: 403, bodyText: '' })])
    const client = createBakongClient({ baseUrl: 'https://bakong.test', token: () => 't', post })
    expect((await client.check([MD5, MD5_B])).map((result) => result.state)).toEqual(['forbidden', 'forbidden'])
    // One single check proves it; the rest are not sent to a server that refuses us.
    expect(calls).toHaveLength(2)
  })
})

describe('token expiry is read from the JWT without verifying it', () => {
  const jwt = (claims: unknown) =>
    `${btoa('{"alg":"HS256"}').replaceAll('=', '')}.${btoa(JSON.stringify(claims)).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')}.sig`

  test('exp in seconds becomes ms; anything else is null', () => {
    expect(tokenExpiresAt(jwt({ exp: 1_780_000_000, data: { id: 'x' } }))).toBe(1_780_000_000_000)
    expect(tokenExpiresAt(jwt({ data: 'no exp' }))).toBeNull()
    expect(tokenExpiresAt(jwt({ exp: 'soon' }))).toBeNull()
    expect(tokenExpiresAt('not-a-jwt')).toBeNull()
    expect(tokenExpiresAt('a.!!!.c')).toBeNull()
  })
})
