/**
 * The contract between the screens and the POS engine. The engine (and main) implement PosApi; the
 * preload exposes PosBridge as `window.pos`: the same methods, each answering with a PosResult, plus
 * event subscriptions. Errors cross the bridge as data because Electron's contextBridge drops every
 * property of a thrown Error but its message, and the screens need the code to tell the cashier, in
 * their language, what went wrong.
 */

import type { ApprovalRequest } from './api-methods.ts'
import type { ApprovalPreview } from './approval-preview.ts'
import type { KhqrWatchStatus } from './bakong/watch-status.ts'
import type { Currency, Discount, OwnCurrencyAmount, SoldBy, Tender, TenderKind } from './money/index.ts'
import type { OwnerReportView } from './owner-report.ts'
import type {
  Approval,
  BackupResult,
  BackupStatus,
  BakongTokenStatus,
  CashCount,
  CategoryView,
  CsvImportResult,
  ExchangeRateView,
  FoundPrinterView,
  JournalCheck,
  KhqrIssueView,
  KhqrRecheckView,
  ManagerConsent,
  PendingExport,
  PrinterSettings,
  PrinterStatusView,
  PrintJobView,
  ProductInput,
  ProductView,
  QuarantinedEventView,
  RestorePreview,
  Role,
  SaleSummary,
  SalesExport,
  SaleView,
  SessionView,
  Settings,
  ShiftReport,
  ShiftSummary,
  SyncStatus,
  TestPageResult,
  UserSummary,
  VatClassView,
} from './views.ts'

/**
 * How the terminal's secrets (back-office key and token, Bakong token) are kept: in the operating
 * system's key store (DPAPI, Keychain, libsecret, KWallet); in a file only its owner may read, not
 * encrypted (plain Node, tests); encrypted with a key every copy of Electron knows (Linux with no
 * keyring: `basic_text`), which is no protection; or nowhere, so nothing secret can be set up.
 */
export interface SecretProtection {
  level: 'os_key_store' | 'owner_only_file' | 'unprotected' | 'unavailable'
  /** The key store's own name, for support: `gnome_libsecret`, `kwallet5`, `basic_text`, `dpapi`, … */
  backend: string
}

