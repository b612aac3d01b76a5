import { type FormEvent, useState } from 'react'
import { VAT_TIN } from '../../../shared/checks.ts'
import type { SaleView } from '../../../shared/views.ts'
import { INVOICE_MESSAGES } from '../i18n/invoice-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { Notice } from '../ui/Notice.tsx'
import type { Call } from './call.ts'

/**
 * "Invoice for a company": the business customer's name and VAT TIN, printed on this sale's VAT
 * invoice. It changes no amount, so it may be set while a QR is up; a bad TIN is named before
 * anything is sent.
 */
export function BuyerForm({ sale, call, onDone }: { sale: SaleView; call: Call; onDone(): void }) {
  const { language } = useLanguage()
  const words = INVOICE_MESSAGES[language]
  const [name, setName] = useState(sale.buyer?.name ?? '')
  const [tin, setTin] = useState(sale.buyer?.tin ?? '')
  const [problem, setProblem] = useState<'name' | 'tin' | null>(null)
  const save = async (event: FormEvent) => {
    event.preventDefault()
    const buyer = { name: name.trim(), tin: tin.trim().toUpperCase() }
    if (buyer.name === '') return setProblem('name')
    if (!VAT_TIN.test(buyer.tin)) return setProblem('tin')
    if (await call(() => window.pos.setSaleBuyer(buyer))) onDone()
  }
  const remove = async () => {
    if (await call(() => window.pos.setSaleBuyer(null))) onDone()
  }
  return (
    <section className="payment" aria-labelledby="buyer-heading">
      <h2 id="buyer-heading">{words.title}</h2>
      <p className="fine">{words.hint}</p>
      <form className="discount-form" onSubmit={save} noValidate>
        <label className="field">
          <span>{words.name}</span>
          <input
            value={name}
            maxLength={120}
            aria-invalid={problem === 'name'}
            onChange={(event) => {
              setName(event.target.value)
              setProblem(null)
            }}
          />
        </label>
        <label className="field">
          <span>{words.tin}</span>
          <input
            value={tin}
            maxLength={14}
            spellCheck={false}
            placeholder={words.tinHint}
            aria-invalid={problem === 'tin'}
            onChange={(event) => {
              setTin(event.target.value)
              setProblem(null)
            }}
          />
        </label>
        {problem && <Notice tone="error">{problem === 'name' ? words.nameMissing : words.tinInvalid}</Notice>}
        <div className="actions">
          <button type="button" onClick={onDone}>
            {words.cancel}
          </button>
          {sale.buyer && (
            <button type="button" onClick={() => void remove()}>
              {words.remove}
            </button>
          )}
          <button type="submit" className="primary">
            {words.save}
          </button>
        </div>
      </form>
    </section>
  )
}
