import { describe, expect, it } from 'vitest'
import { describeApproval } from '../../../renderer/src/i18n/approval-messages.ts'
import { AUTHORITY_MESSAGES } from '../../../renderer/src/i18n/authority-messages.ts'
import type { ApprovalRequest } from '../../../shared/api.ts'

/** The manager reads what they approve: the action and its figures, in Khmer and in English. */
describe('what the approval dialog says is approved', () => {
  it('a new exchange rate, beside the rate now, written as the rate is written everywhere', () => {
    const request: ApprovalRequest = { method: 'setExchangeRate', args: [4080, 'nbc'] }
    expect(describeApproval(request, 'en')).toBe('New exchange rate: $1 = ៛4,080')
    expect(describeApproval(request, 'km')).toBe('អត្រាប្ដូរប្រាក់ថ្មី៖ $1 = ៛4,080')
    expect(AUTHORITY_MESSAGES.en.rateWas(4100)).toBe('The rate now: $1 = ៛4,100')
    expect(AUTHORITY_MESSAGES.km.rateWas(4100)).toBe('អត្រាបច្ចុប្បន្ន៖ $1 = ៛4,100')
  })

  it('a cash out names its amount, its currency and its reason', () => {
    const request: ApprovalRequest = {
      method: 'moveCash',
      args: [{ direction: 'out', currency: 'KHR', amount: 80_000, reason: 'ice delivery' }],
    }
    expect(describeApproval(request, 'en')).toBe('Take ៛80,000 out of the drawer: ice delivery')
    expect(describeApproval(request, 'km')).toContain('៛80,000')
    expect(describeApproval(request, 'km')).toContain('ice delivery')
  })

  it('a discount says on what and how much, in the sale’s currency', () => {
    const percent: ApprovalRequest = { method: 'setSaleDiscount', args: [{ kind: 'percent', basisPoints: 1500 }] }
    expect(describeApproval(percent, 'en')).toMatch(/^Discount on the whole sale: 15\s?%$/)
    const amount: ApprovalRequest = { method: 'setLineDiscount', args: ['line-1', { kind: 'amount', amount: 8000 }] }
    expect(describeApproval(amount, 'en', 'KHR')).toContain('៛8,000')
  })

  it('a settings change names each setting changed', () => {
    const request: ApprovalRequest = {
      method: 'updateSettings',
      args: [{ cashierLimits: { discountBasisPoints: 1000, cashOutUsd: 2000, cashOutKhr: 80_000 } }],
    }
    expect(describeApproval(request, 'en')).toContain('cashier limits')
  })
})
