import { useCallback } from 'react'
import type { PosFailure } from '../../../shared/api.ts'
import { AUTHORITY_MESSAGES } from '../i18n/authority-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { describeFailure } from '../i18n/messages.ts'
import { TILL_MESSAGES, type TillMessages } from '../i18n/till-messages.ts'

export interface Till {
  till: TillMessages
  /** The cashier-facing sentence for a failure, in the chosen language. */
  explain(failure: PosFailure): string
}

export function useTill(): Till {
  const { language, messages } = useLanguage()
  const till = TILL_MESSAGES[language]
  // Stable per language, so what depends on it (the till's call helper, memoised cart lines) is too.
  const explain = useCallback(
    (failure: PosFailure) =>
      AUTHORITY_MESSAGES[language].errors[failure.code] ??
      till.errors[failure.code] ??
      describeFailure(messages, failure.code),
    [till, messages, language],
  )
  return { till, explain }
}
