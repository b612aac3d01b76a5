import type { Language } from './messages.ts'

/** The manager's staff page, and changing one's own PIN. */
export interface StaffMessages {
  nav: string
  /** A cashier's tab: all they do there is change their own PIN. */
  navOwn: string
  title: string
  add: string
  name: string
  role: string
  pin: string
  pinAgain: string
  pinsDiffer: string
  lockedWord: string
  unlocksAt: (time: string) => string
  unlock: string
  resetPin: string
  newPinFor: (name: string) => string
  deactivate: string
  deactivateConfirm: (name: string) => string
  save: string
  cancel: string
  done: {
    added: (name: string) => string
    unlocked: (name: string) => string
    pinSet: (name: string) => string
    removed: (name: string) => string
    ownPin: string
  }
  own: { title: string; current: string; next: string; again: string; change: string }
  invalid: (field: string) => string
}

export const STAFF_MESSAGES: Record<Language, StaffMessages> = {
  km: {
    nav: 'បុគ្គលិក',
    navOwn: 'លេខសម្ងាត់របស់ខ្ញុំ',
    title: 'បុគ្គលិក',
    add: 'បន្ថែមបុគ្គលិក',
    name: 'ឈ្មោះ',
    role: 'តួនាទី',
    pin: 'លេខសម្ងាត់ (PIN ៤ ដល់ ៨ ខ្ទង់)',
    pinAgain: 'លេខសម្ងាត់ម្ដងទៀត',
    pinsDiffer: 'លេខសម្ងាត់ទាំងពីរមិនដូចគ្នាទេ។',
    lockedWord: 'ជាប់សោ',
    unlocksAt: (time) => `ដោះសោដោយខ្លួនឯងនៅម៉ោង ${time}`,
    unlock: 'ដោះសោ',
    resetPin: 'កំណត់លេខសម្ងាត់ថ្មី',
    newPinFor: (name) => `លេខសម្ងាត់ថ្មីរបស់ ${name}`,
    deactivate: 'ដកចេញពីបុគ្គលិក',
    deactivateConfirm: (name) => `ដក ${name} ចេញពីបុគ្គលិក? គាត់នឹងមិនអាចចូលបានទៀតទេ។ ការលក់របស់គាត់នៅតែមានឈ្មោះគាត់។`,
    save: 'រក្សាទុក',
    cancel: 'បោះបង់',
    done: {
      added: (name) => `បានបន្ថែម ${name}។`,
      unlocked: (name) => `បានដោះសោ ${name}។`,
      pinSet: (name) => `លេខសម្ងាត់ថ្មីរបស់ ${name} រួចរាល់។`,
      removed: (name) => `${name} លែងជាបុគ្គលិកហើយ។`,
      ownPin: 'លេខសម្ងាត់របស់អ្នកត្រូវបានប្ដូរ។',
    },
    own: {
      title: 'ប្ដូរលេខសម្ងាត់របស់ខ្ញុំ',
      current: 'លេខសម្ងាត់បច្ចុប្បន្ន',
      next: 'លេខសម្ងាត់ថ្មី',
      again: 'លេខសម្ងាត់ថ្មីម្ដងទៀត',
      change: 'ប្ដូរ',
    },
    invalid: (field) => `${field}៖ សូមពិនិត្យម្ដងទៀត។`,
  },
  en: {
    nav: 'Staff',
    navOwn: 'My PIN',
    title: 'Staff',
    add: 'Add a person',
    name: 'Name',
    role: 'Role',
    pin: 'PIN (4 to 8 digits)',
    pinAgain: 'PIN again',
    pinsDiffer: 'The two PINs are not the same.',
    lockedWord: 'Locked',
    unlocksAt: (time) => `Unlocks by itself at ${time}`,
    unlock: 'Unlock',
    resetPin: 'Set a new PIN',
    newPinFor: (name) => `New PIN for ${name}`,
    deactivate: 'Take off the staff',
    deactivateConfirm: (name) => `Take ${name} off the staff? They can no longer sign in. Their sales keep their name.`,
    save: 'Save',
    cancel: 'Cancel',
    done: {
      added: (name) => `${name} added.`,
      unlocked: (name) => `${name} unlocked.`,
      pinSet: (name) => `${name} has a new PIN.`,
      removed: (name) => `${name} is no longer on the staff.`,
      ownPin: 'Your PIN was changed.',
    },
    own: { title: 'Change my PIN', current: 'Current PIN', next: 'New PIN', again: 'New PIN again', change: 'Change' },
    invalid: (field) => `${field}: please check it.`,
  },
}
