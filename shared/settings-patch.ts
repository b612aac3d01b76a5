/** The check for a settings change from the screens: every key optional, each value checked in full. */
import * as is from './checks.ts'
import { boolean, type Check, integer, listOf, nullable, object, oneOf, optional, text } from './schema.ts'
import type { LabelPrinterSettings, PrinterSettings, Settings } from './views.ts'

/** How a printer is reached: serial, network or device file, its address, and the serial framing. */
const connection = {
  transport: oneOf(['none', 'serial', 'tcp', 'device'] as const),
  address: text({ min: 0, max: 200, what: 'printer address' }),
  baudRate: oneOf([9600, 19200, 38400, 57600, 115200] as const),
  dataBits: oneOf([7, 8] as const),
  parity: oneOf(['none', 'even', 'odd'] as const),
  flowControl: oneOf(['none', 'rtscts', 'xonxoff'] as const),
}

/** The receipt printer: its connection, paper and abilities. */
export const printerSettings: Check<PrinterSettings> = object({
  ...connection,
  paperWidth: oneOf([58, 80] as const),
  nativeQr: boolean,
  cutter: boolean,
  drawerPin: oneOf([0, 1] as const),
  pictures: oneOf(['auto', 'download', 'nv', 'nv-bit-image', 'none'] as const),
})

/** The label printer: its connection and label stock (20–108 mm across, 15–200 mm long, gap 0–10 mm). */
export const labelPrinterSettings: Check<LabelPrinterSettings> = object({
  ...connection,
  widthMm: integer(20, 108, 'label width in mm'),
  heightMm: integer(15, 200, 'label height in mm'),
  gapMm: integer(0, 10, 'gap between labels in mm'),
})

export const settingsPatch: Check<Partial<Settings>> = object({
  shopNameEn: optional(text({ min: 1, max: 80, what: 'shop name' })),
  shopNameKm: optional(text({ min: 1, max: 80, what: 'shop name' })),
  shopAddress: optional(text({ min: 0, max: 200, what: 'shop address', multiline: true })),
  shopPhone: optional(text({ min: 0, max: 25, pattern: /^[0-9+ ]*$/, what: 'shop phone' })),
  vatTin: optional(text({ min: 0, max: 14, pattern: /^([A-Z][0-9]{3}-[0-9]{9})?$/, what: 'VAT TIN' })),
  merchant: optional(
    object({
      bakongAccountId: text({ min: 3, max: 32, pattern: /^[^@\s]+@[^@\s]+$/, what: 'Bakong account id' }),
      kind: oneOf(['individual', 'merchant'] as const),
      merchantNameEn: text({ min: 1, max: 25, what: 'merchant name' }),
      merchantNameKm: text({ min: 0, max: 25, what: 'Khmer merchant name' }),
      city: text({ min: 1, max: 15, what: 'city' }),
      merchantId: text({ min: 0, max: 32, what: 'merchant id' }),
      acquiringBank: text({ min: 0, max: 32, what: 'acquiring bank' }),
      mcc: text({ min: 4, max: 4, pattern: /^[0-9]{4}$/, what: 'MCC' }),
      mobileNumber: text({ min: 0, max: 25, pattern: /^[0-9+]*$/, what: 'mobile number' }),
      storeLabel: text({ min: 0, max: 25, what: 'store label' }),
      currencies: listOf(is.currency, 2),
    }),
  ),
  saleCurrency: optional(is.currency),
  taxInclusive: optional(boolean),
  smallestNote: optional(oneOf([100, 500, 1000] as const)),
  changePreference: optional(oneOf(['usd_then_khr', 'khr_only'] as const)),
  receiptHeader: optional(text({ min: 0, max: 400, what: 'receipt header', multiline: true })),
  receiptFooter: optional(text({ min: 0, max: 400, what: 'receipt footer', multiline: true })),
  khqrLifetimeSeconds: optional(integer(60, 3600, 'KHQR lifetime in seconds')),
  receiptLanguage: optional(oneOf(['km', 'en'] as const)),
  timeZone: optional(text({ min: 1, max: 64, pattern: /^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/, what: 'time zone' })),
  printer: optional(printerSettings),
  labelPrinter: optional(labelPrinterSettings),
  customerDisplayId: optional(nullable(integer(0, 2 ** 32, 'display id'))),
  autoBackup: optional(
    object({
      // '' (the terminal's own folder), or a full path: /media/usb/pos, D:\\POS backups.
      folder: text({ min: 0, max: 400, pattern: /^(|\/.*|[A-Za-z]:[\\/].*)$/, what: 'backup folder' }),
      keep: integer(1, 365, 'backups kept'),
      everyHours: integer(1, 168, 'hours between backups'),
    }),
  ),
  scaleLabels: optional(object({ itemDigits: oneOf([4, 5, 6] as const), embeds: oneOf(['weight', 'price'] as const) })),
  paymentChime: optional(boolean),
  poleDisplay: optional(
    object({
      port: text({ min: 0, max: 200, what: 'pole display port' }),
      baudRate: oneOf([9600, 19200] as const),
      commandSet: oneOf(['cd5220', 'epson'] as const),
    }),
  ),
  // HTTPS, or plain HTTP to this machine only (a local relay).
  bakongBaseUrl: optional(
    text({
      min: 8,
      max: 300,
      pattern: /^(https:\/\/[^\s]+|http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/[^\s]*)?)$/,
      what: 'Bakong address',
    }),
  ),
  khqrCheckMode: optional(oneOf(['direct', 'backoffice', 'off'] as const)),
  cashierLimits: optional(
    object({
      discountBasisPoints: integer(0, 10_000, 'discount limit'),
      cashOutUsd: is.amount,
      cashOutKhr: is.amount,
    }),
  ),
  khqrManualLimits: optional(
    object({
      perSaleUsd: is.amount,
      perSaleKhr: is.amount,
      perShiftUsd: is.amount,
      perShiftKhr: is.amount,
    }),
  ),
})