export interface AppInfo {
  name: string
  version: string
  /** Where the sales journal lives (SQLite). */
  databasePath: string
  sqliteVersion: string
  /** The full integrity check runs in the background after start; `failed` stops all writing. */
  integrity: { state: 'checking' | 'ok' | 'failed'; problems: string[] }
  secretProtection: SecretProtection
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** Where the customer-facing window is, so the cashier is never left guessing. */
export interface CustomerDisplayStatus {
  /** `second-screen`: fullscreen on its own monitor. `cashier-screen`: no second monitor, so a window on the cashier's. */
  placement: 'second-screen' | 'cashier-screen'
  displayId: number
  bounds: Rect
  displayCount: number
  /** Every attached monitor, for the manager choosing the customer's. */
  displays: DisplayChoice[]
  /** The monitor a manager chose (Settings), or null for the first one that is not the cashier's. */
  chosenId: number | null
  /** The chosen monitor is not attached, so the window is elsewhere; the cashier is told. */
  chosenMissing: boolean
}

export interface DisplayChoice {
  id: number
  /** The name the operating system gives the monitor; may be empty. */
  label: string
  width: number
  height: number
  /** The cashier's screen. */
  primary: boolean
}

/** The shop as the customer sees it. */
export interface ShopFace {
  nameEn: string
  nameKm: string
  /** True while the demo shop is still set up: the display says so. */
  demo: boolean
}

/** The cart as the customer sees it: names, quantities and money, nothing else (no ids, no cashier, no costs). */
export interface CustomerCart {
  currency: Currency
  khrPerUsd: number
  lines: {
    nameEn: string
    nameKm: string
    /** Units, or grams when sold by weight. */
    quantity: number
    soldBy: SoldBy
    amount: number
    /** A product priced in the other currency: its own amount (៛8,000 in a dollar sale), shown first. */
    own: OwnCurrencyAmount | null
  }[]
  discountTotal: number
  vatTotal: number
  total: number
  /** The total in the other currency at the sale's rate. */
  equivalent: { currency: Currency; amount: number }
  /** Already paid (a first cash tender, say), in sen; 0 when nothing was paid. */
  paidSen: number
}

/** The per-sale KHQR card, present only while the sale awaits payment for exactly what is due. */
export interface CustomerKhqr {
  /** The exact string stored with the sale. */
  payload: string
  /** As the bank app will show it (the QR's merchant name). */
  merchantName: string
  amount: number
  currency: Currency
  createdAt: number
  expiresAt: number
}

/**
 * What the customer window shows, and all it ever receives: a sanitised view built by the engine.
 * `khqr` exists only while a QR is waiting for payment, unexpired, for the amount still due;
 * `paid` stays for a few seconds after a sale completes, with the change to give.
 */
export type CustomerView =
  | { state: 'idle'; shop: ShopFace }
  | { state: 'cart'; shop: ShopFace; cart: CustomerCart }
  | { state: 'khqr'; shop: ShopFace; cart: CustomerCart; khqr: CustomerKhqr }
  | {
      state: 'paid'
      shop: ShopFace
      cart: CustomerCart
      /** What the customer actually handed over or paid by KHQR, in its own currency. */
      paid: { kind: TenderKind; amount: number }[]
      change: { usd: number; khr: number }
      /** Play the payment chime: Bakong confirmed a KHQR payment (not a hand confirmation) and the shop has the chime on. */
      chime: boolean
    }

export interface PosApi {
  getAppInfo(): Promise<AppInfo>
  getCustomerDisplayStatus(): Promise<CustomerDisplayStatus>
  getCustomerView(): Promise<CustomerView>

  // People. Every call below needs a signed-in user unless it says otherwise.
  /** Who can sign in (no PINs, no hashes). Needs no session. */
  listUsers(): Promise<UserSummary[]>
  /** Needs no session. Five wrong PINs in a row lock the user until a manager unlocks them. */
  signIn(userId: string, pin: string): Promise<SessionView>
  signOut(): Promise<void>
  getSession(): Promise<SessionView | null>
  /**
   * A manager approves one call the signed-in user is about to make: this method with exactly these
   * arguments. Their PIN is checked (a wrong one counts towards their lockout); the grant returned
   * is spent by that call, for this user, within two minutes.
   */
  grantApproval(request: ApprovalRequest, consent: ManagerConsent): Promise<Approval>
  /** What an approval request would change, before and after, as the ledger stands (changes nothing). */
  previewApproval(request: ApprovalRequest): Promise<ApprovalPreview>
  /** Needs no session: unlocks a locked manager with the owner recovery code, which is then spent. */
  unlockWithRecoveryCode(managerId: string, code: string): Promise<UserSummary>
  /** Makes the owner recovery code (replacing any before it) and shows it this once. */
  createRecoveryCode(approval: Approval): Promise<{ code: string }>
  createUser(user: { name: string; role: Role; pin: string }, approval: Approval): Promise<UserSummary>
  unlockUser(userId: string, approval: Approval): Promise<UserSummary>
  changePin(userId: string, pin: string, approval: Approval): Promise<void>
  /** The signed-in person changes their own PIN: their current one is checked as a sign-in would be. */
  changeOwnPin(currentPin: string, newPin: string): Promise<void>
  /** Someone who left: they can no longer sign in; their sales keep their name. Never the last manager, never oneself. */
  deactivateUser(userId: string, approval: Approval): Promise<void>
  /** Onboarding's last step: retire the demo people and products. Needs the shop's own manager, account and rate. */
  endDemo(approval: Approval): Promise<Settings>

  // Settings and exchange rate.
  getSettings(): Promise<Settings>
  updateSettings(patch: Partial<Settings>, approval: Approval): Promise<Settings>
  getExchangeRate(): Promise<ExchangeRateView>
  listExchangeRates(): Promise<ExchangeRateView[]>
  setExchangeRate(khrPerUsd: number, source: 'nbc' | 'shop', approval: Approval): Promise<ExchangeRateView>

