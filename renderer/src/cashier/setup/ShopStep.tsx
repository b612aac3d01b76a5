import { type FormEvent, useState } from 'react'
import type { Currency } from '../../../../shared/money/index.ts'
import type { ManagerConsent, Settings } from '../../../../shared/views.ts'
import { useLanguage } from '../../i18n/language.tsx'
import { SETUP_MESSAGES } from '../../i18n/setup-messages.ts'
import { Notice } from '../../ui/Notice.tsx'
import { useTill } from '../useTill.ts'
import { withConsent } from './setup-calls.ts'

const TIN = /^[A-Z][0-9]{3}-[0-9]{9}$/

interface ShopForm {
  nameKm: string
  nameEn: string
  address: string
  phone: string
  vatTin: string
  saleCurrency: Currency
  smallestNote: Settings['smallestNote']
  rate: string
}

/** The shop itself: its names, address, phone, VAT TIN, what it sells in, and today's rate. */
export function ShopStep({ consent, onDone }: { consent: ManagerConsent; onDone(): void }) {
  const { explain } = useTill()
  const { language } = useLanguage()
  const words = SETUP_MESSAGES[language]
  const [form, setForm] = useState<ShopForm>({
    nameKm: '',
    nameEn: '',
    address: '',
    phone: '',
    vatTin: '',
    saleCurrency: 'USD',
    smallestNote: 100,
    rate: '',
  })
  const [problems, setProblems] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (change: Partial<ShopForm>) => {
    setForm({ ...form, ...change })
    setProblems([])
  }

  const check = (): string[] => {
    const wrong: string[] = []
    if (form.nameKm.trim() === '') wrong.push(words.shop.nameKm)
    if (form.nameEn.trim() === '') wrong.push(words.shop.nameEn)
    if (!/^[0-9+ ]*$/.test(form.phone)) wrong.push(words.shop.phone)
    if (form.vatTin.trim() !== '' && !TIN.test(form.vatTin.trim().toUpperCase())) wrong.push(words.shop.vatTin)
    const rate = Number(form.rate)
    if (!/^\d{4,5}$/.test(form.rate) || rate < 1000 || rate > 10_000) wrong.push(words.shop.rate)
    return wrong
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const wrong = check()
    setProblems(wrong)
    if (wrong.length > 0) return
    setBusy(true)
    const saved = await withConsent(consent, 'updateSettings', {
      shopNameKm: form.nameKm.trim(),
      shopNameEn: form.nameEn.trim(),
      shopAddress: form.address.trim(),
      shopPhone: form.phone.trim(),
      vatTin: form.vatTin.trim().toUpperCase(),
      saleCurrency: form.saleCurrency,
      smallestNote: form.smallestNote,
    })
    const rated = saved.ok ? await withConsent(consent, 'setExchangeRate', Number(form.rate), 'nbc') : saved
    setBusy(false)
    if (!rated.ok) return setError(explain(rated.error))
    onDone()
  }

  const field = (name: keyof ShopForm, label: string, hint?: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        value={form[name] as string}
        aria-invalid={problems.includes(label)}
        onChange={(event) => set({ [name]: event.target.value })}
      />
      {hint && <span className="fine">{hint}</span>}
    </label>
  )

  return (
    <form className="setup-form two-columns" onSubmit={submit} noValidate>
      {field('nameKm', words.shop.nameKm)}
      {field('nameEn', words.shop.nameEn)}
      <label className="field">
        <span>{words.shop.address}</span>
        <textarea value={form.address} rows={2} onChange={(event) => set({ address: event.target.value })} />
      </label>
      {field('phone', words.shop.phone)}
      {field('vatTin', words.shop.vatTin, words.shop.vatTinHint)}
      <label className="field">
        <span>{words.shop.saleCurrency}</span>
        <select value={form.saleCurrency} onChange={(event) => set({ saleCurrency: event.target.value as Currency })}>
          <option value="USD">$ USD</option>
          <option value="KHR">៛ KHR</option>
        </select>
      </label>
      <label className="field">
        <span>{words.shop.smallestNote}</span>
        <select
          value={form.smallestNote}
          onChange={(event) => set({ smallestNote: Number(event.target.value) as Settings['smallestNote'] })}
        >
          {[100, 500, 1000].map((note) => (
            <option key={note} value={note}>
              ៛{note.toLocaleString('en-US')}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{words.shop.rate}</span>
        <input
          inputMode="numeric"
          value={form.rate}
          aria-invalid={problems.includes(words.shop.rate)}
          onChange={(event) => set({ rate: event.target.value.replace(/\D/g, '') })}
        />
        <span className="fine">{words.shop.rateHint}</span>
      </label>
      {problems.map((problem) => (
        <Notice key={problem} tone="error">
          {words.invalid(problem)}
        </Notice>
      ))}
      {error && <Notice tone="error">{error}</Notice>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {words.next}
        </button>
      </div>
    </form>
  )
}
