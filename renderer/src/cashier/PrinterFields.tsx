import type { PrinterSettings } from '../../../shared/views.ts'
import { useLanguage } from '../i18n/language.tsx'
import { PRINTER_MESSAGES } from '../i18n/printer-messages.ts'
import { ConnectionFields } from './ConnectionFields.tsx'
import { FindPrinter } from './FindPrinter.tsx'
import { useTill } from './useTill.ts'

const PICTURE_MEMORIES = ['auto', 'download', 'nv', 'nv-bit-image', 'none'] as const

/**
 * The receipt printer: found by itself or set by hand (connection, paper, abilities, the pictures it
 * keeps), and a test page to print on it.
 */
export function PrinterFields({
  printer,
  onChange,
  onTestPage = () => void window.pos.printTestPage(),
}: {
  printer: PrinterSettings
  onChange(printer: PrinterSettings): void
  onTestPage?(): void
}) {
  const { till } = useTill()
  const { language } = useLanguage()
  const words = PRINTER_MESSAGES[language]
  return (
    <fieldset className="settings-group">
      <legend>{till.settings.printer}</legend>
      <FindPrinter printer={printer} onChange={onChange} />
      <ConnectionFields printer={printer} noneLabel={till.settings.noPrinter} onChange={onChange} />
      <label className="field">
        <span>{till.settings.paper}</span>
        <select
          value={printer.paperWidth}
          onChange={(event) => onChange({ ...printer, paperWidth: Number(event.target.value) as 58 | 80 })}
        >
          <option value={80}>80 mm</option>
          <option value={58}>58 mm</option>
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={printer.nativeQr}
          onChange={(event) => onChange({ ...printer, nativeQr: event.target.checked })}
        />{' '}
        {till.settings.nativeQr}
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={printer.cutter}
          onChange={(event) => onChange({ ...printer, cutter: event.target.checked })}
        />{' '}
        {till.settings.cutter}
      </label>
      <label className="field">
        <span>{words.pictures}</span>
        <select
          value={printer.pictures}
          onChange={(event) => onChange({ ...printer, pictures: event.target.value as PrinterSettings['pictures'] })}
        >
          {PICTURE_MEMORIES.map((memory) => (
            <option key={memory} value={memory}>
              {words.pictureOptions[memory]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={onTestPage}>
        {till.settings.testPage}
      </button>
    </fieldset>
  )
}
