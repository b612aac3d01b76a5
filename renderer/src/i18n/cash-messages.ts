import type { Language } from './messages.ts'

/** Cash in and out of the drawer during a shift, and opening it without a sale. */
export interface CashMessages {
  title: string
  direction: string
  in: string
  out: string
  currency: string
  amount: string
  reason: string
  reasonHint: string
  record: string
  recorded: (what: string) => string
  openDrawer: string
  drawerOpened: string
  drawerNeedsPrinter: string
  cashInOut: string
  noSaleOpens: string
  invalid: (field: string) => string
}

export const CASH_MESSAGES: Record<Language, CashMessages> = {
  km: {
    title: 'ប្រាក់ចូល និងប្រាក់ចេញពីថត',
    direction: 'ប្រភេទ',
    in: 'ដាក់ប្រាក់ចូល',
    out: 'ដកប្រាក់ចេញ',
    currency: 'រូបិយប័ណ្ណ',
    amount: 'ចំនួន',
    reason: 'មូលហេតុ',
    reasonHint: 'ឧ. ទិញទឹកកក ប្រាក់អាប់បន្ថែម ផ្ញើទៅធនាគារ',
    record: 'កត់ត្រា',
    recorded: (what) => `បានកត់ត្រា៖ ${what}`,
    openDrawer: 'បើកថតប្រាក់ (គ្មានការលក់)',
    drawerOpened: 'បានផ្ញើការបើកថតប្រាក់ទៅម៉ាស៊ីនបោះពុម្ព ហើយកត់ត្រាទុក។',
    drawerNeedsPrinter: 'ថតប្រាក់បើកតាមរយៈម៉ាស៊ីនបោះពុម្ពបង្កាន់ដៃ។ មិនទាន់មានម៉ាស៊ីនបោះពុម្ពទេ៖ សូមបើកវាដោយកូនសោ។',
    cashInOut: 'ប្រាក់ចូល / ប្រាក់ចេញ',
    noSaleOpens: 'បើកថតដោយគ្មានការលក់',
    invalid: (field) => `${field}៖ សូមពិនិត្យម្ដងទៀត។`,
  },
  en: {
    title: 'Cash in and out of the drawer',
    direction: 'What',
    in: 'Put cash in',
    out: 'Take cash out',
    currency: 'Currency',
    amount: 'Amount',
    reason: 'Reason',
    reasonHint: 'e.g. ice delivery, more change, taken to the bank',
    record: 'Record',
    recorded: (what) => `Recorded: ${what}`,
    openDrawer: 'Open the drawer (no sale)',
    drawerOpened: 'The printer was told to open the drawer, and that is recorded.',
    drawerNeedsPrinter: 'The drawer opens through the receipt printer. None is set up: open it with its key.',
    cashInOut: 'Cash in / out',
    noSaleOpens: 'Drawer opened without a sale',
    invalid: (field) => `${field}: please check it.`,
  },
}
