import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '../ui/base.css'
import './cashier.css'
import './till.css'
import { LanguageProvider } from '../i18n/language.tsx'
import { CashierApp } from './CashierApp.tsx'

const root = document.getElementById('root')
if (!root) throw new Error('cashier.html has no #root')
createRoot(root).render(
  <StrictMode>
    <LanguageProvider>
      <CashierApp />
    </LanguageProvider>
  </StrictMode>,
)
