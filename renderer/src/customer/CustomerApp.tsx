import { useMemo } from 'react'
import type { CustomerCart, CustomerKhqr, CustomerView, ShopFace } from '../../../shared/api.ts'
import { type Currency, formatMoney } from '../../../shared/money/index.ts'
import { khqrSymbol, qrPath, qrSide } from '../../../shared/qr/index.ts'
import { MESSAGES } from '../i18n/messages.ts'
import { useLiveValue } from '../ui/useLiveValue.ts'
import { useSecondsLeft } from '../ui/useSecondsLeft.ts'

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

function Cart({ cart }: { cart: CustomerCart }) {
  return (
    <section className="cart" aria-label={en.customer.cart}>
      <ol className="cart-lines">
        {cart.lines.map((line, index) => (
          // Lines have no id on this screen (it receives only what the customer may see); their order is stable.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={index} className="cart-line">
            <span className="line-name">
              <span lang="km">{line.nameKm}</span>
              <span lang="en" className="secondary">
                {line.nameEn}
              </span>
            </span>
            <span className="line-quantity">×{line.quantity}</span>
            <span className="line-amount">{money(line.amount, cart.currency)}</span>
          </li>
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

function Paid({ cart, change }: { cart: CustomerCart; change: { usd: number; khr: number } }) {
  const hasChange = change.usd > 0 || change.khr > 0
  return (
    <section className="paid" data-testid="customer-paid">
      <p className="paid-mark" aria-hidden="true">
        ✓
      </p>
      <p className="paid-title">
        <Bilingual text={(messages) => messages.customer.paid} />
      </p>
      <p className="paid-total">{money(cart.total, cart.currency)}</p>
      {hasChange && (
        <p className="paid-change" data-testid="customer-change">
          <Bilingual text={(messages) => messages.customer.change} />{' '}
          <strong>
            {[change.usd > 0 ? money(change.usd, 'USD') : null, change.khr > 0 ? money(change.khr, 'KHR') : null]
              .filter(Boolean)
              .join(' + ')}
          </strong>
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
      return (
        <main className="customer customer-cart" data-state="cart">
          <ShopHeader shop={view.shop} />
          <Cart cart={view.cart} />
        </main>
      )
    case 'khqr':
      return (
        <main className="customer customer-khqr" data-state="khqr">
          <div className="customer-side">
            <ShopHeader shop={view.shop} />
            <Cart cart={view.cart} />
          </div>
          <KhqrCard khqr={view.khqr} />
        </main>
      )
    case 'paid':
      return (
        <main className="customer customer-paid" data-state="paid">
          <ShopHeader shop={view.shop} />
          <Paid cart={view.cart} change={view.change} />
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
