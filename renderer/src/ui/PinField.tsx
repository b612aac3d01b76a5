/** A labelled PIN field: hidden digits, a number pad on touch screens, nothing remembered, 8 digits at most. */
export function PinField({ label, value, onChange }: { label: string; value: string; onChange(pin: string): void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={8}
        value={value}
        onChange={(event) => onChange(event.target.value.replace(/\D/g, '').slice(0, 8))}
      />
    </label>
  )
}
