import { type FormEvent, useEffect, useState } from 'react'
import { type Discount, MoneyError, parseMoneyInput, parsePercentInput } from '../../../shared/money/index.ts'
import type { SaleSummary, SaleView } from '../../../shared/views.ts'
import { useLanguage } from '../i18n/language.tsx'
import { Notice } from '../ui/Notice.tsx'
import { useTill } from './useTill.ts'

type Call = <T>(
  run: () => Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>,
) => Promise<T | undefined>

/**
 * Discounts on a line or the whole sale (percent or amount), and putting the sale on hold. None
 * of it is possible once money was taken: the engine refuses, and the buttons say so by being off.
 */
export function SaleTools({ sale, call }: { sale: SaleView; call: Call }) {
  const { till, explain } = useTill()
  const { language } = useLanguage()
  const [open, setOpen] = useState(false)
  const [target, setTarget] = useState<string>('sale')
  const [kind, setKind] = useState<Discount['kind']>('percent')
  const [value, setValue] = useState('')
  const [error, setError] = useState<string | null>(null)
  const locked = sale.tenders.length > 0

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
    const done = await call(() =>
      target === 'sale' ? window.pos.setSaleDiscount(discount) : window.pos.setLineDiscount(target, discount),
    )
    if (done) {
      // The next discount starts fresh: on the whole sale, as a percentage.
      setOpen(false)
      setValue('')
      setTarget('sale')
      setKind('percent')
    }
  }

  return (
    <div className="sale-tools">
      <div className="actions">
        <button type="button" disabled={locked} aria-expanded={open} onClick={() => setOpen(!open)}>
          {till.tools.discount}
        </button>
        <button
          type="button"
          disabled={locked || sale.state !== 'open'}
          onClick={() => void call(() => window.pos.holdSale())}
        >
          {till.tools.hold}
        </button>
      </div>
      {open && (
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
              <input
                type="radio"
                name="discount-kind"
                checked={kind === 'percent'}
                onChange={() => setKind('percent')}
              />{' '}
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
            <button type="submit" className="primary">
              {value.trim() === '' ? till.tools.removeDiscount : till.tools.apply}
            </button>
          </div>
        </form>
      )}
    </div>
  )
}

/** Sales put on hold, to bring back to the counter. */
export function HeldSales({ call, refreshKey }: { call: Call; refreshKey: unknown }) {
  const { till } = useTill()
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
              {till.tools.recall(
                sale.lineCount,
                new Date(sale.openedAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }),
              )}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
