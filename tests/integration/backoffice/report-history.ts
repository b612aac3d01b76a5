/**
 * A generated history of a shop with several tills, made by the real till engine: days of shifts
 * opened by different cashiers, sales in dollars and in riel at hours across the day, goods by
 * count and by weight, paid in cash (with change), by a KHQR Bakong confirmed or confirmed by
 * hand (some verified later), or split in two currencies; voids, and partial refunds on the day
 * or days later. Returns each till's outbox as it would push it.
 */

import { expect } from 'vitest'
import { DEMO_PINS } from '../../../electron/core/ledger/demo.ts'
import { DENOMINATIONS } from '../../../electron/core/ledger/shifts.ts'
import type { PushEvent } from '../../../shared/sync-protocol.ts'
import type { ProductInput, SaleView } from '../../../shared/views.ts'
import { batchOf, type OutboxRow, pushEventOf, type TestBackoffice } from '../../support/backoffice-harness.ts'
import { openTestPos, type TestPos } from '../../support/pos.ts'
import { seededRandom } from '../../support/seeded-random.ts'
import { outboxRows } from './ledger-history.ts'
import { ShopLedger } from './report-oracle.ts'

export interface TillHistory {
  label: string
  events: PushEvent[]
}

const COUNTED_BARCODES = [
  '8850000000011', // iced coffee $1.50
  '8850000000028', // water ៛1,000
  '8850000000035', // sugarcane juice ៛2,500
  '8850000000042', // beer $0.90
  '8850000000059', // pork rice ៛8,000
  '8850000000066', // amok $4.50
  '8850000000080', // rice 5 kg $6.25, VAT exempt
  '8850000000097', // dish soap ៛4,500
  '8850000000103', // mosquito coil $1.75
]

const WEIGHED: ProductInput[] = [
  {
    sku: 'PORK-KG',
    nameEn: 'Pork belly',
    nameKm: 'សាច់ជ្រូកបីជាន់',
    categoryId: null,
    price: 24_000,
    currency: 'KHR',
    vatClass: 'standard',
    active: true,
    barcodes: [],
    soldBy: 'weight',
    scaleCode: null,
  },
  {
    sku: 'PRAWN-KG',
    nameEn: 'Prawns',
    nameKm: 'បង្គា',
    categoryId: null,
    price: 1_250,
    currency: 'USD',
    vatClass: 'standard',
    active: true,
    barcodes: [],
    soldBy: 'weight',
    scaleCode: null,
  },
]

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
/** Saturday 2026-11-28, 07:00 in Phnom Penh: the days run into the next week and the next month. */
export const FIRST_DAY = '2026-11-28'
const FIRST_MORNING = Date.UTC(2026, 10, 28, 0, 0)

/** Notes for an amount, largest first; what no note makes (cents, small riel) is left uncounted. */
function notesFor(amount: number, currency: 'USD' | 'KHR'): Record<string, number> {
  const counts: Record<string, number> = {}
  let left = Math.max(0, amount)
  for (const note of [...DENOMINATIONS[currency]].reverse()) {
    const count = Math.floor(left / note)
    if (count > 0) counts[String(note)] = count
    left -= count * note
  }
  return counts
}

function roundUp(amount: number, step: number): number {
  return Math.ceil(amount / step) * step
}

class Till {
  readonly paid: SaleView[] = []
  private readonly t: TestPos
  private readonly random: () => number
  private readonly weighed: string[]
  private readonly cashiers: { id: string; pin: string }[]
  private khqrCount = 0

  constructor(t: TestPos, random: () => number, weighed: string[], cashiers: { id: string; pin: string }[]) {
    this.t = t
    this.random = random
    this.weighed = weighed
    this.cashiers = cashiers
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T
  }

  async openDay(day: number): Promise<void> {
    const { t } = this
    const evening = day % 3 === 2 ? 14 * HOUR_MS : 0
    const morning = FIRST_MORNING + day * DAY_MS + evening + Math.floor(this.random() * 90) * 60_000
    if (t.clock.now < morning) t.clock.advance(morning - t.clock.now)
    const cashier = this.cashiers[day % this.cashiers.length] as { id: string; pin: string }
    await t.api.signIn(cashier.id, cashier.pin)
    await t.api.openShift({ usd: 2000, khr: 100_000 })
  }

  async closeDay(): Promise<void> {
    const { t } = this
    await t.api.signIn(t.manager.id, DEMO_PINS.manager)
    const expected = (await t.api.getXReport()).expectedCash
    await t.api.closeShift({ usd: notesFor(expected.usd, 'USD'), khr: notesFor(expected.khr, 'KHR') })
  }

  async sell(): Promise<void> {
    const { t, random } = this
    t.clock.advance((5 + Math.floor(random() * 70)) * 60_000)
    const lines = 1 + Math.floor(random() * 3)
    let sale: SaleView | null = null
    for (let n = 0; n < lines; n++) {
      if (random() < 0.3) sale = await t.api.addProduct(this.pick(this.weighed), 150 + Math.floor(random() * 2400))
      else sale = await t.api.scanBarcode(this.pick(COUNTED_BARCODES))
      if (random() < 0.25 && sale.lines.at(-1)?.soldBy === 'count')
        sale = await t.api.setLineQuantity(sale.lines.at(-1)?.id as string, 2 + Math.floor(random() * 3))
    }
    if (!sale) return
    sale = await t.api.setSaleCurrency(random() < 0.45 ? 'KHR' : 'USD')
    const paid = await this.pay(sale)
    this.paid.push(paid)
  }

