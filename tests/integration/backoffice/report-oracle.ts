/**
 * The owner's report figures computed a second way: straight from the events the tills pushed, in
 * plain loops, knowing nothing of the back office's tables or queries. What the back office
 * answers must equal these sums.
 */
import type { PushEvent } from '../../../shared/sync-protocol.ts'

type Payload = Record<string, unknown> & {
  totals: Record<string, number>
  lines: Record<string, unknown>[]
  tenders?: { method: string; amount_minor: number }[]
  change?: { usd_minor: number; khr: number }
}

export interface OracleScope {
  from: string
  to: string
  /** Only this terminal's documents, or all. */
  terminalId: string | null
}

interface Sale {
  terminalId: string
  saleId: string
  day: string
  hour: number
  currency: 'USD' | 'KHR'
  rate: number
  total: number
  totalKhr: number
  vat: number
  vatKhr: number
  voided: boolean
  cashierId: string | null
  payload: Payload
}

interface Refund {
  terminalId: string
  day: string
  currency: 'USD' | 'KHR'
  rate: number
  total: number
  totalKhr: number
  vat: number
  vatKhr: number
  refundedBy: string | null
  payload: Payload
}

export interface Figures {
  sales: number
  gross_minor: number
  gross_khr: number
  vat_minor: number
  vat_khr: number
  voids: number
  voided_minor: number
  voided_khr: number
  voided_vat_minor: number
  voided_vat_khr: number
  refunds: number
  refunded_minor: number
  refunded_khr: number
  refunded_vat_minor: number
  refunded_vat_khr: number
}
export type CurrencyFigures = { USD: Figures; KHR: Figures }

const HOUR_MS = 3_600_000
const OFFSET_MS = 7 * HOUR_MS

function dayOf(epochMs: number): string {
  return new Date(epochMs + OFFSET_MS).toISOString().slice(0, 10)
}

/** Riel of an amount at a rate: dollars half up to the riel, riel as they are, sign kept. */
export function rielOf(amount: number, currency: string, rate: number): number {
  if (currency === 'KHR' || currency.endsWith('_khr')) return amount
  const magnitude = Math.floor((Math.abs(amount) * rate + 50) / 100)
  return amount < 0 ? -magnitude : magnitude
}

function noFigures(): Figures {
  return {
    sales: 0,
    gross_minor: 0,
    gross_khr: 0,
    vat_minor: 0,
    vat_khr: 0,
    voids: 0,
    voided_minor: 0,
    voided_khr: 0,
    voided_vat_minor: 0,
    voided_vat_khr: 0,
    refunds: 0,
    refunded_minor: 0,
    refunded_khr: 0,
    refunded_vat_minor: 0,
    refunded_vat_khr: 0,
  }
}

export function emptyFigures(): CurrencyFigures {
  return { USD: noFigures(), KHR: noFigures() }
}

/** The documents of every terminal, each on its business day (its shift's opening day in Phnom Penh). */
export class ShopLedger {
  readonly sales: Sale[] = []
  readonly refunds: Refund[] = []
  /** KHQR payments: request id → terminal, sale, currency, amount, source; and later check outcomes. */
  readonly khqr: {
    terminalId: string
    requestId: string
    saleId: string
    currency: string
    amount: number
    source: string
  }[] = []
  readonly outcomes = new Map<string, string>()

  constructor(terminals: readonly { terminalId: string; events: readonly PushEvent[] }[]) {
    for (const { terminalId, events } of terminals) this.read(terminalId, events)
  }

