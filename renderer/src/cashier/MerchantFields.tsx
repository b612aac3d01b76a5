import { useState } from 'react'
import type { MerchantSettings } from '../../../shared/views.ts'
import { merchantOf, StickerReader } from './setup/StickerReader.tsx'
import { useTill } from './useTill.ts'

/**
 * The KHQR merchant in Settings. The account every KHQR pays into is read from the bank's sticker,
 * never typed: to change it the manager scans the new sticker (checked and shown as a bank app
 * shows it), and saving asks for approval with the account before and after. The names printed
 * under the QR and the city may be edited.
 */
export function MerchantFields({
  merchant,
  onChange,
}: {
  merchant: MerchantSettings
  onChange(merchant: MerchantSettings): void
}) {
  const { till } = useTill()
  const words = till.settings
  const [scanning, setScanning] = useState(false)
  const text = (field: 'merchantNameEn' | 'merchantNameKm' | 'city', label: string, maxLength: number) => (
    <label className="field">
      <span>{label}</span>
      <input
        value={merchant[field]}
        maxLength={maxLength}
        onChange={(event) => onChange({ ...merchant, [field]: event.target.value })}
      />
    </label>
  )
  return (
    <fieldset className="settings-group">
      <legend>{words.merchant}</legend>
      <div className="field">
        <span>{words.bakongAccount}</span>
        <output data-testid="merchant-account">{merchant.bakongAccountId}</output>
        <span className="fine">{words.accountFromSticker}</span>
      </div>
      <div className="actions">
        <button type="button" aria-expanded={scanning} onClick={() => setScanning(!scanning)}>
          {scanning ? words.keepAccount : words.changeAccount}
        </button>
      </div>
      {scanning && (
        <StickerReader
          onUse={(identity) => {
            onChange({ ...merchantOf(identity), currencies: merchant.currencies })
            setScanning(false)
          }}
        />
      )}
      {text('merchantNameEn', words.merchantNameEn, 25)}
      {text('merchantNameKm', words.merchantNameKm, 25)}
      {text('city', words.city, 15)}
    </fieldset>
  )
}
