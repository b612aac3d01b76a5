/**
 * The owner's page as an owner and a browser meet it, on SQLite and PostgreSQL: Khmer first with
 * the English beside it, the strict CSP kept (no script, no inline style), charts drawn on the
 * server that carry the very figures of the reports, a CSV download for each report, one name per
 * terminal, an honest "never synced", practice sales left out, and the report tables filled in
 * at start for a back office that already held events.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { createBackoffice } from '../../../backoffice/src/app.ts'
import { textCell } from '../../../backoffice/src/report-csv.ts'
import { batchOf, OWNER_PASSWORD, pushEventOf, type TestBackoffice } from '../../support/backoffice-harness.ts'
import { backofficeSuites, demoThenOwnShopOutbox } from './ledger-history.ts'
import { FIRST_DAY, generateShopHistory, pushShop, type TillHistory } from './report-history.ts'
import { type CurrencyFigures, emptyFigures, ShopLedger } from './report-oracle.ts'

const suites = await backofficeSuites()
const LAST_DAY = '2026-12-01'
const PERIOD = `from=${FIRST_DAY}&to=${LAST_DAY}`
const NOW = Date.UTC(2026, 11, 2, 3, 0)
let shop: TillHistory[] = []
beforeAll(async () => {
  shop = await generateShopHistory(4)
}, 120_000)

/** Riel as the owner reads it, written here without the back office's formatter. */
function riel(amount: number): string {
  return `${amount < 0 ? '−' : ''}${Math.abs(amount).toLocaleString('en-US')} ៛`
}

function netRiel(figures: CurrencyFigures): number {
  const net = (f: CurrencyFigures['USD']) => f.gross_khr - f.voided_khr - f.refunded_khr
  return net(figures.USD) + net(figures.KHR)
}

