import type { PrinterSettings } from '../../../shared/views.ts'
import { useTill } from './useTill.ts'

/** The receipt printer's connection, paper and abilities, and a test page to print on it. */
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
  return (
    <fieldset className="settings-group">
      <legend>{till.settings.printer}</legend>
      <label className="field">
        <span>{till.settings.connection}</span>
        <select
          value={printer.transport}
          onChange={(event) => onChange({ ...printer, transport: event.target.value as PrinterSettings['transport'] })}
        >
          <option value="none">{till.settings.noPrinter}</option>
          <option value="serial">{till.settings.serial}</option>
          <option value="tcp">{till.settings.network}</option>
          <option value="device">{till.settings.device}</option>
        </select>
      </label>
      <label className="field">
        <span>{till.settings.address}</span>
        <input value={printer.address} onChange={(event) => onChange({ ...printer, address: event.target.value })} />
      </label>
      <label className="field">
        <span>{till.settings.baud}</span>
        <select
          value={printer.baudRate}
          onChange={(event) =>
            onChange({ ...printer, baudRate: Number(event.target.value) as PrinterSettings['baudRate'] })
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
      <button type="button" onClick={onTestPage}>
        {till.settings.testPage}
      </button>
    </fieldset>
  )
}
