/**
 * The data the engine hands to the screens. Plain JSON: it crosses the IPC bridge. Every amount is
 * an integer in minor units of the currency next to it (US cents, riel).
 */
import type { Currency, Discount, SmallestNote, SoldBy, TenderKind } from './money/index.ts'
import type { ScaleLabelLayout } from './scale-label.ts'

export type Role = 'cashier' | 'manager'

export interface UserSummary {
  id: string
  name: string
  role: Role
  locked: boolean
  /** A locked manager may try again from this time (ms); null for a cashier, who waits for a manager to unlock them. */
  unlocksAt: number | null
  /** One of the demo shop's people, whose PIN is printed on the sign-in screen until onboarding ends the demo. */
  demo: boolean
}

/** What a manager types into the approval dialog: who they are, their PIN, and why (recorded in the audit log). */
export interface ManagerConsent {
  managerId: string
  pin: string
  reason: string
}

/**
 * A manager's approval of one call: what `grantApproval` returned for exactly that method with
 * exactly those arguments. It is spent by that call, is for the cashier who asked, and runs out
 * after two minutes.
 */
export interface Approval {
  grantId: string
}

/**
 * Limits a manager sets on what a cashier does alone; beyond them a manager approves. Managers
 * themselves are not limited.
 */
export interface CashierLimits {
  /** The largest share of a sale a cashier may take off with discounts, in basis points (0: none). */
  discountBasisPoints: number
  /** The largest cash out a cashier may take from the drawer alone, per currency (0: every cash out is approved). */
  cashOutUsd: number
  cashOutKhr: number
}

export interface ShiftSummary {
  id: string
  number: number
  openedAt: number
  openedBy: string
  floatUsd: number
  floatKhr: number
}

export interface SessionView {
  user: UserSummary
  shift: ShiftSummary | null
  terminal: { id: string; label: string }
}

export interface MerchantSettings {
  /** Bakong account id, `name@bank`. */
  bakongAccountId: string
  kind: 'individual' | 'merchant'
  merchantNameEn: string
  merchantNameKm: string
  city: string
  merchantId: string
  acquiringBank: string
  mcc: string
  mobileNumber: string
  storeLabel: string
  currencies: Currency[]
}

export interface PrinterSettings {
  /** `none`: no printer yet; receipts are kept as preview images so a new install still shows them. */
  transport: 'none' | 'serial' | 'tcp' | 'device'
  /** Serial port path (`/dev/ttyUSB0`, `COM3`), `host:port` (port 9100 if left out), or a device file (`/dev/usb/lp0`). */
  address: string
  baudRate: 9600 | 19200 | 38400 | 57600 | 115200
  dataBits: 7 | 8
  parity: 'none' | 'even' | 'odd'
  flowControl: 'none' | 'rtscts' | 'xonxoff'
  paperWidth: 58 | 80
  /** The printer draws QR codes itself (`GS ( k`); off for printers that need them as images. */
  nativeQr: boolean
  cutter: boolean
  drawerPin: 0 | 1
  /**
   * Where the printer keeps the pictures a slip repeats (Khmer lines, header, footer), so they are
   * sent once and printed by key: `auto` asks the printer once; `download` (RAM), `nv` (flash) and
   * `nv-bit-image` (FS p, older printers) as set; `none` sends every picture every time.
   */
  pictures: 'auto' | 'download' | 'nv' | 'nv-bit-image' | 'none'
}

/**
 * The label printer for KHQR stickers and shelf price labels (TSC, Xprinter and their kind, which
 * speak TSPL): its connection and the label stock loaded in it.
 */
export interface LabelPrinterSettings {
  /** `none`: no label printer; stickers print on the receipt printer. */
  transport: 'none' | 'serial' | 'tcp' | 'device'
  address: string
  baudRate: PrinterSettings['baudRate']
  dataBits: PrinterSettings['dataBits']
  parity: PrinterSettings['parity']
  flowControl: PrinterSettings['flowControl']
  /** The labels, in whole millimetres: width across the head, height along the paper, and the gap between. */
  widthMm: number
  heightMm: number
  gapMm: number
}

