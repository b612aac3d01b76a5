import { buyerInput } from '../../../shared/checks.ts'
import type { CoreApi } from '../core-api.ts'
import type { ApiContext } from './context.ts'

type SalesApi = Pick<
  CoreApi,
  | 'getCurrentSale'
  | 'addProduct'
  | 'scanBarcode'
  | 'setLineQuantity'
  | 'removeLine'
  | 'setLineDiscount'
  | 'setSaleDiscount'
  | 'overrideLinePrice'
  | 'setSaleCurrency'
  | 'setSaleBuyer'
  | 'holdSale'
  | 'listHeldSales'
  | 'recallSale'
  | 'cancelSale'
  | 'payCash'
  | 'completeWithoutPayment'
  | 'startKhqr'
  | 'cancelKhqr'
  | 'confirmKhqrByHand'
  | 'getSale'
  | 'listSales'
  | 'voidSale'
  | 'quoteRefund'
  | 'refundSale'
>

/**
 * The sale at the counter, from the first scan to PAID, and the sales after: voids and refunds.
 * Every change to the sale at the counter goes through `screens.saleChange`, so both windows follow it.
 */
export function salesApi(ctx: ApiContext): SalesApi {
  const { sales } = ctx.ledger
  const { authority, screens } = ctx
  const change = <T>(result: T): T => screens.saleChange(result)
  return {
    getCurrentSale: async () => {
      ctx.user()
      return sales.current()
    },
    addProduct: async (productId, quantity) => change(sales.addProduct(productId, quantity, ctx.user().id)),
    scanBarcode: async (barcode) => change(sales.addBarcode(barcode, 1, ctx.user().id)),
    setLineQuantity: async (lineId, quantity) => change(sales.setQuantity(lineId, quantity, ctx.user().id)),
    removeLine: async (lineId) => change(sales.removeLine(lineId, ctx.user().id)),
    setLineDiscount: async (lineId, discount, approval) =>
      change(
        authority.discount('setLineDiscount', [lineId, discount], approval, (userId) =>
          sales.setLineDiscount(lineId, discount, userId),
        ),
      ),
    setSaleDiscount: async (discount, approval) =>
      change(
        authority.discount('setSaleDiscount', [discount], approval, (userId) =>
          sales.setSaleDiscount(discount, userId),
        ),
      ),
    overrideLinePrice: async (lineId, unitPrice, approval) =>
      change(sales.overridePrice(lineId, unitPrice, ctx.approve(approval, 'overrideLinePrice', lineId, unitPrice))),
    setSaleCurrency: async (currency) => change(sales.setCurrency(currency, ctx.user().id)),
    setSaleBuyer: async (buyer) => change(sales.setBuyer(buyerInput(buyer), ctx.user().id)),
    holdSale: async () => change(sales.hold(ctx.user().id)),
    listHeldSales: async () => {
      ctx.user()
      return sales.held()
    },
    recallSale: async (saleId) => change(sales.recall(saleId, ctx.user().id)),
    cancelSale: async (approval) => {
      const actor = approval ? ctx.approve(approval, 'cancelSale') : { userId: ctx.user().id }
      change(sales.cancel(actor))
    },
    payCash: async (currency, amount) => {
      authority.assertPayable()
      return change(sales.payCash(currency, amount, ctx.user().id))
    },
    completeWithoutPayment: async (approval) => {
      authority.assertPayable()
      return change(authority.completeWithoutPayment(approval))
    },
    startKhqr: async (currency) => {
      authority.assertPayable()
      const sale = change(sales.startKhqr(currency, ctx.user().id))
      ctx.online.payments.watch(sale.id)
      return sale
    },
    cancelKhqr: async () => change(sales.cancelKhqr(ctx.user().id)),
    confirmKhqrByHand: async (approval) => change(sales.confirmKhqrByHand(ctx.approve(approval, 'confirmKhqrByHand'))),
    getSale: async (saleId) => {
      ctx.user()
      return sales.get(saleId)
    },
    listSales: async (range) => {
      ctx.user()
      return sales.list(range, 500)
    },
    voidSale: async (saleId, approval) => {
      const actor = ctx.approve(approval, 'voidSale', saleId)
      const voided = sales.void(saleId, actor)
      ctx.printing.printVoidSlip(saleId, actor.userId)
      return voided
    },
    quoteRefund: async (refund) => {
      ctx.user()
      return sales.quoteRefund(refund)
    },
    refundSale: async (refund, approval) => sales.refund(refund, ctx.approve(approval, 'refundSale', refund)),
  }
}
