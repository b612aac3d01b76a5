import { AUTHORITY_MESSAGES } from './authority-messages.ts'
import { ENGINE_ERRORS } from './error-messages.ts'
import { type Language, MESSAGES } from './messages.ts'
import { TILL_MESSAGES } from './till-messages.ts'
import { WEIGHT_MESSAGES } from './weight-messages.ts'

/** The sentence for an engine refusal `code`, or null when no message file has words for it. */
export function knownFailureText(language: Language, code: string): string | null {
  return (
    AUTHORITY_MESSAGES[language].errors[code] ??
    TILL_MESSAGES[language].errors[code] ??
    WEIGHT_MESSAGES[language].errors[code] ??
    ENGINE_ERRORS[language][code] ??
    (MESSAGES[language].errors as Record<string, string>)[code] ??
    null
  )
}

/** The sentence for an engine refusal, falling back to a general one that names the code. */
export function failureText(language: Language, code: string): string {
  return knownFailureText(language, code) ?? MESSAGES[language].unknownError(code)
}