async function signedIn(bo: TestBackoffice): Promise<string> {
  const login = await bo.http('POST', '/login', {
    body: `password=${encodeURIComponent(OWNER_PASSWORD)}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  expect(login.status).toBe(303)
  return (login.headers.get('set-cookie') ?? '').split(';')[0] as string
}

/** The inline SVG charts of a page, by id. */
function charts(html: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const match of html.matchAll(/<svg class="chart" id="([a-z-]+)"[\s\S]*?<\/svg>/g))
    found.set(match[1] as string, match[0])
  return found
}

function barValues(svg: string): number[] {
  return [...svg.matchAll(/<g class="bar[^"]*" data-value="(-?\d+)"><title>([^<]*)<\/title>/g)].map((match) =>
    Number(match[1]),
  )
}

function barTitles(svg: string): string[] {
  return [...svg.matchAll(/<g class="bar[^"]*" data-value="-?\d+"><title>([^<]*)<\/title>/g)].map(
    (match) => match[1] as string,
  )
}

/** A CSV file's rows, quotes undone. */
function csvRows(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"'
        index++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(cell)
      cell = ''
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      index++
    } else cell += char
  }
  return rows
}

suites.onEachStore('the owner page on %s', (kind, open) => {
  test('Khmer first on every label, the strict CSP kept, and charts and tables that carry the reports’ figures', async () => {
    const bo = await open({ now: () => NOW })
    const ledger = await pushShop(bo, shop)
    const cookie = await signedIn(bo)
    const page = await bo.http('GET', `/?${PERIOD}`, { headers: { cookie } })
    expect(page.status).toBe(200)
    const csp = page.headers.get('content-security-policy') ?? ''
    for (const directive of ["default-src 'none'", "style-src 'self'", "font-src 'self'", "form-action 'self'"])
      expect(csp).toContain(directive)
    expect(csp).not.toMatch(/unsafe|script-src/)
    expect(page.text).not.toMatch(/<script|\sstyle=|\son[a-z]+=|javascript:/i)
    expect(page.text).toContain('<html lang="km">')

    // Every English label stands beside its Khmer.
    const english = page.text.match(/<span class="en" lang="en">/g) ?? []
    const paired = page.text.match(/<span lang="km">[^<]+<\/span> <span class="en" lang="en">/g) ?? []
    expect(english.length).toBeGreaterThan(100)
    expect(paired.length).toBe(english.length)
    for (const khmer of ['របាយការណ៍', 'ប្រាក់សុទ្ធ', 'សរុបជារៀល', 'អាករ VAT', 'សាច់ប្រាក់ដុល្លារ', 'KHQR រៀល', 'តាមម៉ោង'])
      expect(page.text).toContain(khmer)

    const scope = { from: FIRST_DAY, to: LAST_DAY, terminalId: null }
    const totals = ledger.totals(scope)
    expect(page.text).toContain(`<p class="card-value">${riel(netRiel(totals))}</p>`)

    const svgs = charts(page.text)
    expect([...svgs.keys()]).toEqual([
      'chart-days',
      'chart-payments',
      'chart-products',
      'chart-categories',
      'chart-hours',
      'chart-cashiers',
      'chart-terminals',
    ])
    for (const [id, svg] of svgs) {
      expect(svg, id).toContain(`role="img" aria-labelledby="${id}-title ${id}-desc"`)
      expect(svg, id).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title><desc id="${id}-desc">[^<]+</desc>`))
    }
    const perDay = ledger.figuresBy(
      scope,
      (sale) => sale.day,
      (refund) => refund.day,
    )
    const days = ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01']
    const dayNet = days.map((day) => netRiel(perDay.get(day) ?? emptyFigures()))
    expect(barValues(svgs.get('chart-days') as string)).toEqual(dayNet)
    expect(barTitles(svgs.get('chart-days') as string)).toEqual(
      days.map((day, index) => `${day.slice(8, 10)}/${day.slice(5, 7)}: ${riel(dayNet[index] as number)}`),
    )
    for (const [index, day] of days.entries())
      expect(page.text).toContain(
        `<th scope="row" class="day">${day}</th><td class="num"><strong>${riel(dayNet[index] as number)}</strong></td>`,
      )
    expect(barValues(svgs.get('chart-hours') as string)).toEqual(ledger.hours(scope).map((hour) => hour.sales))
    expect(barValues(svgs.get('chart-payments') as string)).toEqual(
      ledger.tenders(scope).map((tender) => tender.net_khr),
    )
    const terminals = ledger.figuresBy(
      scope,
      (sale) => sale.terminalId,
      (refund) => refund.terminalId,
    )
    expect(barValues(svgs.get('chart-terminals') as string).sort()).toEqual(
      [...terminals.values()].map((figures) => netRiel(figures)).sort(),
    )
    const products = ledger.products(scope)
    expect(barValues(svgs.get('chart-products') as string)).toHaveLength(Math.min(10, products.length))
    expect(barValues(svgs.get('chart-products') as string).reduce((sum, value) => sum + value, 0)).toBeLessThanOrEqual(
      netRiel(totals),
    )
    // Each report can be downloaded as it is shown, with a plain link.
    for (const name of [
      'summary',
      'days',
      'hours',
      'payments',
      'khqr',
      'products',
      'categories',
      'cashiers',
      'terminals',
    ])
      expect(page.text).toContain(`href="/reports/${name}.csv?from=${FIRST_DAY}&amp;to=${LAST_DAY}" download`)
  }, 120_000)

  test('each report downloads as CSV (UTF-8 with its mark, Khmer and English headers) with the same figures', async () => {
    const bo = await open({ now: () => NOW })
    const ledger = await pushShop(bo, shop)
    const cookie = await signedIn(bo)
    const anonymous = await bo.http('GET', `/reports/days.csv?${PERIOD}`)
    expect(anonymous.status).toBe(303)
    const download = async (name: string) => {
      const answer = await fetch(`${bo.url}/reports/${name}.csv?${PERIOD}`, { headers: { cookie } })
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8')
      expect(answer.headers.get('content-disposition')).toBe(
        `attachment; filename="${name}-${FIRST_DAY}-${LAST_DAY}.csv"`,
      )
      const bytes = Buffer.from(await answer.arrayBuffer())
      // The byte-order mark that tells a spreadsheet the file is UTF-8 (else Khmer comes out garbled).
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      return csvRows(bytes.subarray(3).toString('utf8'))
    }
    const scope = { from: FIRST_DAY, to: LAST_DAY, terminalId: null }
    const days = await download('days')
    const header = days[0] as string[]
    expect(header[0]).toBe('ថ្ងៃ / Day')
    const netColumn = header.indexOf('ប្រាក់សុទ្ធ សរុបជារៀល / Net sales All in riel')
    const countColumn = header.indexOf('ចំនួនការលក់ / Number of sales')
    expect(netColumn).toBeGreaterThan(0)
    const perDay = ledger.figuresBy(
      scope,
      (sale) => sale.day,
      (refund) => refund.day,
    )
    expect(days.slice(1).map((row) => [row[0], Number(row[countColumn]), Number(row[netColumn])])).toEqual(
      ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01'].map((day) => {
        const figures = perDay.get(day) ?? emptyFigures()
        return [day, figures.USD.sales + figures.KHR.sales, netRiel(figures)]
      }),
    )
    const totals = ledger.totals(scope)
    const summary = await download('summary')
    const grossUsd = (summary[0] as string[]).indexOf('ការលក់សរុប ដុល្លារ / Gross sales US dollars')
    expect(summary[1]?.[grossUsd]).toBe((totals.USD.gross_minor / 100).toFixed(2))
    const hours = await download('hours')
    expect(hours.slice(1).map((row) => Number(row[1]))).toEqual(ledger.hours(scope).map((hour) => hour.sales))
    const payments = await download('payments')
    expect(payments.slice(1).map((row) => [row[0], Number(row[7])])).toEqual(
      ledger.tenders(scope).map((tender) => [tender.method, tender.net_khr]),
    )
    const products = await download('products')
    const expected = ledger.products(scope)
    expect(products.length - 1).toBe(expected.length)
    for (const row of products.slice(1)) {
      const own = expected.find((product) => product.key === row[0])
      expect(own, row[0]).toBeDefined()
      expect([Number(row[3]), row[5]]).toEqual([own?.units, ((own?.grams ?? 0) / 1000).toFixed(3)])
    }
    expect((await download('khqr')).slice(1).map((row) => Number(row[1]))).toEqual(
      ledger.khqrStates(scope).map((state) => state.payments),
    )
    expect((await download('cashiers')).length - 1).toBe(
      ledger.figuresBy(
        scope,
        (sale) => sale.cashierId,
        (refund) => refund.refundedBy,
      ).size,
    )
    expect((await download('terminals')).length - 1).toBe(2)
    // The till names each line's category: one row per category sold, plus "no category" for the shop's own goods.
    const categories = new Set(
      ledger
        .salesIn(scope)
        .flatMap((sale) => sale.payload.lines.map((line) => (line.category as { id?: string } | null)?.id ?? '')),
    )
    expect((await download('categories')).length - 1).toBe(categories.size)
    // The names are the names sold under at the till, not a later (or hostile) name in the back office's catalog.
    const cheeky = await bo.http('POST', '/v1/admin/catalog', {
      token: await bo.ownerToken(),
      body: {
        kind: 'product',
        item: {
          id: 'p-prawn',
          sku: 'PRAWN-KG',
          name_en: '=HYPERLINK("http://evil.example")',
          name_km: 'បង្គា',
          price_minor: 1250,
          currency: 'USD',
          vat_class: 'standard',
          sold_by: 'weight',
        },
      },
    })
    expect(cheeky.status).toBe(201)
    const named = await download('products')
    const prawn = named.find((row) => row[0] === 'PRAWN-KG')
    expect(prawn?.slice(1, 3)).toEqual(['បង្គា', 'Prawns'])
    // And a name a spreadsheet would run as a formula comes out as text.
    expect(textCell('=HYPERLINK("http://evil.example")')).toBe(`'=HYPERLINK("http://evil.example")`)
    expect(textCell('-1+2')).toBe("'-1+2")
    expect(textCell('Prawns')).toBe('Prawns')
  }, 120_000)

  test('a second terminal of the same name (any case, any spacing) is refused: 409 in the API, said on the page', async () => {
    const bo = await open()
    const token = await bo.ownerToken()
    const create = (label: string) => bo.http('POST', '/v1/admin/terminals', { token, body: { label } })
    expect((await create('Front till')).status).toBe(201)
    for (const same of ['front till', '  FRONT   TILL ', 'Front\ttill']) {
      const refused = await create(same)
      expect(refused.status, same).toBe(409)
      expect(refused.body.error).toMatchObject({ code: 'terminal_label_taken', field: 'label' })
    }
    expect((await create('   ')).status).toBe(400)
    const back = await create('Back  till ')
    expect(back.status).toBe(201)
    expect(back.body.label).toBe('Back till')
    // A revoked terminal keeps its name: its sales stay in the reports under it.
    await bo.http('POST', `/v1/admin/terminals/${back.body.terminal_id}/revoke`, { token })
    expect((await create('back till')).status).toBe(409)
    // Two owners' tabs creating one new name at once: exactly one is created.
    const racing = await Promise.all([create('Kitchen'), create('kitchen')])
    expect(racing.map((answer) => answer.status).sort()).toEqual([201, 409])

    const cookie = await signedIn(bo)
    const terminalsPage = await bo.http('GET', '/terminals', { headers: { cookie } })
    const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(terminalsPage.text)?.[1] as string
    const form = await bo.http('POST', '/terminals', {
      body: `label=${encodeURIComponent(' FRONT TILL')}&csrf=${csrf}`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(form.status).toBe(409)
    expect(form.text).toContain('មានម៉ាស៊ីនឈ្មោះនេះរួចហើយ៖ សូមដាក់ឈ្មោះផ្សេង។')
    expect(form.text).toContain('A terminal already has this name: choose another.')
    expect(form.text).not.toContain('<p class="code">')
    // The terminal of that name waits to be paired: a new code for it is one button away.
    const front = (await bo.http('GET', '/v1/admin/terminals', { token })).body.terminals.find(
      (terminal: { label: string }) => terminal.label === 'Front till',
    )
    const again = await bo.http('POST', `/terminals/${front.terminal_id}/code`, {
      body: `csrf=${csrf}`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(again.text).toMatch(/Front till<\/h2>.*<p class="code">[A-Z2-9]{8}<\/p>/s)
    const listed = await bo.http('GET', '/v1/admin/terminals', { token })
    expect(listed.body.terminals.map((terminal: { label: string }) => terminal.label).sort()).toEqual([
      'Back till',
      'Front till',
      expect.stringMatching(/^kitchen$/i),
    ])
  })

  test('a terminal that never synced says so, instead of "verified", on every page that lists it', async () => {
    const bo = await open({ now: () => NOW })
    await pushShop(bo, shop.slice(0, 1))
    await bo.enrolTerminal('Quiet till')
    await bo.backoffice.createTerminal('Spare till')
    const cookie = await signedIn(bo)
    const rowsOf = (html: string) => html.split('<tr>').slice(1)
    const terminals = await bo.http('GET', '/terminals', { headers: { cookie } })
    for (const label of ['Quiet till', 'Spare till']) {
      const row = rowsOf(terminals.text).find((candidate) => candidate.includes(`>${label}<br>`)) ?? ''
      expect(row, label).toContain('មិនទាន់ធ្វើសមកាលកម្ម')
      expect(row, label).toContain('never synced')
      expect(row, label).not.toContain('verified')
    }
    const front = rowsOf(terminals.text).find((candidate) => candidate.includes('>Front till<br>')) ?? ''
    expect(front).toContain('<span class="ok"><span lang="km">បានផ្ទៀងផ្ទាត់</span>')
    expect(front).not.toContain('never synced')
    const reports = await bo.http('GET', `/?${PERIOD}`, { headers: { cookie } })
    expect(reports.text).toContain('<span class="warn"><strong>Quiet till</strong>: <span lang="km">មិនទាន់ធ្វើសមកាលកម្ម')
    expect(reports.text).toContain(
      '<tr><th scope="row">Spare till</th><td colspan="6" class="warn"><span lang="km">មិនទាន់ធ្វើសមកាលកម្ម',
    )
    const csv = await bo.http('GET', `/reports/terminals.csv?${PERIOD}`, { headers: { cookie } })
    const rows = csvRows(csv.text)
    expect(rows.find((row) => row[0] === 'Spare till')?.[3]).toBe('មិនទាន់ធ្វើសមកាលកម្ម / never synced')
    expect(rows.find((row) => row[0] === 'Front till')?.[3]).toBe('បានផ្ទៀងផ្ទាត់ / verified')
  })

  test('the demo’s practice sales, refunds and payments count in no report', async () => {
    const bo = await open({ now: () => Date.UTC(2026, 10, 24, 12, 0) })
    const terminal = await bo.enrolTerminal()
    const events = (await demoThenOwnShopOutbox()).map(pushEventOf)
    await bo.http('POST', '/v1/sync/events', {
      token: terminal.accessToken,
      body: batchOf(terminal.terminalId, events),
    })
    const ledger = new ShopLedger([{ terminalId: terminal.terminalId, events }])
    const report = (
      await bo.http('GET', '/v1/admin/reports?period=day&date=2026-11-24', { token: await bo.ownerToken() })
    ).body
    expect(report.totals).toEqual(ledger.totals({ from: '2026-11-24', to: '2026-11-24', terminalId: null }))
    expect(report.totals.USD).toMatchObject({ sales: 1, gross_minor: 450, voids: 0, refunds: 0 })
    expect(report.totals.KHR.sales).toBe(0)
    expect(report.products.map((row: { key: string; units: number }) => [row.key, row.units])).toEqual([['AMOK', 1]])
    expect(report.tenders.find((row: { method: string }) => row.method === 'cash_usd')).toMatchObject({
      payments: 1,
      tendered_minor: 500,
    })
    expect(report.hours.reduce((sum: number, hour: { sales: number }) => sum + hour.sales, 0)).toBe(1)
    expect(report.cashiers).toHaveLength(1)
  })

  test('a back office that held events before the report tables fills them in at start, once', async () => {
    const bo = await open({ now: () => NOW })
    await pushShop(bo, shop)
    const token = await bo.ownerToken()
    const read = async (
      handle: (request: Parameters<TestBackoffice['backoffice']['handle']>[0]) => Promise<{ body: unknown }>,
    ) =>
      (
        await handle({
          method: 'GET',
          path: '/v1/admin/reports',
          query: { from: FIRST_DAY, to: LAST_DAY },
          headers: { authorization: `Bearer ${token}` },
          body: undefined,
        })
      ).body as Record<string, unknown>
    const { server_time: _time, ...before } = await read((request) => bo.backoffice.handle(request))
    // As a back office of the version before: no lines, no payments, no cashiers, no riel of refunds.
    await bo.store.run('DELETE FROM sale_lines')
    await bo.store.run('DELETE FROM refund_lines')
    await bo.store.run('DELETE FROM payments')
    await bo.store.run('DELETE FROM cashiers')
    await bo.store.run('UPDATE sales SET cashier_id = NULL, cashier_name = NULL, vat_khr = NULL')
    await bo.store.run('UPDATE refunds SET vat_minor = NULL, total_khr = NULL, vat_khr = NULL, refunded_by = NULL')
    await bo.store.run("DELETE FROM meta WHERE key = 'report_models_filled'")
    const emptied = await read((request) => bo.backoffice.handle(request))
    expect(emptied.products).toEqual([])
    const said: string[] = []
    const options = { store: bo.store, now: () => NOW, log: (message: string) => said.push(message) }
    const restarted = await createBackoffice(options)
    const { server_time: _later, ...after } = await read((request) => restarted.handle(request))
    expect(after).toEqual(before)
    expect(said).toEqual([expect.stringMatching(/filled in for \d+ stored sales and refunds/)])
    await createBackoffice(options)
    expect(said).toHaveLength(1)
  })

  describe.runIf(kind === 'sqlite')('the period asked for', () => {
    test('a date that cannot be read shows the last 7 days and says so; the API answers 400', async () => {
      const bo = await open({ now: () => NOW })
      const cookie = await signedIn(bo)
      const page = await bo.http('GET', '/?period=week&date=2026-02-30', { headers: { cookie } })
      expect(page.status).toBe(200)
      expect(page.text).toContain('កាលបរិច្ឆេទមិនត្រឹមត្រូវ')
      expect(page.text).toContain('<strong>2026-11-26 – 2026-12-02</strong>')
      const api = await bo.http('GET', '/v1/admin/reports?from=2026-13-01&to=2026-12-01', {
        token: await bo.ownerToken(),
      })
      expect(api.status).toBe(400)
      const week = await bo.http('GET', '/?period=week&date=2026-12-02', { headers: { cookie } })
      expect(week.text).toContain('<strong>2026-11-30 – 2026-12-06</strong>')
      // The week before and after are one link away, and keep the chosen terminal.
      expect(week.text).toContain('href="/?period=week&amp;date=2026-11-23"')
      expect(week.text).toContain('href="/?period=week&amp;date=2026-12-07"')
    })
  })
})
