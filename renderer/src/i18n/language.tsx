import { createContext, type ReactNode, useContext, useEffect, useState } from 'react'
import { type Language, MESSAGES, type Messages } from './messages.ts'

const STORAGE_KEY = 'pos.language'

interface LanguageState {
  language: Language
  messages: Messages
  setLanguage(language: Language): void
}

const LanguageContext = createContext<LanguageState | undefined>(undefined)

function storedLanguage(fallback: Language): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY)
  return stored === 'en' || stored === 'km' ? stored : fallback
}

/** Khmer by default; the cashier can switch at any time and the choice is remembered. */
export function LanguageProvider({ children, initial = 'km' }: { children: ReactNode; initial?: Language }) {
  const [language, setLanguage] = useState<Language>(() => storedLanguage(initial))
  useEffect(() => {
    globalThis.localStorage?.setItem(STORAGE_KEY, language)
    document.documentElement.lang = language
  }, [language])
  return <LanguageContext value={{ language, messages: MESSAGES[language], setLanguage }}>{children}</LanguageContext>
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext)
  if (!state) throw new Error('useLanguage needs a LanguageProvider.')
  return state
}