/** Caps on KHQR confirmed by hand and not yet verified by Bakong, in minor units (US cents, riel). */
export interface KhqrManualLimits {
  perSaleUsd: number
  perSaleKhr: number
  perShiftUsd: number
  perShiftKhr: number
}

export interface PoleDisplaySettings {
  /** Serial port path (/dev/ttyUSB0, COM3); '' for none. */
  port: string
  baudRate: 9600 | 19200
  /** CD5220 (most no-name VFDs) or Epson DM-D (ESC/POS customer displays). */
  commandSet: 'cd5220' | 'epson'
}

export interface Settings {
  shopNameEn: string
  shopNameKm: string
  /** Where the shop is, as printed under its name ('' for none). */
  shopAddress: string
  shopPhone: string
  /**
   * The shop's VAT TIN from the tax office (letter, three digits, dash, nine digits: K001-901234567);
   * '' when it is not VAT-registered. With one, a paid sale is a tax invoice (cambodia.md §4).
   */
  vatTin: string
  merchant: MerchantSettings
  saleCurrency: Currency
  /** Prices include VAT (the usual shop shelf price) or VAT is added at the till. */
  taxInclusive: boolean
  smallestNote: SmallestNote
  changePreference: 'usd_then_khr' | 'khr_only'
  receiptHeader: string
  receiptFooter: string
  /** Item names on receipts in Khmer (drawn) or English (printer text). */
  receiptLanguage: 'km' | 'en'
  /** IANA time zone for times on paper. */
  timeZone: string
  /** How long a per-sale KHQR stays valid. */
  khqrLifetimeSeconds: number
  /** Bakong Open API, for checking payments directly (production: https://api-bakong.nbc.gov.kh). */
  bakongBaseUrl: string
  /** Who confirms KHQR payments: this terminal with its own Bakong token, the back office, or nobody (by hand only). */
  khqrCheckMode: 'direct' | 'backoffice' | 'off'
  /** Offline hand-confirmed KHQR allowed before Bakong verifies them; 0 turns hand confirmation off for that currency. */
  khqrManualLimits: KhqrManualLimits
  cashierLimits: CashierLimits
  printer: PrinterSettings
  labelPrinter: LabelPrinterSettings
  /** Electron display id for the customer window; null means the first non-primary display. */
  customerDisplayId: number | null
  /** The customer display plays a short chime when a KHQR payment is confirmed, as bank soundboxes do. */
  paymentChime: boolean
  /** A serial 2×20 pole display (VFD) beside or instead of the customer screen. */
  poleDisplay: PoleDisplaySettings
  /**
   * The automatic backup: every `everyHours` into `folder` (a USB stick, say; '' for the terminal's
   * own backups folder), keeping the newest `keep`.
   */
  autoBackup: { folder: string; keep: number; everyHours: number }
  /** How the shop's label scale lays out its barcodes (item code, then weight or price). */
  scaleLabels: ScaleLabelLayout
  /** True until onboarding replaces the demo merchant and catalog. */
  demo: boolean
}

export interface ExchangeRateView {
  id: string
  khrPerUsd: number
  /** `backoffice`: pulled from the back office's catalog (electron/core/sync/catalog-pull.ts). */
  source: 'nbc' | 'shop' | 'demo' | 'backoffice'
  setAt: number
  setBy: string | null
}

export interface VatClassView {
  id: string
  nameEn: string
  nameKm: string
  rateBasisPoints: number
  /**
   * The public lighting tax of alcohol and tobacco, when the class carries it: its rate (500 = 5 %)
   * and the share of the price it is charged on (2000 = a reseller's 20 % base). Left out when
   * saving: unchanged (none for a new class).
   */
  pltRateBasisPoints?: number
  pltBaseBasisPoints?: number
}

export interface CategoryView {
  id: string
  nameEn: string
  nameKm: string
}

