import type { ApprovalPreview, PreviewValue } from '../../../shared/approval-preview.ts'
import { formatMoney, formatRate } from '../../../shared/money/index.ts'
import type { Language } from './messages.ts'

type Words = { km: string; en: string }

/** The names of what an approval changes (settings, product fields and the rest), in both languages. */
const FIELD_NAMES: Record<string, Words> = {
  rate: { km: 'អត្រាប្តូរប្រាក់', en: 'Exchange rate' },
  vatRate: { km: 'អត្រាអាករ', en: 'Tax rate' },
  discount: { km: 'បញ្ចុះតម្លៃ', en: 'Discount' },
  total: { km: 'សរុប', en: 'Total' },
  amount: { km: 'ចំនួនទឹកប្រាក់', en: 'Amount' },
  cashIn: { km: 'ដាក់ប្រាក់ចូល', en: 'Cash in' },
  cashOut: { km: 'ដកប្រាក់ចេញ', en: 'Cash out' },
  role: { km: 'តួនាទី', en: 'Role' },
  givenBack: { km: 'ប្រាក់សងវិញ', en: 'Given back' },
  price: { km: 'តម្លៃ', en: 'Price' },
  nameKm: { km: 'ឈ្មោះ (ខ្មែរ)', en: 'Name (Khmer)' },
  nameEn: { km: 'ឈ្មោះ (អង់គ្លេស)', en: 'Name (English)' },
  sku: { km: 'SKU', en: 'SKU' },
  soldBy: { km: 'លក់តាម', en: 'Sold by' },
  vatClass: { km: 'ប្រភេទអាករ', en: 'Tax class' },
  category: { km: 'ប្រភេទទំនិញ', en: 'Category' },
  active: { km: 'កំពុងលក់', en: 'For sale' },
  barcodes: { km: 'បាកូដ', en: 'Barcodes' },
  scaleCode: { km: 'លេខកូដជញ្ជីង', en: 'Scale item code' },
  shopNameEn: { km: 'ឈ្មោះហាង (អង់គ្លេស)', en: 'Shop name (English)' },
  shopNameKm: { km: 'ឈ្មោះហាង (ខ្មែរ)', en: 'Shop name (Khmer)' },
  shopAddress: { km: 'អាសយដ្ឋានហាង', en: 'Shop address' },
  shopPhone: { km: 'លេខទូរស័ព្ទហាង', en: 'Shop phone' },
  vatTin: { km: 'លេខ អតប', en: 'VAT TIN' },
  saleCurrency: { km: 'រូបិយប័ណ្ណលក់', en: 'Sale currency' },
  taxInclusive: { km: 'តម្លៃរួមអាករ', en: 'Prices include VAT' },
  smallestNote: { km: 'ក្រដាសប្រាក់តូចបំផុត', en: 'Smallest note' },
  receiptLanguage: { km: 'ភាសាវិក្កយបត្រ', en: 'Receipt language' },
  receiptHeader: { km: 'ក្បាលវិក្កយបត្រ', en: 'Receipt header' },
  receiptFooter: { km: 'ចុងវិក្កយបត្រ', en: 'Receipt footer' },
  'merchant.bakongAccountId': { km: 'គណនី Bakong', en: 'Bakong account' },
  'merchant.merchantNameEn': { km: 'ឈ្មោះអ្នកលក់ KHQR', en: 'KHQR merchant name' },
  'merchant.merchantNameKm': { km: 'ឈ្មោះអ្នកលក់ KHQR (ខ្មែរ)', en: 'KHQR merchant name (Khmer)' },
  'merchant.merchantCity': { km: 'ទីក្រុង KHQR', en: 'KHQR city' },
  'cashierLimits.discountBasisPoints': { km: 'បញ្ចុះតម្លៃអតិបរមាដោយគ្មានអ្នកគ្រប់គ្រង', en: 'Discount without a manager' },
  'cashierLimits.cashOutUsd': { km: 'ដកប្រាក់ដុល្លារដោយគ្មានអ្នកគ្រប់គ្រង', en: 'Cash out in dollars without a manager' },
  'cashierLimits.cashOutKhr': { km: 'ដកប្រាក់រៀលដោយគ្មានអ្នកគ្រប់គ្រង', en: 'Cash out in riel without a manager' },
}

const SOLD_BY: Record<string, Words> = {
  count: { km: 'ចំនួន', en: 'count' },
  weight: { km: 'ទម្ងន់', en: 'weight' },
  manager: { km: 'អ្នកគ្រប់គ្រង', en: 'manager' },
  cashier: { km: 'អ្នកគិតលុយ', en: 'cashier' },
}

function valueText(value: PreviewValue | null, field: string, language: Language): string {
  if (value === null) return '—'
  switch (value.kind) {
    case 'money':
      return formatMoney(value.amount, value.currency, language)
    case 'rate':
      return formatRate(value.khrPerUsd, language)
    case 'percent':
      return `${value.basisPoints / 100} %`
    case 'count':
      return field.startsWith('cashierLimits.cashOut')
        ? formatMoney(value.count, field.endsWith('Usd') ? 'USD' : 'KHR', language)
        : field === 'cashierLimits.discountBasisPoints'
          ? `${value.count / 100} %`
          : String(value.count)
    case 'flag':
      return value.value ? (language === 'km' ? 'បាទ/ចាស' : 'yes') : language === 'km' ? 'ទេ' : 'no'
    case 'text':
      return value.text === '' ? '—' : (SOLD_BY[value.text]?.[language] ?? value.text)
  }
}

export const APPROVAL_PREVIEW_HEADINGS: Record<Language, { what: string; now: string; after: string }> = {
  km: { what: 'អ្វី', now: 'ឥឡូវ', after: 'ក្រោយអនុម័ត' },
  en: { what: 'What', now: 'Now', after: 'After' },
}

export interface PreviewRow {
  label: string
  before: string | null
  after: string | null
}

/** The rows of an approval's before and after, in the manager's language. */
export function previewRows(preview: ApprovalPreview, language: Language): PreviewRow[] {
  return preview.changes.map((change) => ({
    label: change.name?.[language] ?? FIELD_NAMES[change.field]?.[language] ?? change.field,
    before: change.before === null ? null : valueText(change.before, change.field, language),
    after: change.after === null ? null : valueText(change.after, change.field, language),
  }))
}
