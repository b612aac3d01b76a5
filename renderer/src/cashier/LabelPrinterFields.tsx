import type { LabelPrinterSettings } from '../../../shared/views.ts'
import { useLanguage } from '../i18n/language.tsx'
import { PRINTER_MESSAGES } from '../i18n/printer-messages.ts'
import { ConnectionFields } from './ConnectionFields.tsx'

/** Whole millimetres in range; what was typed otherwise (the engine refuses it with the field named). */
const millimetres = (text: string): number => Number(text.replace(/\D/g, '') || '0')

/** The label printer for stickers and shelf prices: its connection and the labels loaded in it. */
export function LabelPrinterFields({
  label,
  onChange,
}: {
  label: LabelPrinterSettings
  onChange(label: LabelPrinterSettings): void
}) {
  const { language } = useLanguage()
  const words = PRINTER_MESSAGES[language]
  const sizeValid =
    label.widthMm >= 20 && label.widthMm <= 108 && label.heightMm >= 15 && label.heightMm <= 200 && label.gapMm <= 10
  return (
    <fieldset className="settings-group">
      <legend>{words.labelPrinter}</legend>
      <p className="fine wide">{words.labelPrinterHint}</p>
      <ConnectionFields printer={label} noneLabel={words.noLabelPrinter} onChange={onChange} />
      {(
        [
          ['widthMm', words.labelWidth],
          ['heightMm', words.labelHeight],
          ['gapMm', words.labelGap],
        ] as const
      ).map(([field, name]) => (
        <label className="field" key={field}>
          <span>{name}</span>
          <input
            inputMode="numeric"
            value={label[field]}
            onChange={(event) => onChange({ ...label, [field]: millimetres(event.target.value) })}
          />
        </label>
      ))}
      {!sizeValid && (
        <p role="alert" className="trouble">
          {words.labelSizeInvalid}
        </p>
      )}
    </fieldset>
  )
}
