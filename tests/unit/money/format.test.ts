import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatMoney,
  formatRate,
  MAX_AMOUNT,
  MoneyError,
  parseMoneyInput,
  parsePercentInput,
} from '../../../shared/money/index.ts'
import { codeOf, currency } from './helpers.ts'

const KHMER_DIGITS = '០១២៣៤៥៦៧៨៩'
const toKhmer = (text: string) => text.replace(/[0-9]/g, (d) => KHMER_DIGITS[Number(d)] ?? d)

describe('formatMoney', () => {
  it('English: dollars with cents, riel whole, commas, leading minus', () => {
    expect(formatMoney(123_456, 'USD', 'en')).toBe('$1,234.56')
    expect(formatMoney(-150, 'USD', 'en')).toBe('-$1.50')
    expect(formatMoney(5, 'USD', 'en')).toBe('$0.05')
    expect(formatMoney(0, 'USD', 'en')).toBe('$0.00')
    expect(formatMoney(100_000_000, 'USD', 'en')).toBe('$1,000,000.00')
    expect(formatMoney(12_300, 'KHR', 'en')).toBe('៛12,300')
    expect(formatMoney(-500, 'KHR', 'en')).toBe('-៛500')
    expect(formatMoney(0, 'KHR', 'en')).toBe('៛0')
    expect(formatMoney(MAX_AMOUNT, 'KHR', 'en')).toBe('៛100,000,000,000,000')
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD', 'en')).toBe('$90,071,992,547,409.91')
  })

  it('Khmer screens write figures as the papers, tags and customer display do: in Latin digits', () => {
    expect(formatMoney(123_456, 'USD', 'km')).toBe('$1,234.56')
    expect(formatMoney(12_300, 'KHR', 'km')).toBe('៛12,300')
    expect(formatMoney(-150, 'USD', 'km')).toBe('-$1.50')
  })

  it('the same figure in either language, for any amount; a Khmer-digit figure typed back reads the same', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), currency, (amount, c) => {
        expect(formatMoney(amount, c, 'km')).toBe(formatMoney(amount, c, 'en'))
        expect(parseMoneyInput(toKhmer(formatMoney(amount, c, 'en')), c)).toBe(amount)
      }),
      { numRuns: 1000 },
    )
  })

  it('refuses what is not a whole number of minor units', () => {
    expect(codeOf(() => formatMoney(1.5, 'USD', 'en'))).toBe('amount_invalid')
    expect(codeOf(() => formatMoney(2 ** 53, 'USD', 'en'))).toBe('amount_invalid')
    expect(codeOf(() => formatMoney(1, 'EUR' as never, 'en'))).toBe('currency_invalid')
    expect(codeOf(() => formatMoney(1, 'USD', 'fr' as never))).toBe('input_invalid')
  })
})

describe('formatRate', () => {
  it('shows one dollar in riel', () => {
    expect(formatRate(4100, 'en')).toBe('$1 = ៛4,100')
    expect(formatRate(4100, 'km')).toBe('$1 = ៛4,100')
    expect(formatRate(1_000_000, 'en')).toBe('$1 = ៛1,000,000')
    expect(codeOf(() => formatRate(0, 'en'))).toBe('rate_invalid')
  })
})

