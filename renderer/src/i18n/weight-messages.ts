import type { Language } from './messages.ts'

/** Selling by weight: the weighing step, the per-kilogram price, and the scale's label layout. */
export interface WeightMessages {
  perKg: string
  weighTitle: (name: string) => string
  weightLabel: string
  weightHint: string
  amountWillBe: (amount: string) => string
  add: string
  cancel: string
  soldBy: string
  byCount: string
  byWeight: string
  pricePerKg: string
  scaleCode: string
  scaleCodeHint: string
  scaleLabels: string
  scaleItemDigits: string
  scaleEmbeds: string
  embedsWeight: string
  embedsPrice: string
  scaleExample: (code: string) => string
  refundGrams: string
  errors: Record<string, string>
}

export const WEIGHT_MESSAGES: Record<Language, WeightMessages> = {
  km: {
    perKg: '/គីឡូ',
    weighTitle: (name) => `ថ្លឹង៖ ${name}`,
    weightLabel: 'ទម្ងន់ (គីឡូ)',
    weightHint: 'ឧ. 0.450 ឬ 450 g',
    amountWillBe: (amount) => `តម្លៃ៖ ${amount}`,
    add: 'បន្ថែម',
    cancel: 'បោះបង់',
    soldBy: 'លក់តាម',
    byCount: 'ចំនួន',
    byWeight: 'ទម្ងន់ គិតជាគីឡូ',
    pricePerKg: 'តម្លៃក្នុងមួយគីឡូ',
    scaleCode: 'លេខកូដទំនិញលើជញ្ជីង',
    scaleCodeHint: 'លេខដែលជញ្ជីងបោះពុម្ពលើស្លាក (PLU) ឧ. 42',
    scaleLabels: 'ស្លាកជញ្ជីង (បាកូដ 20–29)',
    scaleItemDigits: 'ខ្ទង់លេខកូដទំនិញ',
    scaleEmbeds: 'ស្លាកមាន',
    embedsWeight: 'ទម្ងន់ជាក្រាម',
    embedsPrice: 'តម្លៃ',
    scaleExample: (code) => `ឧទាហរណ៍៖ ${code}`,
    refundGrams: 'ក្រាម',
    errors: {
      quantity_invalid: 'ទម្ងន់មិនត្រឹមត្រូវ។ វាយជាគីឡូ (0.450) ឬក្រាម (450 g) មិនលើស 100 គីឡូ។',
      scale_label_misread: 'ស្លាកជញ្ជីងអានខុស (លេខផ្ទៀងផ្ទាត់មិនត្រូវ)។ ស្កេនម្ដងទៀត។',
      scale_label_empty: 'ស្លាកជញ្ជីងនេះគ្មានទម្ងន់ ឬតម្លៃទេ។',
      scale_item_unknown: 'គ្មានទំនិញណាមានលេខកូដជញ្ជីងនេះទេ។ បញ្ចូលលេខកូដនៅក្នុងទំនិញ។',
      not_sold_by_weight: 'ទំនិញនេះលក់តាមចំនួន ប៉ុន្តែស្លាកមានទម្ងន់។',
      scale_code_taken: 'លេខកូដជញ្ជីងនេះជារបស់ទំនិញផ្សេងរួចហើយ។',
      scale_code_invalid: 'លេខកូដជញ្ជីងត្រូវមាន 1 ដល់ 6 ខ្ទង់ ហើយមិនមែនសូន្យទាំងអស់។',
    },
  },
  en: {
    perKg: '/kg',
    weighTitle: (name) => `Weigh: ${name}`,
    weightLabel: 'Weight (kg)',
    weightHint: 'e.g. 0.450 or 450 g',
    amountWillBe: (amount) => `Amount: ${amount}`,
    add: 'Add',
    cancel: 'Cancel',
    soldBy: 'Sold by',
    byCount: 'Count',
    byWeight: 'Weight (by the kilo)',
    pricePerKg: 'Price per kg',
    scaleCode: 'Scale item code',
    scaleCodeHint: 'The number the scale prints on its labels (PLU), e.g. 42',
    scaleLabels: 'Scale labels (barcodes 20–29)',
    scaleItemDigits: 'Item code digits',
    scaleEmbeds: 'The label carries',
    embedsWeight: 'the weight in grams',
    embedsPrice: 'the price',
    scaleExample: (code) => `Example: ${code}`,
    refundGrams: 'grams',
    errors: {
      quantity_invalid: 'Not a weight. Type kilograms (0.450) or grams (450 g), at most 100 kg.',
      scale_label_misread: 'The scale label was misread (wrong check digit). Scan it again.',
      scale_label_empty: 'This scale label carries no weight or price.',
      scale_item_unknown: 'No product has this scale item code. Enter the code on the product.',
      not_sold_by_weight: 'This product is sold by count, but the label carries a weight.',
      scale_code_taken: 'This scale item code already belongs to another product.',
      scale_code_invalid: 'A scale item code is 1 to 6 digits, not all zero.',
    },
  },
}
