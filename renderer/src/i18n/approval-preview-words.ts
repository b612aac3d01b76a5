import type { ApprovalPreview, PreviewValue } from '../../../shared/approval-preview.ts'
import { type Currency, formatMoney, formatRate } from '../../../shared/money/index.ts'
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
  // The settings, key by key.
  shopNameEn: { km: 'ឈ្មោះហាង (អង់គ្លេស)', en: 'Shop name (English)' },
  shopNameKm: { km: 'ឈ្មោះហាង (ខ្មែរ)', en: 'Shop name (Khmer)' },
  shopAddress: { km: 'អាសយដ្ឋានហាង', en: 'Shop address' },
  shopPhone: { km: 'លេខទូរស័ព្ទហាង', en: 'Shop phone' },
  vatTin: { km: 'លេខ អតប', en: 'VAT TIN' },
  saleCurrency: { km: 'រូបិយប័ណ្ណលក់', en: 'Sale currency' },
  taxInclusive: { km: 'តម្លៃរួមអាករ', en: 'Prices include VAT' },
  smallestNote: { km: 'ក្រដាសប្រាក់តូចបំផុត', en: 'Smallest note' },
  changePreference: { km: 'ប្រាក់អាប់', en: 'Change given in' },
  receiptLanguage: { km: 'ភាសាវិក្កយបត្រ', en: 'Receipt language' },
  receiptHeader: { km: 'ក្បាលវិក្កយបត្រ', en: 'Receipt header' },
  receiptFooter: { km: 'ចុងវិក្កយបត្រ', en: 'Receipt footer' },
  timeZone: { km: 'ល្វែងម៉ោង', en: 'Time zone' },
  khqrLifetimeSeconds: { km: 'រយៈពេល KHQR មានសុពលភាព', en: 'KHQR valid for' },
  bakongBaseUrl: { km: 'អាសយដ្ឋាន Bakong', en: 'Bakong address' },
  khqrCheckMode: { km: 'អ្នកពិនិត្យការបង់ KHQR', en: 'Who checks KHQR payments' },
  customerDisplayId: { km: 'អេក្រង់អតិថិជន', en: 'Customer display' },
  paymentChime: { km: 'សំឡេងពេលបង់រួច', en: 'Chime when paid' },
  demo: { km: 'ហាងសាកល្បង', en: 'Demo shop' },
  'merchant.bakongAccountId': { km: 'គណនី Bakong', en: 'Bakong account' },
  'merchant.kind': { km: 'ប្រភេទគណនី', en: 'Account type' },
  'merchant.merchantNameEn': { km: 'ឈ្មោះអ្នកលក់ KHQR', en: 'KHQR merchant name' },
  'merchant.merchantNameKm': { km: 'ឈ្មោះអ្នកលក់ KHQR (ខ្មែរ)', en: 'KHQR merchant name (Khmer)' },
  'merchant.city': { km: 'ទីក្រុង KHQR', en: 'KHQR city' },
  'merchant.merchantId': { km: 'លេខអាជីវករ', en: 'Merchant ID' },
  'merchant.acquiringBank': { km: 'ធនាគារ', en: 'Bank' },
  'merchant.mcc': { km: 'ប្រភេទអាជីវកម្ម (MCC)', en: 'Business type (MCC)' },
  'merchant.mobileNumber': { km: 'លេខទូរស័ព្ទ KHQR', en: 'KHQR phone' },
  'merchant.storeLabel': { km: 'ស្លាកហាង KHQR', en: 'KHQR store label' },
  'merchant.currencies': { km: 'រូបិយប័ណ្ណ KHQR', en: 'KHQR currencies' },
  'cashierLimits.discountBasisPoints': { km: 'បញ្ចុះតម្លៃអតិបរមាដោយគ្មានអ្នកគ្រប់គ្រង', en: 'Discount without a manager' },
  'cashierLimits.cashOutUsd': { km: 'ដកប្រាក់ដុល្លារដោយគ្មានអ្នកគ្រប់គ្រង', en: 'Cash out in dollars without a manager' },
  'cashierLimits.cashOutKhr': { km: 'ដកប្រាក់រៀលដោយគ្មានអ្នកគ្រប់គ្រង', en: 'Cash out in riel without a manager' },
  'khqrManualLimits.perSaleUsd': {
    km: 'KHQR បញ្ជាក់ដោយដៃ ក្នុងមួយការលក់ (ដុល្លារ)',
    en: 'KHQR confirmed by hand, per sale (dollars)',
  },
  'khqrManualLimits.perSaleKhr': {
    km: 'KHQR បញ្ជាក់ដោយដៃ ក្នុងមួយការលក់ (រៀល)',
    en: 'KHQR confirmed by hand, per sale (riel)',
  },
  'khqrManualLimits.perShiftUsd': {
    km: 'KHQR បញ្ជាក់ដោយដៃ ក្នុងមួយវេន (ដុល្លារ)',
    en: 'KHQR confirmed by hand, per shift (dollars)',
  },
  'khqrManualLimits.perShiftKhr': {
    km: 'KHQR បញ្ជាក់ដោយដៃ ក្នុងមួយវេន (រៀល)',
    en: 'KHQR confirmed by hand, per shift (riel)',
  },
  'printer.transport': { km: 'ការភ្ជាប់ម៉ាស៊ីនបោះពុម្ព', en: 'Printer connection' },
  'printer.address': { km: 'អាសយដ្ឋានម៉ាស៊ីនបោះពុម្ព', en: 'Printer address' },
  'printer.baudRate': { km: 'ល្បឿនម៉ាស៊ីនបោះពុម្ព (baud)', en: 'Printer speed (baud)' },
  'printer.dataBits': { km: 'ប៊ីតទិន្នន័យម៉ាស៊ីនបោះពុម្ព', en: 'Printer data bits' },
  'printer.parity': { km: 'Parity ម៉ាស៊ីនបោះពុម្ព', en: 'Printer parity' },
  'printer.flowControl': { km: 'ការគ្រប់គ្រងលំហូរ', en: 'Printer flow control' },
  'printer.paperWidth': { km: 'ទទឹងក្រដាស', en: 'Paper width' },
  'printer.nativeQr': { km: 'ម៉ាស៊ីនបោះពុម្ពគូរ QR', en: 'Printer draws QR codes' },
  'printer.cutter': { km: 'កាំបិតកាត់ក្រដាស', en: 'Paper cutter' },
  'printer.drawerPin': { km: 'ជើងថតប្រាក់', en: 'Cash drawer pin' },
  'printer.pictures': { km: 'រូបភាពក្នុងម៉ាស៊ីនបោះពុម្ព', en: 'Pictures kept in the printer' },
  'labelPrinter.transport': { km: 'ការភ្ជាប់ម៉ាស៊ីនបោះពុម្ពស្លាក', en: 'Label printer connection' },
  'labelPrinter.address': { km: 'អាសយដ្ឋានម៉ាស៊ីនបោះពុម្ពស្លាក', en: 'Label printer address' },
  'labelPrinter.baudRate': { km: 'ល្បឿនម៉ាស៊ីនបោះពុម្ពស្លាក (baud)', en: 'Label printer speed (baud)' },
  'labelPrinter.dataBits': { km: 'ប៊ីតទិន្នន័យម៉ាស៊ីនបោះពុម្ពស្លាក', en: 'Label printer data bits' },
  'labelPrinter.parity': { km: 'Parity ម៉ាស៊ីនបោះពុម្ពស្លាក', en: 'Label printer parity' },
  'labelPrinter.flowControl': { km: 'ការគ្រប់គ្រងលំហូរ (ស្លាក)', en: 'Label printer flow control' },
  'labelPrinter.widthMm': { km: 'ទទឹងស្លាក', en: 'Label width' },
  'labelPrinter.heightMm': { km: 'កម្ពស់ស្លាក', en: 'Label height' },
  'labelPrinter.gapMm': { km: 'ចន្លោះរវាងស្លាក', en: 'Gap between labels' },
  'poleDisplay.port': { km: 'ច្រកអេក្រង់បង្គោល', en: 'Pole display port' },
  'poleDisplay.baudRate': { km: 'ល្បឿនអេក្រង់បង្គោល (baud)', en: 'Pole display speed (baud)' },
  'poleDisplay.commandSet': { km: 'ប្រភេទពាក្យបញ្ជាអេក្រង់បង្គោល', en: 'Pole display command set' },
  'autoBackup.folder': { km: 'ថតឯកសារបម្រុងទុក', en: 'Backup folder' },
  'autoBackup.keep': { km: 'ចំនួនឯកសារបម្រុងទុកដែលរក្សា', en: 'Backups kept' },
  'autoBackup.everyHours': { km: 'បម្រុងទុករៀងរាល់', en: 'Back up every' },
  'scaleLabels.itemDigits': { km: 'ខ្ទង់លេខកូដទំនិញលើស្លាកជញ្ជីង', en: 'Item code digits on scale labels' },
  'scaleLabels.embeds': { km: 'ស្លាកជញ្ជីងមាន', en: 'Scale labels carry' },
}