  private async pay(sale: SaleView): Promise<SaleView> {
    const { t, random } = this
    const way = random()
    if (way < 0.28) return t.api.payCash('USD', roundUp(Math.max(sale.payment.stillDue.usd, 1), 100))
    if (way < 0.52) return t.api.payCash('KHR', roundUp(Math.max(sale.payment.stillDue.khrCash, 100), 1000))
    if (way < 0.62) {
      // Part in riel, the rest in dollars (with change in riel, as shops do).
      const part = await t.api.payCash('KHR', 1000)
      if (part.state === 'paid') return part
      return t.api.payCash('USD', roundUp(Math.max(part.payment.stillDue.usd, 1), 500))
    }
    const currency = random() < 0.5 ? 'USD' : 'KHR'
    const shown = await t.api.startKhqr(currency)
    const khqr = shown.khqr
    if (!khqr) throw new Error('no KHQR shown')
    if (way < 0.82) {
      this.khqrCount++
      return t.pos.ledger.sales.recordBakongPayment(
        {
          md5: khqr.md5,
          hash: `bakong-${this.khqrCount}-${khqr.md5.slice(0, 8)}`,
          amount: khqr.amount,
          currency,
          toAccountId: 'demo_shop@demo',
          createdAt: t.clock.now,
        },
        'bakong',
      )
    }
    const confirmed = await t.api.confirmKhqrByHand(t.approval('saw the bank app'))
    // Some hand confirmations are verified by a later Bakong check.
    if (random() < 0.5) {
      const tender = confirmed.tenders.find((row) => row.confirmation === 'manual')
      if (tender) {
        this.khqrCount++
        t.pos.ledger.sales.verifyManualKhqr(
          tender.id,
          {
            hash: `bakong-${this.khqrCount}-${khqr.md5.slice(0, 8)}`,
            fromAccountId: 'customer@aba',
            toAccountId: 'demo_shop@demo',
            currency,
            amount: khqr.amount,
            createdAtMs: t.clock.now,
            acknowledgedAtMs: null,
            description: null,
            externalRef: null,
          },
          'bakong',
        )
      }
    }
    return t.api.getSale(confirmed.id)
  }

  /** Voids the last sale, or refunds part of an earlier one (of this shift or of a day before). */
  async voidOrRefund(): Promise<void> {
    const { t, random } = this
    if (random() < 0.4) {
      const last = this.paid.pop()
      if (last) await t.api.voidSale(last.id, t.approval('rang twice'))
      return
    }
    const sale = this.pick(this.paid)
    if (!sale) return
    const line = this.pick(sale.lines)
    const quantity = line.soldBy === 'weight' ? Math.max(1, Math.floor(line.quantity / 2)) : 1
    const lines = [{ lineId: line.id, quantity }]
    const quote = await t.api.quoteRefund({ saleId: sale.id, lines })
    const kind = quote.currency === 'USD' ? 'cash_usd' : 'cash_khr'
    await t.api.refundSale({ saleId: sale.id, lines, tenders: [{ kind, amount: quote.total }] }, t.approval('returned'))
    // A line is refunded once here, so a later pick never asks for more than was sold.
    this.paid.splice(this.paid.indexOf(sale), 1)
  }
}

async function tillHistory(seed: number, index: number, days: number): Promise<OutboxRow[]> {
  const t = await openTestPos({ signIn: 'manager', openShift: false })
  try {
    const random = seededRandom(seed * 100 + index)
    const approval = t.approval('setting up')
    await t.api.updateSettings(
      {
        khqrManualLimits: {
          perSaleUsd: 1_000_000,
          perSaleKhr: 4_000_000_000,
          perShiftUsd: 10_000_000,
          perShiftKhr: 40_000_000_000,
        },
      },
      approval,
    )
    const weighed: string[] = []
    for (const product of WEIGHED) weighed.push((await t.api.saveProduct(product, null, t.approval('new'))).id)
    const sophea = await t.api.createUser({ name: `Sophea ${index}`, role: 'cashier', pin: '4826' }, t.approval('hire'))
    const till = new Till(t, random, weighed, [
      { id: t.cashier.id, pin: DEMO_PINS.cashier },
      { id: sophea.id, pin: '4826' },
      { id: t.manager.id, pin: DEMO_PINS.manager },
    ])
    for (let day = 0; day < days; day++) {
      await till.openDay(day)
      const sales = 4 + Math.floor(random() * 6)
      for (let n = 0; n < sales; n++) {
        await till.sell()
        if (random() < 0.25) await till.voidOrRefund()
      }
      await till.closeDay()
    }
    return outboxRows(t)
  } finally {
    await t.pos.shutdown(1_000)
  }
}

/** Two tills' histories over `days` days from FIRST_DAY, decided by `seed`. */
export async function generateShopHistory(seed: number, days = 4): Promise<TillHistory[]> {
  const labels = ['Front till', 'Back till']
  const histories: TillHistory[] = []
  for (const [index, label] of labels.entries())
    histories.push({ label, events: (await tillHistory(seed, index, days)).map(pushEventOf) })
  return histories
}

/** Enrols each till under its name and pushes its whole outbox in batches, as its sync would. */
export async function pushShop(bo: TestBackoffice, tills: readonly TillHistory[]): Promise<ShopLedger> {
  const terminals: { terminalId: string; events: TillHistory['events'] }[] = []
  for (const till of tills) {
    const terminal = await bo.enrolTerminal(till.label)
    for (let start = 0; start < till.events.length; start += 200) {
      const answer = await bo.http('POST', '/v1/sync/events', {
        token: terminal.accessToken,
        body: batchOf(terminal.terminalId, till.events.slice(start, start + 200)),
      })
      expect(answer.status).toBe(200)
      expect(answer.body.results.every((result: { status: string }) => result.status === 'accepted')).toBe(true)
    }
    terminals.push({ terminalId: terminal.terminalId, events: till.events })
  }
  return new ShopLedger(terminals)
}
