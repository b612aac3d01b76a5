/**
 * The words of the shop's papers (receipts, invoices, credit notes, bills, X and Z reports), in
 * Khmer and English. One list serves the printed slips and the screens that show the same figures,
 * so a Khmer-speaking owner reads the same words on both. Instruction 1127 asks for Khmer, with the
 * English below or beside it: `paperLabel` writes them side by side when the papers are in Khmer.
 */
export interface Bilingual {
  km: string
  en: string
}

export const PAPER_WORDS = {
  // Documents.
  receipt: { km: 'បង្កាន់ដៃ', en: 'RECEIPT' },
  taxInvoice: { km: 'វិក្កយបត្រអាករ', en: 'TAX INVOICE' },
  commercialInvoice: { km: 'វិក្កយបត្រ', en: 'INVOICE' },
  creditNote: { km: 'កំណត់ត្រាឥណទាន', en: 'CREDIT NOTE' },
  refundSlip: { km: 'បង្កាន់ដៃសងប្រាក់វិញ', en: 'REFUND' },
  bill: { km: 'វិក្កយបត្របង់តាម KHQR', en: 'BILL - PAY BY KHQR' },
  copy: { km: 'ច្បាប់ចម្លង', en: 'COPY' },
  voided: { km: 'បានលុបចោល', en: 'VOIDED' },
  demo: { km: 'គំរូ មិនមែនវិក្កយបត្រពិត', en: 'DEMO - NOT A TAX INVOICE' },
  // Who, when, where.
  sellerTin: { km: 'លេខអត្តសញ្ញាណកម្ម អតប', en: 'VAT TIN' },
  buyer: { km: 'អ្នកទិញ', en: 'Buyer' },
  buyerTin: { km: 'លេខ អតប អ្នកទិញ', en: 'Buyer VAT TIN' },
  invoiceNo: { km: 'លេខវិក្កយបត្រ', en: 'Invoice' },
  receiptNo: { km: 'លេខបង្កាន់ដៃ', en: 'Receipt' },
  creditNoteNo: { km: 'លេខកំណត់ត្រាឥណទាន', en: 'Credit note' },
  refundOf: { km: 'សងវិញនៃ', en: 'Refund of' },
  date: { km: 'កាលបរិច្ឆេទ', en: 'Date' },
  terminal: { km: 'ម៉ាស៊ីន', en: 'Terminal' },
  cashier: { km: 'អ្នកគិតលុយ', en: 'Cashier' },
  // A sale's figures.
  priceChanged: { km: 'តម្លៃបានកែ', en: 'price changed' },
  discount: { km: 'បញ្ចុះតម្លៃ', en: 'Discount' },
  saleDiscount: { km: 'បញ្ចុះតម្លៃលើការលក់', en: 'Sale discount' },
  subtotal: { km: 'សរុបរង', en: 'Subtotal' },
  subtotalInclusive: { km: 'សរុបរង (រួមអាករ)', en: 'Subtotal (taxes incl.)' },
  subtotalBeforeTax: { km: 'សរុបរង (មិនរួមអាករ)', en: 'Subtotal before tax' },
  vat: { km: 'អាករលើតម្លៃបន្ថែម', en: 'VAT' },
  vatIncluded: { km: 'អាករលើតម្លៃបន្ថែម (រួមក្នុងតម្លៃ)', en: 'VAT included' },
  publicLightingTax: { km: 'អាករបំភ្លឺសាធារណៈ', en: 'Public lighting tax' },
  total: { km: 'សរុប', en: 'TOTAL' },
  refundTotal: { km: 'សរុបសងវិញ', en: 'REFUND' },
  totalKhr: { km: 'សរុបរួមអាករជាប្រាក់រៀល', en: 'Total incl. VAT in KHR' },
  vatKhr: { km: 'អាករជាប្រាក់រៀល', en: 'VAT in KHR' },
  rate: { km: 'អត្រាប្តូរប្រាក់', en: 'Rate' },
  cashUsd: { km: 'សាច់ប្រាក់ ដុល្លារ', en: 'Cash USD' },
  cashKhr: { km: 'សាច់ប្រាក់ រៀល', en: 'Cash KHR' },
  khqrUsd: { km: 'KHQR ដុល្លារ', en: 'KHQR USD' },
  khqrKhr: { km: 'KHQR រៀល', en: 'KHQR KHR' },
  bakongRef: { km: 'លេខយោង Bakong', en: 'Ref' },
  unverified: { km: 'មិនទាន់ផ្ទៀងផ្ទាត់ (បញ្ជាក់ដោយដៃ)', en: 'UNVERIFIED (confirmed by hand)' },
  change: { km: 'ប្រាក់អាប់', en: 'Change' },
  toPay: { km: 'ត្រូវបង់', en: 'TO PAY' },
  validUntil: { km: 'មានសុពលភាពដល់', en: 'Valid until' },
  // Shift reports.
  xReport: { km: 'របាយការណ៍ X (កណ្តាលវេន)', en: 'X REPORT' },
  zReport: { km: 'របាយការណ៍ Z (បិទវេន)', en: 'Z REPORT' },
  opened: { km: 'បើកវេន', en: 'Opened' },
  closed: { km: 'បិទវេន', en: 'Closed' },
  printed: { km: 'បោះពុម្ព', en: 'Printed' },
  cashDrawer: { km: 'សាច់ប្រាក់ក្នុងថត', en: 'CASH IN THE DRAWER' },
  openingFloat: { km: 'ប្រាក់ដើមក្នុងថត', en: 'Opening float' },
  cashSales: { km: 'លក់ជាសាច់ប្រាក់ (ដកប្រាក់អាប់)', en: 'Cash sales (less change)' },
  cashIn: { km: 'ដាក់ប្រាក់ចូល', en: 'Cash in' },
  cashOut: { km: 'ដកប្រាក់ចេញ', en: 'Cash out' },
  cashRefunds: { km: 'សងប្រាក់វិញជាសាច់ប្រាក់', en: 'Refunds paid in cash' },
  voidCash: { km: 'ប្រាក់សងវិញពីការលុបចោល', en: 'Cash back on voids' },
  expectedCash: { km: 'សាច់ប្រាក់ដែលគួរមាន', en: 'Expected cash' },
  counted: { km: 'សាច់ប្រាក់ដែលរាប់បាន', en: 'Counted' },
  overShort: { km: 'លើស (+) / ខ្វះ (−)', en: 'Over (+) / short (-)' },
  salesHeading: { km: 'ការលក់', en: 'SALES' },
  sales: { km: 'ការលក់', en: 'Sales' },
  refunds: { km: 'ការសងប្រាក់វិញ', en: 'Refunds' },
  voids: { km: 'ការលុបចោល', en: 'Voids' },
  netSales: { km: 'ការលក់សុទ្ធ', en: 'Net sales' },
  discounts: { km: 'ការបញ្ចុះតម្លៃ', en: 'Discounts given' },
  tendersHeading: { km: 'ការទូទាត់', en: 'PAYMENTS' },
  khqrVerified: { km: 'KHQR បានផ្ទៀងផ្ទាត់ជាមួយ Bakong', en: 'KHQR verified by Bakong' },
  khqrByHand: { km: 'KHQR បញ្ជាក់ដោយដៃ', en: 'KHQR confirmed by hand' },
  khqrUnverified: { km: 'KHQR នៅមិនទាន់ផ្ទៀងផ្ទាត់', en: 'KHQR still unverified' },
  khqrVerifiedLater: { km: 'ផ្ទៀងផ្ទាត់ក្រោយមកក្នុងវេននេះ', en: 'Verified later in this shift' },
  khqrMismatch: { km: 'KHQR មិនត្រូវគ្នា', en: 'KHQR MISMATCH' },
  khqrNotFound: { km: 'KHQR រកមិនឃើញនៅ Bakong', en: 'KHQR NOT FOUND AT BAKONG' },
  khqrPaidTwice: { km: 'KHQR បង់ពីរដង', en: 'KHQR PAID TWICE' },
  khqrPaidLate: { km: 'KHQR បង់យឺត', en: 'KHQR PAID LATE' },
  khqrForManager: { km: 'នៅរង់ចាំអ្នកគ្រប់គ្រង', en: 'Still for a manager' },
  controlsHeading: { km: 'ការត្រួតពិនិត្យ', en: 'CONTROLS' },
  noSaleOpens: { km: 'បើកថតដោយគ្មានការលក់', en: 'Drawer opened without a sale' },
  reprints: { km: 'បោះពុម្ពបង្កាន់ដៃឡើងវិញ', en: 'Receipt reprints' },
  rounding: { km: 'ការបង្គត់ប្រាក់អាប់ជារៀល', en: 'Riel change rounding' },
} as const satisfies Record<string, Bilingual>

export type PaperWord = keyof typeof PAPER_WORDS

/**
 * A label as printed: the English, with the Khmer words to print above it on Khmer papers
 * (Instruction 1127: Khmer, with the English below). English papers are English alone.
 */
export function paperLabel(word: PaperWord | Bilingual, language: 'km' | 'en'): { en: string; km?: string } {
  const words = typeof word === 'string' ? PAPER_WORDS[word] : word
  return language === 'km' ? { en: words.en, km: words.km } : { en: words.en }
}

/** A label for a screen: the one language the person chose. */
export function screenLabel(word: PaperWord | Bilingual, language: 'km' | 'en'): string {
  const words = typeof word === 'string' ? PAPER_WORDS[word] : word
  return words[language]
}
