import { type FormEvent, type KeyboardEvent, useEffect, useState } from 'react'
import * as is from '../../../../shared/checks.ts'
import { type Currency, formatMoney, parseMoneyInput } from '../../../../shared/money/index.ts'
import type { Approval, CategoryView, ProductInput, ProductView, VatClassView } from '../../../../shared/views.ts'
import { CATALOG_MESSAGES } from '../../i18n/catalog-messages.ts'
import { useLanguage } from '../../i18n/language.tsx'
import { WEIGHT_MESSAGES } from '../../i18n/weight-messages.ts'
import { Notice } from '../../ui/Notice.tsx'
import { ApprovalDialog } from '../ApprovalDialog.tsx'
import { approvalRequest, callApproved } from '../approved-call.ts'
import { useTill } from '../useTill.ts'

/** What the form edits of a product: the input fields only (its id and demo mark are not the manager's to send). */
function inputOf(product: ProductView): ProductInput {
  const { sku, nameEn, nameKm, categoryId, price, currency, vatClass, active, barcodes, soldBy, scaleCode } = product
  return {
    sku,
    nameEn,
    nameKm,
    categoryId,
    price,
    currency,
    vatClass,
    active,
    barcodes: [...barcodes],
    soldBy,
    scaleCode,
  }
}

const priceText = (amount: number, currency: Currency) => formatMoney(amount, currency, 'en').replace(/^[$៛]/, '')

/**
 * One product, new or as it is: its names in Khmer and English, SKU, price and its currency, VAT
 * class, category, barcodes (filled by scanning) and whether it is for sale. Saved with a manager's
 * approval; a field that is not right is named and nothing is saved.
 */
