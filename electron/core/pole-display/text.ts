/**
 * What a 2×20 pole display (VFD) in front of the customer says, from the customer view: the line
 * just rung up and its price, the total, "scan KHQR", PAID and the change. These displays have a
 * Latin character ROM only, so the text is ASCII: the product's English name, riel as "KHR".
 */
import type { CustomerCart, CustomerView } from '../../../shared/api.ts'
import { quantityText, tenderCurrency } from '../../../shared/money/index.ts'
import { paperMoney } from '../printing/layouts.ts'

export const POLE_COLUMNS = 20

export type PoleLines = readonly [string, string]

/** ASCII only: accents dropped (é → e), anything else the display cannot draw becomes a space. */
export function poleAscii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** A label on the left and a figure on the right of one 20-column line; the label gives way. */
function pair(label: string, figure: string): string {
  const room = POLE_COLUMNS - figure.length - 1
  if (room <= 0) return figure.slice(0, POLE_COLUMNS).padStart(POLE_COLUMNS)
  return `${poleAscii(label).slice(0, room).padEnd(room)} ${figure}`
}

function centred(text: string): string {
  const ascii = poleAscii(text).slice(0, POLE_COLUMNS)
  const left = Math.floor((POLE_COLUMNS - ascii.length) / 2)
  return (' '.repeat(left) + ascii).padEnd(POLE_COLUMNS)
}

/** What the display showed last: the cart, and which of its lines was on the upper row. */
export interface PoleMemory {
  cart: CustomerCart
  focus: number
}

/**
 * The line the cashier just touched: a new one, or the one whose quantity or amount moved. When
 * nothing moved (a QR cancelled, say) the line shown before stays; with nothing before, the last.
 */
function focusOf(cart: CustomerCart, before: PoleMemory | null): number {
  const previous = before?.cart.lines ?? []
  const changed = cart.lines.findIndex((line, at) => {
    const old = previous[at]
    return !old || old.nameEn !== line.nameEn || old.quantity !== line.quantity || old.amount !== line.amount
  })
  if (changed !== -1) return changed
  if (before && before.focus < cart.lines.length && previous.length === cart.lines.length) return before.focus
  return cart.lines.length - 1
}

function lineText(line: CustomerCart['lines'][number], currency: CustomerCart['currency']): string {
  const figure = line.own ? paperMoney(line.own.amount, line.own.currency) : paperMoney(line.amount, currency)
  const howMany =
    line.soldBy === 'weight'
      ? `${quantityText(line.quantity, 'weight', 'en')} `
      : line.quantity > 1
        ? `${line.quantity}x `
        : ''
  return pair(`${howMany}${line.nameEn}`, figure)
}

function changeText(change: { usd: number; khr: number }): string {
  const parts = [
    change.usd > 0 ? paperMoney(change.usd, 'USD') : null,
    change.khr > 0 ? paperMoney(change.khr, 'KHR') : null,
  ]
  const figure = parts.filter(Boolean).join('+')
  return figure.length + 'CHANGE '.length <= POLE_COLUMNS ? pair('CHANGE', figure) : pair('CHG', figure)
}

/** The two lines for a customer view, given what was shown before; and what to remember for next time. */
export function poleScreenFor(
  view: CustomerView,
  before: PoleMemory | null,
): { lines: PoleLines; memory: PoleMemory | null } {
  const memory =
    view.state === 'idle'
      ? null
      : view.state === 'cart'
        ? { cart: view.cart, focus: focusOf(view.cart, before) }
        : before
  return { lines: poleLines(view, before), memory }
}

/** The two lines for a customer view; `before` is what was shown last, to find the line that changed. */
export function poleLines(view: CustomerView, before: PoleMemory | null): PoleLines {
  switch (view.state) {
    case 'idle':
      return [centred(view.shop.nameEn), centred('WELCOME')]
    case 'cart': {
      const line = view.cart.lines[focusOf(view.cart, before)]
      const total = pair('TOTAL', paperMoney(view.cart.total, view.cart.currency))
      return [line ? lineText(line, view.cart.currency) : centred(view.shop.nameEn), total]
    }
    case 'khqr':
      return [centred('SCAN KHQR TO PAY'), pair('TOTAL', paperMoney(view.khqr.amount, view.khqr.currency))]
    case 'paid': {
      const [first, ...others] = view.paid
      const paid =
        first && others.every((tender) => tenderCurrency(tender.kind) === tenderCurrency(first.kind))
          ? paperMoney(
              view.paid.reduce((sum, tender) => sum + tender.amount, 0),
              tenderCurrency(first.kind),
            )
          : paperMoney(view.cart.total, view.cart.currency)
      const hasChange = view.change.usd > 0 || view.change.khr > 0
      return [pair('PAID', paid), hasChange ? changeText(view.change) : centred('THANK YOU')]
    }
  }
}
