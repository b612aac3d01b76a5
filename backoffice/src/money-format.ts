function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** An integer amount as the owner reads it: USD cents as `$1,234.50`, riel as `12,300 ៛`. No floats on the way. */
export function formatMoney(amountMinor: number, currency: string): string {
  const sign = amountMinor < 0 ? '−' : ''
  const digits = String(Math.abs(amountMinor))
  if (currency === 'USD') {
    const padded = digits.padStart(3, '0')
    return `${sign}$${groupThousands(padded.slice(0, -2))}.${padded.slice(-2)}`
  }
  if (currency === 'KHR') return `${sign}${groupThousands(digits)} ៛`
  return `${sign}${groupThousands(digits)} ${currency}`
}
