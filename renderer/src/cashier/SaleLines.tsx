import { memo, useCallback, useEffect, useLayoutEffect, useRef } from 'react'
import { formatMoney, formatWeight, ownCurrencyAmount } from '../../../shared/money/index.ts'
import type { SaleLineView, SaleView } from '../../../shared/views.ts'
import { COUNTER_MESSAGES } from '../i18n/counter-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { sameValue } from '../ui/same-value.ts'
import { useListSizes } from '../ui/useListSizes.ts'
import type { Call } from './call.ts'
import { useTill } from './useTill.ts'

/** The line just added or changed: the one new since last time, else the one whose quantity moved. */
function changedLine(before: Map<string, number>, lines: SaleLineView[]): string | null {
  const added = lines.filter((line) => !before.has(line.id))
  if (added.length > 0) return (added.at(-1) as SaleLineView).id
  return lines.find((line) => before.get(line.id) !== line.quantity)?.id ?? null
}

const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' '])

/**
 * Brings the line the cashier just rang up (or changed) into view, so the cart follows the scanner,
 * and keeps it there whatever moves it afterwards: a resize, the payment step changing the list's
 * height, lines laid out only once on screen (content-visibility) or a font arriving. Once the
 * cashier scrolls the list themself, it stays where they put it until the lines change again.
 */
function useFollowChanges(lines: SaleLineView[]) {
  const list = useRef<HTMLOListElement>(null)
  const seen = useRef(new Map<string, number>())
  const focus = useRef<string | null>(null)
  const following = useRef(false)
  const bring = useCallback(() => {
    if (!following.current) return
    const element = list.current
    if (!element) return
    const rows = Array.from(element.children) as HTMLElement[]
    const row = rows.find((candidate) => candidate.dataset.lineId === focus.current) ?? rows.at(-1)
    // The newest line is the list's bottom edge: scrolling there is exact whatever sizes the lines
    // laid out late (content-visibility) turn out to have; any other line is brought just into view.
    if (row === rows.at(-1)) element.scrollTop = element.scrollHeight
    else row?.scrollIntoView?.({ block: 'nearest' })
  }, [])
  const hasLines = lines.length > 0
  const watchRows = useListSizes(list, hasLines, bring)
  useLayoutEffect(() => {
    const before = seen.current
    const id = changedLine(before, lines)
    seen.current = new Map(lines.map((line) => [line.id, line.quantity]))
    watchRows()
    // Any change to the lines (one removed too) is followed again; a removed focus falls back to the newest.
    if (!id && lines.length === before.size) return
    if (id) focus.current = id
    following.current = true
    bring()
  }, [lines, bring, watchRows])
  useEffect(() => {
    const element = list.current
    if (!hasLines || !element) return
    // Only the cashier scrolling the list lets go of the line: a wheel, a swipe, a scroll key, or a
    // press on the list's own scrollbar (not a tap on a line's buttons).
    const letGo = (event: Event) => {
      if (event.type === 'keydown' && !SCROLL_KEYS.has((event as KeyboardEvent).key)) return
      if (event.type === 'pointerdown' && event.target !== element) return
      following.current = false
    }
    const userScrolls = ['wheel', 'touchmove', 'keydown', 'pointerdown'] as const
    for (const type of userScrolls) element.addEventListener(type, letGo, { passive: true })
    return () => {
      for (const type of userScrolls) element.removeEventListener(type, letGo)
    }
  }, [hasLines])
  return list
}

/** "12 lines · 30 items" above the cart. */
export function LineCount({ sale }: { sale: SaleView | null }) {
  const { language } = useLanguage()
  const lines = sale?.lines ?? []
  // A weighed line is one item, whatever it weighs.
  const items = lines.reduce((sum, line) => sum + (line.soldBy === 'weight' ? 1 : line.quantity), 0)
  // On a narrow screen the count wraps between its two halves, never inside one.
  const [lineHalf, itemHalf] = COUNTER_MESSAGES[language].lineCount(lines.length, items).split(' · ')
  return (
    <p className="line-count" data-testid="line-count">
      <span>{lineHalf}</span>
      {itemHalf !== undefined && (
        <>
          {' '}
          <span>{`· ${itemHalf}`}</span>
        </>
      )}
    </p>
  )
}

function LineAmount({ line, sale }: { line: SaleLineView; sale: SaleView }) {
  const own = ownCurrencyAmount(line, sale.currency)
  const inSale = formatMoney(line.amount, sale.currency, 'en')
  if (!own) return <span className="line-amount">{inSale}</span>
  return (
    <span className="line-amount" data-testid="line-own-amount">
      {formatMoney(own.amount, own.currency, 'en')}
      <span className="fine">{inSale}</span>
    </span>
  )
}

interface RowProps {
  line: SaleLineView
  sale: SaleView
  locked: boolean
  call: Call
}

/** One line of the cart. Memoised: a scan re-renders the line it changed, not all 100. */
const SaleLineRow = memo(
  function SaleLineRow({ line, sale, locked, call }: RowProps) {
    const { till } = useTill()
    const { language } = useLanguage()
    const name = language === 'km' ? line.nameKm : line.nameEn
    return (
      <li className="sale-line" data-testid="sale-line" data-line-id={line.id}>
        <span className="line-name" title={name}>
          {name}
        </span>
        {line.soldBy === 'weight' ? (
          <span className="line-quantity line-weight" data-testid="line-quantity">
            {formatWeight(line.quantity, language)}
          </span>
        ) : (
          <span className="line-quantity">
            <button
              type="button"
              aria-label={till.decrease(name)}
              disabled={locked}
              onClick={() =>
                void call(() =>
                  line.quantity > 1
                    ? window.pos.setLineQuantity(line.id, line.quantity - 1)
                    : window.pos.removeLine(line.id),
                )
              }
            >
              −
            </button>
            <span data-testid="line-quantity">{line.quantity}</span>
            <button
              type="button"
              aria-label={till.increase(name)}
              disabled={locked}
              onClick={() => void call(() => window.pos.setLineQuantity(line.id, line.quantity + 1))}
            >
              +
            </button>
          </span>
        )}
        <LineAmount line={line} sale={sale} />
        <button
          type="button"
          className="line-remove"
          aria-label={till.remove(name)}
          disabled={locked}
          onClick={() => void call(() => window.pos.removeLine(line.id))}
        >
          ×
        </button>
      </li>
    )
  },
  // Each event brings new objects: the line is the same when what it shows is the same.
  (before, after) =>
    before.locked === after.locked &&
    before.call === after.call &&
    before.sale.currency === after.sale.currency &&
    sameValue(before.line, after.line),
)

/**
 * The sale's lines, newest at the bottom and always in view. Quantities and removal are locked once
 * money was taken or while a QR is on the customer's screen (the engine refuses both as well).
 */
export function SaleLines({ sale, call }: { sale: SaleView | null; call: Call }) {
  const { till } = useTill()
  const list = useFollowChanges(sale?.lines ?? [])
  if (!sale || sale.lines.length === 0) return <p className="empty-cart">{till.emptyCart}</p>
  const locked = sale.tenders.length > 0 || sale.state === 'awaiting_payment'
  return (
    <ol className="sale-lines" ref={list}>
      {sale.lines.map((line) => (
        <SaleLineRow key={line.id} line={line} sale={sale} locked={locked} call={call} />
      ))}
    </ol>
  )
}
