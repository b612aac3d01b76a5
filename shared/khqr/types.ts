export type KhqrKind = 'individual' | 'merchant'
export type KhqrCurrency = 'KHR' | 'USD'

export interface KhqrAlternateLanguage {
  /** Two-letter language code, for example `km`. */
  language: string
  merchantName: string
  merchantCity?: string
}

/** What a KHQR is made from. Amounts are integer minor units: riel, or US cents. */
export interface KhqrInput {
  kind: KhqrKind
  accountId: string
  merchantName: string
  merchantCity?: string
  merchantId?: string
  acquiringBank?: string
  accountInformation?: string
  currency: KhqrCurrency
  /** Without an amount the QR is static (the payer types the amount). */
  amount?: number
  mcc?: string
  billNumber?: string
  mobileNumber?: string
  storeLabel?: string
  terminalLabel?: string
  purposeOfTransaction?: string
  alternateLanguage?: KhqrAlternateLanguage
  upiMerchantAccount?: string
  /** Epoch milliseconds; defaults to the clock for a dynamic QR. */
  createdAt?: number
  /** Epoch milliseconds; required for a dynamic QR. */
  expiresAt?: number
}

/** What a well-formed KHQR says. */
export interface KhqrFields {
  kind: KhqrKind
  accountId: string
  merchantName: string
  merchantCity: string
  merchantId?: string
  acquiringBank?: string
  accountInformation?: string
  currency: KhqrCurrency
  amount?: number
  mcc: string
  billNumber?: string
  mobileNumber?: string
  storeLabel?: string
  terminalLabel?: string
  purposeOfTransaction?: string
  alternateLanguage?: KhqrAlternateLanguage
  upiMerchantAccount?: string
  createdAt?: number
  expiresAt?: number
  pointOfInitiation: 'static' | 'dynamic'
  /** The four CRC hex digits as written. */
  crc: string
  /**
   * Tags KHQR does not define, with their values: top-level ones by tag (`"80"`), ones inside a
   * template by template and sub-tag (`"62.05"`).
   */
  unknownTags: Record<string, string>
}

export type KhqrVerdict =
  | { valid: true; fields: KhqrFields; expired: boolean }
  | { valid: false; code: string; message: string }