describe('parseMoneyInput', () => {
  it('reads what a cashier types', () => {
    expect(parseMoneyInput('12', 'USD')).toBe(1200)
    expect(parseMoneyInput('12.5', 'USD')).toBe(1250)
    expect(parseMoneyInput('12.50', 'USD')).toBe(1250)
    expect(parseMoneyInput('0.05', 'USD')).toBe(5)
    expect(parseMoneyInput('1,234.56', 'USD')).toBe(123_456)
    expect(parseMoneyInput('$1,234.56', 'USD')).toBe(123_456)
    expect(parseMoneyInput(' 5000 ', 'KHR')).toBe(5000)
    expect(parseMoneyInput('៛12,300', 'KHR')).toBe(12_300)
    expect(parseMoneyInput('៥០០០', 'KHR')).toBe(5000)
    expect(parseMoneyInput('$១,២៣៤.៥៦', 'USD')).toBe(123_456)
    expect(parseMoneyInput('0', 'KHR')).toBe(0)
    expect(parseMoneyInput('007', 'KHR')).toBe(7)
    expect(parseMoneyInput('100,000,000,000,000', 'KHR')).toBe(MAX_AMOUNT)
    expect(parseMoneyInput('1,000,000,000,000.00', 'USD')).toBe(MAX_AMOUNT)
  })

  it('refuses anything else with amount_invalid, quoting the input', () => {
    const bad: [string, 'USD' | 'KHR', string][] = [
      ['', 'USD', 'empty'],
      ['   ', 'KHR', 'empty'],
      ['$', 'USD', 'empty'],
      ['-5', 'USD', 'negative'],
      ['$-5', 'USD', 'negative'],
      ['+5', 'USD', 'not a number'],
      ['1e3', 'USD', 'exponent'],
      ['12.345', 'USD', 'more than 2 decimals'],
      ['12.', 'USD', 'not a number'],
      ['.5', 'USD', 'not a number'],
      ['12.5', 'KHR', 'riel has no decimals'],
      ['1,23', 'USD', 'commas'],
      ['12,34,567', 'KHR', 'commas'],
      ['1,,234', 'KHR', 'commas'],
      [',123', 'KHR', 'commas'],
      ['0,123', 'KHR', 'commas'],
      ['1,234,', 'KHR', 'commas'],
      ['12 000', 'KHR', 'not a number'],
      ['$5', 'KHR', 'dollar sign'],
      ['៛5', 'USD', 'riel sign'],
      ['5$', 'USD', 'not a number'],
      ['١٢', 'KHR', 'not a number'],
      ['100,000,000,000,001', 'KHR', 'largest amount'],
      ['1,000,000,000,000.01', 'USD', 'largest amount'],
      ['99999999999999999999999', 'KHR', 'largest amount'],
      ['Infinity', 'USD', 'not a number'],
      ['0x10', 'KHR', 'not a number'],
    ]
    for (const [text, c, why] of bad) {
      let error: unknown
      try {
        parseMoneyInput(text, c)
      } catch (caught) {
        error = caught
      }
      expect(error, text).toBeInstanceOf(MoneyError)
      expect((error as MoneyError).code).toBe('amount_invalid')
      expect((error as MoneyError).message).toContain(JSON.stringify(text))
      expect((error as MoneyError).message).toContain(why)
    }
    expect(codeOf(() => parseMoneyInput(12 as never, 'USD'))).toBe('amount_invalid')
    expect(codeOf(() => parseMoneyInput('12', 'EUR' as never))).toBe('currency_invalid')
  })

  it('reads back whatever formatMoney shows, in either language', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: MAX_AMOUNT }),
        currency,
        fc.constantFrom('en' as const, 'km' as const),
        (amount, c, lang) => {
          return parseMoneyInput(formatMoney(amount, c, lang), c) === amount
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('reads plain digits, with or without commas and padding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 - 1 }),
        fc.integer({ min: 0, max: 99 }),
        fc.boolean(),
        (whole, cents, pad) => {
          const text = `${pad ? ' ' : ''}${whole}.${String(cents).padStart(2, '0')}${pad ? '\t' : ''}`
          return parseMoneyInput(text, 'USD') === whole * 100 + cents
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('never throws anything but MoneyError, whatever is typed', () => {
    const typed = fc.string({ unit: fc.constantFrom(...'0123456789០១២៣៤៥៦៧៨៩.,$៛ -+eE'), maxLength: 24 })
    fc.assert(
      fc.property(fc.oneof(typed, fc.string()), currency, (text, c) => {
        try {
          const value = parseMoneyInput(text, c)
          return Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT
        } catch (error) {
          return error instanceof MoneyError && error.code === 'amount_invalid'
        }
      }),
      { numRuns: 2000 },
    )
  })
})

describe('parsePercentInput', () => {
  it('reads percentages to basis points, Khmer digits and a % sign included', () => {
    expect(parsePercentInput('10')).toBe(1000)
    expect(parsePercentInput(' 7.5 ')).toBe(750)
    expect(parsePercentInput('0.01')).toBe(1)
    expect(parsePercentInput('100')).toBe(10_000)
    expect(parsePercentInput('១០%')).toBe(1000)
    expect(parsePercentInput('0')).toBe(0)
  })

  it('refuses what is not a percentage from 0 to 100 with at most two decimals', () => {
    for (const typed of ['', '100.01', '101', '-5', '1e2', '7.555', '.5', '5.', 'ten', '1,5', '0x10'])
      expect(parsePercentInput(typed), typed).toBeNull()
  })
})
