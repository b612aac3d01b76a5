/**
 * The owner's pages in Debian's Chromium, as an owner opens them on a laptop (1366×768) and on a
 * phone: the CSP refuses nothing (no inline style or script slipped in), Khmer is drawn with the
 * Noto Sans Khmer the back office serves, each chart the server drew parses as XML and takes its
 * colours from the stylesheet, and axe finds no serious accessibility problem. The screenshots go
 * to artifacts/screens/backoffice for a person to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { expect, test } from 'vitest'
import { launchChromium } from '../../e2e/chromium.ts'
import { OWNER_PASSWORD, openTestBackoffice } from '../../support/backoffice-harness.ts'
import { FIRST_DAY, generateShopHistory, pushShop } from './report-history.ts'

const SHOTS = resolve(import.meta.dirname, '../../../artifacts/screens/backoffice')
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const PAGES = [
  ['reports', `/?from=${FIRST_DAY}&to=2026-12-01`],
  ['reports-day', '/?period=day&date=2026-11-29'],
  ['terminals', '/terminals'],
  ['catalog', '/catalog'],
  ['checks', '/checks'],
] as const

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE)
  const found = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe
    return (await axe.run()).violations
  })) as { id: string; impact: string | null; nodes: { target: string[] }[] }[]
  return found
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}

test('in Chromium, on a laptop and a phone: nothing refused by the CSP, Khmer in the served font, well-formed charts, no serious accessibility problem', async () => {
  mkdirSync(SHOTS, { recursive: true })
  const bo = await openTestBackoffice('sqlite', null, { now: () => Date.UTC(2026, 11, 2, 3, 0) })
  const browser = await launchChromium()
  try {
    await pushShop(bo, await generateShopHistory(5))
    await bo.backoffice.createTerminal('Spare till')
    const login = await bo.http('POST', '/login', {
      body: `password=${encodeURIComponent(OWNER_PASSWORD)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    const [name, value] = ((login.headers.get('set-cookie') ?? '').split(';')[0] as string).split('=') as [
      string,
      string,
    ]
    const served = (await bo.http('GET', PAGES[0][1], { headers: { cookie: `${name}=${value}` } })).text
    const svgs = [...served.matchAll(/<svg class="chart"[\s\S]*?<\/svg>/g)].map((match) => match[0])
    expect(svgs).toHaveLength(7)

    for (const [device, width, height] of [
      ['desktop', 1366, 768],
      ['phone', 390, 844],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 })
      await context.addCookies([{ name, value, url: bo.url }])
      const page = await context.newPage()
      const problems: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text())
      })
      page.on('requestfailed', (request) => problems.push(`${request.url()} failed`))
      for (const [screen, path] of PAGES) {
        const answer = await page.goto(`${bo.url}${path}`)
        expect(answer?.status(), screen).toBe(200)
        await page.evaluate(() => document.fonts.ready)
        await page.screenshot({ path: resolve(SHOTS, `${screen}-${device}.png`) })
        await page.screenshot({ path: resolve(SHOTS, `${screen}-${device}-full.png`), fullPage: true })
        expect(await seriousViolations(page), `${screen} on a ${device}`).toEqual([])
      }
      await page.goto(`${bo.url}${PAGES[0][1]}`)
      await page.evaluate(() => document.fonts.ready)
      const drawn = await page.evaluate((charts) => {
        const khmerFaces = [...document.fonts].filter(
          (face) => face.family.replace(/"/g, '') === 'Noto Sans Khmer' && face.status === 'loaded',
        )
        const bar = document.querySelector('svg.chart .bar rect')
        return {
          khmerFaces: khmerFaces.length,
          khmerDrawn: document.fonts.check('16px "Noto Sans Khmer"', 'របាយការណ៍'),
          barFill: bar ? getComputedStyle(bar).fill : null,
          wellFormed: charts.map(
            (svg) => new DOMParser().parseFromString(svg, 'image/svg+xml').querySelector('parsererror') === null,
          ),
        }
      }, svgs)
      expect(drawn).toEqual({
        khmerFaces: expect.any(Number),
        khmerDrawn: true,
        barFill: 'rgb(43, 108, 176)',
        wellFormed: svgs.map(() => true),
      })
      expect(drawn.khmerFaces).toBeGreaterThan(0)
      expect(problems, device).toEqual([])
      await context.close()
    }
  } finally {
    await browser.close()
    await bo.close()
  }
}, 240_000)