export function ProductForm({
  product,
  categories,
  onSaved,
  onCancel,
}: {
  product: ProductView | null
  categories: CategoryView[]
  onSaved(saved: ProductView): void
  onCancel(): void
}) {
  const { explain } = useTill()
  const { language } = useLanguage()
  const words = CATALOG_MESSAGES[language]
  const [vatClasses, setVatClasses] = useState<VatClassView[]>([])
  const [draft, setDraft] = useState<ProductInput>(
    product
      ? inputOf(product)
      : {
          sku: '',
          nameEn: '',
          nameKm: '',
          categoryId: null,
          price: 0,
          currency: 'USD',
          vatClass: '',
          active: true,
          barcodes: [],
          soldBy: 'count',
          scaleCode: null,
        },
  )
  const [scaleCode, setScaleCode] = useState(product?.scaleCode ?? '')
  const weightWords = WEIGHT_MESSAGES[language]
  const [price, setPrice] = useState(product ? priceText(product.price, product.currency) : '')
  const [barcode, setBarcode] = useState('')
  const [problems, setProblems] = useState<string[]>([])
  const [asking, setAsking] = useState<{ input: ProductInput; error: string | null } | null>(null)
  useEffect(() => {
    void window.pos.listVatClasses().then((result) => {
      if (!result.ok) return
      setVatClasses(result.value)
      setDraft((current) => (current.vatClass ? current : { ...current, vatClass: result.value[0]?.id ?? '' }))
    })
  }, [])
  const set = (change: Partial<ProductInput>) => {
    setDraft({ ...draft, ...change })
    setProblems([])
  }

  const addBarcode = () => {
    const code = barcode.trim()
    if (code === '' || draft.barcodes.includes(code)) return setBarcode('')
    set({ barcodes: [...draft.barcodes, code] })
    setBarcode('')
  }
  // The scanner ends a barcode with Enter: it adds the barcode, it does not submit the form.
  const barcodeKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return
    event.preventDefault()
    addBarcode()
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    // The engine's own checks, so the form names the field before anything is sent.
    const holds = (check: (value: unknown) => unknown, value: string) => {
      try {
        check(value)
        return true
      } catch {
        return false
      }
    }
    const wrong: string[] = []
    if (!holds(is.productName, draft.nameKm.trim())) wrong.push(words.form.nameKm)
    if (!holds(is.productName, draft.nameEn.trim())) wrong.push(words.form.nameEn)
    if (!holds(is.sku, draft.sku.trim())) wrong.push(words.form.sku)
    let amount = 0
    try {
      amount = parseMoneyInput(price, draft.currency)
    } catch {
      wrong.push(words.form.price)
    }
    const code = scaleCode.trim()
    if (code !== '' && !/^(?=.*[1-9])[0-9]{1,6}$/.test(code)) wrong.push(weightWords.scaleCode)
    setProblems(wrong)
    if (wrong.length > 0) return
    setAsking({
      input: {
        ...draft,
        sku: draft.sku.trim(),
        nameEn: draft.nameEn.trim(),
        nameKm: draft.nameKm.trim(),
        price: amount,
        scaleCode: code === '' ? null : code,
      },
      error: null,
    })
  }
  const save = async (input: ProductInput, approval: Approval) => {
    const result = await callApproved(approvalRequest('saveProduct', input, product?.id ?? null), approval)
    if (!result.ok) return setAsking({ input, error: explain(result.error) })
    setAsking(null)
    onSaved(result.value as ProductView)
  }

  const text = (name: 'nameKm' | 'nameEn' | 'sku', label: string) => (
    <label className="field">
      <span>{label}</span>
      <input
        value={draft[name]}
        aria-invalid={problems.includes(label)}
        onChange={(event) => set({ [name]: event.target.value })}
      />
    </label>
  )

  return (
    <>
      <form className="setup-form two-columns product-form" onSubmit={submit} noValidate>
        {text('nameKm', words.form.nameKm)}
        {text('nameEn', words.form.nameEn)}
        {text('sku', words.form.sku)}
        <label className="field">
          <span>{weightWords.soldBy}</span>
          <select
            value={draft.soldBy ?? 'count'}
            onChange={(event) => set({ soldBy: event.target.value === 'weight' ? 'weight' : 'count' })}
          >
            <option value="count">{weightWords.byCount}</option>
            <option value="weight">{weightWords.byWeight}</option>
          </select>
        </label>
        <label className="field">
          <span>{draft.soldBy === 'weight' ? weightWords.pricePerKg : words.form.price}</span>
          <input
            inputMode="decimal"
            value={price}
            aria-invalid={problems.includes(words.form.price)}
            onChange={(event) => {
              setPrice(event.target.value)
              setProblems([])
            }}
          />
        </label>
        <label className="field">
          <span>{words.form.currency}</span>
          <select value={draft.currency} onChange={(event) => set({ currency: event.target.value as Currency })}>
            <option value="USD">$ USD</option>
            <option value="KHR">៛ KHR</option>
          </select>
        </label>
        <label className="field">
          <span>{words.form.vatClass}</span>
          <select value={draft.vatClass} onChange={(event) => set({ vatClass: event.target.value })}>
            {vatClasses.map((vat) => (
              <option key={vat.id} value={vat.id}>
                {language === 'km' ? vat.nameKm : vat.nameEn}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{words.category}</span>
          <select
            value={draft.categoryId ?? ''}
            onChange={(event) => set({ categoryId: event.target.value === '' ? null : event.target.value })}
          >
            <option value="">{words.noCategory}</option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {language === 'km' ? category.nameKm : category.nameEn}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{weightWords.scaleCode}</span>
          <input
            inputMode="numeric"
            maxLength={6}
            value={scaleCode}
            placeholder={weightWords.scaleCodeHint}
            aria-invalid={problems.includes(weightWords.scaleCode)}
            onChange={(event) => {
              setScaleCode(event.target.value)
              setProblems([])
            }}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.active} onChange={(event) => set({ active: event.target.checked })} />
          <span>{words.form.active}</span>
          <span className="fine">{words.form.activeHint}</span>
        </label>
        <fieldset className="barcodes">
          <legend>{words.form.barcodes}</legend>
          <ul>
            {draft.barcodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
                <button
                  type="button"
                  aria-label={words.form.removeBarcode(code)}
                  onClick={() => set({ barcodes: draft.barcodes.filter((other) => other !== code) })}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <label className="field">
            <span>{words.form.addBarcode}</span>
            <input
              inputMode="numeric"
              value={barcode}
              onChange={(event) => setBarcode(event.target.value)}
              onKeyDown={barcodeKey}
            />
            <span className="fine">{words.form.barcodeHint}</span>
          </label>
        </fieldset>
        {problems.map((problem) => (
          <Notice key={problem} tone="error">
            {words.invalid(problem)}
          </Notice>
        ))}
        <div className="actions sticky-actions">
          <button type="button" onClick={onCancel}>
            {words.form.cancel}
          </button>
          <button type="submit" className="primary">
            {words.form.save}
          </button>
        </div>
      </form>
      {/* Outside the product's form: a form inside a form would submit the page. */}
      {asking && (
        <ApprovalDialog
          title={words.title}
          request={approvalRequest('saveProduct', asking.input, product?.id ?? null)}
          error={asking.error}
          onApprove={(approval) => void save(asking.input, approval)}
          onCancel={() => setAsking(null)}
        />
      )}
    </>
  )
}
