import { type FormEvent, useEffect, useState } from 'react'
import type { ProductView } from '../../../shared/views.ts'
import { useLanguage } from '../i18n/language.tsx'
import { PRINTER_MESSAGES } from '../i18n/printer-messages.ts'
import { Notice } from '../ui/Notice.tsx'
import { useTill } from './useTill.ts'

interface Chosen {
  product: ProductView
  copies: string
}

/**
 * Shelf price labels on the label printer: products found by name or barcode, how many labels of
 * each, the dollar price beneath the riel price or not, a preview of the label as it will print.
 */
export function ShelfLabelsPanel() {
  const { explain } = useTill()
  const { language } = useLanguage()
  const words = PRINTER_MESSAGES[language].shelf
  const [hasPrinter, setHasPrinter] = useState<boolean | null>(null)
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<ProductView[]>([])
  const [chosen, setChosen] = useState<Chosen[]>([])
  const [dual, setDual] = useState(false)
  const [preview, setPreview] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void window.pos.getSettings().then((result) => {
      if (result.ok) setHasPrinter(result.value.labelPrinter.transport !== 'none')
    })
  }, [])
  useEffect(() => {
    if (query.trim() === '') return setFound([])
    let current = true
    void window.pos.searchProducts(query.trim()).then((result) => {
      if (current && result.ok) setFound(result.value.slice(0, 8))
    })
    return () => {
      current = false
    }
  }, [query])
  const first = chosen[0]?.product.id
  useEffect(() => {
    if (!first) return setPreview(null)
    let current = true
    void window.pos.previewShelfLabel(first, dual).then((result) => {
      if (!current) return
      if (result.ok) setPreview(result.value)
      else setError(explain(result.error))
    })
    return () => {
      current = false
    }
  }, [first, dual, explain])

  const print = async (event: FormEvent) => {
    event.preventDefault()
    setMessage(null)
    if (chosen.length === 0) return setError(words.nothingChosen)
    const items = chosen.map(({ product, copies }) => ({
      productId: product.id,
      copies: Math.max(1, Number(copies) || 1),
    }))
    const result = await window.pos.printShelfLabels(items, dual)
    if (!result.ok) return setError(explain(result.error))
    setError(null)
    setMessage(words.printed(items.reduce((sum, item) => sum + item.copies, 0)))
  }

  return (
    <section className="card stickers-panel" aria-labelledby="shelf-heading">
      <h2 id="shelf-heading">{words.title}</h2>
      <p className="fine">{words.hint}</p>
      {hasPrinter === false ? (
        <Notice tone="warning">{words.needPrinter}</Notice>
      ) : (
        <div className="stickers-layout">
          <form onSubmit={print} className="float-form">
            <label className="field">
              <span>{words.search}</span>
              <input value={query} onChange={(event) => setQuery(event.target.value)} />
            </label>
            <ul className="plain-list">
              {found.map((product) => (
                <li key={product.id}>
                  {language === 'km' && product.nameKm ? product.nameKm : product.nameEn}{' '}
                  <button
                    type="button"
                    disabled={chosen.some((item) => item.product.id === product.id)}
                    onClick={() => setChosen([...chosen, { product, copies: '1' }])}
                  >
                    {words.add}
                  </button>
                </li>
              ))}
            </ul>
            {chosen.map(({ product, copies }, index) => {
              const name = language === 'km' && product.nameKm ? product.nameKm : product.nameEn
              return (
                <div className="inline-field" key={product.id}>
                  <label className="field">
                    <span>{words.copies(name)}</span>
                    <input
                      inputMode="numeric"
                      value={copies}
                      onChange={(event) =>
                        setChosen(
                          chosen.map((item, at) =>
                            at === index ? { ...item, copies: event.target.value.replace(/\D/g, '') } : item,
                          ),
                        )
                      }
                    />
                  </label>
                  <button type="button" onClick={() => setChosen(chosen.filter((_, at) => at !== index))}>
                    {words.remove(name)}
                  </button>
                </div>
              )
            })}
            <label className="check">
              <input type="checkbox" checked={dual} onChange={(event) => setDual(event.target.checked)} /> {words.dual}
            </label>
            {error && <Notice tone="error">{error}</Notice>}
            {message && (
              <p role="status" className="done">
                {message}
              </p>
            )}
            <button type="submit" className="primary">
              {words.print}
            </button>
          </form>
          {preview && (
            <img className="receipt-preview" src={preview} alt={words.previewAlt} data-testid="shelf-preview" />
          )}
        </div>
      )}
    </section>
  )
}
