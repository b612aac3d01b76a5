import { type FormEvent, useEffect, useRef, useState } from 'react'
import { formatMoney, lineGross, MoneyError, parseWeightInput } from '../../../shared/money/index.ts'
import type { ProductView } from '../../../shared/views.ts'
import { useLanguage } from '../i18n/language.tsx'
import { WEIGHT_MESSAGES } from '../i18n/weight-messages.ts'
import { Notice } from '../ui/Notice.tsx'

/** The weight the cashier read off the scale for a product sold by weight, in whole grams. */
function gramsOf(typed: string): number | null {
  try {
    return parseWeightInput(typed)
  } catch (error) {
    if (error instanceof MoneyError) return null
    throw error
  }
}

/**
 * Weighing a product tapped on the grid: the cashier types what the scale shows (kilograms, or
 * grams with "g") and sees the line's amount before adding it. Scale labels skip this step.
 */
export function WeighDialog({
  product,
  onAdd,
  onCancel,
}: {
  product: ProductView
  onAdd: (grams: number) => void
  onCancel: () => void
}) {
  const { language } = useLanguage()
  const text = WEIGHT_MESSAGES[language]
  const dialog = useRef<HTMLDialogElement>(null)
  const [typed, setTyped] = useState('')
  const [error, setError] = useState<string | null>(null)
  useEffect(() => dialog.current?.showModal?.(), [])
  const grams = gramsOf(typed)
  const name = language === 'km' ? product.nameKm : product.nameEn
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (grams === null) return setError(text.errors.quantity_invalid ?? '')
    onAdd(grams)
  }
  return (
    <dialog ref={dialog} className="approval weigh" aria-labelledby="weigh-heading" onCancel={onCancel}>
      <form onSubmit={submit} noValidate>
        <h2 id="weigh-heading">{text.weighTitle(name)}</h2>
        <p className="fine">
          {formatMoney(product.price, product.currency, 'en')}
          {text.perKg}
        </p>
        <label className="field">
          <span>{text.weightLabel}</span>
          <input
            autoFocus
            inputMode="decimal"
            value={typed}
            placeholder={text.weightHint}
            aria-invalid={error !== null}
            onChange={(event) => {
              setTyped(event.target.value)
              setError(null)
            }}
          />
        </label>
        <p data-testid="weigh-amount" aria-live="polite">
          {grams === null
            ? '\u00a0'
            : text.amountWillBe(formatMoney(lineGross(grams, product.price, 'weight'), product.currency, 'en'))}
        </p>
        {error && <Notice tone="error">{error}</Notice>}
        <div className="actions">
          <button type="button" onClick={onCancel}>
            {text.cancel}
          </button>
          <button type="submit" className="primary">
            {text.add}
          </button>
        </div>
      </form>
    </dialog>
  )
}
