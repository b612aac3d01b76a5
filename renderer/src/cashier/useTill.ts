import type { PosFailure, PosResult } from '../../../shared/api.ts'
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
  return { till, explain: (failure) => till.errors[failure.code] ?? describeFailure(messages, failure.code) }
}

/** The value of a PosResult, or throws its failure (for handlers that show it). */
export function valueOf<T>(result: PosResult<T>): T {
  if (!result.ok) throw result.error
  return result.value
}

export function isFailure(value: unknown): value is PosFailure {
  return typeof value === 'object' && value !== null && typeof (value as PosFailure).code === 'string'
}