  private read(terminalId: string, events: readonly PushEvent[]): void {
    const shiftOpened = new Map<string, number>()
    const voided = new Set<string>()
    let practiceUntil = -1
    events.forEach((event, index) => {
      const payload = event.payload as Payload
      if (event.type === 'shift.opened') shiftOpened.set(payload.shift_id as string, payload.opened_at as number)
      if (event.type === 'sale.voided') voided.add(payload.sale_id as string)
      if (event.type === 'demo.ended') practiceUntil = index
      if (event.type === 'khqr.verified')
        this.outcomes.set(`${terminalId}|${payload.request_id}`, payload.outcome as string)
    })
    events.forEach((event, index) => {
      if (index < practiceUntil) return
      const payload = event.payload as Payload
      const day = (shiftId: unknown, at: number) => dayOf(shiftOpened.get(shiftId as string) ?? at)
      if (event.type === 'sale.completed') {
        const completedAt = payload.completed_at as number
        this.sales.push({
          terminalId,
          saleId: payload.sale_id as string,
          day: day(payload.shift_id, completedAt),
          hour: new Date(completedAt + OFFSET_MS).getUTCHours(),
          currency: payload.currency as 'USD' | 'KHR',
          rate: payload.rate_khr_per_usd as number,
          total: payload.totals.total_minor as number,
          totalKhr: payload.totals.total_khr as number,
          vat: payload.totals.vat_minor as number,
          vatKhr: payload.totals.vat_khr as number,
          voided: voided.has(payload.sale_id as string),
          cashierId: (payload.cashier_id as string | undefined) ?? null,
          payload,
        })
      }
      if (event.type === 'refund.created') {
        const currency = payload.currency as 'USD' | 'KHR'
        const rate = payload.rate_khr_per_usd as number
        const total = payload.totals.total_minor as number
        const vat = payload.totals.vat_minor as number
        this.refunds.push({
          terminalId,
          day: day(payload.shift_id, payload.at as number),
          currency,
          rate,
          total,
          totalKhr: rielOf(total, currency, rate),
          vat,
          vatKhr: rielOf(vat, currency, rate),
          refundedBy: (payload.refunded_by as string | undefined) ?? null,
          payload,
        })
      }
      if (event.type === 'khqr.confirmed')
        this.khqr.push({
          terminalId,
          requestId: payload.request_id as string,
          saleId: payload.sale_id as string,
          currency: payload.currency as string,
          amount: payload.amount as number,
          source: payload.source as string,
        })
    })
  }

  private inScope(document: { terminalId: string; day: string }, scope: OracleScope): boolean {
    return (
      document.day >= scope.from &&
      document.day <= scope.to &&
      (scope.terminalId === null || document.terminalId === scope.terminalId)
    )
  }

  salesIn(scope: OracleScope): Sale[] {
    return this.sales.filter((sale) => this.inScope(sale, scope))
  }

  refundsIn(scope: OracleScope): Refund[] {
    return this.refunds.filter((refund) => this.inScope(refund, scope))
  }

  /** Figures per group (by `saleKey` and `refundKey`), each per currency. */
  figuresBy(
    scope: OracleScope,
    saleKey: (sale: Sale) => string | null,
    refundKey: (refund: Refund) => string | null,
  ): Map<string | null, CurrencyFigures> {
    const groups = new Map<string | null, CurrencyFigures>()
    const of = (key: string | null) => {
      let figures = groups.get(key)
      if (!figures) {
        figures = emptyFigures()
        groups.set(key, figures)
      }
      return figures
    }
    for (const sale of this.salesIn(scope)) {
      const figures = of(saleKey(sale))[sale.currency]
      figures.sales++
      figures.gross_minor += sale.total
      figures.gross_khr += sale.totalKhr
      figures.vat_minor += sale.vat
      figures.vat_khr += sale.vatKhr
      if (sale.voided) {
        figures.voids++
        figures.voided_minor += sale.total
        figures.voided_khr += sale.totalKhr
        figures.voided_vat_minor += sale.vat
        figures.voided_vat_khr += sale.vatKhr
      }
    }
    for (const refund of this.refundsIn(scope)) {
      const figures = of(refundKey(refund))[refund.currency]
      figures.refunds++
      figures.refunded_minor += refund.total
      figures.refunded_khr += refund.totalKhr
      figures.refunded_vat_minor += refund.vat
      figures.refunded_vat_khr += refund.vatKhr
    }
    return groups
  }

  totals(scope: OracleScope): CurrencyFigures {
    return (
      this.figuresBy(
        scope,
        () => null,
        () => null,
      ).get(null) ?? emptyFigures()
    )
  }

  hours(scope: OracleScope) {
    const hours = Array.from({ length: 24 }, (_, hour) => ({
      hour,
      sales: 0,
      usd_minor: 0,
      khr_minor: 0,
      total_khr: 0,
    }))
    for (const sale of this.salesIn(scope)) {
      if (sale.voided) continue
      const row = hours[sale.hour] as (typeof hours)[number]
      row.sales++
      if (sale.currency === 'USD') row.usd_minor += sale.total
      else row.khr_minor += sale.total
      row.total_khr += sale.totalKhr
    }
    return hours
  }

