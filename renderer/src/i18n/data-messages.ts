import type { Language } from './messages.ts'

/** Keeping the data safe: backups, the automatic one, and the sales export. */
export interface DataMessages {
  title: string
  folder: string
  folderHint: string
  keep: string
  everyHours: string
  backUpNow: string
  backedUp: (path: string) => string
  none: string
  lastFailure: (time: string, message: string) => string
  exportTitle: string
  from: string
  to: string
  format: string
  exportButton: string
  exported: (count: number, file: string) => string
  restore: string
  restoreTitle: (when: string) => string
  restoreHolds: (sales: number, lastReceipt: string | null, lastSale: string | null) => string
  fromOtherTerminal: (label: string) => string
  restoreSafe: string
  restoreWouldLose: (sales: number, events: number) => string
  restoreDamaged: string
  restoreConfirm: string
  restarting: string
  restoredAtStart: (from: string) => string
  restoreRefusedAtStart: (from: string, reason: string) => string
  cancel: string
}

export const DATA_MESSAGES: Record<Language, DataMessages> = {
  km: {
    title: 'រក្សាទិន្នន័យឱ្យមានសុវត្ថិភាព',
    folder: 'ថតឯកសារបម្រុងទុក',
    folderHint: 'ទុកទទេ = ថតរបស់ម៉ាស៊ីន។ ឬផ្លូវពេញទៅ USB ឧ. /media/usb/pos ឬ E:\\POS',
    keep: 'ចំនួនច្បាប់ដែលរក្សាទុក',
    everyHours: 'បម្រុងទុករៀងរាល់ (ម៉ោង)',
    backUpNow: 'បម្រុងទុកឥឡូវនេះ',
    backedUp: (path) => `បានបម្រុងទុក៖ ${path}`,
    none: 'មិនទាន់មានការបម្រុងទុកនៅក្នុងថតនេះទេ។',
    lastFailure: (time, message) => `ការបម្រុងទុកចុងក្រោយមិនបានជោគជ័យ (${time})៖ ${message}`,
    exportTitle: 'នាំចេញការលក់',
    from: 'ពីថ្ងៃ',
    to: 'ដល់ថ្ងៃ',
    format: 'ទម្រង់',
    exportButton: 'នាំចេញ',
    exported: (count, file) => `បាននាំចេញការលក់ ${count} ទៅ ${file}`,
    restore: 'ស្តារ…',
    restoreTitle: (when) => `ស្តារការបម្រុងទុកថ្ងៃ ${when}`,
    restoreHolds: (sales, lastReceipt, lastSale) =>
      sales === 0
        ? 'ការបម្រុងទុកនេះមិនមានការលក់ទេ។'
        : `មានការលក់ ${sales}${lastReceipt ? ` វិក្កយបត្រចុងក្រោយ ${lastReceipt}` : ''}${lastSale ? ` (${lastSale})` : ''}។`,
    fromOtherTerminal: (label) => `បម្រុងទុកពីម៉ាស៊ីនមួយផ្សេង (${label})៖ ម៉ាស៊ីននេះនឹងក្លាយជាម៉ាស៊ីននោះ។`,
    restoreSafe: 'ម៉ាស៊ីននេះគ្មានការលក់ ឬប្រាក់ដែលការបម្រុងទុកនេះខ្វះទេ៖ គ្មានអ្វីបាត់ទេ។ ឯកសារបច្ចុប្បន្នត្រូវទុកដាច់ដោយឡែក។',
    restoreWouldLose: (sales, events) =>
      `មិនអាចស្តារបានទេ៖ ម៉ាស៊ីននេះមានការលក់ ${sales}${events > 0 ? ` និងកំណត់ត្រាប្រាក់ផ្សេងទៀត ${events} (វេន ដកដាក់ប្រាក់ ការលុបចោល)` : ''} ដែលការបម្រុងទុកនេះខ្វះ។ ជ្រើសការបម្រុងទុកថ្មីជាងនេះ។`,
    restoreDamaged: 'មូលដ្ឋានទិន្នន័យលក់ខូច។ ការស្តារនឹងយកការបម្រុងទុកនេះមកជំនួស ហើយឯកសារខូចត្រូវទុកដាច់ដោយឡែកសម្រាប់ផ្នែកជំនួយ។',
    restoreConfirm: 'ស្តារ ហើយចាប់ផ្តើមម៉ាស៊ីនឡើងវិញ',
    restarting: 'ម៉ាស៊ីនកំពុងចាប់ផ្តើមឡើងវិញ ដើម្បីស្តារការបម្រុងទុក…',
    restoredAtStart: (from) => `បានស្តារពី ${from} ពេលចាប់ផ្តើម។ ឯកសារមុនត្រូវទុកដាច់ដោយឡែក។`,
    restoreRefusedAtStart: (from, reason) => `មិនបានស្តារ ${from} ទេ៖ ${reason} ម៉ាស៊ីនបើកដូចមុន។`,
    cancel: 'បោះបង់',
  },
  en: {
    title: 'Keeping the data safe',
    folder: 'Backup folder',
    folderHint: "Empty = the terminal's own folder. Or a full path to a USB stick, e.g. /media/usb/pos or E:\\POS",
    keep: 'Backups kept',
    everyHours: 'Back up every (hours)',
    backUpNow: 'Back up now',
    backedUp: (path) => `Backed up: ${path}`,
    none: 'No backup in this folder yet.',
    lastFailure: (time, message) => `The last backup failed (${time}): ${message}`,
    exportTitle: 'Export sales',
    from: 'From',
    to: 'To',
    format: 'Format',
    exportButton: 'Export',
    exported: (count, file) => `${count} sale${count === 1 ? '' : 's'} exported to ${file}`,
    restore: 'Restore…',
    restoreTitle: (when) => `Restore the backup of ${when}`,
    restoreHolds: (sales, lastReceipt, lastSale) =>
      sales === 0
        ? 'This backup holds no sales.'
        : `It holds ${sales} sale${sales === 1 ? '' : 's'}${lastReceipt ? `, the last receipt ${lastReceipt}` : ''}${lastSale ? ` (${lastSale})` : ''}.`,
    fromOtherTerminal: (label) => `Made by another till (${label}): this terminal becomes that till.`,
    restoreSafe:
      'This terminal has no sale or money movement the backup lacks: nothing is lost. The current file is set aside.',
    restoreWouldLose: (sales, events) =>
      `Cannot restore: this terminal has ${sales} sale${sales === 1 ? '' : 's'}${events > 0 ? ` and ${events} other money record${events === 1 ? '' : 's'} (shifts, cash moves, voids)` : ''} this backup lacks. Choose a newer backup.`,
    restoreDamaged:
      'The sales database is damaged. Restoring puts this backup in its place; the damaged file is set aside for support.',
    restoreConfirm: 'Restore and restart',
    restarting: 'The terminal is restarting to restore the backup…',
    restoredAtStart: (from) => `Restored from ${from} at the start. The previous file was set aside.`,
    restoreRefusedAtStart: (from, reason) => `${from} was not restored: ${reason} The terminal opened as it was.`,
    cancel: 'Cancel',
  },
}
