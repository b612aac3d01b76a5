import type { Settings } from '../../../shared/views.ts'
import { COUNTER_MESSAGES } from '../i18n/counter-messages.ts'
import { useLanguage } from '../i18n/language.tsx'

/** The pole display in front of the customer (its serial port, speed and command set) and the payment chime. */
export function CounterDeviceSettings({ draft, onChange }: { draft: Settings; onChange(draft: Settings): void }) {
  const { language } = useLanguage()
  const words = COUNTER_MESSAGES[language].devices
  const pole = draft.poleDisplay
  const setPole = (change: Partial<Settings['poleDisplay']>) =>
    onChange({ ...draft, poleDisplay: { ...pole, ...change } })
  return (
    <fieldset className="settings-group">
      <legend>{words.legend}</legend>
      <label className="field">
        <span>{words.polePort}</span>
        <input
          value={pole.port}
          aria-describedby="pole-port-hint"
          onChange={(event) => setPole({ port: event.target.value })}
        />
        <span className="fine" id="pole-port-hint">
          {words.polePortHint}
        </span>
      </label>
      <label className="field">
        <span>{words.baud}</span>
        <select
          value={pole.baudRate}
          onChange={(event) => setPole({ baudRate: Number(event.target.value) as Settings['poleDisplay']['baudRate'] })}
        >
          <option value={9600}>9600</option>
          <option value={19200}>19200</option>
        </select>
      </label>
      <label className="field">
        <span>{words.commandSet}</span>
        <select
          value={pole.commandSet}
          onChange={(event) => setPole({ commandSet: event.target.value as Settings['poleDisplay']['commandSet'] })}
        >
          <option value="cd5220">{words.cd5220}</option>
          <option value="epson">{words.epson}</option>
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.paymentChime}
          onChange={(event) => onChange({ ...draft, paymentChime: event.target.checked })}
        />
        <span>{words.chime}</span>
      </label>
    </fieldset>
  )
}
