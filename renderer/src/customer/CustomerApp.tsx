import { memo, useMemo } from 'react'
import type { CustomerCart, CustomerKhqr, CustomerView, ShopFace } from '../../../shared/api.ts'
import {
  type Currency,
  formatMoney,
  formatWeight,
  khrToUsd,
  tenderCurrency,
  usdToKhr,
} from '../../../shared/money/index.ts'
import { khqrSymbol, qrPath, qrSide } from '../../../shared/qr/index.ts'
import { MESSAGES } from '../i18n/messages.ts'
import { sameValue } from '../ui/same-value.ts'
import { useLiveValue } from '../ui/useLiveValue.ts'
import { useSecondsLeft } from '../ui/useSecondsLeft.ts'
import { useChime } from './chime.ts'
import { useWholeLines } from './useWholeLines.ts'

/** Amounts on the customer display use Latin digits, which every customer reads; labels come in both languages. */
function money(amount: number, currency: Currency): string {
  return formatMoney(amount, currency, 'en')
}

const km = MESSAGES.km
const en = MESSAGES.en

function Bilingual({ text }: { text: (messages: typeof km) => string }) {
  return (
    <>
      <span lang="km">{text(km)}</span>{' '}
      <span lang="en" className="secondary">
        {text(en)}
      </span>
    </>
  )
}

function ShopHeader({ shop }: { shop: ShopFace }) {
  return (
    <header className="shop">
      {shop.nameKm && (
        <p className="shop-km" lang="km">
          {shop.nameKm}
        </p>
      )}
      <p className="shop-name" lang="en">
        {shop.nameEn}
      </p>
      {shop.demo && (
        <p className="demo-flag">
          <Bilingual text={(messages) => messages.customer.demo} />
        </p>
      )}
    </header>
  )
}

/** One line; memoised so a change re-renders that line, not a whole long cart. */
const CartLine = memo(
  function CartLine({ line, currency }: { line: CustomerCart['lines'][number]; currency: Currency }) {
    return (
      <li className="cart-line">
        <span className="line-name">
          <span lang="km">{line.nameKm}</span>
          <span lang="en" className="secondary">
            {line.nameEn}
          </span>
        </span>
        <span className="line-quantity">
          {line.soldBy === 'weight' ? formatWeight(line.quantity, 'en') : `×${line.quantity}`}
        </span>
        <span className="line-amount">
          {line.own ? (
            <>
              {money(line.own.amount, line.own.currency)}
              <span className="secondary line-converted">{money(line.amount, currency)}</span>
            </>
          ) : (
            money(line.amount, currency)
          )}
        </span>
      </li>
    )
  },
  (before, after) => before.currency === after.currency && sameValue(before.line, after.line),
)

/**
 * The most lines any customer display shows at once (portrait 800×1280 shows about ten): a longer
 * cart draws only its newest lines, so a 100-line cart costs the screen no more than a 20-line one
 * when the QR comes up.
 */
const LINES_DRAWN = 20

/**
 * The cart: its newest lines that fit whole above the total, under how many earlier lines are not
 * shown and the line and item count; the total stays pinned below them.
 */
function Cart({ cart }: { cart: CustomerCart }) {
  const items = cart.lines.reduce((sum, line) => sum + (line.soldBy === 'weight' ? 1 : line.quantity), 0)
  const notDrawn = Math.max(0, cart.lines.length - LINES_DRAWN)
  const { list, marker, linesCut } = useWholeLines(cart, notDrawn > 0)
  const earlier = notDrawn + linesCut
  return (
    <section className="cart" aria-label={en.customer.cart}>
      <p className="cart-count" data-testid="customer-count">
        <Bilingual text={(messages) => messages.customer.count(cart.lines.length, items)} />
      </p>
      <p className="cart-earlier" data-testid="customer-earlier" ref={marker} hidden={earlier === 0}>
        <Bilingual text={(messages) => messages.customer.earlier(earlier)} />
      </p>
      <ol className="cart-lines" ref={list}>
        {cart.lines.slice(notDrawn).map((line, index) => (
          // Lines have no id on this screen (it receives only what the customer may see); their order is stable.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <CartLine key={notDrawn + index} line={line} currency={cart.currency} />
        ))}
      </ol>
      <div className="cart-total">
        <span className="total-label">
          <Bilingual text={(messages) => messages.customer.total} />
        </span>
        <span className="total-amount" data-testid="customer-total">
          {money(cart.total, cart.currency)}
        </span>
        <span className="total-equivalent" data-testid="customer-equivalent">
          = {money(cart.equivalent.amount, cart.equivalent.currency)}
        </span>
      </div>
    </section>
  )
}

/**
 * The KHQR card in the KHQR style: red header with the mark, the merchant name as the bank app
 * will show it, the amount, the QR and a countdown. Once the countdown reaches zero the QR is
 * taken down here at once, even before the engine's own expiry message arrives.
 */