  // Catalog.
  listCategories(): Promise<CategoryView[]>
  listVatClasses(): Promise<VatClassView[]>
  saveVatClass(vat: VatClassView, approval: Approval): Promise<VatClassView>
  /** Products by name; `status` (default active) lets a manager's product list show the inactive ones too. */
  /**
   * A page of the catalog for the manager's list: for sale or not, in a category, whose SKU or name
   * holds `text` (any status, unlike the till's search), by English name (default), Khmer name or SKU.
   */
  listProducts(query: {
    categoryId: string | null
    offset: number
    limit: number
    status?: 'active' | 'inactive' | 'all'
    text?: string
    orderBy?: 'name_en' | 'name_km' | 'sku'
  }): Promise<ProductView[]>
  searchProducts(text: string): Promise<ProductView[]>
  findProductByBarcode(barcode: string): Promise<ProductView | null>
  saveProduct(product: ProductInput, productId: string | null, approval: Approval): Promise<ProductView>
  importProductsCsv(csv: string, approval: Approval): Promise<CsvImportResult>
  /** A category added (categoryId null) or renamed. */
  saveCategory(
    category: { nameEn: string; nameKm: string },
    categoryId: string | null,
    approval: Approval,
  ): Promise<CategoryView>
  /** A category one place up or down the cashier's tabs; answers the categories in their new order. */
  moveCategory(categoryId: string, direction: 'up' | 'down', approval: Approval): Promise<CategoryView[]>
  /** Managers: what importing this CSV would do (new, updated, every problem by line and column), writing nothing. */
  previewProductsCsv(csv: string): Promise<CsvImportResult>
  /** Managers: the whole catalog as a CSV in the import's columns. */
  exportProductsCsv(): Promise<{ fileName: string; mimeType: string; content: string }>

  // Shift.
  getShift(): Promise<ShiftSummary | null>
  openShift(float: { usd: number; khr: number }): Promise<ShiftSummary>
  /** A cash out can never be more than the drawer holds; above the cashier's limit a manager approves. */
  moveCash(
    move: { direction: 'in' | 'out'; currency: Currency; amount: number; reason: string },
    approval: Approval | null,
  ): Promise<void>
  /** Managers only: the cashier's count stays blind. */
  getXReport(): Promise<ShiftReport>
  /** Blind count: the expected figures are only revealed in the Z report this returns. */
  /**
   * Before closing: whether the count is empty, or should be counted again (asked once per shift,
   * never saying by how much: the count stays blind).
   */
  checkCount(count: CashCount): Promise<{ empty: boolean; recount: boolean }>
  closeShift(count: CashCount): Promise<ShiftReport>
  /** Managers: the owner's report for a range of the shop's days ("YYYY-MM-DD", both ends included). */
  getOwnerReport(range: { from: string; to: string }): Promise<OwnerReportView>
  getZReport(shiftId: string): Promise<ShiftReport>

  // The sale at the counter.
  getCurrentSale(): Promise<SaleView | null>
  addProduct(productId: string, quantity: number): Promise<SaleView>
  scanBarcode(barcode: string): Promise<SaleView>
  setLineQuantity(lineId: string, quantity: number): Promise<SaleView>
  removeLine(lineId: string): Promise<SaleView>
  /** Discounts beyond the cashier's limit (a share of the sale) need a manager's approval. */
  setLineDiscount(lineId: string, discount: Discount | null, approval: Approval | null): Promise<SaleView>
  setSaleDiscount(discount: Discount | null, approval: Approval | null): Promise<SaleView>
  overrideLinePrice(lineId: string, unitPrice: number, approval: Approval): Promise<SaleView>
  setSaleCurrency(currency: Currency): Promise<SaleView>
  /** The business customer (name and VAT TIN) a VAT invoice is made out to, or null for none. */
  setSaleBuyer(buyer: { name: string; tin: string } | null): Promise<SaleView>
  holdSale(): Promise<SaleView>
  listHeldSales(): Promise<SaleSummary[]>
  recallSale(saleId: string): Promise<SaleView>
  /** Before any payment needs no approval; after a payment was taken, a manager must approve. */
  cancelSale(approval: Approval | null): Promise<void>
  payCash(currency: Currency, amount: number): Promise<SaleView>
  /** For a sale that comes to nothing: completes it with no tender. Goods given for nothing need a manager's approval. */
  completeWithoutPayment(approval: Approval | null): Promise<SaleView>
  startKhqr(currency: Currency): Promise<SaleView>
  cancelKhqr(): Promise<SaleView>
  confirmKhqrByHand(approval: Approval): Promise<SaleView>

