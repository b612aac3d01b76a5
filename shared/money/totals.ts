/**
 * Sale totals follow ONE rounding rule. Amounts are integers in the sale currency's minor units
 * (US cents or riel); "round" is round half up, done in exact integer arithmetic (rounding.ts).
 *
 * 1. gross = quantity × unitPrice (quantity 1..100,000; unitPrice 0..MAX_AMOUNT). A line sold by
 *    weight has its quantity in grams and its unit price per kilogram: gross = round(grams ×
 *    unitPrice / 1,000), half away from zero (weight.ts).
 * 2. Line discount: percent → round(gross × bp / 10,000); amount → as given. A line discount larger
 *    than gross is refused ('discount_too_large', field 'discount').
 * 3. The sale discount applies to Σ (gross − lineDiscount): percent → round(Σ × bp / 10,000);
 *    amount → as given, refused when larger ('discount_too_large', field 'saleDiscount'). It is
 *    allocated to the lines in proportion to their (gross − lineDiscount) with allocateProportionally.
 * 4. line.amount = gross − lineDiscount − saleDiscountShare.
 * 5. Taxes are computed once per tax group (lines of the same VAT rate and public lighting tax
 *    rate), on base = Σ amount of the group's lines. The public lighting tax (PLT, on alcohol and
 *    tobacco) is charged before VAT and VAT is charged on it too; its rate p is the effective one
 *    (5 % of a 20 % base for a reseller: p = 100 basis points).
 *    Tax-exclusive: plt = round(base × p / 10,000); vat = round((base + plt) × v / 10,000).
 *    Tax-inclusive (the base holds both): vat = round(base × v / (10,000 + v)), the VAT contained;
 *    plt = round((base − vat) × p / (10,000 + p)), the PLT contained in the rest.
 *    Each group's VAT and PLT are allocated to its lines with allocateProportionally (weights = line
 *    amounts), giving line.vat and line.plt. Without PLT (p = 0) this is VAT alone, as it always was.
 * 6. subtotal = Σ line.amount; vatTotal = Σ group.vat; pltTotal = Σ group.plt; total = subtotal +
 *    pltTotal + vatTotal when tax-exclusive, subtotal when tax-inclusive; totalKhr, vatKhr and pltKhr
 *    are total, vatTotal and pltTotal in riel at the sale's rate, rounded half up to 1 riel
 *    (unchanged for a KHR sale). So grossTotal − discountTotal = subtotal exactly.
 *
 * Σ gross and total may not exceed MAX_AMOUNT ('amount_invalid'), so every amount stays exact.
 */
import { type Currency, checkAmount, checkCurrency, MAX_AMOUNT } from './currency.ts'
import { checkArray, checkInteger, checkRecord, MoneyError, shown } from './errors.ts'
import { checkRate, convert } from './exchange.ts'
import { multiplyDivideFloor, multiplyDivideRoundHalfUp } from './rounding.ts'
import { checkSoldBy, GRAMS_PER_KILOGRAM, MAX_LINE_QUANTITY, type SoldBy } from './weight.ts'

/** percent in basis points 0..10,000 (1,000 = 10 %); amount in sale-currency minor units. */
export type Discount = { kind: 'percent'; basisPoints: number } | { kind: 'amount'; amount: number }

export interface LineInput {
  /** Units, or grams when sold by weight. */
  quantity: number
  /** 'weight': the quantity is grams and the unit price is per kilogram. Count when left out. */
  soldBy?: SoldBy
  unitPrice: number
  vatRateBasisPoints: number
  /** The public lighting tax's effective rate on the amount before VAT (0 or absent: none). */
  pltRateBasisPoints?: number
  discount?: Discount | null
}

export interface SaleTotalsInput {
  lines: readonly LineInput[]
  saleDiscount?: Discount | null
  taxInclusive: boolean
  currency: Currency
  khrPerUsd: number
}

export interface LineTotals {
  gross: number
  lineDiscount: number
  saleDiscountShare: number
  amount: number
  vat: number
  plt: number
}