  tenders(scope: OracleScope) {
    const rows = new Map<string, Record<string, number | string>>()
    const row = (method: string) => {
      let found = rows.get(method)
      if (!found) {
        found = {
          method,
          payments: 0,
          tendered_minor: 0,
          tendered_khr: 0,
          change_minor: 0,
          change_khr: 0,
          refunded_minor: 0,
          refunded_khr: 0,
          net_minor: 0,
          net_khr: 0,
        }
        rows.set(method, found)
      }
      return found as Record<string, number>
    }
    for (const method of ['cash_usd', 'cash_khr', 'khqr_usd', 'khqr_khr']) row(method)
    const add = (method: string, role: string, amount: number, rate: number) => {
      const target = row(method)
      const khr = rielOf(amount, method, rate)
      target[`${role}_minor`] = (target[`${role}_minor`] as number) + amount
      target[`${role}_khr`] = (target[`${role}_khr`] as number) + khr
      target.net_minor = (target.net_minor as number) + amount
      target.net_khr = (target.net_khr as number) + khr
    }
    for (const sale of this.salesIn(scope)) {
      if (sale.voided) continue
      for (const tender of sale.payload.tenders ?? []) {
        add(tender.method, 'tendered', tender.amount_minor, sale.rate)
        row(tender.method).payments = (row(tender.method).payments as number) + 1
      }
      if (sale.payload.change?.usd_minor) add('cash_usd', 'change', -sale.payload.change.usd_minor, sale.rate)
      if (sale.payload.change?.khr) add('cash_khr', 'change', -sale.payload.change.khr, sale.rate)
    }
    for (const refund of this.refundsIn(scope))
      for (const tender of refund.payload.tenders ?? [])
        add(tender.method, 'refunded', -tender.amount_minor, refund.rate)
    return [...rows.values()]
  }

  khqrStates(scope: OracleScope) {
    const states = ['bakong', 'verified_later', 'unverified', 'problem'].map((state) => ({
      state,
      payments: 0,
      usd_minor: 0,
      khr_minor: 0,
    }))
    const sales = new Map(this.salesIn(scope).map((sale) => [`${sale.terminalId}|${sale.saleId}`, sale]))
    for (const payment of this.khqr) {
      const sale = sales.get(`${payment.terminalId}|${payment.saleId}`)
      if (!sale || sale.voided) continue
      const outcome = this.outcomes.get(`${payment.terminalId}|${payment.requestId}`)
      const state =
        payment.source === 'bakong'
          ? 'bakong'
          : outcome === 'verified'
            ? 'verified_later'
            : outcome === undefined
              ? 'unverified'
              : 'problem'
      const row = states.find((candidate) => candidate.state === state) as (typeof states)[number]
      row.payments++
      if (payment.currency === 'USD') row.usd_minor += payment.amount
      else row.khr_minor += payment.amount
    }
    return states
  }

  /**
   * Per SKU: units and grams sold and refunded, the net in each currency, and the exact (fractional)
   * riel of the lines, which the back office's whole-riel shares may differ from by less than a
   * riel a line.
   */
  products(scope: OracleScope) {
    const rows = new Map<
      string,
      {
        key: string
        units: number
        units_refunded: number
        grams: number
        grams_refunded: number
        usd_minor: number
        khr_minor: number
        exactKhr: number
        lines: number
      }
    >()
    const row = (sku: string) => {
      let found = rows.get(sku)
      if (!found) {
        found = {
          key: sku,
          units: 0,
          units_refunded: 0,
          grams: 0,
          grams_refunded: 0,
          usd_minor: 0,
          khr_minor: 0,
          exactKhr: 0,
          lines: 0,
        }
        rows.set(sku, found)
      }
      return found
    }
    const lineTotal = (line: Record<string, unknown>, inclusive: boolean) =>
      (line.amount_minor as number) + (inclusive ? 0 : (line.vat_minor as number) + ((line.plt_minor as number) ?? 0))
    for (const sale of this.salesIn(scope)) {
      if (sale.voided) continue
      const inclusive = sale.payload.tax_inclusive === true
      for (const line of sale.payload.lines) {
        const target = row(line.sku as string)
        const total = lineTotal(line, inclusive)
        if (line.sold_by === 'weight') target.grams += line.qty as number
        else target.units += line.qty as number
        if (sale.currency === 'USD') target.usd_minor += total
        else target.khr_minor += total
        target.exactKhr += sale.total === 0 ? 0 : (total * sale.totalKhr) / sale.total
        target.lines++
      }
    }
    for (const refund of this.refundsIn(scope)) {
      const inclusive = refund.payload.totals.subtotal_minor === refund.total
      for (const line of refund.payload.lines) {
        const target = row(line.sku as string)
        const total = lineTotal(line, inclusive)
        if (line.sold_by === 'weight') target.grams_refunded += line.qty as number
        else target.units_refunded += line.qty as number
        if (refund.currency === 'USD') target.usd_minor -= total
        else target.khr_minor -= total
        target.exactKhr -= refund.total === 0 ? 0 : (total * refund.totalKhr) / refund.total
        target.lines++
      }
    }
    return [...rows.values()]
  }
}
