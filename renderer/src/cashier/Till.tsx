import { useCallback, useEffect, useMemo, useState } from 'react'
import type { PosFailure, PosResult } from '../../../shared/api.ts'
import { type Currency, formatMoney, MoneyError, parseMoneyInput } from '../../../shared/money/index.ts'
import type { Approval, CategoryView, ProductView, SaleView } from '../../../shared/views.ts'
import { useLanguage } from '../i18n/language.tsx'
import { SYNC_MESSAGES } from '../i18n/sync-messages.ts'
import { Notice } from '../ui/Notice.tsx'
import { useLiveValue } from '../ui/useLiveValue.ts'
import { minutesAndSeconds, useSecondsLeft } from '../ui/useSecondsLeft.ts'
import { ApprovalDialog } from './ApprovalDialog.tsx'
import { HeldSales, SaleTools } from './SaleTools.tsx'
import { useBarcodeScanner } from './scanner.ts'
import { useTill } from './useTill.ts'

type Call = <T>(run: () => Promise<PosResult<T>>) => Promise<T | undefined>

/** Runs a PosApi call; a failure is shown to the cashier in their language, never thrown. */
function useCall(setError: (message: string | null) => void, explain: (failure: PosFailure) => string): Call {
  return useCallback(
    async <T,>(run: () => Promise<PosResult<T>>) => {
      const result = await run()
      if (result.ok) {
        setError(null)
        return result.value
      }
      setError(explain(result.error))
      return undefined
    },
    [setError, explain],
  )
}