export interface ProductInput {
  sku: string
  nameEn: string
  nameKm: string
  categoryId: string | null
  price: number
  currency: Currency
  vatClass: string
  active: boolean
  barcodes: string[]
  /** 'weight': the price is per kilogram and a line's quantity is grams. Count when left out. */
  soldBy?: SoldBy
  /**
   * The item code the shop's label scale prints into its barcodes (digits, leading zeros not
   * significant: "00123" is 123), so a scale label rings this product up. Null or left out: none.
   */
  scaleCode?: string | null
}

export interface ProductView extends ProductInput {
  id: string
  demo: boolean
  soldBy: SoldBy
  scaleCode: string | null
}

export interface CsvRowError {
  /** 1-based line number in the file, the header being line 1. */
  line: number
  column: string | null
  code: string
  /** The problem in plain English (the screens say it from `code` in the person's language). */
  message: string
  /** The value found in the cell. */
  value?: string
  /** For a duplicate: the line that has it first. */
  otherLine?: number
  /** For a barcode already in the catalog: the SKU of the product that has it. */
  owner?: string
}

export interface CsvImportResult {
  created: number
  updated: number
  errors: CsvRowError[]
}

export interface SaleLineView {
  id: string
  productId: string | null
  sku: string
  nameEn: string
  nameKm: string
  /** Units, or grams when sold by weight. */
  quantity: number
  soldBy: SoldBy
  /** In the sale currency (per kilogram when sold by weight); the product's own price and currency are kept beside it. */
  unitPrice: number
  listPrice: number
  listCurrency: Currency
  priceOverridden: boolean
  vatRateBasisPoints: number
  /** The public lighting tax's effective rate on the amount before VAT (0: none). */
  pltRateBasisPoints: number
  discount: Discount | null
  gross: number
  lineDiscount: number
  saleDiscountShare: number
  amount: number
  vat: number
  plt: number
  /** For a refund line: the sale line it gives back. */
  refundOfLine: string | null
}

export interface TenderView {
  id: string
  kind: TenderKind
  amount: number
  confirmation: 'bakong' | 'manual' | null
  /** For KHQR: false while a hand-confirmed payment has not been checked with Bakong. */
  verified: boolean | null
  bakongHash: string | null
  at: number
}

export interface KhqrRequestView {
  id: string
  /** The exact KHQR string shown to the customer. */
  payload: string
  md5: string
  currency: Currency
  amount: number
  createdAt: number
  expiresAt: number
  state: 'shown' | 'cancelled' | 'expired' | 'paid'
}

export interface SaleTotalsView {
  grossTotal: number
  discountTotal: number
  subtotal: number
  vatTotal: number
  /** The public lighting tax (alcohol and tobacco), 0 when none was charged. */
  pltTotal: number
  total: number
  /** The VAT-inclusive total in riel at the sale's rate (Cambodian tax invoices). */
  totalKhr: number
  vatKhr: number
  pltKhr: number
  /** The total in the other currency, for both screens. */
  equivalent: { currency: Currency; amount: number }
}

export interface PaymentView {
  paidSen: number
  dueSen: number
  settled: boolean
  stillDue: { usd: number; khr: number; khrCash: number }
  changeUsd: number
  changeKhr: number
  residualSen: number
}

export interface SaleView {
  id: string
  kind: 'sale' | 'refund'
  state: 'open' | 'held' | 'awaiting_payment' | 'paid' | 'cancelled'
  /** The human receipt number, given when the sale is paid (gapless per terminal). */
  receiptNo: string | null
  /**
   * Set when the paid document is a VAT invoice (a sale) or a credit note (its refund): its number
   * in its own series and the seller's VAT TIN it was issued under. Null for a plain receipt.
   */
  invoice: { number: string; sellerTin: string } | null
  /** The business customer a VAT invoice is made out to. */
  buyer: { name: string; tin: string } | null
  refundOf: string | null
  currency: Currency
  khrPerUsd: number
  taxInclusive: boolean
  smallestNote: SmallestNote
  discount: Discount | null
  lines: SaleLineView[]
  totals: SaleTotalsView
  tenders: TenderView[]
  payment: PaymentView
  khqr: KhqrRequestView | null
  cashier: { id: string; name: string }
  openedAt: number
  completedAt: number | null
  voided: { at: number; reason: string; by: string; approvedBy: string | null } | null
}

