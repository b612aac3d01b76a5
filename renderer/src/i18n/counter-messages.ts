import type { SecretProtection } from '../../../shared/api.ts'
import { formatMoney } from '../../../shared/money/index.ts'
import { type Language, MESSAGES } from './messages.ts'

/** What the counter says around the cart and the payment step, the sign-in pad and the terminal's About page. */
export interface CounterMessages {
  /** "12 lines · 30 items": lines are different products, items the units. */
  lineCount: (lines: number, items: number) => string
  inOwnCurrency: string
  /** How cash in riel is rounded, in words. */
  rielRounding: (note: number) => string
  payment: string
  backToItems: string
  dueNow: string
  cashTitle: string
  khqrTitle: string
  /** The cart and the grid are locked while a QR is on the customer's screen. */
  qrLocked: string
  confirmByHandNeedsManager: string
  paidWith: (amount: string, how: string) => string
  tender: { cash_usd: string; cash_khr: string; khqr_usd: string; khqr_khr: string }
  changeNone: string
  pinPad: { label: string; digit: (digit: string) => string; erase: string }
  backToSettings: string
  devices: {
    legend: string
    polePort: string
    polePortHint: string
    baud: string
    commandSet: string
    cd5220: string
    epson: string
    chime: string
  }
  /** With no back office the sales stay on this terminal: nothing is "sent". */
  keptHere: string
  about: {
    nav: string
    title: string
    version: string
    terminal: string
    database: string
    sqlite: string
    customerDisplay: string
    screens: string
    open: string
    integrity: Record<'checking' | 'ok' | 'failed', string>
    integrityLabel: string
    secretsLabel: string
    secrets: Record<SecretProtection['level'], string>
  }
}

