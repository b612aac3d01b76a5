import { type FormEvent, useState } from 'react'
import { MoneyError, parseMoneyInput } from '../../../shared/money/index.ts'
import type { ShiftSummary } from '../../../shared/views.ts'
import { Notice } from '../ui/Notice.tsx'
import { useTill } from './useTill.ts'

/** A shift starts with the float counted per currency. */
export function OpenShift({ onOpened }: { onOpened(shift: ShiftSummary): void }) {
  const { till, explain } = useTill()
  const [usd, setUsd] = useState('0')
  const [khr, setKhr] = useState('0')
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    let float: { usd: number; khr: number }
    try {
      float = { usd: parseMoneyInput(usd, 'USD'), khr: parseMoneyInput(khr, 'KHR') }
    } catch (failure) {
      if (failure instanceof MoneyError) return setError(explain({ code: failure.code, message: failure.message }))
      throw failure
    }
    const result = await window.pos.openShift(float)
    if (result.ok) onOpened(result.value)
    else setError(explain(result.error))
  }

  return (
    <section className="card open-shift" aria-labelledby="open-shift-heading">
      <h2 id="open-shift-heading">{till.openShiftTitle}</h2>
      <p className="fine">{till.openShiftHint}</p>
      <form onSubmit={submit} className="float-form">
        <label className="field">
          <span>{till.floatUsd}</span>
          <input inputMode="decimal" value={usd} onChange={(event) => setUsd(event.target.value)} />
        </label>
        <label className="field">
          <span>{till.floatKhr}</span>
          <input inputMode="numeric" value={khr} onChange={(event) => setKhr(event.target.value)} />
        </label>
        {error && <Notice tone="error">{error}</Notice>}
        <button type="submit" className="primary">
          {till.openShift}
        </button>
      </form>
    </section>
  )
}
