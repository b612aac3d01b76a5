import { useCallback, useEffect, useState } from 'react'
import type { PosResult } from '../../../shared/api.ts'
import { formatMoney, quantityText } from '../../../shared/money/index.ts'
import type { Approval, SaleSummary, SaleView } from '../../../shared/views.ts'
import { useLanguage } from '../i18n/language.tsx'
import { WEIGHT_MESSAGES } from '../i18n/weight-messages.ts'
import { Notice } from '../ui/Notice.tsx'
import { useShopTime } from '../ui/useShopTime.ts'
import { ApprovalDialog } from './ApprovalDialog.tsx'
import { approvalRequest, callApproved } from './approved-call.ts'
import { useTill } from './useTill.ts'

/** One paid sale: void it, or refund some of its units in cash, each with a manager's approval. */
function SaleDetail({ sale, onChanged }: { sale: SaleView; onChanged(message: string): void }) {
  const { till, explain } = useTill()
  const { language } = useLanguage()
  const [units, setUnits] = useState<Record<string, number>>({})
  const [quote, setQuote] = useState<{ total: number } | null>(null)
  const [approving, setApproving] = useState<{ action: 'void' | 'refund'; error: string | null } | null>(null)
  const lines = Object.entries(units)
    .filter(([, quantity]) => quantity > 0)
    .map(([lineId, quantity]) => ({ lineId, quantity }))

  const chosenLines = JSON.stringify(lines)
  const saleId = sale.id
  // Re-quoted whenever the chosen units change (compared by value).
  useEffect(() => {
    const wanted = JSON.parse(chosenLines) as { lineId: string; quantity: number }[]
    if (wanted.length === 0) {
      setQuote(null)
      return
    }
    void window.pos
      .quoteRefund({ saleId, lines: wanted })
      .then((result) => setQuote(result.ok ? { total: result.value.total } : null))
  }, [chosenLines, saleId])

  const cash = sale.currency === 'USD' ? ('cash_usd' as const) : ('cash_khr' as const)
  const request =
    approving?.action === 'void'
      ? approvalRequest('voidSale', sale.id)
      : approvalRequest('refundSale', {
          saleId: sale.id,
          lines,
          tenders: quote && quote.total > 0 ? [{ kind: cash, amount: quote.total }] : [],
        })
  const approve = async (approval: Approval) => {
    if (!approving) return
    const result = (await callApproved(request, approval)) as PosResult<SaleView>
    if (!result.ok) return setApproving({ ...approving, error: explain(result.error) })
    setApproving(null)
    setUnits({})
    onChanged(till.sales.done(result.value.receiptNo ?? ''))
  }

  return (
    <div className="sale-detail" data-testid="sale-detail">
      <h3>{till.receipt(sale.receiptNo ?? '')}</h3>
      {sale.voided && <Notice tone="warning">{till.sales.voided}</Notice>}
      <ol className="sale-lines">
        {sale.lines.map((line) => {
          const name = language === 'km' ? line.nameKm : line.nameEn
          return (
            <li key={line.id} className="sale-line">
              <span className="line-name">
                {quantityText(line.quantity, line.soldBy, language)} × {name}
              </span>
              <span className="line-amount">{formatMoney(line.amount, sale.currency, 'en')}</span>
              {!sale.voided && (
                <input
                  className="refund-units"
                  inputMode="numeric"
                  aria-label={till.sales.refundQuantity(name)}
                  placeholder={line.soldBy === 'weight' ? WEIGHT_MESSAGES[language].refundGrams : undefined}
                  value={units[line.id] ?? ''}
                  onChange={(event) =>
                    setUnits({
                      ...units,
                      [line.id]: Math.min(line.quantity, Number(event.target.value.replace(/\D/g, '') || 0)),
                    })
                  }
                />
              )}
            </li>
          )
        })}
      </ol>
      {!sale.voided && (
        <div className="actions">
          <button type="button" onClick={() => setApproving({ action: 'void', error: null })}>
            {till.sales.void}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!quote}
            onClick={() => setApproving({ action: 'refund', error: null })}
          >
            {till.sales.refund}
            {quote && ` · ${formatMoney(quote.total, sale.currency, 'en')}`}
          </button>
        </div>
      )}
      {approving && (
        <ApprovalDialog
          title={
            approving.action === 'void'
              ? till.sales.voidReason
              : `${till.sales.refundTotal}: ${formatMoney(quote?.total ?? 0, sale.currency, 'en')}`
          }
          hint={approving.action === 'refund' ? till.sales.refundCash(sale.currency) : undefined}
          request={request}
          currency={sale.currency}
          error={approving.error}
          onApprove={(approval) => void approve(approval)}
          onCancel={() => setApproving(null)}
        />
      )}
    </div>
  )
}

/** Today's paid sales and refunds; pick one to void or refund it. */
export function SalesPanel() {
  const { till, explain } = useTill()
  const [sales, setSales] = useState<SaleSummary[]>([])
  const [chosen, setChosen] = useState<SaleView | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const time = useShopTime()

  const load = useCallback(async () => {
    // Today is the shop's day, from its own midnight, whatever zone the machine's clock is in.
    const today = time.dayRange(time.day(Date.now()))
    const result = await window.pos.listSales({ from: today?.from ?? 0, to: Date.now() + 86_400_000 })
    if (result.ok) setSales(result.value)
    else setError(explain(result.error))
  }, [explain, time])
  useEffect(() => {
    void load()
  }, [load])

  const open = async (saleId: string) => {
    const result = await window.pos.getSale(saleId)
    if (result.ok) setChosen(result.value)
    else setError(explain(result.error))
  }

  return (
    <section className="card sales-panel" aria-labelledby="sales-heading">
      <h2 id="sales-heading">{till.sales.title}</h2>
      {error && <Notice tone="error">{error}</Notice>}
      {message && (
        <p role="status" className="done">
          {message}
        </p>
      )}
      <div className="sales-layout">
        {sales.length === 0 ? (
          <p className="empty-cart">{till.sales.none}</p>
        ) : (
          <ul className="sales-list">
            {sales.map((sale) => (
              <li key={sale.id}>
                <button
                  type="button"
                  className={chosen?.id === sale.id ? 'selected' : ''}
                  onClick={() => void open(sale.id)}
                >
                  <span>{sale.receiptNo}</span>
                  <span>{time.clock(sale.completedAt ?? sale.openedAt)}</span>
                  <span>{sale.kind === 'refund' ? till.sales.refund : sale.voided ? till.sales.voided : ''}</span>
                  <span className="line-amount">{formatMoney(sale.total, sale.currency, 'en')}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {chosen && chosen.kind === 'sale' && (
          <SaleDetail
            sale={chosen}
            onChanged={(done) => {
              setMessage(done)
              void load()
              void open(chosen.id)
            }}
          />
        )}
      </div>
    </section>
  )
}
