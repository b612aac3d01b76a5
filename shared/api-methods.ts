/**
 * Who may call each PosApi method and the check of its arguments (one IPC channel per method), and
 * the calls that take a manager's approval. Main refuses a call whose caller or arguments do not hold.
 */

import type { PosApi, PosMethod, WindowRole } from './api.ts'
import * as is from './checks.ts'
import type { Tender } from './money/index.ts'
import {
  argumentsOf,
  boolean,
  type Check,
  integer,
  listOf,
  noArguments,
  nullable,
  object,
  oneOf,
  optional,
  text,
} from './schema.ts'
import { printerSettings, settingsPatch } from './settings-patch.ts'
import type { Approval } from './views.ts'

export interface MethodSpec<M extends PosMethod> {
  /** Which windows may call it. The customer display never gets a method that changes anything. */
  callers: readonly WindowRole[]
  /** Validates the arguments as they arrive over IPC. */
  args: Check<Parameters<PosApi[M]>>
}

const cashier = ['cashier'] as const
const onlyCashier = <M extends PosMethod>(args: MethodSpec<M>['args']): MethodSpec<M> => ({ callers: cashier, args })

const tender: Check<Tender> = object({
  kind: oneOf(['cash_usd', 'cash_khr', 'khqr_usd', 'khqr_khr'] as const),
  amount: is.positiveAmount,
})
const range = object({ from: is.timestamp, to: is.timestamp })
const backupPath = text({ min: 1, max: 4096, what: 'backup path' })
const shopDay = text({ min: 10, max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/, what: 'a day (YYYY-MM-DD)' })
/** The calls that take a manager's approval, always as their last argument. */
export const APPROVAL_METHODS = [
  'createUser',
  'unlockUser',
  'changePin',
  'deactivateUser',
  'endDemo',
  'createRecoveryCode',
  'updateSettings',
  'setExchangeRate',
  'saveVatClass',
  'saveProduct',
  'saveCategory',
  'moveCategory',
  'importProductsCsv',
  'moveCash',
  'setLineDiscount',
  'setSaleDiscount',
  'overrideLinePrice',
  'cancelSale',
  'completeWithoutPayment',
  'confirmKhqrByHand',
  'voidSale',
  'refundSale',
  'discardPrintJob',
  'openDrawer',
  'enrollTerminal',
  'unenrollTerminal',
  'exportPendingEvents',
  'setBakongToken',
  'resolveKhqrIssue',
  'createBackup',
  'restoreBackup',
] as const satisfies readonly PosMethod[]
export type ApprovalMethod = (typeof APPROVAL_METHODS)[number]

type WithoutApproval<A> = A extends [...infer Before, Approval | null] ? Before : never
/** The arguments of an approval method but its approval. */
export type ApprovalArgs<M extends ApprovalMethod> = WithoutApproval<Parameters<PosApi[M]>>
/** One call to approve: the method and every argument but the approval. */
export type ApprovalRequest = {
  [M in ApprovalMethod]: { method: M; args: ApprovalArgs<M> }
}[ApprovalMethod]

/** Checks a request with the method's own argument checks, so it is normalised exactly as the call will be. */
const approvalRequest: Check<ApprovalRequest> = (value) => {
  const request = object({ method: oneOf(APPROVAL_METHODS), args: listOf((arg: unknown) => arg, 8) })(value)
  const placeholder: Approval = { grantId: '0'.repeat(32) }
  const checked = (METHODS[request.method].args as Check<unknown[]>)([...request.args, placeholder])
  return { method: request.method, args: checked.slice(0, -1) } as ApprovalRequest
}

