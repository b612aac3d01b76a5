import { type ScaleLabelLayout, scaleLabelBarcode } from '../../../shared/scale-label.ts'
import type { Settings } from '../../../shared/views.ts'
import { COUNTER_MESSAGES } from '../i18n/counter-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { WEIGHT_MESSAGES } from '../i18n/weight-messages.ts'

/** The pole display in front of the customer (its serial port, speed and command set) and the payment chime. */
export function CounterDeviceSettings({ draft, onChange }: { draft: Settings; onChange(draft: Settings): void }) {
  const { language } = useLanguage()
  const words = COUNTER_MESSAGES[language].devices
  const pole = draft.poleDisplay
  const setPole = (change: Partial<Settings['poleDisplay']>) =>
    onChange({ ...draft, poleDisplay: { ...pole, ...change } })
  return (
    <fieldset className="settings-group" data-testid="pole-display">
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

/** How the shop's label scale lays out its barcodes, with an example label in that layout. */
export function ScaleLabelSettings({ draft, onChange }: { draft: Settings; onChange(draft: Settings): void }) {
  const { language } = useLanguage()
  const words = WEIGHT_MESSAGES[language]
  const layout = draft.scaleLabels
  const set = (change: Partial<ScaleLabelLayout>) => onChange({ ...draft, scaleLabels: { ...layout, ...change } })
  return (
    <fieldset className="settings-group" data-testid="scale-labels">
      <legend>{words.scaleLabels}</legend>
      <label className="field">
        <span>{words.scaleItemDigits}</span>
        <select
          value={layout.itemDigits}
          onChange={(event) => set({ itemDigits: Number(event.target.value) as ScaleLabelLayout['itemDigits'] })}
        >
          <option value={4}>4</option>
          <option value={5}>5</option>
          <option value={6}>6</option>
        </select>
      </label>
      <label className="field">
        <span>{words.scaleEmbeds}</span>
        <select
          value={layout.embeds}
          onChange={(event) => set({ embeds: event.target.value === 'price' ? 'price' : 'weight' })}
        >
          <option value="weight">{words.embedsWeight}</option>
          <option value="price">{words.embedsPrice}</option>
        </select>
      </label>
      <p className="fine">
        {words.scaleExample(scaleLabelBarcode(21, '42', layout.embeds === 'weight' ? 1250 : 3000, layout))}
      </p>
    </fieldset>
  )
}
