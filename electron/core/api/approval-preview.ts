import type { ApprovalRequest } from '../../../shared/api.ts'
import {
  type ApprovalPreview,
  money,
  type PreviewChange,
  type PreviewValue,
  text,
} from '../../../shared/approval-preview.ts'
import type { Currency, Discount } from '../../../shared/money/index.ts'
import type { ProductInput, ProductView, SaleView, Settings } from '../../../shared/views.ts'
import type { Ledger } from '../ledger/index.ts'

const named = (km: string, en: string = km) => ({ km, en })

function discountValue(discount: Discount | null, currency: Currency): PreviewValue | null {
  if (!discount) return null
  return discount.kind === 'percent'
    ? { kind: 'percent', basisPoints: discount.basisPoints }
    : money(discount.amount, currency)
}

/** A plain value of a setting, or null for one that has no short form (the printer's settings, say). */
function settingValue(value: unknown): PreviewValue | null {
  if (typeof value === 'string') return text(value)
  if (typeof value === 'number') return { kind: 'count', count: value }
  if (typeof value === 'boolean') return { kind: 'flag', value }
  if (Array.isArray(value) && value.every((each) => typeof each === 'string')) return text(value.join(', '))
  return null
}

/** Each setting that changes, with its sub-fields spelled out where the manager needs them (the KHQR account, the limits). */
function settingChanges(patch: Partial<Settings>, current: Settings): PreviewChange[] {
  const changes: PreviewChange[] = []
  for (const [key, after] of Object.entries(patch) as [keyof Settings, unknown][]) {
    const before = current[key]
    if (JSON.stringify(before) === JSON.stringify(after)) continue
    if (typeof after === 'object' && after !== null && typeof before === 'object' && before !== null) {
      for (const [part, value] of Object.entries(after)) {
        const old = (before as Record<string, unknown>)[part]
        if (JSON.stringify(old) === JSON.stringify(value)) continue
        changes.push({ field: `${key}.${part}`, before: settingValue(old), after: settingValue(value) })
      }
      continue
    }
    changes.push({ field: key, before: settingValue(before), after: settingValue(after) })
  }
  return changes
}

/** A product's fields that change (all of them, with no before, for a new product). */
function productChanges(ledger: Ledger, input: ProductInput, before: ProductView | null): PreviewChange[] {
  const category = (id: string | null) =>
    id === null ? null : text(ledger.catalog.categories().find((each) => each.id === id)?.nameEn ?? id)
  const vat = (id: string) => text(ledger.catalog.vatClasses().find((each) => each.id === id)?.nameEn ?? id)
  const fields: [string, PreviewValue | null, PreviewValue | null][] = [
    ['nameKm', before && text(before.nameKm), text(input.nameKm)],
    ['nameEn', before && text(before.nameEn), text(input.nameEn)],
    ['sku', before && text(before.sku), text(input.sku)],
    ['price', before && money(before.price, before.currency), money(input.price, input.currency)],
    ['soldBy', before && text(before.soldBy), text(input.soldBy ?? 'count')],
    ['vatClass', before && vat(before.vatClass), vat(input.vatClass)],
    ['category', before && category(before.categoryId), category(input.categoryId)],
    ['active', before && { kind: 'flag', value: before.active }, { kind: 'flag', value: input.active }],
    ['barcodes', before && text(before.barcodes.join(', ')), text(input.barcodes.join(', '))],
    ['scaleCode', before && text(before.scaleCode ?? ''), text(input.scaleCode ?? '')],
  ]
  return fields
    .filter(([, old, value]) => JSON.stringify(old) !== JSON.stringify(value))
    .map(([field, old, value]) => ({ field, before: old, after: value }))
}

function saleName(sale: SaleView) {
  return sale.receiptNo ? named(sale.receiptNo) : null
}

function lineName(sale: SaleView | null, lineId: string) {
  const line = sale?.lines.find((each) => each.id === lineId)
  return line ? { line, subject: named(line.nameKm || line.nameEn, line.nameEn) } : null
}

/**
 * The before and after of an approval request, read from the ledger. It changes nothing and
 * answers even for a request the engine would refuse (the call itself says why).
 */