export interface VatGroup {
  rateBasisPoints: number
  pltRateBasisPoints: number
  base: number
  vat: number
  plt: number
}

export interface SaleTotals {
  lines: LineTotals[]
  /** Σ gross */
  grossTotal: number
  /** Σ lineDiscount + Σ saleDiscountShare */
  discountTotal: number
  /** Σ line.amount (excluding VAT when tax-exclusive, including it when tax-inclusive) */
  subtotal: number
  /** Σ group.vat (= Σ line.vat) */
  vatTotal: number
  /** Σ group.plt (= Σ line.plt): the public lighting tax */
  pltTotal: number
  /** tax-exclusive: subtotal + pltTotal + vatTotal; tax-inclusive: subtotal */
  total: number
  /** one per distinct pair of VAT and PLT rates, sorted by VAT rate then PLT rate */
  vatGroups: VatGroup[]
  /** total in riel at the sale's rate, rounded half up to 1 riel */
  totalKhr: number
  /** vatTotal in riel, same rule */
  vatKhr: number
  /** pltTotal in riel, same rule */
  pltKhr: number
}

const BASIS_POINTS = 10_000

interface Line {
  gross: number
  lineDiscount: number
  vatRate: number
  pltRate: number
}

function readDiscount(value: unknown, what: string, field: string): Discount | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new MoneyError('discount_invalid', `${what} must be an object or null (got ${shown(value)}).`, field)
  }
  const discount = value as Record<string, unknown>
  if (discount.kind === 'percent') {
    const basisPoints = checkInteger(
      discount.basisPoints,
      0,
      BASIS_POINTS,
      'discount_invalid',
      `${what} (basis points)`,
      field,
    )
    return { kind: 'percent', basisPoints }
  }
  if (discount.kind === 'amount') {
    return { kind: 'amount', amount: checkInteger(discount.amount, 0, MAX_AMOUNT, 'discount_invalid', what, field) }
  }
  throw new MoneyError(
    'discount_invalid',
    `${what} kind must be "percent" or "amount" (got ${shown(discount.kind)}).`,
    field,
  )
}

function discountOn(discount: Discount | null, base: number, what: string, field: string): number {
  if (discount === null) return 0
  if (discount.kind === 'percent') return multiplyDivideRoundHalfUp(base, discount.basisPoints, BASIS_POINTS)
  if (discount.amount > base) {
    throw new MoneyError(
      'discount_too_large',
      `${what} of ${discount.amount} is larger than the ${base} it applies to (minor units).`,
      field,
    )
  }
  return discount.amount
}

function readLine(value: unknown, index: number): Line {
  const name = `Line ${index + 1}`
  const line = checkRecord(value, name, 'lines')
  const quantity = checkInteger(line.quantity, 1, MAX_LINE_QUANTITY, 'quantity_invalid', `${name} quantity`, 'quantity')
  const unitPrice = checkAmount(line.unitPrice, `${name} unit price`, 'unitPrice', 0)
  const vatRate = checkInteger(
    line.vatRateBasisPoints,
    0,
    BASIS_POINTS,
    'vat_rate_invalid',
    `${name} VAT rate (basis points)`,
    'vatRateBasisPoints',
  )
  const pltRate =
    line.pltRateBasisPoints === undefined
      ? 0
      : checkInteger(
          line.pltRateBasisPoints,
          0,
          BASIS_POINTS,
          'vat_rate_invalid',
          `${name} public lighting tax rate (basis points)`,
          'pltRateBasisPoints',
        )
  const discount = readDiscount(line.discount, `${name} discount`, 'discount')
  const soldBy = line.soldBy === undefined ? 'count' : checkSoldBy(line.soldBy)
  // Exact when ≤ MAX_AMOUNT; any larger product is refused below.
  const gross =
    soldBy === 'weight' ? multiplyDivideRoundHalfUp(quantity, unitPrice, GRAMS_PER_KILOGRAM) : quantity * unitPrice
  if (gross > MAX_AMOUNT) {
    throw new MoneyError(
      'amount_invalid',
      `${name}: ${quantity}${soldBy === 'weight' ? ' g' : ''} × ${unitPrice} is more than the largest amount, ${MAX_AMOUNT}.`,
      'unitPrice',
    )
  }
  return { gross, lineDiscount: discountOn(discount, gross, `${name} discount`, 'discount'), vatRate, pltRate }
}