function Catalog({ call }: { call: Call }) {
  const { till } = useTill()
  const { language } = useLanguage()
  const [categories, setCategories] = useState<CategoryView[]>([])
  const [category, setCategory] = useState<string | null>(null)
  const [query, setQuery] = useState('')
  const [products, setProducts] = useState<ProductView[]>([])
  // Bumped when the back office sends catalog changes, so the grid and search are asked again.
  const [catalogVersion, setCatalogVersion] = useState(0)
  useEffect(() => window.pos.on('catalog.changed', () => setCatalogVersion((version) => version + 1)), [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again whenever the catalog changes.
  useEffect(() => {
    void window.pos.listCategories().then((result) => result.ok && setCategories(result.value))
  }, [catalogVersion])
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again whenever the catalog changes.
  useEffect(() => {
    const ask =
      query.trim() === ''
        ? window.pos.listProducts({ categoryId: category, offset: 0, limit: 60 })
        : window.pos.searchProducts(query)
    let current = true
    void ask.then((result) => current && result.ok && setProducts(result.value))
    return () => {
      current = false
    }
  }, [category, query, catalogVersion])

  return (
    <section className="catalog" aria-label={till.search}>
      <input
        className="search"
        type="search"
        placeholder={till.search}
        aria-label={till.search}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <div className="categories" role="tablist">
        {[{ id: null, nameEn: till.all, nameKm: till.all }, ...categories].map((item) => (
          <button
            key={item.id ?? 'all'}
            type="button"
            role="tab"
            aria-selected={category === item.id}
            className={category === item.id ? 'selected' : ''}
            onClick={() => setCategory(item.id)}
          >
            {language === 'km' ? item.nameKm : item.nameEn}
          </button>
        ))}
      </div>
      <ul className="product-grid">
        {products.map((product) => (
          <li key={product.id}>
            <button
              type="button"
              className="product"
              onClick={() => void call(() => window.pos.addProduct(product.id, 1))}
            >
              <span className="product-name" lang="km">
                {product.nameKm}
              </span>
              <span className="product-name-en" lang="en">
                {product.nameEn}
              </span>
              <span className="product-price">{formatMoney(product.price, product.currency, 'en')}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Lines({ sale, call }: { sale: SaleView | null; call: Call }) {
  const { till } = useTill()
  const { language } = useLanguage()
  if (!sale || sale.lines.length === 0) return <p className="empty-cart">{till.emptyCart}</p>
  const locked = sale.tenders.length > 0
  return (
    <ol className="sale-lines">
      {sale.lines.map((line) => {
        const name = language === 'km' ? line.nameKm : line.nameEn
        return (
          <li key={line.id} className="sale-line" data-testid="sale-line">
            <span className="line-name">{name}</span>
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
            <span className="line-amount">{formatMoney(line.amount, sale.currency, 'en')}</span>
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
      })}
    </ol>
  )
}

function Totals({ sale }: { sale: SaleView }) {
  const { till } = useTill()
  const money = (amount: number, currency: Currency = sale.currency) => formatMoney(amount, currency, 'en')
  return (
    <dl className="totals">
      {sale.totals.discountTotal > 0 && (
        <>
          <dt>{till.discount}</dt>
          <dd>−{money(sale.totals.discountTotal)}</dd>
        </>
      )}
      <dt>{till.vat}</dt>
      <dd>{money(sale.totals.vatTotal)}</dd>
      <dt className="grand">{till.total}</dt>
      <dd className="grand" data-testid="sale-total">
        {money(sale.totals.total)}
      </dd>
      <dt>{till.equivalent}</dt>
      <dd data-testid="sale-equivalent">{money(sale.totals.equivalent.amount, sale.totals.equivalent.currency)}</dd>
    </dl>
  )
}

function CashEntry({ sale, call }: { sale: SaleView; call: Call }) {
  const { till, explain } = useTill()
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
    <div className="cash-entry">
      <p className="still-due" data-testid="still-due">
        {till.stillDue}: <strong>{formatMoney(due.usd, 'USD', 'en')}</strong> /{' '}
        <strong>{formatMoney(due.khrCash, 'KHR', 'en')}</strong>
      </p>
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
    </div>
  )
}

/** Problems the cashier must see: the automatic check cannot say "paid" in these states. */
const CHECK_TROUBLE = new Set(['unreachable', 'forbidden', 'unauthorized', 'failed', 'mismatch', 'off'])

function WaitingForKhqr({ sale, call, onConfirm }: { sale: SaleView; call: Call; onConfirm(): void }) {
  const { till } = useTill()
  const { language } = useLanguage()
  const khqr = sale.khqr
  const time = minutesAndSeconds(useSecondsLeft(khqr?.expiresAt ?? 0))
  const check = useLiveValue('khqr.status', () => window.pos.getKhqrStatus())
  if (!khqr) return null
  const state = check && check.md5 === khqr.md5 ? check.state : null
  return (
    <div className="khqr-waiting" role="status" data-testid="khqr-waiting">
      <p className="waiting-title">{till.waitingForPayment}</p>
      <p className="waiting-amount">{formatMoney(khqr.amount, khqr.currency, 'en')}</p>
      <p>{till.expiresIn(time)}</p>
      {state && (
        <p className={CHECK_TROUBLE.has(state) ? 'check-state trouble' : 'check-state'} data-testid="khqr-check">
          {CHECK_TROUBLE.has(state) && <span aria-hidden="true">▲ </span>}
          {SYNC_MESSAGES[language].khqr[state]}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => void call(() => window.pos.cancelKhqr())}>
          {till.cancelQr}
        </button>
        <button type="button" className="primary" onClick={onConfirm}>
          {till.confirmByHand}
        </button>
      </div>
    </div>
  )
}

function PaidPanel({ sale, onNext, call }: { sale: SaleView; onNext(): void; call: Call }) {
  const { till } = useTill()
  const change = [
    sale.payment.changeUsd > 0 ? formatMoney(sale.payment.changeUsd, 'USD', 'en') : null,
    sale.payment.changeKhr > 0 ? formatMoney(sale.payment.changeKhr, 'KHR', 'en') : null,
  ].filter(Boolean)
  const unverified = sale.tenders.some((tender) => tender.verified === false)
  // The receipt as the paper shows it, decoded from the printer's own bytes by the engine.
  const [preview, setPreview] = useState<string | null>(null)
  const showPreview = async () => {
    if (preview) return setPreview(null)
    setPreview((await call(() => window.pos.previewReceipt(sale.id, null))) ?? null)
  }
  return (
    <div className="paid-panel" role="status" data-testid="paid-panel">
      <p className="paid-title">
        <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
          <path
            d="M4 12l5 5L20 6"
            fill="none"
            stroke="currentColor"
            strokeWidth="3"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        {till.paid} · {till.receipt(sale.receiptNo ?? '')}
      </p>
      <p className="paid-change" data-testid="paid-change">
        {change.length > 0 ? `${till.change}: ${change.join(' + ')}` : till.noChange}
      </p>
      {unverified && <Notice tone="warning">{till.unverified}</Notice>}
      <div className="actions">
        <button type="button" onClick={() => void call(() => window.pos.reprintReceipt(sale.id))}>
          {till.reprint}
        </button>
        <button type="button" aria-expanded={preview !== null} onClick={() => void showPreview()}>
          {till.showReceipt}
        </button>
        <button type="button" className="primary" onClick={onNext}>
          {till.nextSale}
        </button>
      </div>
      {preview && (
        <img
          className="receipt-preview"
          src={preview}
          alt={till.receipt(sale.receiptNo ?? '')}
          data-testid="receipt-preview"
        />
      )}
    </div>
  )
}

/**
 * The selling screen: catalog on the left, the sale on the right, and the payment for it. Scans
 * from a keyboard-wedge scanner are caught wherever the focus is.
 */
export function Till() {
  const { till, explain } = useTill()
  const [error, setError] = useState<string | null>(null)
  const call = useCall(setError, explain)
  const sale = useLiveValue('sale.changed', () => window.pos.getCurrentSale())
  const [lastPaid, setLastPaid] = useState<SaleView | null>(null)
  const [mode, setMode] = useState<'cash' | null>(null)
  const [approving, setApproving] = useState<{ error: string | null } | null>(null)

  useBarcodeScanner((code) => void call(() => window.pos.scanBarcode(code)))

  // A sale that completes is kept on screen (its change, reprint) until the next item is rung up.
  const [tracked, setTracked] = useState<string | null>(null)
  useEffect(() => {
    if (sale) {
      // A new sale at the counter starts with no payment method chosen.
      if (sale.id !== tracked) setMode(null)
      setTracked(sale.id)
      setLastPaid(null)
      return
    }
    if (sale === null && tracked) {
      setTracked(null)
      void window.pos
        .getSale(tracked)
        .then((result) => result.ok && result.value.state === 'paid' && setLastPaid(result.value))
    }
  }, [sale, tracked])

  const charge = useMemo(
    () => ({
      khqr: (currency: Currency) => {
        setMode(null)
        void call(() => window.pos.startKhqr(currency))
      },
    }),
    [call],
  )

  const confirmByHand = async (approval: Approval) => {
    const result = await window.pos.confirmKhqrByHand(approval)
    if (result.ok) setApproving(null)
    else setApproving({ error: explain(result.error) })
  }

  const active = sale && sale.lines.length > 0 ? sale : null
  return (
    <div className="till">
      <Catalog call={call} />
      <section className="sale" aria-label={till.total}>
        {error && <Notice tone="error">{error}</Notice>}
        {lastPaid && !active ? (
          <PaidPanel sale={lastPaid} onNext={() => setLastPaid(null)} call={call} />
        ) : (
          <>
            <Lines sale={active} call={call} />
            {active && <Totals sale={active} />}
            {/* While cash is being counted, the discount and hold tools make way for the cash fields. */}
            {active && active.state === 'open' && mode !== 'cash' && <SaleTools sale={active} call={call} />}
            {!active && <HeldSales call={call} refreshKey={sale} />}
            {active?.state === 'open' && active.khqr?.state === 'expired' && (
              <Notice tone="warning">{till.khqrExpired}</Notice>
            )}
            {active?.state === 'awaiting_payment' ? (
              <WaitingForKhqr sale={active} call={call} onConfirm={() => setApproving({ error: null })} />
            ) : (
              active && (
                <div className="charge">
                  <div className="charge-buttons">
                    <button
                      type="button"
                      className={mode === 'cash' ? 'primary' : ''}
                      onClick={() => setMode(mode === 'cash' ? null : 'cash')}
                    >
                      {till.cash}
                    </button>
                    <button type="button" onClick={() => charge.khqr('USD')}>
                      {till.khqrUsd}
                    </button>
                    <button type="button" onClick={() => charge.khqr('KHR')}>
                      {till.khqrKhr}
                    </button>
                  </div>
                  {mode === 'cash' && <CashEntry sale={active} call={call} />}
                  {active.tenders.length === 0 && (
                    <button
                      type="button"
                      className="cancel-sale"
                      onClick={() => void call(() => window.pos.cancelSale(null))}
                    >
                      {till.cancelSale}
                    </button>
                  )}
                </div>
              )
            )}
          </>
        )}
      </section>
      {approving && (
        <ApprovalDialog
          title={till.confirmByHand}
          hint={till.confirmByHandHint}
          error={approving.error}
          onApprove={(approval) => void confirmByHand(approval)}
          onCancel={() => setApproving(null)}
        />
      )}
    </div>
  )
}
