import { type FormEvent, useEffect, useState } from 'react'
import type { LabelPrinterSettings } from '../../../shared/views.ts'
import { useLanguage } from '../i18n/language.tsx'
import { PRINTER_MESSAGES } from '../i18n/printer-messages.ts'
import { Notice } from '../ui/Notice.tsx'
import { useTill } from './useTill.ts'

/**
 * Static KHQR stickers of the shop's own account, for the counter or a stall: how many, the
 * paper, and the error correction (Q for stickers that will be handled or fade), with a preview
 * of exactly what will print. Each printed sticker gets a serial in the sticker register.
 */
export function StickersPanel() {
  const { till, explain } = useTill()
  const { language } = useLanguage()
  const [copies, setCopies] = useState('1')
  const [ecc, setEcc] = useState<'M' | 'Q'>('Q')
  const [paperWidth, setPaperWidth] = useState<58 | 80>(80)
  // With a label printer set up, stickers print on it and the preview is its label.
  const [labels, setLabels] = useState<LabelPrinterSettings | null>(null)
  useEffect(() => {
    void window.pos.getSettings().then((result) => {
      if (result.ok && result.value.labelPrinter.transport !== 'none') setLabels(result.value.labelPrinter)
    })
  }, [])
  const paper = labels ? 'label' : paperWidth
  const [preview, setPreview] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [printed, setPrinted] = useState<string[] | null>(null)

  useEffect(() => {
    let current = true
    void window.pos.previewStickers(ecc, paper).then((result) => {
      if (!current) return
      if (result.ok) setPreview(result.value)
      else setError(explain(result.error))
    })
    return () => {
      current = false
    }
  }, [ecc, paper, explain])

  const print = async (event: FormEvent) => {
    event.preventDefault()
    const count = Number(copies)
    if (!Number.isInteger(count) || count < 1 || count > 50) return setError(till.stickers.copiesInvalid)
    const result = await window.pos.printStickers(count, ecc)
    if (result.ok) {
      setError(null)
      setPrinted(result.value.serials)
    } else setError(explain(result.error))
  }

  return (
    <section className="card stickers-panel" aria-labelledby="stickers-heading">
      <h2 id="stickers-heading">{till.stickers.title}</h2>
      <div className="stickers-layout">
        <form onSubmit={print} className="float-form">
          <label className="field">
            <span>{till.stickers.copies}</span>
            <input
              inputMode="numeric"
              value={copies}
              onChange={(event) => setCopies(event.target.value.replace(/\D/g, ''))}
            />
          </label>
          {labels ? (
            <p className="fine">{PRINTER_MESSAGES[language].stickersOnLabels(labels.widthMm, labels.heightMm)}</p>
          ) : (
            <fieldset className="discount-kind">
              <legend>{till.stickers.paper}</legend>
              {([58, 80] as const).map((width) => (
                <label key={width}>
                  <input
                    type="radio"
                    name="paper"
                    checked={paperWidth === width}
                    onChange={() => setPaperWidth(width)}
                  />{' '}
                  {width} mm
                </label>
              ))}
            </fieldset>
          )}
          <fieldset className="discount-kind">
            <legend>{till.stickers.strength}</legend>
            <label>
              <input type="radio" name="ecc" checked={ecc === 'M'} onChange={() => setEcc('M')} />{' '}
              {till.stickers.normal}
            </label>
            <label>
              <input type="radio" name="ecc" checked={ecc === 'Q'} onChange={() => setEcc('Q')} />{' '}
              {till.stickers.sturdy}
            </label>
          </fieldset>
          {error && <Notice tone="error">{error}</Notice>}
          {printed && (
            <p role="status" className="done">
              {till.stickers.printed(printed.join(', '))}
            </p>
          )}
          <button type="submit" className="primary">
            {till.stickers.print}
          </button>
        </form>
        {preview && (
          <img className="receipt-preview" src={preview} alt={till.stickers.previewAlt} data-testid="sticker-preview" />
        )}
      </div>
    </section>
  )
}
