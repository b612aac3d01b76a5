import { useState } from 'react'
import { formatMoney, tenderCurrency } from '../../../shared/money/index.ts'
import type { SaleView } from '../../../shared/views.ts'
import { COUNTER_MESSAGES } from '../i18n/counter-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { Notice } from '../ui/Notice.tsx'
import type { Call } from './call.ts'
import { useTill } from './useTill.ts'

/** The sale just paid: what was paid and how, the change to give, the receipt. */
export function PaidPanel({ sale, onNext, call }: { sale: SaleView; onNext(): void; call: Call }) {
  const { till } = useTill()
  const { language } = useLanguage()
  const counter = COUNTER_MESSAGES[language]
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
      <ul className="paid-tenders" data-testid="paid-tenders">
        {sale.tenders.map((tender) => (
          <li key={tender.id}>
            {counter.paidWith(
              formatMoney(tender.amount, tenderCurrency(tender.kind), 'en'),
              counter.tender[tender.kind],
            )}
          </li>
        ))}
      </ul>
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
