import { type FormEvent, useEffect, useRef, useState } from 'react'
import { readShopSticker, type StickerReading } from '../../../../shared/khqr/index.ts'
import type { MerchantSettings } from '../../../../shared/views.ts'
import { useLanguage } from '../../i18n/language.tsx'
import { SETUP_MESSAGES } from '../../i18n/setup-messages.ts'
import { Notice } from '../../ui/Notice.tsx'

export type StickerIdentity = Extract<StickerReading, { ok: true }>['identity']

/** The account the shop's QR codes pay into, as the settings keep it; the shop takes both currencies. */
export function merchantOf(identity: StickerIdentity): MerchantSettings {
  return {
    bakongAccountId: identity.accountId,
    kind: identity.kind,
    merchantNameEn: identity.merchantName,
    merchantNameKm: identity.merchantNameKm ?? '',
    city: identity.merchantCity,
    merchantId: identity.merchantId ?? '',
    acquiringBank: identity.acquiringBank ?? '',
    mcc: identity.mcc,
    mobileNumber: identity.mobileNumber ?? '',
    storeLabel: identity.storeLabel ?? '',
    currencies: ['USD', 'KHR'],
  }
}

/**
 * The bank's KHQR sticker read into the shop's account: the barcode scanner types it into the
 * field (and presses Enter), or the manager types it. What was read is shown as the customer's bank
 * app will show it, and used only when the manager says so. The account is never typed by hand:
 * one wrong character and every KHQR would pay someone else.
 */
export function StickerReader({ onUse, error }: { onUse(identity: StickerIdentity): void; error?: string | null }) {
  const { language } = useLanguage()
  const words = SETUP_MESSAGES[language].khqr
  const [text, setText] = useState('')
  const [reading, setReading] = useState<StickerReading | null>(null)
  // A refusal to save belongs to the reading that was used, not to the next sticker read.
  const [used, setUsed] = useState<StickerReading | null>(null)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => input.current?.focus(), [])

  const read = (event: FormEvent) => {
    event.preventDefault()
    setReading(readShopSticker(text, Date.now()))
  }

  return (
    <div className="setup-form">
      <form onSubmit={read}>
        <label className="field">
          <span>{words.scan}</span>
          <input
            ref={input}
            autoComplete="off"
            spellCheck={false}
            value={text}
            onChange={(event) => {
              setText(event.target.value)
              setReading(null)
            }}
          />
          <span className="fine">{words.scanHint}</span>
        </label>
        <div className="actions">
          <button type="submit" disabled={text.trim() === ''}>
            {words.read}
          </button>
        </div>
      </form>
      {reading && !reading.ok && (
        <Notice tone="error">
          {words.refused[reading.code]} <span className="fine">{reading.message}</span>
        </Notice>
      )}
      {reading?.ok && (
        <section className="sticker-reading" aria-label={words.account} data-testid="sticker-reading">
          <dl className="facts">
            <dt>{words.account}</dt>
            <dd data-testid="sticker-account">{reading.identity.accountId}</dd>
            <dt>{words.name}</dt>
            <dd>{reading.identity.merchantName}</dd>
            {reading.identity.merchantNameKm && (
              <>
                <dt>{words.nameKm}</dt>
                <dd lang="km">{reading.identity.merchantNameKm}</dd>
              </>
            )}
            <dt>{words.city}</dt>
            <dd>{reading.identity.merchantCity}</dd>
            <dt />
            <dd className="fine">{words.kind[reading.identity.kind]}</dd>
          </dl>
          {reading.notes.map((note) => (
            <p key={note.code} className="fine" data-testid="sticker-note">
              {words.note(note)}
            </p>
          ))}
          {error && used === reading && <Notice tone="error">{error}</Notice>}
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => {
                setUsed(reading)
                onUse(reading.identity)
              }}
            >
              {words.use}
            </button>
          </div>
        </section>
      )}
    </div>
  )
}
