/**
 * A shop's own catalog at a real size, as the CSV a manager would import: long Khmer and English
 * names (brand, kind, pack size, the way Cambodian shops name stock), a third priced in riel, valid
 * EAN-13 barcodes. Deterministic: product `i` is always the same.
 */

const BRANDS_KM = ['អង្គរ', 'កម្ពុជា', 'ទេពធីតា', 'មេគង្គ', 'សុវណ្ណភូមិ', 'កំពត']
const BRANDS_EN = ['Angkor', 'Kampuchea', 'Tep Thida', 'Mekong', 'Sovannaphum', 'Kampot']
const KINDS_KM = [
  'ទឹកដោះគោស្រស់គ្មានជាតិស្ករ',
  'ទឹកផ្លែឈើលាយទឹកឃ្មុំធម្មជាតិ',
  'មីកញ្ចប់រសជាតិសាច់គោហឹរ',
  'ស្ករត្នោតពិតប្រាកដពីខេត្តកំពង់ស្ពឺ',
  'ម្រេចខ្មៅកំពតសរីរាង្គ',
  'ប្រហុកត្រីរៀលឆ្អិនស្រាប់',
  'អង្ករផ្ការំដួលក្រអូប',
  'កាហ្វេដីខ្មៅលាយទឹកដោះគោខាប់',
]
const KINDS_EN = [
  'Fresh milk, no sugar',
  'Fruit juice with natural honey',
  'Instant noodles, spicy beef',
  'Pure palm sugar from Kampong Speu',
  'Organic Kampot black pepper',
  'Cooked prahok of riel fish',
  'Fragrant Phka Rumduol rice',
  'Ground coffee with condensed milk',
]
const PACKS_KM = ['កញ្ចប់តូច ២៥០ក្រាម', 'ដបធំ ១.៥លីត្រ', 'កញ្ចប់គ្រួសារ ១គីឡូក្រាម', 'កំប៉ុង ៣៣០មីលីលីត្រ']
const PACKS_EN = ['small pack 250 g', 'large bottle 1.5 l', 'family pack 1 kg', 'can 330 ml']
const CATEGORIES = [
  ['Drinks', 'ភេសជ្ជៈ'],
  ['Groceries', 'គ្រឿងឧបភោគ'],
  ['Snacks', 'នំចំណី'],
  ['Spices', 'គ្រឿងទេស'],
] as const

/** The number in Khmer digits, as a Khmer name writes it. */
function khmerDigits(value: number): string {
  return String(value).replace(/\d/g, (digit) => '០១២៣៤៥៦៧៨៩'[Number(digit)] as string)
}

/** An EAN-13 with the right check digit, from a 12-digit body. */
export function ean13(body: string): string {
  if (!/^\d{12}$/.test(body)) throw new Error(`an EAN-13 body has 12 digits: ${body}`)
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0)
  return body + String((10 - (sum % 10)) % 10)
}

export interface CatalogProduct {
  sku: string
  nameEn: string
  nameKm: string
  barcode: string
  /** Minor units of `currency`: cents or riel. */
  price: number
  currency: 'USD' | 'KHR'
}

export function realProduct(index: number): CatalogProduct {
  const pick = <T>(list: readonly T[], salt: number) => list[(index * 7 + salt) % list.length] as T
  const brand = index % BRANDS_KM.length
  const kind = (index >> 1) % KINDS_KM.length
  const pack = (index >> 2) % PACKS_KM.length
  const inRiel = index % 3 === 2
  return {
    sku: `SHOP-${String(index + 1).padStart(4, '0')}`,
    nameKm: `${KINDS_KM[kind]} ម៉ាក${BRANDS_KM[brand]} ${PACKS_KM[pack]} លេខ${khmerDigits(index + 1)}`,
    nameEn: `${BRANDS_EN[brand]} ${KINDS_EN[kind]}, ${PACKS_EN[pack]} no. ${index + 1}`,
    barcode: ean13(`884${String(index + 1).padStart(9, '0')}`),
    price: inRiel ? 500 * (2 + pick([1, 3, 5, 9, 15, 23], 1)) : 25 * (4 + pick([1, 3, 7, 11, 19, 40], 2)),
    currency: inRiel ? 'KHR' : 'USD',
  }
}

/** `count` products as the CSV the catalog import reads. */
export function realCatalogCsv(count: number): { csv: string; products: CatalogProduct[] } {
  const products = Array.from({ length: count }, (_, index) => realProduct(index))
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text)
  const price = (product: CatalogProduct) =>
    product.currency === 'USD' ? (product.price / 100).toFixed(2) : String(product.price)
  const rows = products.map((product, index) =>
    [
      product.sku,
      quote(product.nameEn),
      quote(product.nameKm),
      ...(CATEGORIES[index % CATEGORIES.length] as (typeof CATEGORIES)[number]),
      price(product),
      product.currency,
      'standard',
      product.barcode,
      'yes',
    ].join(','),
  )
  return {
    csv: ['sku,name_en,name_km,category,category_km,price,currency,vat_class,barcodes,active', ...rows].join('\r\n'),
    products,
  }
}
