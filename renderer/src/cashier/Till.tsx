import { useEffect, useState } from 'react'
import { type Currency, formatMoney, formatRate } from '../../../shared/money/index.ts'
import { screenLabel } from '../../../shared/paper-words.ts'
import type { Approval, SaleView } from '../../../shared/views.ts'
import { INVOICE_MESSAGES } from '../i18n/invoice-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { Notice } from '../ui/Notice.tsx'
import { useLiveValue } from '../ui/useLiveValue.ts'
import { usePosQuery } from '../ui/usePosQuery.ts'
import { ApprovalDialog } from './ApprovalDialog.tsx'
import { approvalRequest } from './approved-call.ts'
import { BuyerForm } from './BuyerForm.tsx'
import { Catalog } from './Catalog.tsx'
import { useCall } from './call.ts'
import { PaidPanel } from './PaidPanel.tsx'
import { CashEntry, ChargeButtons, WaitingForKhqr } from './Payment.tsx'
import { LineCount, SaleLines } from './SaleLines.tsx'
import { DiscountForm, HeldSales, SaleToolButtons } from './SaleTools.tsx'
import { useBarcodeScanner } from './scanner.ts'
import { useTill } from './useTill.ts'

/** The sale's figures, pinned under the cart: the total large, what it equals in the other currency at the sale's rate. */
function Totals({ sale }: { sale: SaleView }) {
  const { till } = useTill()
  const { language } = useLanguage()
  const money = (amount: number, currency: Currency = sale.currency) => formatMoney(amount, currency, 'en')
  return (
    <dl className="totals">
      {sale.totals.discountTotal > 0 && (
        <>
          <dt>{till.discount}</dt>
          <dd>−{money(sale.totals.discountTotal)}</dd>
        </>
      )}
      {sale.buyer && (
        <>
          <dt className="fine" data-testid="sale-buyer">
            {INVOICE_MESSAGES[language].invoiceTo(sale.buyer.name)}
          </dt>
          <dd className="fine">{sale.buyer.tin}</dd>
        </>
      )}
      {sale.totals.pltTotal > 0 && (
        <>
          <dt className="fine">{screenLabel('publicLightingTax', language)}</dt>
          <dd className="fine">{money(sale.totals.pltTotal)}</dd>
        </>
      )}
      <dt className="fine">{till.vat}</dt>
      <dd className="fine">{money(sale.totals.vatTotal)}</dd>
      <dt className="grand">{till.total}</dt>
      <dd className="grand" data-testid="sale-total">
        {money(sale.totals.total)}
      </dd>
      <dt className="fine">
        {till.equivalent} ({formatRate(sale.khrPerUsd, language)})
      </dt>
      <dd className="fine" data-testid="sale-equivalent">
        {money(sale.totals.equivalent.amount, sale.totals.equivalent.currency)}
      </dd>
    </dl>
  )
}

/** What the wide column shows: the catalog, or the step the sale is in (paying, a discount). */
type Step = 'catalog' | 'cash' | 'discount' | 'buyer'

/**
 * The selling screen. The cart owns the right-hand column (its lines scroll, its total and the ways
 * to pay are pinned under them); the left-hand column holds the catalog, or the payment step once
 * the cashier charges. While a QR is up the catalog is put away and the cart is locked. Scans from a
 * keyboard-wedge scanner are caught wherever the focus is.
 */
export function Till() {
  const { till, explain } = useTill()
  const [error, setError] = useState<string | null>(null)
  const call = useCall(setError, explain)
  const sale = useLiveValue('sale.changed', () => window.pos.getCurrentSale())
  const [lastPaid, setLastPaid] = useState<SaleView | null>(null)
  const [step, setStep] = useState<Step>('catalog')
  const [approving, setApproving] = useState<{ error: string | null } | null>(null)
  // With a VAT TIN every sale is a VAT invoice, which may be made out to a business customer.
  const settings = usePosQuery(() => window.pos.getSettings())
  const invoices = settings.status === 'ready' && settings.value.vatTin !== '' && !settings.value.demo

  useBarcodeScanner((code) => void call(() => window.pos.scanBarcode(code)))

  // A sale that completes is kept on screen (its change, reprint) until the next item is rung up.
  const [tracked, setTracked] = useState<string | null>(null)
  useEffect(() => {
    if (sale) {
      // A new sale at the counter starts at the catalog.
      if (sale.id !== tracked) setStep('catalog')
      setTracked(sale.id)
      setLastPaid(null)
      return
    }
    if (sale === null && tracked) {
      setTracked(null)
      setStep('catalog')
      void window.pos
        .getSale(tracked)
        .then((result) => result.ok && result.value.state === 'paid' && setLastPaid(result.value))
    }
  }, [sale, tracked])

  const confirmByHand = async (approval: Approval) => {
    const result = await window.pos.confirmKhqrByHand(approval)
    if (result.ok) setApproving(null)
    else setApproving({ error: explain(result.error) })
  }

  const active = sale && sale.lines.length > 0 ? sale : null
  const waiting = active?.state === 'awaiting_payment'
  // Once money is taken the sale stays in its payment step until it is paid.
  const shown: Step = !active ? 'catalog' : active.tenders.length > 0 ? 'cash' : step
  const toggle = (next: Step) => setStep(shown === next ? 'catalog' : next)

  return (
    <div className="till">
      <div className="work">
        {waiting && active ? (
          <WaitingForKhqr sale={active} call={call} onConfirm={() => setApproving({ error: null })} />
        ) : active && shown === 'cash' ? (
          <CashEntry sale={active} call={call} onBack={() => setStep('catalog')} />
        ) : active && shown === 'discount' ? (
          <DiscountForm sale={active} call={call} onDone={() => setStep('catalog')} />
        ) : active && shown === 'buyer' ? (
          <BuyerForm sale={active} call={call} onDone={() => setStep('catalog')} />
        ) : (
          <Catalog call={call} />
        )}
      </div>
      <section className="sale" aria-label={till.total}>
        {lastPaid && !active ? (
          <PaidPanel sale={lastPaid} onNext={() => setLastPaid(null)} call={call} />
        ) : (
          <>
            <header className="sale-header">
              <LineCount sale={active} />
              {active && (
                <SaleToolButtons
                  sale={active}
                  call={call}
                  discountOpen={shown === 'discount'}
                  onDiscount={() => toggle('discount')}
                  buyerOpen={invoices ? shown === 'buyer' : null}
                  onBuyer={() => toggle('buyer')}
                />
              )}
            </header>
            <SaleLines sale={active} call={call} />
            {!active && <HeldSales call={call} refreshKey={sale} />}
          </>
        )}
        {error && <Notice tone="error">{error}</Notice>}
        {active?.state === 'open' && active.khqr?.state === 'expired' && (
          <Notice tone="warning">{till.khqrExpired}</Notice>
        )}
        {active && (
          <footer className="sale-footer">
            <Totals sale={active} />
            {!waiting && (
              <ChargeButtons
                cashOpen={shown === 'cash'}
                onCash={() => setStep('cash')}
                onKhqr={(currency) => {
                  // Once the QR is cancelled or runs out the cashier is back at the items.
                  setStep('catalog')
                  void call(() => window.pos.startKhqr(currency))
                }}
              />
            )}
          </footer>
        )}
      </section>
      {approving && (
        <ApprovalDialog
          title={till.confirmByHand}
          hint={till.confirmByHandHint}
          request={approvalRequest('confirmKhqrByHand')}
          error={approving.error}
          onApprove={(approval) => void confirmByHand(approval)}
          onCancel={() => setApproving(null)}
        />
      )}
    </div>
  )
}
