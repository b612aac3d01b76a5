import { useState } from 'react'
import { formatMoney, parseMoneyInput, parsePercentInput } from '../../../shared/money/index.ts'
import type { Approval, CashierLimits, Settings } from '../../../shared/views.ts'
import { AUTHORITY_MESSAGES } from '../i18n/authority-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { Notice } from '../ui/Notice.tsx'
import { ApprovalDialog } from './ApprovalDialog.tsx'
import { approvalRequest, callApproved } from './approved-call.ts'
import { percentText } from './percent-text.ts'
import { useTill } from './useTill.ts'

type LimitField = keyof CashierLimits

const amountText = (amount: number, currency: 'USD' | 'KHR') => formatMoney(amount, currency, 'en').replace(/^[$៛]/, '')

function parseLimit(field: LimitField, text: string): number | null {
  if (field === 'discountBasisPoints') return parsePercentInput(text)
  try {
    return parseMoneyInput(text, field === 'cashOutUsd' ? 'USD' : 'KHR')
  } catch {
    return null
  }
}

/**
 * The cashier's limits (Settings `cashierLimits`): above them a manager approves. A field that
 * does not read as a number is named and keeps Save off (`onValidity`), so nothing half-typed is saved.
 */
export function CashierLimitsSettings({
  draft,
  onChange,
  onValidity,
}: {
  draft: Settings
  onChange(draft: Settings): void
  onValidity(valid: boolean): void
}) {
  const { language } = useLanguage()
  const words = AUTHORITY_MESSAGES[language].limits
  const limits = draft.cashierLimits
  const [texts, setTexts] = useState<Record<LimitField, string>>({
    discountBasisPoints: percentText(limits.discountBasisPoints),
    cashOutUsd: amountText(limits.cashOutUsd, 'USD'),
    cashOutKhr: amountText(limits.cashOutKhr, 'KHR'),
  })
  const [invalid, setInvalid] = useState<LimitField[]>([])
  const labels: Record<LimitField, string> = {
    discountBasisPoints: words.discount,
    cashOutUsd: words.cashOutUsd,
    cashOutKhr: words.cashOutKhr,
  }
  const type = (field: LimitField, text: string) => {
    const next = { ...texts, [field]: text }
    setTexts(next)
    const value = parseLimit(field, text)
    const stillInvalid = invalid.filter((other) => other !== field).concat(value === null ? [field] : [])
    setInvalid(stillInvalid)
    onValidity(stillInvalid.length === 0)
    if (value !== null) onChange({ ...draft, cashierLimits: { ...limits, [field]: value } })
  }
  return (
    <fieldset className="settings-group" data-testid="cashier-limits">
      <legend>{words.legend}</legend>
      <p className="fine">{words.hint}</p>
      {(Object.keys(labels) as LimitField[]).map((field) => (
        <label className="field" key={field}>
          <span>{labels[field]}</span>
          <input
            inputMode="decimal"
            name={field}
            value={texts[field]}
            aria-invalid={invalid.includes(field)}
            onChange={(event) => type(field, event.target.value)}
          />
        </label>
      ))}
      {invalid.map((field) => (
        <Notice key={field} tone="error">
          {words.invalid(labels[field])}
        </Notice>
      ))}
    </fieldset>
  )
}

/** Makes a new owner recovery code (with a manager's approval) and shows it once, to be written down. */
export function RecoveryCodeSettings() {
  const { explain } = useTill()
  const { language } = useLanguage()
  const words = AUTHORITY_MESSAGES[language].recovery
  const [asking, setAsking] = useState<{ error: string | null } | null>(null)
  const [code, setCode] = useState<string | null>(null)
  const request = approvalRequest('createRecoveryCode')
  const make = async (approval: Approval) => {
    const result = await callApproved(request, approval)
    if (!result.ok) return setAsking({ error: explain(result.error) })
    setAsking(null)
    setCode((result.value as { code: string }).code)
  }
  return (
    <fieldset className="settings-group" data-testid="recovery-code-settings">
      <legend>{words.legend}</legend>
      <p className="fine">{words.replaces}</p>
      {code ? (
        <div role="status" className="recovery-shown">
          <p>{words.shown}</p>
          <p className="recovery-code" data-testid="recovery-code">
            {code}
          </p>
          <button type="button" onClick={() => setCode(null)}>
            {words.written}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setAsking({ error: null })}>
          {words.make}
        </button>
      )}
      {asking && (
        <ApprovalDialog
          title={words.title}
          request={request}
          error={asking.error}
          onApprove={(approval) => void make(approval)}
          onCancel={() => setAsking(null)}
        />
      )}
    </fieldset>
  )
}
