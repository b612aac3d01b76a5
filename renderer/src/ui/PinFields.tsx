import { PinField } from './PinField.tsx'

/** A new PIN typed twice, as every form that sets a PIN asks it. */
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
  return (
    <>
      <PinField label={labels.pin} value={pin} onChange={(next) => onChange(next, again)} />
      <PinField label={labels.again} value={again} onChange={(next) => onChange(pin, next)} />
    </>
  )
}
