/**
 * CSV files as a spreadsheet opens them: RFC 4180 quoting, CRLF lines, and a UTF-8 byte-order mark
 * so Excel reads Khmer right. Text a spreadsheet would run as a formula (a product or a cashier
 * named "=HYPERLINK(…)") is made plain text with a leading apostrophe (plainText).
 */

export type CsvCell = string | number

/** A text cell that cannot be taken for a formula. */
export function plainText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** One field, quoted when it holds a comma, a quote or a line break. */
export function csvField(cell: CsvCell): string {
  const text = String(cell)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The whole file: a header row and rows (free text in them made plain by the caller: "-1.50" is a number). */
export function csvDocument(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${[headers, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`
}
