import type { Language } from './messages.ts'

/** The owner's reports on the till: the period, the figures, the charts and their tables. */
export interface ReportMessages {
  nav: string
  title: string
  today: string
  week: string
  month: string
  range: string
  from: string
  to: string
  show: string
  previous: string
  next: string
  period: (from: string, to: string) => string
  net: string
  sales: string
  refunds: string
  voids: string
  vat: string
  plt: string
  gross: string
  discounts: string
  inRiel: string
  currency: string
  count: string
  amount: string
  perDay: string
  perHour: string
  payments: string
  bestSellers: string
  categories: string
  cashiers: string
  product: string
  quantity: string
  noCategory: string
  day: string
  hour: string
  uses: string
  csv: string
  nothing: string
  tender: Record<'cash_usd' | 'cash_khr' | 'khqr_usd' | 'khqr_khr', string>
  chartOf: (what: string) => string
}

export const REPORT_MESSAGES: Record<Language, ReportMessages> = {
  km: {
    nav: 'របាយការណ៍',
    title: 'របាយការណ៍លក់',
    today: 'ថ្ងៃនេះ',
    week: 'សប្តាហ៍នេះ',
    month: 'ខែនេះ',
    range: 'ចន្លោះថ្ងៃ',
    from: 'ពីថ្ងៃ',
    to: 'ដល់ថ្ងៃ',
    show: 'បង្ហាញ',
    previous: '‹ មុន',
    next: 'បន្ទាប់ ›',
    period: (from, to) => (from === to ? from : `${from} ដល់ ${to}`),
    net: 'ការលក់សុទ្ធ',
    sales: 'ការលក់',
    refunds: 'សងប្រាក់វិញ',
    voids: 'លុបចោល',
    vat: 'អាករលើតម្លៃបន្ថែម',
    plt: 'អាករបំភ្លឺសាធារណៈ',
    gross: 'ការលក់មុនបញ្ចុះតម្លៃ',
    discounts: 'បញ្ចុះតម្លៃ',
    inRiel: 'សរុបជារៀល',
    currency: 'រូបិយប័ណ្ណ',
    count: 'ចំនួន',
    amount: 'ទឹកប្រាក់',
    perDay: 'ការលក់តាមថ្ងៃ',
    perHour: 'ការលក់តាមម៉ោង',
    payments: 'ការទូទាត់',
    bestSellers: 'ទំនិញលក់ដាច់',
    categories: 'តាមប្រភេទទំនិញ',
    cashiers: 'តាមអ្នកគិតលុយ',
    product: 'ទំនិញ',
    quantity: 'បរិមាណ',
    noCategory: 'គ្មានប្រភេទ',
    day: 'ថ្ងៃ',
    hour: 'ម៉ោង',
    uses: 'ដង',
    csv: 'ទាញយក CSV',
    nothing: 'មិនមានការលក់ក្នុងរយៈពេលនេះទេ។',
    tender: {
      cash_usd: 'សាច់ប្រាក់ ដុល្លារ',
      cash_khr: 'សាច់ប្រាក់ រៀល',
      khqr_usd: 'KHQR ដុល្លារ',
      khqr_khr: 'KHQR រៀល',
    },
    chartOf: (what) => `គំនូសតាង៖ ${what}`,
  },
  en: {
    nav: 'Reports',
    title: 'Sales reports',
    today: 'Today',
    week: 'This week',
    month: 'This month',
    range: 'Days',
    from: 'From',
    to: 'To',
    show: 'Show',
    previous: '‹ Before',
    next: 'After ›',
    period: (from, to) => (from === to ? from : `${from} to ${to}`),
    net: 'Net sales',
    sales: 'Sales',
    refunds: 'Refunds',
    voids: 'Voids',
    vat: 'VAT',
    plt: 'Public lighting tax',
    gross: 'Sales before discounts',
    discounts: 'Discounts',
    inRiel: 'All in riel',
    currency: 'Currency',
    count: 'Number',
    amount: 'Amount',
    perDay: 'Sales per day',
    perHour: 'Sales per hour of the day',
    payments: 'How customers paid',
    bestSellers: 'Best sellers',
    categories: 'By category',
    cashiers: 'By cashier',
    product: 'Product',
    quantity: 'Quantity',
    noCategory: 'No category',
    day: 'Day',
    hour: 'Hour',
    uses: 'Times',
    csv: 'Download CSV',
    nothing: 'No sales in this period.',
    tender: {
      cash_usd: 'Cash in dollars',
      cash_khr: 'Cash in riel',
      khqr_usd: 'KHQR in dollars',
      khqr_khr: 'KHQR in riel',
    },
    chartOf: (what) => `Chart: ${what}`,
  },
}
