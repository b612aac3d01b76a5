import type { Language } from './messages.ts'

/** A VAT invoice made out to a business customer, entered at the till before payment. */
export interface InvoiceMessages {
  forCompany: string
  title: string
  hint: string
  name: string
  tin: string
  tinHint: string
  save: string
  remove: string
  cancel: string
  invoiceTo: (name: string) => string
  nameMissing: string
  tinInvalid: string
}

export const INVOICE_MESSAGES: Record<Language, InvoiceMessages> = {
  km: {
    forCompany: 'វិក្កយបត្រក្រុមហ៊ុន',
    title: 'វិក្កយបត្រអាករសម្រាប់ក្រុមហ៊ុន',
    hint: 'ឈ្មោះ និងលេខ អតប របស់អ្នកទិញនឹងបោះពុម្ពលើវិក្កយបត្រអាករនេះ។',
    name: 'ឈ្មោះក្រុមហ៊ុន',
    tin: 'លេខ អតប អ្នកទិញ',
    tinHint: 'ឧ. K001-901234567',
    save: 'ដាក់លើវិក្កយបត្រ',
    remove: 'ដកចេញ',
    cancel: 'បោះបង់',
    invoiceTo: (name) => `វិក្កយបត្រជូន៖ ${name}`,
    nameMissing: 'សូមបញ្ចូលឈ្មោះក្រុមហ៊ុន។',
    tinInvalid: 'លេខ អតប មានទម្រង់៖ អក្សរមួយ លេខបី សញ្ញា - និងលេខប្រាំបួន (ឧ. K001-901234567)។',
  },
  en: {
    forCompany: 'Invoice for a company',
    title: 'VAT invoice for a company',
    hint: "The buyer's name and VAT TIN are printed on this sale's VAT invoice.",
    name: 'Company name',
    tin: "Buyer's VAT TIN",
    tinHint: 'e.g. K001-901234567',
    save: 'Put on the invoice',
    remove: 'Remove',
    cancel: 'Cancel',
    invoiceTo: (name) => `Invoice to: ${name}`,
    nameMissing: "Enter the company's name.",
    tinInvalid: 'A VAT TIN is a letter, three digits, a dash and nine digits (e.g. K001-901234567).',
  },
}