export function computeSaleTotals(input: SaleTotalsInput): SaleTotals {
  const sale = checkRecord(input, 'Sale')
  const currency = checkCurrency(sale.currency)
  const khrPerUsd = checkRate(sale.khrPerUsd)
  const taxInclusive = sale.taxInclusive
  if (typeof taxInclusive !== 'boolean') {
    throw new MoneyError(
      'input_invalid',
      `taxInclusive must be true or false (got ${shown(taxInclusive)}).`,
      'taxInclusive',
    )
  }
  const lines = checkArray(sale.lines, 'Sale lines', 'lines').map(readLine)

  let grossTotal = 0
  for (const line of lines) grossTotal += line.gross
  if (grossTotal > MAX_AMOUNT) {
    throw new MoneyError(
      'amount_invalid',
      `Sale gross total ${grossTotal} is more than the largest amount, ${MAX_AMOUNT}.`,
    )
  }

  const nets = lines.map((line) => line.gross - line.lineDiscount)
  const netTotal = nets.reduce((sum, net) => sum + net, 0)
  const saleDiscount = discountOn(
    readDiscount(sale.saleDiscount, 'Sale discount', 'saleDiscount'),
    netTotal,
    'Sale discount',
    'saleDiscount',
  )
  const shares = allocateProportionally(saleDiscount, nets)

  const result: LineTotals[] = lines.map((line, i) => {
    const saleDiscountShare = shares[i] ?? 0
    const amount = (nets[i] ?? 0) - saleDiscountShare
    return { gross: line.gross, lineDiscount: line.lineDiscount, saleDiscountShare, amount, vat: 0, plt: 0 }
  })

  // Groups keyed by VAT rate × (BASIS_POINTS + 1) + PLT rate, so they sort by VAT rate then PLT rate.
  const groups = new Map<number, number[]>()
  lines.forEach((line, i) => {
    const key = line.vatRate * (BASIS_POINTS + 1) + line.pltRate
    const members = groups.get(key)
    if (members) members.push(i)
    else groups.set(key, [i])
  })
  const vatGroups: VatGroup[] = []
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const rate = Math.floor(key / (BASIS_POINTS + 1))
    const pltRate = key % (BASIS_POINTS + 1)
    const members = groups.get(key) ?? []
    const amounts = members.map((i) => result[i]?.amount ?? 0)
    const base = amounts.reduce((sum, amount) => sum + amount, 0)
    let vat: number
    let plt: number
    if (taxInclusive) {
      vat = multiplyDivideRoundHalfUp(base, rate, BASIS_POINTS + rate)
      plt = multiplyDivideRoundHalfUp(base - vat, pltRate, BASIS_POINTS + pltRate)
    } else {
      plt = multiplyDivideRoundHalfUp(base, pltRate, BASIS_POINTS)
      vat = multiplyDivideRoundHalfUp(base + plt, rate, BASIS_POINTS)
    }
    const vatShares = allocateProportionally(vat, amounts)
    const pltShares = allocateProportionally(plt, amounts)
    members.forEach((index, k) => {
      const line = result[index]
      if (!line) return
      line.vat = vatShares[k] ?? 0
      line.plt = pltShares[k] ?? 0
    })
    vatGroups.push({ rateBasisPoints: rate, pltRateBasisPoints: pltRate, base, vat, plt })
  }

  const subtotal = result.reduce((sum, line) => sum + line.amount, 0)
  const vatTotal = vatGroups.reduce((sum, group) => sum + group.vat, 0)
  const pltTotal = vatGroups.reduce((sum, group) => sum + group.plt, 0)
  const discountTotal = result.reduce((sum, line) => sum + line.lineDiscount + line.saleDiscountShare, 0)
  const total = taxInclusive ? subtotal : subtotal + pltTotal + vatTotal
  if (total > MAX_AMOUNT) {
    throw new MoneyError('amount_invalid', `Sale total ${total} is more than the largest amount, ${MAX_AMOUNT}.`)
  }
  return {
    lines: result,
    grossTotal,
    discountTotal,
    subtotal,
    vatTotal,
    pltTotal,
    total,
    vatGroups,
    totalKhr: convert(total, currency, 'KHR', khrPerUsd),
    vatKhr: convert(vatTotal, currency, 'KHR', khrPerUsd),
    pltKhr: convert(pltTotal, currency, 'KHR', khrPerUsd),
  }
}

