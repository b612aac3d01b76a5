import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '../ui/base.css'
import './customer.css'
import { CustomerApp } from './CustomerApp.tsx'

const root = document.getElementById('root')
if (!root) throw new Error('customer.html has no #root')
createRoot(root).render(
  <StrictMode>
    <CustomerApp />
  </StrictMode>,
)