/** Amounts kept as plain numbers in the settings, in the minor units of their currency. */
const MONEY_FIELDS: Record<string, Currency> = {
  smallestNote: 'KHR',
  'cashierLimits.cashOutUsd': 'USD',
  'cashierLimits.cashOutKhr': 'KHR',
  'khqrManualLimits.perSaleUsd': 'USD',
  'khqrManualLimits.perSaleKhr': 'KHR',
  'khqrManualLimits.perShiftUsd': 'USD',
  'khqrManualLimits.perShiftKhr': 'KHR',
}

/** Numbers with a unit. */
const UNITS: Record<string, Words> = {
  khqrLifetimeSeconds: { km: 'វិនាទី', en: 's' },
  'autoBackup.everyHours': { km: 'ម៉ោង', en: 'h' },
  'printer.paperWidth': { km: 'មម', en: 'mm' },
  'labelPrinter.widthMm': { km: 'មម', en: 'mm' },
  'labelPrinter.heightMm': { km: 'មម', en: 'mm' },
  'labelPrinter.gapMm': { km: 'មម', en: 'mm' },
}

const CONNECTIONS: Record<string, Words> = {
  none: { km: 'គ្មាន', en: 'none' },
  serial: { km: 'ខ្សែ Serial', en: 'serial cable' },
  tcp: { km: 'បណ្តាញ (TCP)', en: 'network (TCP)' },
  device: { km: 'ឯកសារឧបករណ៍', en: 'device file' },
}