  // Documents.
  getSale(saleId: string): Promise<SaleView>
  listSales(range: { from: number; to: number }): Promise<SaleSummary[]>
  voidSale(saleId: string, approval: Approval): Promise<SaleView>
  /** What a refund of these units comes to (each line's exact share), to give back in cash. */
  quoteRefund(refund: {
    saleId: string
    lines: { lineId: string; quantity: number }[]
  }): Promise<{ currency: Currency; total: number; totalKhr: number }>
  refundSale(
    refund: { saleId: string; lines: { lineId: string; quantity: number }[]; tenders: Tender[] },
    approval: Approval,
  ): Promise<SaleView>

  // Printing. Each call owes a job and returns; the queue prints in the background.
  getPrinterStatus(): Promise<PrinterStatusView>
  listPrintJobs(): Promise<PrintJobView[]>
  retryPrintJob(jobId: string): Promise<void>
  discardPrintJob(jobId: string, approval: Approval): Promise<void>
  reprintReceipt(saleId: string): Promise<void>
  printXReport(): Promise<void>
  printZReport(shiftId: string): Promise<void>
  printTestPage(): Promise<void>
  /**
   * Looks for the printer (manager): serial ports at the usual baud rates and parities, USB printer
   * files, and the network address typed (or null); each asked a status request, nothing printed.
   */
  findPrinters(networkAddress: string | null): Promise<FoundPrinterView[]>
  /** A test page straight to this printer, before its settings are saved (manager); says how it went. */
  printTestPageOn(printer: PrinterSettings): Promise<TestPageResult>
  /** For a counter without a customer display: the bill with the sale's KHQR, on paper. */
  printKhqrBill(): Promise<void>
  /** KHQR sticker sets (a riel and a dollar code each), on the label printer when one is set up. */
  printStickers(copies: number, ecc: 'M' | 'Q'): Promise<{ serials: string[] }>
  /** One sticker as the paper (58 or 80 mm) or the label printer's label would show it: a PNG data URL. */
  previewStickers(ecc: 'M' | 'Q', paper: 58 | 80 | 'label'): Promise<string>
  /** Shelf price labels on the label printer: riel first, the dollar price beneath when `dual`. */
  printShelfLabels(items: { productId: string; copies: number }[], dual: boolean): Promise<void>
  /** One shelf label as the label printer would print it: a PNG data URL. */
  previewShelfLabel(productId: string, dual: boolean): Promise<string>
  /** The receipt as the paper would show it: a PNG data URL. */
  previewReceipt(saleId: string, paperWidth: 58 | 80 | null): Promise<string>
  /** Opens the cash drawer outside a sale: a manager approves, and it is counted on the Z report. */
  openDrawer(approval: Approval): Promise<void>

