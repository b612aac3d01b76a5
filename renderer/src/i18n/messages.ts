import type { TenderKind } from '../../../shared/money/index.ts'
import { minutesAndSeconds } from '../ui/useSecondsLeft.ts'

export type Language = 'km' | 'en'

export interface Messages {
  languageName: string
  switchLanguage: string
  appTitle: string
  terminal: string
  version: string
  salesDatabase: string
  sqlite: (version: string) => string
  loading: string
  customerDisplay: string
  onSecondScreen: (width: number, height: number) => string
  onCashierScreen: string
  welcome: string
  /** The customer display. */
  customer: {
    demo: string
    cart: string
    total: string
    expiresIn: (seconds: number) => string
    paid: string
    change: string
    count: (lines: number, items: number) => string
    /** Above the newest lines of a long cart: how many earlier lines are not drawn. */
    earlier: (lines: number) => string
    tender: Record<TenderKind, string>
    noChange: string
  }
  /** What the cashier is told when a request fails, by PosFailure code. */
  errors: Record<'forbidden' | 'input_invalid' | 'internal_error' | 'database_unavailable' | 'database_corrupt', string>
  unknownError: (code: string) => string
  /** A date typed day/month/year. */
  dateField: { placeholder: string; invalid: (label: string) => string; backwards: string }
}

export const MESSAGES: Record<Language, Messages> = {
  km: {
    languageName: 'ខ្មែរ',
    switchLanguage: 'English',
    appTitle: 'ម៉ាស៊ីនគិតលុយ KHQR',
    terminal: 'ម៉ាស៊ីននេះ',
    version: 'កំណែ',
    salesDatabase: 'មូលដ្ឋានទិន្នន័យលក់',
    sqlite: (version) => `SQLite ${version}`,
    loading: 'កំពុងផ្ទុក…',
    customerDisplay: 'អេក្រង់អតិថិជន',
    onSecondScreen: (width, height) => `នៅលើអេក្រង់ទីពីរ (${width} × ${height})`,
    onCashierScreen: 'រកមិនឃើញអេក្រង់ទីពីរទេ៖ អេក្រង់អតិថិជនជាផ្ទាំងមួយនៅលើអេក្រង់នេះ។',
    welcome: 'សូមស្វាគមន៍',
    customer: {
      demo: 'ហាងសាកល្បង មិនមែនការលក់ពិតទេ',
      cart: 'ទំនិញរបស់អ្នក',
      total: 'សរុប',
      expiresIn: (seconds) => `ផុតកំណត់ក្នុង ${minutesAndSeconds(seconds)}`,
      paid: 'បានបង់ប្រាក់',
      change: 'ប្រាក់អាប់',
      count: (lines, items) => `${lines} មុខ · ${items} ចំនួន`,
      earlier: (lines) => `+ ${lines} មុខមុននេះ`,
      tender: { cash_usd: 'សាច់ប្រាក់', cash_khr: 'សាច់ប្រាក់', khqr_usd: 'តាម KHQR', khqr_khr: 'តាម KHQR' },
      noChange: 'គ្មានប្រាក់អាប់',
    },
    errors: {
      forbidden: 'អេក្រង់នេះមិនមានសិទ្ធិធ្វើការនេះទេ។',
      input_invalid: 'សំណើមិនត្រឹមត្រូវ។',
      internal_error: 'មានបញ្ហាកើតឡើង។ ព័ត៌មានលម្អិតមាននៅក្នុងកំណត់ហេតុ។',
      database_unavailable: 'មិនអាចបើកមូលដ្ឋានទិន្នន័យលក់បានទេ។',
      database_corrupt: 'មូលដ្ឋានទិន្នន័យលក់ខូច។ សូមកុំលុបឯកសារ ហើយទាក់ទងផ្នែកជំនួយ។',
    },
    unknownError: (code) => `មិនអាចទាញយកព័ត៌មាននេះបានទេ (${code})។`,
    dateField: {
      placeholder: 'ថ្ងៃ/ខែ/ឆ្នាំ',
      invalid: (label) => `${label}៖ សូមវាយកាលបរិច្ឆេទជា ថ្ងៃ/ខែ/ឆ្នាំ ឧ. 07/12/2026។`,
      backwards: 'ថ្ងៃចាប់ផ្តើមនៅក្រោយថ្ងៃបញ្ចប់។',
    },
  },
  en: {
    languageName: 'English',
    switchLanguage: 'ខ្មែរ',
    appTitle: 'KHQR POS',
    terminal: 'This terminal',
    version: 'Version',
    salesDatabase: 'Sales database',
    sqlite: (version) => `SQLite ${version}`,
    loading: 'Loading…',
    customerDisplay: 'Customer display',
    onSecondScreen: (width, height) => `On the second screen (${width} × ${height})`,
    onCashierScreen: 'No second screen found: the customer display is a window on this screen.',
    welcome: 'Welcome',
    customer: {
      demo: 'Demo shop, not a real sale',
      cart: 'Your items',
      total: 'Total',
      expiresIn: (seconds) => `Expires in ${minutesAndSeconds(seconds)}`,
      paid: 'Paid',
      change: 'Change',
      count: (lines, items) =>
        `${lines} ${lines === 1 ? 'line' : 'lines'} · ${items} ${items === 1 ? 'item' : 'items'}`,
      earlier: (lines) => `+ ${lines} earlier ${lines === 1 ? 'line' : 'lines'}`,
      tender: { cash_usd: 'in cash', cash_khr: 'in cash', khqr_usd: 'by KHQR', khqr_khr: 'by KHQR' },
      noChange: 'No change',
    },
    errors: {
      forbidden: 'This screen is not allowed to do that.',
      input_invalid: 'The request was not valid.',
      internal_error: 'Something went wrong. The details are in the log.',
      database_unavailable: 'The sales database cannot be opened.',
      database_corrupt: 'The sales database is damaged. Do not delete the file; contact support.',
    },
    unknownError: (code) => `Could not get this information (${code}).`,
    dateField: {
      placeholder: 'dd/mm/yyyy',
      invalid: (label) => `${label}: type the date as day/month/year, e.g. 07/12/2026.`,
      backwards: 'The first day is after the last day.',
    },
  },
}

/** The cashier-facing sentence for a failure code, in the chosen language. */
export function describeFailure(messages: Messages, code: string): string {
  return code in messages.errors ? messages.errors[code as keyof Messages['errors']] : messages.unknownError(code)
}