const PARITY: Record<string, Words> = {
  none: { km: 'គ្មាន', en: 'none' },
  even: { km: 'គូ', en: 'even' },
  odd: { km: 'សេស', en: 'odd' },
}

const FLOW_CONTROL: Record<string, Words> = {
  none: { km: 'គ្មាន', en: 'none' },
  rtscts: { km: 'RTS/CTS', en: 'RTS/CTS' },
  xonxoff: { km: 'XON/XOFF', en: 'XON/XOFF' },
}

/** Words for the coded values of a setting or field, field by field. */
const VALUE_WORDS: Record<string, Record<string, Words>> = {
  soldBy: { count: { km: 'ចំនួន', en: 'count' }, weight: { km: 'ទម្ងន់', en: 'weight' } },
  role: { manager: { km: 'អ្នកគ្រប់គ្រង', en: 'manager' }, cashier: { km: 'អ្នកគិតលុយ', en: 'cashier' } },
  'merchant.kind': {
    individual: { km: 'គណនីបុគ្គល', en: 'individual account' },
    merchant: { km: 'គណនីអាជីវករ', en: 'merchant account' },
  },
  changePreference: {
    usd_then_khr: { km: 'ដុល្លារ រួចរៀល', en: 'dollars, then riel' },
    khr_only: { km: 'រៀលតែប៉ុណ្ណោះ', en: 'riel only' },
  },
  receiptLanguage: { km: { km: 'ខ្មែរ', en: 'Khmer' }, en: { km: 'អង់គ្លេស', en: 'English' } },
  khqrCheckMode: {
    direct: { km: 'ម៉ាស៊ីននេះ (Bakong)', en: 'this terminal (Bakong)' },
    backoffice: { km: 'ការិយាល័យកណ្តាល', en: 'the back office' },
    off: { km: 'គ្មាន (បញ្ជាក់ដោយដៃ)', en: 'nobody (by hand)' },
  },
  'printer.transport': CONNECTIONS,
  'labelPrinter.transport': CONNECTIONS,
  'printer.parity': PARITY,
  'labelPrinter.parity': PARITY,
  'printer.flowControl': FLOW_CONTROL,
  'labelPrinter.flowControl': FLOW_CONTROL,
  'printer.pictures': {
    auto: { km: 'សួរម៉ាស៊ីនបោះពុម្ព', en: 'ask the printer' },
    download: { km: 'RAM', en: 'RAM' },
    nv: { km: 'Flash', en: 'flash' },
    'nv-bit-image': { km: 'Flash (FS p)', en: 'flash (FS p)' },
    none: { km: 'ផ្ញើរាល់ដង', en: 'sent every time' },
  },
  'poleDisplay.commandSet': {
    cd5220: { km: 'CD5220', en: 'CD5220' },
    epson: { km: 'Epson DM-D', en: 'Epson DM-D' },
  },
  'scaleLabels.embeds': { weight: { km: 'ទម្ងន់', en: 'the weight' }, price: { km: 'តម្លៃ', en: 'the price' } },
}