  // Sync with the back office (manager), and KHQR payment checks.
  getSyncStatus(): Promise<SyncStatus>
  /** Sends what is waiting now instead of at the next retry. */
  syncNow(): Promise<SyncStatus>
  enrollTerminal(backofficeUrl: string, code: string, approval: Approval): Promise<SyncStatus>
  /** Forgets the back office; queued events stay and go to the next one enrolled. */
  unenrollTerminal(approval: Approval): Promise<SyncStatus>
  listQuarantinedEvents(): Promise<QuarantinedEventView[]>
  /** Writes every unsent event to a file the back office imports, for long outages. */
  exportPendingEvents(approval: Approval): Promise<PendingExport>
  getBakongTokenStatus(): Promise<BakongTokenStatus>
  setBakongToken(token: string | null, approval: Approval): Promise<BakongTokenStatus>
  /** What the payment check says about the QR on screen, if any. */
  getKhqrStatus(): Promise<KhqrWatchStatus | null>
  listKhqrIssues(unresolvedOnly: boolean): Promise<KhqrIssueView[]>
  resolveKhqrIssue(issueId: string, approval: Approval): Promise<KhqrIssueView>
  recheckKhqr(): Promise<KhqrRecheckView>

  // Data safety.
  verifyJournal(): Promise<JournalCheck>
  createBackup(approval: Approval): Promise<BackupResult>
  exportSales(range: { from: number; to: number }, format: 'csv' | 'json'): Promise<SalesExport>
  /** Managers: where backups go, the ones there (newest first), and the last one that failed. */
  listBackups(): Promise<BackupStatus>
  /** Managers: what a listed backup holds and what restoring it would leave behind. */
  previewRestore(path: string): Promise<RestorePreview>
  /**
   * Restores a listed backup at the terminal's restart (which follows at once). Refused when the
   * terminal has a sale or a change the backup lacks, unless this database failed its integrity check.
   */
  restoreBackup(path: string, approval: Approval): Promise<RestorePreview>
}

/** Events main sends to the windows, by name. */
export interface PosEvents {
  'customerDisplay.changed': CustomerDisplayStatus
  'customerView.changed': CustomerView
  /** The printer or its queue changed: state, jobs waiting, jobs held for a person. */
  'printer.changed': PrinterStatusView
  /** The sale at the counter changed (or ended: null), including a KHQR expiring on its own. */
  'sale.changed': SaleView | null
  /** Sync figures changed: events sent, a failure, the clock offset. */
  'sync.changed': SyncStatus
  /** What the payment check says about the QR on screen. */
  'khqr.status': KhqrWatchStatus
  /** Products, prices, VAT or the rate came down from the back office: lists on screen are asked again. */
  'catalog.changed': { at: number }
}
export type PosEventName = keyof PosEvents

export type WindowRole = 'cashier' | 'customer'

export interface PosFailure {
  /** Stable code the screens translate, for example `forbidden` or `input_invalid`. */
  code: string
  /** English detail for logs and support. */
  message: string
  field?: string
}
export type PosResult<T> = { ok: true; value: T } | { ok: false; error: PosFailure }

export type PosMethod = keyof PosApi

export type PosBridge = {
  [M in PosMethod]: (...args: Parameters<PosApi[M]>) => Promise<PosResult<Awaited<ReturnType<PosApi[M]>>>>
} & {
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends PosEventName>(event: E, listener: (payload: PosEvents[E]) => void): () => void
}

export {
  APPROVAL_METHODS,
  type ApprovalArgs,
  type ApprovalMethod,
  type ApprovalRequest,
  METHOD_NAMES,
  METHODS,
  type MethodSpec,
} from './api-methods.ts'

/** Which window each event goes to. */
export const EVENTS: { readonly [E in PosEventName]: readonly WindowRole[] } = {
  'customerDisplay.changed': ['cashier'],
  'customerView.changed': ['customer'],
  'sale.changed': ['cashier'],
  'printer.changed': ['cashier'],
  'sync.changed': ['cashier'],
  'khqr.status': ['cashier'],
  'catalog.changed': ['cashier'],
}

export const EVENT_NAMES = Object.keys(EVENTS) as PosEventName[]

/** The IPC channel of a method: `pos:<method>`. Events all travel on EVENT_CHANNEL. */
export function channelOf(method: PosMethod): string {
  return `pos:${method}`
}
export const EVENT_CHANNEL = 'pos:event'
