import type { LabelPrinterSettings } from '../../../shared/views.ts'
import { useLanguage } from '../i18n/language.tsx'
import { PRINTER_MESSAGES } from '../i18n/printer-messages.ts'
import { useTill } from './useTill.ts'

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
  const { till } = useTill()
  const { language } = useLanguage()
  const words = PRINTER_MESSAGES[language]
  const sizeValid =
    label.widthMm >= 20 && label.widthMm <= 108 && label.heightMm >= 15 && label.heightMm <= 200 && label.gapMm <= 10
  return (
    <fieldset className="settings-group">
      <legend>{words.labelPrinter}</legend>
      <p className="fine wide">{words.labelPrinterHint}</p>
      <label className="field">
        <span>{till.settings.connection}</span>
        <select
          value={label.transport}
          onChange={(event) =>
            onChange({ ...label, transport: event.target.value as LabelPrinterSettings['transport'] })
          }
        >
          <option value="none">{words.noLabelPrinter}</option>
          <option value="serial">{till.settings.serial}</option>
          <option value="tcp">{till.settings.network}</option>
          <option value="device">{till.settings.device}</option>
        </select>
      </label>
      <label className="field">
        <span>{till.settings.address}</span>
        <input value={label.address} onChange={(event) => onChange({ ...label, address: event.target.value })} />
      </label>
      <label className="field">
        <span>{till.settings.baud}</span>
        <select
          value={label.baudRate}
          onChange={(event) =>
            onChange({ ...label, baudRate: Number(event.target.value) as LabelPrinterSettings['baudRate'] })
          }
        >
          {[9600, 19200, 38400, 57600, 115200].map((baud) => (
            <option key={baud} value={baud}>
              {baud}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{words.labelWidth}</span>
        <input
          inputMode="numeric"
          value={label.widthMm}
          onChange={(event) => onChange({ ...label, widthMm: millimetres(event.target.value) })}
        />
      </label>
      <label className="field">
        <span>{words.labelHeight}</span>
        <input
          inputMode="numeric"
          value={label.heightMm}
          onChange={(event) => onChange({ ...label, heightMm: millimetres(event.target.value) })}
        />
      </label>
      <label className="field">
        <span>{words.labelGap}</span>
        <input
          inputMode="numeric"
          value={label.gapMm}
          onChange={(event) => onChange({ ...label, gapMm: millimetres(event.target.value) })}
        />
      </label>
      {!sizeValid && (
        <p role="alert" className="trouble">
          {words.labelSizeInvalid}
        </p>
      )}
    </fieldset>
  )
}