export interface SaleSummary {
  id: string
  kind: 'sale' | 'refund'
  state: SaleView['state']
  receiptNo: string | null
  currency: Currency
  total: number
  lineCount: number
  openedAt: number
  completedAt: number | null
  voided: boolean
}

/**
 * A KHQR payment that needs a manager: Bakong reported a payment that does not match its QR, a QR
 * paid twice, a payment after the QR ended, a Bakong transaction already used, or a hand-confirmed
 * payment Bakong never saw.
 */
export interface KhqrIssueView {
  id: string
  kind: 'mismatch' | 'not_found' | 'over_payment' | 'late_payment' | 'hash_used'
  /** For a mismatch: amount, currency, account, too_early or too_late. */
  reason: string | null
  saleId: string
  md5: string
  /** The QR's own amount and currency. */
  requested: { amount: number; currency: Currency }
  /** What Bakong reported, when it reported a payment. */
  paid: {
    hash: string
    amount: number
    currency: Currency
    fromAccountId: string | null
    toAccountId: string | null
    at: number | null
  } | null
  detectedAt: number
  resolvedAt: number | null
  resolvedBy: string | null
  resolution: string | null
}

export interface TenderFigures {
  count: number
  amount: number
}

/** X (mid-shift) and Z (closing) report figures. */
export interface ShiftReport {
  kind: 'X' | 'Z'
  shift: ShiftSummary & { closedAt: number | null; closedBy: string | null }
  generatedAt: number
  sales: { count: number; totalUsd: number; totalKhr: number }
  /** Per tender kind, net of change given (change is cash going back out). */
  tenders: Record<TenderKind, TenderFigures>
  changeGiven: { usd: number; khr: number }
  refunds: { count: number; totalUsd: number; totalKhr: number; tenders: Record<TenderKind, TenderFigures> }
  voids: { count: number; totalUsd: number; totalKhr: number }
  discounts: { usd: number; khr: number }
  vat: { usd: number; khr: number }
  /** The public lighting tax, net of refunds and voids (absent from Z reports stored before it was kept). */
  plt?: { usd: number; khr: number }
  roundingResidualSen: number
  cashMovements: { inUsd: number; inKhr: number; outUsd: number; outKhr: number }
  expectedCash: { usd: number; khr: number }
  /** Null in an X report: the count is blind until the shift closes. */
  countedCash: { usd: number; khr: number } | null
  variance: { usd: number; khr: number } | null
  khqrManual: { count: number; unverifiedCount: number; unverifiedUsd: number; unverifiedKhr: number }
  /** Outcomes of Bakong checks found during this shift: hand confirmations verified, and problems for a manager. */
  khqrChecks: {
    verified: number
    mismatches: number
    notFound: number
    overPayments: number
    latePayments: number
    unresolved: number
  }
  /** Counted so an owner can spot abuse on paper (docs/security.md §4). */
  noSaleDrawerOpens: number
  reprints: number
}

/** A blind count: per currency, the number of notes of each denomination (in minor units). */
export interface CashCount {
  usd: Record<string, number>
  khr: Record<string, number>
}

/** What the status bar and the sync page say about sending events to the back office. */
export interface SyncStatus {
  state: 'not_configured' | 'synced' | 'syncing' | 'offline' | 'revoked' | 'update_needed'
  unsynced: number
  oldestUnsyncedAt: number | null
  quarantined: number
  lastSuccessAt: number | null
  /** The last failure in plain (English) words; the screens translate `errorClass`. */
  lastError: { errorClass: string; words: string; detail: string | null } | null
  /** Back-office time minus this terminal's; positive means the terminal is behind. */
  clockOffsetMs: number | null
  /** The clocks disagree by more than five minutes. */
  clockWarning: boolean
  backofficeUrl: string | null
  /** KHQR payments the checks found wrong (mismatch, never paid, paid twice or late), waiting for a manager. */
  khqrIssues: number
}

