import type { Language } from './messages.ts'

/** The manager's product list and product form. */
export interface CatalogMessages {
  nav: string
  title: string
  add: string
  edit: string
  search: string
  status: Record<'active' | 'inactive' | 'all', string>
  statusLabel: string
  category: string
  anyCategory: string
  noCategory: string
  columns: { name: string; sku: string; price: string; status: string }
  activeWord: string
  inactiveWord: string
  none: string
  shown: (count: number) => string
  showMore: (count: number) => string
  form: {
    nameKm: string
    nameEn: string
    sku: string
    price: string
    currency: string
    vatClass: string
    active: string
    activeHint: string
    barcodes: string
    barcodeHint: string
    addBarcode: string
    removeBarcode: (barcode: string) => string
    save: string
    cancel: string
    saved: (name: string) => string
  }
  categories: {
    title: string
    nameKm: string
    nameEn: string
    add: string
    rename: string
    up: (name: string) => string
    down: (name: string) => string
  }
  csv: {
    import: string
    export: string
    choose: string
    preview: (created: number, updated: number) => string
    problems: (count: number) => string
    columns: { line: string; column: string; problem: string }
    confirm: string
    imported: (created: number, updated: number) => string
    cancel: string
  }
  invalid: (field: string) => string
}

export const CATALOG_MESSAGES: Record<Language, CatalogMessages> = {
  km: {
    nav: 'ទំនិញ',
    title: 'ទំនិញ',
    add: 'បន្ថែមទំនិញ',
    edit: 'កែ',
    search: 'ស្វែងរកឈ្មោះ ឬ SKU',
    status: { active: 'កំពុងលក់', inactive: 'ឈប់លក់', all: 'ទាំងអស់' },
    statusLabel: 'ស្ថានភាព',
    category: 'ប្រភេទ',
    anyCategory: 'គ្រប់ប្រភេទ',
    noCategory: 'គ្មានប្រភេទ',
    columns: { name: 'ឈ្មោះ', sku: 'SKU', price: 'តម្លៃ', status: 'ស្ថានភាព' },
    activeWord: 'កំពុងលក់',
    inactiveWord: 'ឈប់លក់',
    none: 'គ្មានទំនិញទេ។',
    shown: (count) => `បង្ហាញទំនិញ ${count.toLocaleString('en-US')}`,
    showMore: (count) => `បង្ហាញ ${count} ទៀត`,
    form: {
      nameKm: 'ឈ្មោះ (ខ្មែរ)',
      nameEn: 'ឈ្មោះ (អង់គ្លេស)',
      sku: 'SKU (លេខកូដរបស់ហាង)',
      price: 'តម្លៃ',
      currency: 'រូបិយប័ណ្ណ',
      vatClass: 'អាករ VAT',
      active: 'កំពុងលក់',
      activeHint: 'ទំនិញដែលធ្លាប់លក់មិនត្រូវលុបទេ៖ ដកចេញពីការលក់វិញ។',
      barcodes: 'បាកូដ',
      barcodeHint: 'ស្កេនបាកូដនៅលើទំនិញ ឬវាយ ហើយចុច Enter។',
      addBarcode: 'បន្ថែមបាកូដ',
      removeBarcode: (barcode) => `ដកបាកូដ ${barcode}`,
      save: 'រក្សាទុក',
      cancel: 'បោះបង់',
      saved: (name) => `បានរក្សាទុក ${name}។`,
    },
    categories: {
      title: 'ប្រភេទទំនិញ',
      nameKm: 'ឈ្មោះ (ខ្មែរ)',
      nameEn: 'ឈ្មោះ (អង់គ្លេស)',
      add: 'បន្ថែមប្រភេទ',
      rename: 'រក្សាទុកឈ្មោះ',
      up: (name) => `ផ្លាស់ ${name} ឡើងលើ`,
      down: (name) => `ផ្លាស់ ${name} ចុះក្រោម`,
    },
    csv: {
      import: 'នាំចូលពី CSV',
      export: 'នាំចេញជា CSV',
      choose: 'ជ្រើសឯកសារ CSV',
      preview: (created, updated) => `ទំនិញថ្មី ${created} · កែប្រែ ${updated}។ មិនទាន់កត់ត្រាអ្វីទេ។`,
      problems: (count) => `មានបញ្ហា ${count}៖ គ្មានអ្វីត្រូវបាននាំចូលទេ។ កែឯកសារ ហើយជ្រើសម្ដងទៀត។`,
      columns: { line: 'បន្ទាត់', column: 'ជួរឈរ', problem: 'បញ្ហា' },
      confirm: 'នាំចូល',
      imported: (created, updated) => `បាននាំចូល៖ ថ្មី ${created} · កែប្រែ ${updated}។`,
      cancel: 'បោះបង់',
    },
    invalid: (field) => `${field}៖ សូមពិនិត្យម្ដងទៀត។`,
  },
  en: {
    nav: 'Products',
    title: 'Products',
    add: 'Add a product',
    edit: 'Edit',
    search: 'Search by name or SKU',
    status: { active: 'For sale', inactive: 'Not for sale', all: 'All' },
    statusLabel: 'Status',
    category: 'Category',
    anyCategory: 'Any category',
    noCategory: 'No category',
    columns: { name: 'Name', sku: 'SKU', price: 'Price', status: 'Status' },
    activeWord: 'For sale',
    inactiveWord: 'Not for sale',
    none: 'No products.',
    shown: (count) => `${count.toLocaleString('en-US')} product${count === 1 ? '' : 's'} shown`,
    showMore: (count) => `Show ${count} more`,
    form: {
      nameKm: 'Name (Khmer)',
      nameEn: 'Name (English)',
      sku: "SKU (the shop's own code)",
      price: 'Price',
      currency: 'Currency',
      vatClass: 'VAT',
      active: 'For sale',
      activeHint: 'A product that was sold is never deleted: take it off sale instead.',
      barcodes: 'Barcodes',
      barcodeHint: 'Scan the barcode on the item, or type it and press Enter.',
      addBarcode: 'Add barcode',
      removeBarcode: (barcode) => `Remove barcode ${barcode}`,
      save: 'Save',
      cancel: 'Cancel',
      saved: (name) => `${name} saved.`,
    },
    categories: {
      title: 'Categories',
      nameKm: 'Name (Khmer)',
      nameEn: 'Name (English)',
      add: 'Add a category',
      rename: 'Save the name',
      up: (name) => `Move ${name} up`,
      down: (name) => `Move ${name} down`,
    },
    csv: {
      import: 'Import from CSV',
      export: 'Export as CSV',
      choose: 'Choose a CSV file',
      preview: (created, updated) => `${created} new · ${updated} changed. Nothing is written yet.`,
      problems: (count) =>
        `${count} ${count === 1 ? 'problem' : 'problems'}: nothing is imported. Fix the file and choose it again.`,
      columns: { line: 'Line', column: 'Column', problem: 'Problem' },
      confirm: 'Import',
      imported: (created, updated) => `Imported: ${created} new · ${updated} changed.`,
      cancel: 'Cancel',
    },
    invalid: (field) => `${field}: please check it.`,
  },
}
