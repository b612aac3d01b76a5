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
  invalid: (field: string) => string
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
    invalid: (field) => `${field}៖ សូមពិនិត្យម្ដងទៀត។`,
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
    invalid: (field) => `${field}: please check it.`,
  },
}
