import type { PrinterSettings } from '../../../shared/views.ts'
import { useTill } from './useTill.ts'

type Connection = Pick<PrinterSettings, 'transport' | 'address' | 'baudRate'>

/** How a printer is reached: serial, network or device file, its address or port, and the serial speed. */
export function ConnectionFields<T extends Connection>({
  printer,
  noneLabel,
  onChange,
}: {
  printer: T
  /** What "no printer" means for this printer. */
  noneLabel: string
  onChange(printer: T): void
}) {
  const { till } = useTill()
  return (
    <>
      <label className="field">
        <span>{till.settings.connection}</span>
        <select
          value={printer.transport}
          onChange={(event) => onChange({ ...printer, transport: event.target.value as Connection['transport'] })}
        >
          <option value="none">{noneLabel}</option>
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
          onChange={(event) => onChange({ ...printer, baudRate: Number(event.target.value) as Connection['baudRate'] })}
        >
          {[9600, 19200, 38400, 57600, 115200].map((baud) => (
            <option key={baud} value={baud}>
              {baud}
            </option>
          ))}
        </select>
      </label>
    </>
  )
}