export const COUNTER_MESSAGES: Record<Language, CounterMessages> = {
  km: {
    lineCount: MESSAGES.km.customer.count,
    inOwnCurrency: 'តម្លៃតាមរូបិយប័ណ្ណរបស់ទំនិញ',
    rielRounding: (note) => `សាច់ប្រាក់រៀលត្រូវបង្គត់ទៅក្រដាសប្រាក់តូចបំផុត ${formatMoney(note, 'KHR', 'en')} (កន្លះឡើង)។`,
    payment: 'ការទូទាត់',
    backToItems: 'ត្រឡប់ទៅទំនិញ',
    dueNow: 'ត្រូវបង់',
    cashTitle: 'សាច់ប្រាក់',
    khqrTitle: 'KHQR',
    qrLocked: 'QR កំពុងបង្ហាញនៅលើអេក្រង់អតិថិជន៖ មិនអាចប្តូរទំនិញបានទេ។ បោះបង់ QR ជាមុនសិន ដើម្បីកែប្រែ។',
    confirmByHandNeedsManager: 'ត្រូវការអ្នកគ្រប់គ្រង',
    paidWith: (amount, how) => `បានបង់ ${amount} · ${how}`,
    tender: {
      cash_usd: 'សាច់ប្រាក់ដុល្លារ',
      cash_khr: 'សាច់ប្រាក់រៀល',
      khqr_usd: 'KHQR ដុល្លារ',
      khqr_khr: 'KHQR រៀល',
    },
    changeNone: 'គ្មានប្រាក់អាប់',
    backToSettings: 'ត្រឡប់ទៅការកំណត់',
    devices: {
      legend: 'អេក្រង់តូចមុខអតិថិជន (VFD) និងសំឡេង',
      polePort: 'ច្រក Serial របស់អេក្រង់តូច',
      polePortHint: 'ឧ. /dev/ttyUSB1 ឬ COM4។ ទុកទទេ បើគ្មាន។ អក្សរឡាតាំងតែប៉ុណ្ណោះ (ឈ្មោះទំនិញជាភាសាអង់គ្លេស)។',
      baud: 'ល្បឿន (baud)',
      commandSet: 'ប្រភេទពាក្យបញ្ជា',
      cd5220: 'CD5220 (ភាគច្រើន)',
      epson: 'Epson DM-D (ESC/POS)',
      chime: 'បន្លឺសំឡេងលើអេក្រង់អតិថិជន ពេលទទួលបានប្រាក់ KHQR',
    },
    keptHere: 'ការលក់រក្សាទុកលើម៉ាស៊ីននេះ',
    pinPad: { label: 'បន្ទះលេខ', digit: (digit) => `លេខ ${digit}`, erase: 'លុបលេខចុងក្រោយ' },
    about: {
      nav: 'អំពីម៉ាស៊ីន',
      title: 'អំពីម៉ាស៊ីននេះ',
      version: 'កំណែកម្មវិធី',
      terminal: 'ម៉ាស៊ីន',
      database: 'ឯកសារទិន្នន័យលក់',
      sqlite: 'SQLite',
      customerDisplay: 'អេក្រង់អតិថិជន',
      screens: 'អេក្រង់',
      open: 'អំពីម៉ាស៊ីននេះ',
      integrityLabel: 'ការពិនិត្យទិន្នន័យ',
      integrity: { checking: 'កំពុងពិនិត្យ…', ok: 'ល្អ', failed: 'មានបញ្ហា — ឈប់កត់ត្រា' },
      secretsLabel: 'ការរក្សាសោសម្ងាត់',
      secrets: {
        os_key_store: 'ក្នុងឃ្លាំងសោរបស់ប្រព័ន្ធប្រតិបត្តិការ',
        owner_only_file: 'ក្នុងឯកសារដែលមានតែម្ចាស់អានបាន (មិនបានអ៊ិនគ្រីប)',
        unprotected:
          'មិនបានការពារ៖ ម៉ាស៊ីននេះគ្មានឃ្លាំងសោ (keyring) ទេ។ អ្នកណាចម្លងឯកសារម៉ាស៊ីននេះ អាចប្រើសោរបស់វាបាន។ សូមដំឡើង gnome-keyring ឬ KWallet។',
        unavailable: 'គ្មានឃ្លាំងសោ៖ មិនអាចភ្ជាប់ការិយាល័យ ឬដាក់ token Bakong បានទេ។',
      },
    },
  },
  en: {
    lineCount: MESSAGES.en.customer.count,
    inOwnCurrency: "In the product's own currency",
    rielRounding: (note) =>
      `Cash in riel is rounded to the smallest note, ${formatMoney(note, 'KHR', 'en')} (half up).`,
    payment: 'Payment',
    backToItems: 'Back to items',
    dueNow: 'To pay',
    cashTitle: 'Cash',
    khqrTitle: 'KHQR',
    qrLocked: "The QR is on the customer's screen: the items cannot change. Cancel the QR first to change them.",
    confirmByHandNeedsManager: 'needs a manager',
    paidWith: (amount, how) => `Paid ${amount} · ${how}`,
    tender: {
      cash_usd: 'cash in dollars',
      cash_khr: 'cash in riel',
      khqr_usd: 'KHQR in dollars',
      khqr_khr: 'KHQR in riel',
    },
    changeNone: 'No change',
    backToSettings: 'Back to settings',
    devices: {
      legend: 'Pole display (VFD) and sound',
      polePort: 'Pole display serial port',
      polePortHint:
        'For example /dev/ttyUSB1 or COM4. Leave empty for none. Latin letters only (English product names).',
      baud: 'Speed (baud)',
      commandSet: 'Command set',
      cd5220: 'CD5220 (most displays)',
      epson: 'Epson DM-D (ESC/POS)',
      chime: 'Chime on the customer display when a KHQR payment arrives',
    },
    keptHere: 'Sales are kept on this terminal',
    pinPad: { label: 'PIN pad', digit: (digit) => `Digit ${digit}`, erase: 'Delete the last digit' },
    about: {
      nav: 'About',
      title: 'About this terminal',
      version: 'App version',
      terminal: 'Terminal',
      database: 'Sales database file',
      sqlite: 'SQLite',
      customerDisplay: 'Customer display',
      screens: 'Screens',
      open: 'About this terminal',
      integrityLabel: 'Database check',
      integrity: { checking: 'Checking…', ok: 'Good', failed: 'Problems found — writing stopped' },
      secretsLabel: 'Secrets kept',
      secrets: {
        os_key_store: "In the operating system's key store",
        owner_only_file: 'In a file only its owner can read (not encrypted)',
        unprotected:
          'Not protected: this computer has no keyring, so anyone who copies its files can use its keys. Install gnome-keyring or KWallet.',
        unavailable: 'No key store: the back office cannot be paired and no Bakong token can be set.',
      },
    },
  },
}
