import { type FormEvent, useEffect, useState } from 'react'
import type { ApprovalRequest } from '../../../shared/api.ts'
import { type Discount, MoneyError, parseMoneyInput, parsePercentInput } from '../../../shared/money/index.ts'
import type { Approval, SaleSummary, SaleView } from '../../../shared/views.ts'
import { INVOICE_MESSAGES } from '../i18n/invoice-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { Notice } from '../ui/Notice.tsx'
import { useShopTime } from '../ui/useShopTime.ts'
import { ApprovalDialog } from './ApprovalDialog.tsx'
import { approvalRequest, callApproved } from './approved-call.ts'
import type { Call } from './call.ts'
import { useTill } from './useTill.ts'

/** Discounts and hold are impossible once money was taken or while a QR is up: the engine refuses, the buttons are off. */
function toolsLocked(sale: SaleView): boolean {
  return sale.tenders.length > 0 || sale.state !== 'open'
}

/** The sale's tools, in the cart's header: a discount (the form opens beside the cart) and hold. */
export function SaleToolButtons({
  sale,
  call,
  discountOpen,
  onDiscount,
  buyerOpen,
  onBuyer,
}: {
  sale: SaleView
  call: Call
  discountOpen: boolean
  onDiscount(): void
  /** Null when the shop issues no VAT invoices (no VAT TIN). */
  buyerOpen: boolean | null
  onBuyer(): void
}) {
  const { till } = useTill()
  const { language } = useLanguage()
  const locked = toolsLocked(sale)
  return (
    <div className="sale-tools">
      {buyerOpen !== null && (
        <button type="button" disabled={sale.tenders.length > 0} aria-expanded={buyerOpen} onClick={onBuyer}>
          {INVOICE_MESSAGES[language].forCompany}
        </button>
      )}
      <button type="button" disabled={locked} aria-expanded={discountOpen} onClick={onDiscount}>
        {till.tools.discount}
      </button>
      <button type="button" disabled={locked} onClick={() => void call(() => window.pos.holdSale())}>
        {till.tools.hold}
      </button>
      <button type="button" disabled={locked} onClick={() => void call(() => window.pos.cancelSale(null))}>
        {till.cancelSale}
      </button>
    </div>
  )
}

/** A discount on a line or the whole sale, as a percentage or an amount in the sale's currency. */
export function DiscountForm({ sale, call, onDone }: { sale: SaleView; call: Call; onDone(): void }) {
  const { till, explain } = useTill()
  const { language } = useLanguage()
  const [target, setTarget] = useState<string>('sale')
  const [kind, setKind] = useState<Discount['kind']>('percent')
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [approving, setApproving] = useState<{ request: ApprovalRequest; error: string | null } | null>(null)

  const apply = async (event: FormEvent) => {
    event.preventDefault()
    let discount: Discount | null = null
    if (value.trim() !== '') {
      if (kind === 'percent') {
        const basisPoints = parsePercentInput(value)
        if (basisPoints === null) return setError(till.tools.percentInvalid)
        discount = { kind: 'percent', basisPoints }
      } else {
        try {
          discount = { kind: 'amount', amount: parseMoneyInput(value, sale.currency) }
        } catch (failure) {
          if (failure instanceof MoneyError) return setError(explain({ code: failure.code, message: failure.message }))
          throw failure
        }
      }
    }
    setError(null)
    const request =
      target === 'sale'
        ? approvalRequest('setSaleDiscount', discount)
        : approvalRequest('setLineDiscount', target, discount)
    // Within the cashier's limit it is simply done; beyond it the engine asks for a manager.
    const result = await callApproved(request, null)
    if (result.ok) return onDone()
    if (result.error.code === 'approval_required') return setApproving({ request, error: null })
    setError(explain(result.error))
  }
  const approve = async (approval: Approval) => {
    if (!approving) return
    const done = await call(() => callApproved(approving.request, approval))
    if (done) onDone()
    else setApproving(null)
  }

  return (
    <section className="payment" aria-labelledby="discount-heading">
      <h2 id="discount-heading">{till.tools.discount}</h2>
      <form className="discount-form" onSubmit={apply}>
        <label className="field">
          <span>{till.tools.on}</span>
          <select value={target} onChange={(event) => setTarget(event.target.value)}>
            <option value="sale">{till.tools.wholeSale}</option>
            {sale.lines.map((line) => (
              <option key={line.id} value={line.id}>
                {language === 'km' ? line.nameKm : line.nameEn}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="discount-kind">
          <legend>{till.tools.kind}</legend>
          <label>
            <input type="radio" name="discount-kind" checked={kind === 'percent'} onChange={() => setKind('percent')} />{' '}
            %
          </label>
          <label>
            <input type="radio" name="discount-kind" checked={kind === 'amount'} onChange={() => setKind('amount')} />{' '}
            {sale.currency === 'USD' ? '$' : '៛'}
          </label>
        </fieldset>
        <label className="field">
          <span>{till.tools.value}</span>
          <input inputMode="decimal" value={value} onChange={(event) => setValue(event.target.value)} />
        </label>
        {error && <Notice tone="error">{error}</Notice>}
        <div className="actions">
          <button type="button" onClick={onDone}>
            {till.cancel}
          </button>
          <button type="submit" className="primary">
            {value.trim() === '' ? till.tools.removeDiscount : till.tools.apply}
          </button>
        </div>
      </form>
      {approving && (
        <ApprovalDialog
          title={till.tools.discount}
          request={approving.request}
          currency={sale.currency}
          error={approving.error}
          onApprove={(approval) => void approve(approval)}
          onCancel={() => setApproving(null)}
        />
      )}
    </section>
  )
}

/** Sales put on hold, to bring back to the counter. */
export function HeldSales({ call, refreshKey }: { call: Call; refreshKey: unknown }) {
  const { till } = useTill()
  const time = useShopTime()
  const [held, setHeld] = useState<SaleSummary[]>([])
  // Re-read whenever the sale at the counter changes (a sale held or recalled).
  useEffect(() => {
    void refreshKey
    void window.pos.listHeldSales().then((result) => result.ok && setHeld(result.value))
  }, [refreshKey])
  if (held.length === 0) return null
  return (
    <section className="held" aria-label={till.tools.held(held.length)}>
      <h3>{till.tools.held(held.length)}</h3>
      <ul>
        {held.map((sale) => (
          <li key={sale.id}>
            <button type="button" onClick={() => void call(() => window.pos.recallSale(sale.id))}>
              {till.tools.recall(sale.lineCount, time.clock(sale.openedAt))}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