const PERCENT_FIELDS = new Set(['cashierLimits.discountBasisPoints'])

function countText(count: number, field: string, language: Language): string {
  // ESC p: 0 pulses the drawer connector's pin 2, 1 its pin 5.
  if (field === 'printer.drawerPin') return `${language === 'km' ? 'ជើង' : 'pin'} ${count === 0 ? 2 : 5}`
  if (field === 'customerDisplayId') return `${language === 'km' ? 'អេក្រង់លេខ' : 'screen'} ${count}`
  const currency = MONEY_FIELDS[field]
  if (currency) return formatMoney(count, currency, language)
  if (PERCENT_FIELDS.has(field)) return `${count / 100} %`
  const unit = UNITS[field]
  return unit ? `${count} ${unit[language]}` : String(count)
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
      return countText(value.count, field, language)
    case 'flag':
      return value.value ? (language === 'km' ? 'បាទ/ចាស' : 'yes') : language === 'km' ? 'ទេ' : 'no'
    case 'text':
      return value.text === '' ? '—' : (VALUE_WORDS[field]?.[value.text]?.[language] ?? value.text)
  }
}

/** The name of a changed field, in the manager's language (the field itself for one not named here). */
export function fieldLabel(field: string, language: Language): string {
  return FIELD_NAMES[field]?.[language] ?? field
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

/** Settings whose empty value has a meaning of its own. */
const EMPTY_MEANS: Record<string, Words> = {
  customerDisplayId: { km: 'ស្វ័យប្រវត្តិ', en: 'automatic' },
}

/** The rows of an approval's before and after, in the manager's language. */
export function previewRows(preview: ApprovalPreview, language: Language): PreviewRow[] {
  const shown = (value: PreviewValue | null, field: string) =>
    value === null ? (EMPTY_MEANS[field]?.[language] ?? null) : valueText(value, field, language)
  return preview.changes.map((change) => ({
    label: change.name?.[language] ?? fieldLabel(change.field, language),
    before: shown(change.before, change.field),
    after: shown(change.after, change.field),
  }))
}
