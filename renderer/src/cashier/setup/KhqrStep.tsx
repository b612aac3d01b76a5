import { useState } from 'react'
import type { ManagerConsent } from '../../../../shared/views.ts'
import { useTill } from '../useTill.ts'
import { merchantOf, type StickerIdentity, StickerReader } from './StickerReader.tsx'
import { withConsent } from './setup-calls.ts'

/** The setup's step for the shop's KHQR account, read from the bank's sticker and saved at once. */
export function KhqrStep({ consent, onDone }: { consent: ManagerConsent; onDone(): void }) {
  const { explain } = useTill()
  const [error, setError] = useState<string | null>(null)
  const use = async (identity: StickerIdentity) => {
    setError(null)
    const saved = await withConsent(consent, 'updateSettings', { merchant: merchantOf(identity) })
    if (!saved.ok) return setError(explain(saved.error))
    onDone()
  }
  return <StickerReader error={error} onUse={(identity) => void use(identity)} />
}