export const METHODS: { readonly [M in PosMethod]: MethodSpec<M> } = {
  getAppInfo: onlyCashier(noArguments),
  getCustomerDisplayStatus: onlyCashier(noArguments),
  getCustomerView: { callers: ['cashier', 'customer'], args: noArguments },

  listUsers: onlyCashier(noArguments),
  signIn: onlyCashier(argumentsOf(is.id, is.pin)),
  signOut: onlyCashier(noArguments),
  getSession: onlyCashier(noArguments),
  grantApproval: onlyCashier(argumentsOf(approvalRequest, is.managerConsent)),
  previewApproval: onlyCashier(argumentsOf(approvalRequest)),
  unlockWithRecoveryCode: onlyCashier(argumentsOf(is.id, text({ min: 20, max: 40, what: 'recovery code' }))),
  createRecoveryCode: onlyCashier(argumentsOf(is.approval)),
  createUser: onlyCashier(
    argumentsOf(
      object({
        name: text({ min: 1, max: 60, what: 'name' }),
        role: oneOf(['cashier', 'manager'] as const),
        pin: is.pin,
      }),
      is.approval,
    ),
  ),
  unlockUser: onlyCashier(argumentsOf(is.id, is.approval)),
  changePin: onlyCashier(argumentsOf(is.id, is.pin, is.approval)),
  changeOwnPin: onlyCashier(argumentsOf(is.pin, is.pin)),
  deactivateUser: onlyCashier(argumentsOf(is.id, is.approval)),
  endDemo: onlyCashier(argumentsOf(is.approval)),

  getSettings: onlyCashier(noArguments),
  updateSettings: onlyCashier(argumentsOf(settingsPatch, is.approval)),
  getExchangeRate: onlyCashier(noArguments),
  listExchangeRates: onlyCashier(noArguments),
  setExchangeRate: onlyCashier(
    argumentsOf(integer(1000, 10000, 'riel per dollar'), oneOf(['nbc', 'shop'] as const), is.approval),
  ),

  listCategories: onlyCashier(noArguments),
  listVatClasses: onlyCashier(noArguments),
  saveVatClass: onlyCashier(
    argumentsOf(
      object({
        id: is.id,
        nameEn: text({ min: 1, max: 40, what: 'name' }),
        nameKm: text({ min: 1, max: 40, what: 'name' }),
        rateBasisPoints: integer(0, 10_000, 'VAT rate'),
        pltRateBasisPoints: optional(integer(0, 10_000, 'public lighting tax rate')),
        pltBaseBasisPoints: optional(integer(0, 10_000, 'public lighting tax base')),
      }),
      is.approval,
    ),
  ),
  listProducts: onlyCashier(
    argumentsOf(
      object({
        categoryId: nullable(is.id),
        offset: integer(0, 1_000_000, 'offset'),
        limit: integer(1, 500, 'limit'),
        status: optional(oneOf(['active', 'inactive', 'all'] as const)),
        text: optional(is.searchQuery),
        orderBy: optional(oneOf(['name_en', 'name_km', 'sku'] as const)),
      }),
    ),
  ),
  searchProducts: onlyCashier(argumentsOf(is.searchQuery)),
  findProductByBarcode: onlyCashier(argumentsOf(is.barcode)),
  saveProduct: onlyCashier(argumentsOf(is.productInput, nullable(is.id), is.approval)),
  importProductsCsv: onlyCashier(
    argumentsOf(text({ min: 1, max: 20_000_000, what: 'CSV file', multiline: true }), is.approval),
  ),
  saveCategory: onlyCashier(
    argumentsOf(
      object({ nameEn: text({ min: 1, max: 40, what: 'name' }), nameKm: text({ min: 1, max: 40, what: 'name' }) }),
      nullable(is.id),
      is.approval,
    ),
  ),
  moveCategory: onlyCashier(argumentsOf(is.id, oneOf(['up', 'down'] as const), is.approval)),
  previewProductsCsv: onlyCashier(argumentsOf(text({ min: 1, max: 20_000_000, what: 'CSV file', multiline: true }))),
  exportProductsCsv: onlyCashier(noArguments),

  getShift: onlyCashier(noArguments),
  openShift: onlyCashier(argumentsOf(object({ usd: is.amount, khr: is.amount }))),
  moveCash: onlyCashier(
    argumentsOf(
      object({
        direction: oneOf(['in', 'out'] as const),
        currency: is.currency,
        amount: is.positiveAmount,
        reason: is.reason,
      }),
      nullable(is.approval),
    ),
  ),
  getXReport: onlyCashier(noArguments),
  checkCount: onlyCashier(argumentsOf(is.cashCount)),
  closeShift: onlyCashier(argumentsOf(is.cashCount)),
  getOwnerReport: onlyCashier(argumentsOf(object({ from: shopDay, to: shopDay }))),
  getZReport: onlyCashier(argumentsOf(is.id)),

  getCurrentSale: onlyCashier(noArguments),
  addProduct: onlyCashier(argumentsOf(is.id, is.quantity)),
  scanBarcode: onlyCashier(argumentsOf(is.barcode)),
  setLineQuantity: onlyCashier(argumentsOf(is.id, is.quantity)),
  removeLine: onlyCashier(argumentsOf(is.id)),
  setLineDiscount: onlyCashier(argumentsOf(is.id, is.discount, nullable(is.approval))),
  setSaleDiscount: onlyCashier(argumentsOf(is.discount, nullable(is.approval))),
  overrideLinePrice: onlyCashier(argumentsOf(is.id, is.amount, is.approval)),
  setSaleCurrency: onlyCashier(argumentsOf(is.currency)),
  setSaleBuyer: onlyCashier(argumentsOf(is.buyerInput)),
  holdSale: onlyCashier(noArguments),
  listHeldSales: onlyCashier(noArguments),
  recallSale: onlyCashier(argumentsOf(is.id)),
  cancelSale: onlyCashier(argumentsOf(nullable(is.approval))),
  payCash: onlyCashier(argumentsOf(is.currency, is.positiveAmount)),
  completeWithoutPayment: onlyCashier(argumentsOf(nullable(is.approval))),
  startKhqr: onlyCashier(argumentsOf(is.currency)),
  cancelKhqr: onlyCashier(noArguments),
  confirmKhqrByHand: onlyCashier(argumentsOf(is.approval)),

  getSale: onlyCashier(argumentsOf(is.id)),
  listSales: onlyCashier(argumentsOf(range)),
  voidSale: onlyCashier(argumentsOf(is.id, is.approval)),
  quoteRefund: onlyCashier(
    argumentsOf(object({ saleId: is.id, lines: listOf(object({ lineId: is.id, quantity: is.quantity }), 500) })),
  ),
  refundSale: onlyCashier(
    argumentsOf(
      object({
        saleId: is.id,
        lines: listOf(object({ lineId: is.id, quantity: is.quantity }), 500),
        tenders: listOf(tender, 8),
      }),
      is.approval,
    ),
  ),

  getPrinterStatus: onlyCashier(noArguments),
  listPrintJobs: onlyCashier(noArguments),
  retryPrintJob: onlyCashier(argumentsOf(is.id)),
  discardPrintJob: onlyCashier(argumentsOf(is.id, is.approval)),
  reprintReceipt: onlyCashier(argumentsOf(is.id)),
  printXReport: onlyCashier(noArguments),
  printZReport: onlyCashier(argumentsOf(is.id)),
  printTestPage: onlyCashier(noArguments),
  findPrinters: onlyCashier(
    argumentsOf(nullable(text({ min: 0, max: 200, pattern: /^[A-Za-z0-9.:_-]*$/, what: 'printer network address' }))),
  ),
  printTestPageOn: onlyCashier(argumentsOf(printerSettings)),
  printKhqrBill: onlyCashier(noArguments),
  printStickers: onlyCashier(argumentsOf(integer(1, 50, 'copies'), oneOf(['M', 'Q'] as const))),
  previewStickers: onlyCashier(argumentsOf(oneOf(['M', 'Q'] as const), oneOf([58, 80, 'label'] as const))),
  printShelfLabels: onlyCashier(
    argumentsOf(listOf(object({ productId: is.id, copies: integer(1, 50, 'copies') }), 100), boolean),
  ),
  previewShelfLabel: onlyCashier(argumentsOf(is.id, boolean)),
  previewReceipt: onlyCashier(argumentsOf(is.id, nullable(oneOf([58, 80] as const)))),
  openDrawer: onlyCashier(argumentsOf(is.approval)),

  getSyncStatus: onlyCashier(noArguments),
  syncNow: onlyCashier(noArguments),
  enrollTerminal: onlyCashier(
    argumentsOf(
      text({ min: 8, max: 300, pattern: /^https?:\/\/[^\s]+$/, what: 'back-office address' }),
      text({ min: 4, max: 32, pattern: /^[A-Za-z0-9-]+$/, what: 'enrolment code' }),
      is.approval,
    ),
  ),
  unenrollTerminal: onlyCashier(argumentsOf(is.approval)),
  listQuarantinedEvents: onlyCashier(noArguments),
  exportPendingEvents: onlyCashier(argumentsOf(is.approval)),
  getBakongTokenStatus: onlyCashier(noArguments),
  setBakongToken: onlyCashier(
    argumentsOf(
      nullable(text({ min: 20, max: 4096, pattern: /^[A-Za-z0-9._-]+$/, what: 'Bakong token' })),
      is.approval,
    ),
  ),
  getKhqrStatus: onlyCashier(noArguments),
  listKhqrIssues: onlyCashier(argumentsOf(boolean)),
  resolveKhqrIssue: onlyCashier(argumentsOf(is.id, is.approval)),
  recheckKhqr: onlyCashier(noArguments),
  verifyJournal: onlyCashier(noArguments),
  createBackup: onlyCashier(argumentsOf(is.approval)),
  exportSales: onlyCashier(argumentsOf(range, oneOf(['csv', 'json'] as const))),
  listBackups: onlyCashier(noArguments),
  previewRestore: onlyCashier(argumentsOf(backupPath)),
  restoreBackup: onlyCashier(argumentsOf(backupPath, is.approval)),
}

export const METHOD_NAMES = Object.keys(METHODS) as PosMethod[]
