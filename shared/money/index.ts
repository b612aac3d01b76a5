export { CURRENCIES, type Currency, isCurrency, MAX_AMOUNT } from './currency.ts'
export { MoneyError, type MoneyErrorCode } from './errors.ts'
export { checkRate, convert, khrToUsd, SEN_PER_RIEL, toSen, usdToKhr } from './exchange.ts'
export { formatMoney, formatRate, type Language, latinDigits, parseMoneyInput, parsePercentInput } from './format.ts'
export { type OwnCurrencyAmount, ownCurrencyAmount } from './own-currency.ts'
export { divideCeil, divideRoundHalfUp, multiplyDivideRoundHalfUp } from './rounding.ts'
export {
  type ChangePreference,
  isCashTender,
  type Settlement,
  type SettlementInput,
  type SmallestNote,
  settle,
  TENDER_KINDS,
  type Tender,
  type TenderKind,
  tenderCurrency,
} from './settlement.ts'
export {
  allocateProportionally,
  computeSaleTotals,
  type Discount,
  type LineInput,
  type LineTotals,
  type SaleTotals,
  type SaleTotalsInput,
  shareOfUnits,
  type VatGroup,
} from './totals.ts'
export {
  checkSoldBy,
  formatWeight,
  GRAMS_PER_KILOGRAM,
  lineGross,
  MAX_LINE_QUANTITY,
  parseWeightInput,
  quantityText,
  SOLD_BY,
  type SoldBy,
} from './weight.ts'