/** An event the back office refused for good: kept, shown to a manager, never dropped. */
export interface QuarantinedEventView {
  seq: number
  eventId: string
  type: string
  occurredAt: number
  reason: string
  attempts: number
}

export interface PendingExport {
  path: string
  events: number
  bytes: number
}

/** Whether a Bakong token is held (by main only) and when it expires; never the token itself. */
export interface BakongTokenStatus {
  set: boolean
  expiresAt: number | null
}

export interface KhqrRecheckView {
  checked: number
  verified: number
  mismatches: number
  notFound: number
  stillUnchecked: number
  latePayments: number
  overPayments: number
}

export interface JournalCheck {
  outbox: { events: number; brokenAt: number | null; reason: string | null }
  audit: { entries: number; brokenAt: number | null; reason: string | null }
}

export interface BackupResult {
  path: string
  bytes: number
  at: number
}

/** Where backups go, the ones there (newest first), and the last automatic one that could not be written. */
export interface BackupStatus {
  folder: string
  backups: BackupResult[]
  lastFailure: { at: number; message: string } | null
  /** What the last start did with a requested restore (null when none was asked for since). */
  lastRestore: { at: number; from: string; restored: boolean; reason: string | null; reasonCode: string | null } | null
}

/** What a backup holds, and what restoring it would leave behind (restoring is refused if anything). */
export interface RestorePreview {
  path: string
  terminalLabel: string
  /** The backup was made by this terminal (not brought from another till). */
  sameTerminal: boolean
  sales: number
  lastReceiptNo: string | null
  lastSaleAt: number | null
  /** Sales (or their payment) this terminal has and the backup lacks; null when this database cannot be read. */
  salesOnlyHere: number | null
  /** Other money records (shifts, cash moves, voids, KHQR payment checks) the backup lacks; null when this database cannot be read. */
  eventsOnlyHere: number | null
}

export interface SalesExport {
  fileName: string
  mimeType: string
  content: string
  sales: number
}

export interface PrintJobView {
  id: string
  kind: 'receipt' | 'bill' | 'drawer' | 'report' | 'sticker' | 'test'
  objectId: string
  /** 0 for the original; a reprint (marked COPY) counts up. */
  copy: number
  state: 'pending' | 'printing' | 'printed' | 'held' | 'discarded'
  attempts: number
  lastError: string | null
  createdAt: number
  expiresAt: number
  printedAt: number | null
}

/** A printer found by "Find my printer": where it is, the settings it answered at, and what it said. */
export interface FoundPrinterView {
  transport: 'serial' | 'tcp' | 'device'
  /** Port path, device file, or host:port. */
  address: string
  /** The serial settings it answered at (for other connections, the defaults; they do not apply). */
  baudRate: PrinterSettings['baudRate']
  dataBits: PrinterSettings['dataBits']
  parity: PrinterSettings['parity']
  /** It answered a status request: a printer is there, at these settings. */
  answered: boolean
  state: PrinterStatusView['state']
  /** Who made the port (a USB-serial adapter's maker), when the system says. */
  maker: string | null
}

/** What a test page printed straight to a printer found (not yet saved) came to. */
export interface TestPageResult {
  printed: boolean
  state: PrinterStatusView['state']
  /** What the printer keeps pictures in, as found while printing. */
  pictures: 'download' | 'nv' | 'nv-bit-image' | 'none'
  /** Why it did not print, in the transport's words. */
  detail: string | null
}

/** What the status bar says about the printer: always the truth, including "no printer". */
export interface PrinterStatusView {
  printer: string
  state: 'ready' | 'paper_out' | 'cover_open' | 'offline' | 'disconnected' | 'unknown'
  paperLow: boolean
  detail: string | null
  pending: number
  held: number
  lastError: string | null
}
