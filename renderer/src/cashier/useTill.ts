import { useCallback } from 'react'
import type { PosFailure } from '../../../shared/api.ts'
import { failureText } from '../i18n/failure-text.ts'
import { useLanguage } from '../i18n/language.tsx'
import { TILL_MESSAGES, type TillMessages } from '../i18n/till-messages.ts'

export interface Till {
  till: TillMessages
  /** The cashier-facing sentence for a failure, in the chosen language. */
  explain(failure: PosFailure): string
}

export function useTill(): Till {
  const { language } = useLanguage()
  const till = TILL_MESSAGES[language]
  // Stable per language, so what depends on it (the till's call helper, memoised cart lines) is too.
  const explain = useCallback((failure: PosFailure) => failureText(language, failure.code), [language])
  return { till, explain }
}
