import type { CsvRowError } from '../../../shared/views.ts'
import { failureText } from './failure-text.ts'
import type { Language } from './messages.ts'

type Say = (problem: CsvRowError) => string

/** A product CSV's problems in words, by their code, with the value found in the cell. */
const PROBLEMS: Record<Language, Record<string, Say>> = {
  km: {
    csv_syntax: () => 'ឯកសារ CSV ខូច (សញ្ញា " មិនបានបិទ)។',
    csv_empty: () => 'ឯកសារទទេ។',
    csv_column_missing: (p) => `ក្បាលឯកសារខ្វះជួរឈរ "${p.column}"។`,
    csv_column_unknown: (p) => `ជួរឈរ "${p.column}" មិនស្គាល់។`,
    csv_field_count: (p) => `បន្ទាត់នេះមាន ${p.value} ក្រឡា មិនត្រូវនឹងក្បាលឯកសារ។`,
    currency_invalid: (p) => `រូបិយប័ណ្ណត្រូវជា USD ឬ KHR (មាន "${p.value}")។`,
    amount_invalid: (p) => `តម្លៃមិនត្រឹមត្រូវ (មាន "${p.value}")៖ ឧ. 1.50 ឬ 6,000។`,
    active_invalid: (p) => `"កំពុងលក់" ត្រូវជា yes ឬ no (មាន "${p.value}")។`,
    sold_by_invalid: (p) => `"លក់តាម" ត្រូវជា count ឬ weight (មាន "${p.value}")។`,
    vat_class_unknown: (p) => `គ្មានប្រភេទអាករ "${p.value}" ទេ។`,
    value_invalid: (p) => `តម្លៃក្នុងក្រឡានេះមិនត្រឹមត្រូវ (មាន "${p.value ?? ''}")។`,
    sku_duplicate: (p) => `SKU ${p.value} មាននៅបន្ទាត់ ${p.otherLine} ដែរ។`,
    barcode_duplicate: (p) => `បាកូដ ${p.value} មាននៅបន្ទាត់ ${p.otherLine} ដែរ។`,
    barcode_taken: (p) => `បាកូដ ${p.value} ជារបស់ទំនិញ ${p.owner} រួចហើយ។`,
  },
  en: {
    csv_syntax: () => 'The CSV is broken (a " is not closed).',
    csv_empty: () => 'The file is empty.',
    csv_column_missing: (p) => `The header has no "${p.column}" column.`,
    csv_column_unknown: (p) => `Unknown column "${p.column}".`,
    csv_field_count: (p) => `This line has ${p.value} cells, not as many as the header.`,
    currency_invalid: (p) => `The currency must be USD or KHR (found "${p.value}").`,
    amount_invalid: (p) => `Not a price (found "${p.value}"): for example 1.50 or 6,000.`,
    active_invalid: (p) => `"active" must be yes or no (found "${p.value}").`,
    sold_by_invalid: (p) => `"sold_by" must be count or weight (found "${p.value}").`,
    vat_class_unknown: (p) => `There is no VAT class "${p.value}".`,
    value_invalid: (p) => `This cell is not valid (found "${p.value ?? ''}").`,
    sku_duplicate: (p) => `SKU ${p.value} is also on line ${p.otherLine}.`,
    barcode_duplicate: (p) => `Barcode ${p.value} is also on line ${p.otherLine}.`,
    barcode_taken: (p) => `Barcode ${p.value} already belongs to product ${p.owner}.`,
  },
}

/** The problem in the person's language; an engine refusal by its own words. */
export function csvProblemText(problem: CsvRowError, language: Language): string {
  return PROBLEMS[language][problem.code]?.(problem) ?? failureText(language, problem.code)
}
