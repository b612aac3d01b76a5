import type { Language } from './messages.ts'

/** Closing the shift: the count's running total, the one question before closing, and the Z again. */
export interface ClosingMessages {
  countedSoFar: (amount: string) => string
  emptyTitle: string
  emptyText: string
  recountTitle: string
  recountText: string
  countAgain: string
  closeAnyway: string
  closeWithThisCount: string
  printZAgain: string
  zPrinting: string
  closedTitle: (number: number) => string
}

export const CLOSING_MESSAGES: Record<Language, ClosingMessages> = {
  km: {
    countedSoFar: (amount) => `រាប់បាន៖ ${amount}`,
    emptyTitle: 'មិនទាន់រាប់សាច់ប្រាក់ទេ',
    emptyText: 'អ្នកមិនបានបញ្ចូលក្រដាសប្រាក់ណាមួយទេ។ បិទវេនជាមួយថតទទេមែនទេ?',
    recountTitle: 'សូមរាប់ម្តងទៀត',
    recountText: 'ចំនួនដែលរាប់បានហាក់ដូចជាខុសពីអ្វីដែលថតគួរមាន។ សូមរាប់ក្រដាសប្រាក់ម្តងទៀតដោយប្រុងប្រយ័ត្ន។',
    countAgain: 'រាប់ម្តងទៀត',
    closeAnyway: 'បិទវេនទោះបីជាទទេ',
    closeWithThisCount: 'បិទវេនជាមួយចំនួននេះ',
    printZAgain: 'បោះពុម្ពរបាយការណ៍ Z ម្តងទៀត',
    zPrinting: 'កំពុងបោះពុម្ពរបាយការណ៍ Z…',
    closedTitle: (number) => `វេន #${number} បានបិទ៖ របាយការណ៍ Z`,
  },
  en: {
    countedSoFar: (amount) => `Counted: ${amount}`,
    emptyTitle: 'Nothing counted yet',
    emptyText: 'You have not entered any notes. Close the shift with an empty drawer?',
    recountTitle: 'Please count again',
    recountText: 'The count looks different from what the drawer should hold. Count the notes again carefully.',
    countAgain: 'Count again',
    closeAnyway: 'Close with an empty drawer',
    closeWithThisCount: 'Close with this count',
    printZAgain: 'Print the Z report again',
    zPrinting: 'Printing the Z report…',
    closedTitle: (number) => `Shift #${number} closed: Z report`,
  },
}
