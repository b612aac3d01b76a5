import { useState } from 'react'
import { type Currency, formatMoney, MoneyError, parseMoneyInput } from '../../../shared/money/index.ts'
import type { SaleView } from '../../../shared/views.ts'
import { COUNTER_MESSAGES } from '../i18n/counter-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { SYNC_MESSAGES } from '../i18n/sync-messages.ts'
import { Notice } from '../ui/Notice.tsx'
import { useLiveValue } from '../ui/useLiveValue.ts'
import { minutesAndSeconds, useSecondsLeft } from '../ui/useSecondsLeft.ts'
import type { Call } from './call.ts'
import { useTill } from './useTill.ts'

/** What is still due, in dollars and in riel cash, with the rule the riel figure follows. */
function StillDue({ sale }: { sale: SaleView }) {
  const { till } = useTill()
  const { language } = useLanguage()
  const due = sale.payment.stillDue
  return (
    <div className="due">
      <p className="still-due" data-testid="still-due">
        {till.stillDue}: <strong>{formatMoney(due.usd, 'USD', 'en')}</strong> /{' '}
        <strong>{formatMoney(due.khrCash, 'KHR', 'en')}</strong>
      </p>
      <p className="fine" data-testid="riel-rounding">
        {COUNTER_MESSAGES[language].rielRounding(sale.smallestNote)}
      </p>
    </div>
  )
}

/** Cash in dollars and/or riel: typed amounts, or the exact amount in one tap. */
export function CashEntry({ sale, call, onBack }: { sale: SaleView; call: Call; onBack(): void }) {
  const { till, explain } = useTill()
  const { language } = useLanguage()
  const [usd, setUsd] = useState('')
  const [khr, setKhr] = useState('')
  const [error, setError] = useState<string | null>(null)
  const due = sale.payment.stillDue
  const take = async () => {
    let amounts: { usd: number; khr: number }
    try {
      amounts = { usd: usd.trim() ? parseMoneyInput(usd, 'USD') : 0, khr: khr.trim() ? parseMoneyInput(khr, 'KHR') : 0 }
    } catch (failure) {
      if (failure instanceof MoneyError) return setError(explain({ code: failure.code, message: failure.message }))
      throw failure
    }
    setError(null)
    // Riel first: if dollars also came, the change is worked out on the whole.
    if (amounts.khr > 0 && (await call(() => window.pos.payCash('KHR', amounts.khr))) === undefined) return
    if (amounts.usd > 0) await call(() => window.pos.payCash('USD', amounts.usd))
    setUsd('')
    setKhr('')
  }
  return (
    <section className="payment cash-entry" aria-labelledby="cash-heading">
      <h2 id="cash-heading">
        {COUNTER_MESSAGES[language].payment} · {COUNTER_MESSAGES[language].cashTitle}
      </h2>
      <StillDue sale={sale} />
      <div className="cash-fields">
        <label className="field">
          <span>{till.dollars}</span>
          <input
            inputMode="decimal"
            value={usd}
            onChange={(event) => setUsd(event.target.value)}
            data-testid="cash-usd"
          />
        </label>
        <label className="field">
          <span>{till.riel}</span>
          <input
            inputMode="numeric"
            value={khr}
            onChange={(event) => setKhr(event.target.value)}
            data-testid="cash-khr"
          />
        </label>
      </div>
      <div className="actions">
        <button type="button" onClick={() => void call(() => window.pos.payCash('USD', due.usd))}>
          {till.exact} {formatMoney(due.usd, 'USD', 'en')}
        </button>
        <button type="button" onClick={() => void call(() => window.pos.payCash('KHR', due.khrCash))}>
          {till.exact} {formatMoney(due.khrCash, 'KHR', 'en')}
        </button>
        <button type="button" className="primary" onClick={() => void take()} disabled={!usd.trim() && !khr.trim()}>
          {till.takeCash}
        </button>
      </div>
      {error && <Notice tone="error">{error}</Notice>}
      {sale.tenders.length === 0 && (
        <div className="actions">
          <button type="button" onClick={onBack}>
            {COUNTER_MESSAGES[language].backToItems}
          </button>
        </div>
      )}
    </section>
  )
}

/** Problems the cashier must see: the automatic check cannot say "paid" in these states. */
const CHECK_TROUBLE = new Set(['unreachable', 'forbidden', 'unauthorized', 'failed', 'mismatch', 'off'])

/**
 * While the customer pays the QR: its amount and countdown, the automatic check's state, and the
 * way back (cancel). Confirming by hand is the exception, behind a manager's approval, so it is the
 * quieter button.
 */
export function WaitingForKhqr({ sale, call, onConfirm }: { sale: SaleView; call: Call; onConfirm(): void }) {
  const { till } = useTill()
  const { language } = useLanguage()
  const counter = COUNTER_MESSAGES[language]
  const khqr = sale.khqr
  const time = minutesAndSeconds(useSecondsLeft(khqr?.expiresAt ?? 0))
  const check = useLiveValue('khqr.status', () => window.pos.getKhqrStatus())
  if (!khqr) return null
  const state = check && check.md5 === khqr.md5 ? check.state : null
  return (
    <section className="payment khqr-waiting" role="status" data-testid="khqr-waiting">
      <p className="waiting-title">{till.waitingForPayment}</p>
      <p className="waiting-amount">{formatMoney(khqr.amount, khqr.currency, 'en')}</p>
      <p>{till.expiresIn(time)}</p>
      {state && (
        <p className={CHECK_TROUBLE.has(state) ? 'check-state trouble' : 'check-state'} data-testid="khqr-check">
          {CHECK_TROUBLE.has(state) && <span aria-hidden="true">▲ </span>}
          {SYNC_MESSAGES[language].khqr[state]}
        </p>
      )}
      <Notice tone="warning">{counter.qrLocked}</Notice>
      <div className="actions waiting-actions">
        <button type="button" className="primary" onClick={() => void call(() => window.pos.cancelKhqr())}>
          {till.cancelQr}
        </button>
        <span className="quiet-action">
          <button type="button" className="quiet" aria-describedby="confirm-by-hand-hint" onClick={onConfirm}>
            {till.confirmByHand}
          </button>
          <span id="confirm-by-hand-hint" className="fine">
            {counter.confirmByHandNeedsManager}
          </span>
        </span>
      </div>
    </section>
  )
}

/** The three ways to pay, pinned under the cart. */
export function ChargeButtons({
  cashOpen,
  onCash,
  onKhqr,
}: {
  cashOpen: boolean
  onCash(): void
  onKhqr(currency: Currency): void
}) {
  const { till } = useTill()
  return (
    <div className="charge-buttons">
      <button type="button" className={cashOpen ? 'primary' : ''} onClick={onCash}>
        {till.cash}
      </button>
      <button type="button" onClick={() => onKhqr('USD')}>
        {till.khqrUsd}
      </button>
      <button type="button" onClick={() => onKhqr('KHR')}>
        {till.khqrKhr}
      </button>
    </div>
  )
}