/**
 * For refunds: the share of a line's amount (or VAT) for the first `units` of its `quantity` units,
 * round(total × units / quantity). Refunding in parts a, b, … takes shareOfUnits(t, q, a), then
 * shareOfUnits(t, q, a + b) − shareOfUnits(t, q, a), and so on: the parts telescope, so they sum
 * exactly to t once all q units are back, and none is negative because the share is monotone in units.
 */
export function shareOfUnits(total: number, quantity: number, units: number): number {
  const amount = checkAmount(total, 'Total', 'total')
  const q = checkInteger(quantity, 1, MAX_LINE_QUANTITY, 'quantity_invalid', 'Quantity', 'quantity')
  const u = checkInteger(units, 0, q, 'quantity_invalid', 'Units', 'units')
  return multiplyDivideRoundHalfUp(amount, u, q)
}

/**
 * Splits `total` into integer shares proportional to `weights` by the largest-remainder (Hamilton)
 * method: each share starts at floor(total × w / Σw), and the units left over go one each to the
 * largest remainders, the earlier index first on a tie. The shares sum exactly to `total` and each is
 * within 1 of its exact proportion.
 * When every weight is 0, all weights count as equal: each share is floor(total / n) and the first
 * (total mod n) indices get one more. A negative total is split like its magnitude, then negated.
 * With no weights at all, only 0 can be split.
 */
export function allocateProportionally(total: number, weights: readonly number[]): number[] {
  const amount = checkAmount(total, 'Total to allocate', 'total')
  const checked = checkArray(weights, 'Weights', 'weights').map((weight, i) =>
    checkAmount(weight, `Weight ${i + 1}`, 'weights', 0),
  )
  if (amount < 0) return split(-amount, checked).map((share) => 0 - share)
  return split(amount, checked)
}

function split(total: number, weights: readonly number[]): number[] {
  const n = weights.length
  if (n === 0) {
    if (total === 0) return []
    throw new MoneyError('amount_invalid', `Cannot allocate ${total} over no weights.`, 'weights')
  }
  const sum = weights.reduce((acc, weight) => acc + weight, 0)
  if (!Number.isSafeInteger(sum)) {
    throw new MoneyError('amount_invalid', `The weights add up to more than ${Number.MAX_SAFE_INTEGER}.`, 'weights')
  }
  const equal = sum === 0
  const shares: number[] = []
  const remainders: number[] = []
  let left = total
  for (const weight of weights) {
    const { quotient, remainder } = equal ? multiplyDivideFloor(total, 1, n) : multiplyDivideFloor(total, weight, sum)
    shares.push(quotient)
    remainders.push(remainder)
    left -= quotient
  }
  // The remainders add up to left × sum and each is below sum, so more than `left` of them are
  // positive: a zero weight never gains a unit.
  const order = shares.map((_, i) => i).sort((a, b) => (remainders[b] ?? 0) - (remainders[a] ?? 0) || a - b)
  for (let k = 0; k < left; k++) {
    const i = order[k] ?? 0
    shares[i] = (shares[i] ?? 0) + 1
  }
  return shares
}
