/** A new PIN typed twice, digits only, as every PIN form of the staff page asks it. */
export function PinFields({
  labels,
  pin,
  again,
  onChange,
}: {
  labels: { pin: string; again: string }
  pin: string
  again: string
  onChange(pin: string, again: string): void
}) {
  const digits = (text: string) => text.replace(/\D/g, '').slice(0, 8)
  return (
    <>
      <label className="field">
        <span>{labels.pin}</span>
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          onChange={(event) => onChange(digits(event.target.value), again)}
        />
      </label>
      <label className="field">
        <span>{labels.again}</span>
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={again}
          onChange={(event) => onChange(pin, digits(event.target.value))}
        />
      </label>
    </>
  )
}