export function previewApproval(ledger: Ledger, request: ApprovalRequest): ApprovalPreview {
  const none: ApprovalPreview = { subject: null, changes: [] }
  const current = () => ledger.sales.current()
  const person = (userId: string) => {
    try {
      const user = ledger.users.get(userId)
      return named(user.name)
    } catch {
      return null
    }
  }
  switch (request.method) {
    case 'updateSettings':
      return { subject: null, changes: settingChanges(request.args[0], ledger.settings.get()) }
    case 'setExchangeRate':
      return {
        subject: null,
        changes: [
          {
            field: 'rate',
            before: { kind: 'rate', khrPerUsd: ledger.settings.currentRate().khrPerUsd },
            after: { kind: 'rate', khrPerUsd: request.args[0] },
          },
        ],
      }
    case 'saveVatClass': {
      const vat = request.args[0]
      const before = ledger.catalog.vatClasses().find((each) => each.id === vat.id)
      return {
        subject: named(vat.nameKm, vat.nameEn),
        changes: [
          {
            field: 'vatRate',
            before: before ? { kind: 'percent', basisPoints: before.rateBasisPoints } : null,
            after: { kind: 'percent', basisPoints: vat.rateBasisPoints },
          },
        ],
      }
    }
    case 'saveProduct': {
      const [input, productId] = request.args
      let before: ProductView | null = null
      try {
        before = productId ? ledger.catalog.product(productId) : null
      } catch {
        before = null
      }
      return { subject: named(input.nameKm, input.nameEn), changes: productChanges(ledger, input, before) }
    }
    case 'saveCategory': {
      const [input, categoryId] = request.args
      const before = ledger.catalog.categories().find((each) => each.id === categoryId)
      const changes: PreviewChange[] = [
        { field: 'nameKm', before: before ? text(before.nameKm) : null, after: text(input.nameKm) },
        { field: 'nameEn', before: before ? text(before.nameEn) : null, after: text(input.nameEn) },
      ].filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after))
      return { subject: named(input.nameKm, input.nameEn), changes }
    }
    case 'setSaleDiscount': {
      const sale = current()
      if (!sale) return none
      return {
        subject: null,
        changes: [
          {
            field: 'discount',
            before: discountValue(sale.discount, sale.currency),
            after: discountValue(request.args[0], sale.currency),
          },
          { field: 'total', before: money(sale.totals.total, sale.currency), after: null },
        ],
      }
    }
    case 'setLineDiscount': {
      const sale = current()
      const found = lineName(sale, request.args[0])
      if (!sale || !found) return none
      return {
        subject: found.subject,
        changes: [
          {
            field: 'discount',
            before: discountValue(found.line.discount, sale.currency),
            after: discountValue(request.args[1], sale.currency),
          },
        ],
      }
    }
    case 'overrideLinePrice': {
      const sale = current()
      const found = lineName(sale, request.args[0])
      if (!sale || !found) return none
      return {
        subject: found.subject,
        changes: [
          {
            field: 'price',
            before: money(found.line.unitPrice, sale.currency),
            after: money(request.args[1], sale.currency),
          },
        ],
      }
    }
    case 'cancelSale':
    case 'completeWithoutPayment': {
      const sale = current()
      return sale
        ? { subject: null, changes: [{ field: 'total', before: money(sale.totals.total, sale.currency), after: null }] }
        : none
    }
    case 'confirmKhqrByHand': {
      const khqr = current()?.khqr
      return khqr
        ? { subject: null, changes: [{ field: 'amount', before: null, after: money(khqr.amount, khqr.currency) }] }
        : none
    }
    case 'voidSale': {
      const sale = ledger.sales.get(request.args[0])
      return {
        subject: saleName(sale),
        changes: [{ field: 'total', before: money(sale.totals.total, sale.currency), after: null }],
      }
    }
    case 'refundSale': {
      const refund = request.args[0]
      const sale = ledger.sales.get(refund.saleId)
      const changes: PreviewChange[] = refund.lines.map((part) => {
        const line = sale.lines.find((each) => each.id === part.lineId)
        return {
          field: 'item',
          name: named(line?.nameKm || line?.nameEn || part.lineId, line?.nameEn ?? part.lineId),
          before: null,
          after: { kind: 'count', count: part.quantity },
        }
      })
      for (const tender of refund.tenders)
        changes.push({
          field: 'givenBack',
          before: null,
          after: money(tender.amount, tender.kind.endsWith('usd') ? 'USD' : 'KHR'),
        })
      return { subject: saleName(sale), changes }
    }
    case 'moveCash': {
      const move = request.args[0]
      return {
        subject: named(move.reason),
        changes: [
          {
            field: move.direction === 'in' ? 'cashIn' : 'cashOut',
            before: null,
            after: money(move.amount, move.currency),
          },
        ],
      }
    }
    case 'createUser':
      return {
        subject: named(request.args[0].name),
        changes: [{ field: 'role', before: null, after: text(request.args[0].role) }],
      }
    case 'deactivateUser':
    case 'unlockUser':
    case 'changePin':
      return { subject: person(request.args[0]), changes: [] }
    case 'restoreBackup':
      return { subject: named(request.args[0]), changes: [] }
    default:
      return none
  }
}
