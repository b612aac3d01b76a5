import { type FormEvent, useState } from 'react'
import type { ApprovalRequest } from '../../../shared/api.ts'
import { type Currency, formatMoney, parseMoneyInput } from '../../../shared/money/index.ts'
import type { Approval } from '../../../shared/views.ts'
import { CASH_MESSAGES } from '../i18n/cash-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { Notice } from '../ui/Notice.tsx'
import { usePosQuery } from '../ui/usePosQuery.ts'
import { ApprovalDialog } from './ApprovalDialog.tsx'
import { approvalRequest, callApproved } from './approved-call.ts'
import { useTill } from './useTill.ts'

type Move = { direction: 'in' | 'out'; currency: Currency; amount: number; reason: string }

/**
 * Cash in and out of the drawer with a reason, and opening it without a sale. A cash out above the
 * cashier's limit, and every no-sale opening, asks a manager (the engine decides; this asks when
 * told to). Both are on the X and Z.
 */
export function CashDrawer({ onChange }: { onChange(): void }) {
  const { explain } = useTill()
  const { language } = useLanguage()
  const words = CASH_MESSAGES[language]
  const [direction, setDirection] = useState<Move['direction']>('out')
  const [currency, setCurrency] = useState<Currency>('USD')
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [asking, setAsking] = useState<{ request: ApprovalRequest; done: string; error: string | null } | null>(null)
  const settings = usePosQuery(() => window.pos.getSettings())
  // The drawer opens on the receipt printer's pulse; without one only its key opens it.
  const noPrinter = settings.status === 'ready' && settings.value.printer.transport === 'none'

  const describe = (move: Move) =>
    `${move.direction === 'in' ? words.in : words.out} ${formatMoney(move.amount, move.currency, 'en')} · ${move.reason}`
  const done = (what: string) => {
    setMessage(what)
    setAmount('')
    setReason('')
    onChange()
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setMessage(null)
    let minor: number
    try {
      minor = parseMoneyInput(amount, currency)
    } catch {
      return setError(words.invalid(words.amount))
    }
    if (minor <= 0) return setError(words.invalid(words.amount))
    if (reason.trim() === '') return setError(words.invalid(words.reason))
    setError(null)
    const move: Move = { direction, currency, amount: minor, reason: reason.trim() }
    const result = await window.pos.moveCash(move, null)
    if (result.ok) return done(words.recorded(describe(move)))
    if (result.error.code === 'approval_required')
      return setAsking({
        request: approvalRequest('moveCash', move),
        done: words.recorded(describe(move)),
        error: null,
      })
    setError(explain(result.error))
  }
  const approve = async (approval: Approval) => {
    if (!asking) return
    const result = await callApproved(asking.request, approval)
    if (!result.ok) return setAsking({ ...asking, error: explain(result.error) })
    setAsking(null)
    done(asking.done)
  }

  return (
    <section className="cash-drawer" aria-labelledby="cash-heading">
      <h3 id="cash-heading">{words.title}</h3>
      <form className="setup-form two-columns" onSubmit={submit} noValidate>
        <label className="field">
          <span>{words.direction}</span>
          <select value={direction} onChange={(event) => setDirection(event.target.value as Move['direction'])}>
            <option value="out">{words.out}</option>
            <option value="in">{words.in}</option>
          </select>
        </label>
        <label className="field">
          <span>{words.currency}</span>
          <select value={currency} onChange={(event) => setCurrency(event.target.value as Currency)}>
            <option value="USD">$ USD</option>
            <option value="KHR">៛ KHR</option>
          </select>
        </label>
        <label className="field">
          <span>{words.amount}</span>
          <input inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} />
        </label>
        <label className="field">
          <span>{words.reason}</span>
          <input value={reason} placeholder={words.reasonHint} onChange={(event) => setReason(event.target.value)} />
        </label>
        {error && <Notice tone="error">{error}</Notice>}
        {message && (
          <p role="status" className="done">
            {message}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary">
            {words.record}
          </button>
          <button
            type="button"
            disabled={noPrinter}
            aria-describedby={noPrinter ? 'drawer-needs-printer' : undefined}
            onClick={() => setAsking({ request: approvalRequest('openDrawer'), done: words.drawerOpened, error: null })}
          >
            {words.openDrawer}
          </button>
        </div>
        {noPrinter && (
          <p className="fine" id="drawer-needs-printer">
            {words.drawerNeedsPrinter}
          </p>
        )}
      </form>
      {asking && (
        <ApprovalDialog
          title={words.title}
          request={asking.request}
          currency={currency}
          error={asking.error}
          onApprove={(approval) => void approve(approval)}
          onCancel={() => setAsking(null)}
        />
      )}
    </section>
  )
}