function KhqrCard({ khqr }: { khqr: CustomerKhqr }) {
  const seconds = useSecondsLeft(khqr.expiresAt)
  const symbol = useMemo(() => khqrSymbol(khqr.payload), [khqr.payload])
  const side = qrSide(symbol)
  if (seconds === 0) return null
  return (
    <section className="khqr-card" aria-label="KHQR">
      <header className="khqr-header">
        <span className="khqr-mark">KHQR</span>
      </header>
      <div className="khqr-body">
        <p className="khqr-merchant" data-testid="khqr-merchant">
          {khqr.merchantName}
        </p>
        <p className="khqr-amount" data-testid="khqr-amount">
          {money(khqr.amount, khqr.currency)}
        </p>
        <svg
          className="khqr-code"
          viewBox={`0 0 ${side} ${side}`}
          shapeRendering="crispEdges"
          role="img"
          data-testid="khqr-code"
          data-payload={khqr.payload}
        >
          <title>KHQR</title>
          <rect width={side} height={side} fill="#fff" />
          <path d={qrPath(symbol)} fill="#000" />
        </svg>
        <p className="khqr-countdown" data-testid="khqr-countdown">
          <Bilingual text={(messages) => messages.customer.expiresIn(seconds)} />
        </p>
      </div>
    </section>
  )
}

/** The change's worth in the currency it was not (all) given in: "= ៛12,100 · $2.95". */
function changeWorth(change: { usd: number; khr: number }, khrPerUsd: number): string {
  const inRiel = money(usdToKhr(change.usd, khrPerUsd) + change.khr, 'KHR')
  const inDollars = money(change.usd + khrToUsd(change.khr, khrPerUsd), 'USD')
  if (change.khr === 0) return `= ${inRiel}`
  if (change.usd === 0) return `= ${inDollars}`
  return `= ${inRiel} · ${inDollars}`
}

function Paid({ view }: { view: Extract<CustomerView, { state: 'paid' }> }) {
  const { change } = view
  const hasChange = change.usd > 0 || change.khr > 0
  useChime(view.chime)
  return (
    <section className="paid" data-testid="customer-paid">
      <p className="paid-mark" aria-hidden="true">
        ✓
      </p>
      <p className="paid-title">
        <Bilingual text={(messages) => messages.customer.paid} />
      </p>
      <ul className="paid-tenders" data-testid="customer-paid-amount">
        {view.paid.map((tender, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: tenders have no id here and never reorder
          <li key={index}>
            <strong>{money(tender.amount, tenderCurrency(tender.kind))}</strong>{' '}
            <Bilingual text={(messages) => messages.customer.tender[tender.kind]} />
          </li>
        ))}
      </ul>
      {hasChange ? (
        <div className="paid-change">
          <p data-testid="customer-change">
            <Bilingual text={(messages) => messages.customer.change} />{' '}
            <strong>
              {[change.usd > 0 ? money(change.usd, 'USD') : null, change.khr > 0 ? money(change.khr, 'KHR') : null]
                .filter(Boolean)
                .join(' + ')}
            </strong>
          </p>
          <p className="paid-change-worth" data-testid="customer-change-worth">
            {changeWorth(change, view.cart.khrPerUsd)}
          </p>
        </div>
      ) : (
        <p className="paid-no-change">
          <Bilingual text={(messages) => messages.customer.noChange} />
        </p>
      )}
    </section>
  )
}

function Screen({ view }: { view: CustomerView }) {
  switch (view.state) {
    case 'idle':
      return (
        <main className="customer customer-idle" data-state="idle">
          <ShopHeader shop={view.shop} />
          <p className="welcome" lang="km">
            {km.welcome}
          </p>
          <p className="welcome-secondary" lang="en">
            {en.welcome}
          </p>
        </main>
      )
    case 'cart':
    case 'khqr':
      // One tree for both, so a long cart is not rebuilt when its QR comes up or goes.
      return (
        <main className={`customer customer-${view.state}`} data-state={view.state}>
          <div className="customer-side">
            <ShopHeader shop={view.shop} />
            <Cart cart={view.cart} />
          </div>
          {view.state === 'khqr' && <KhqrCard khqr={view.khqr} />}
        </main>
      )
    case 'paid':
      return (
        <main className="customer customer-paid" data-state="paid">
          <ShopHeader shop={view.shop} />
          <Paid view={view} />
        </main>
      )
  }
}

/** Customers read either language, so this screen shows both at once. It receives only the sanitised view. */
export function CustomerApp() {
  const view = useLiveValue('customerView.changed', () => window.pos.getCustomerView())
  if (!view) return <main className="customer" data-state="loading" />
  return <Screen view={view} />
}
