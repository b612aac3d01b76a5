/**
 * What the ESC/POS decoder reports: the items a stream prints (text lines, images, codes, feeds,
 * cuts, pulses), what it asks (status and memory queries), what it stores in the printer, and the
 * problems a strict reading finds in it.
 */

export type Align = 'left' | 'center' | 'right'
export type PrinterFont = 'A' | 'B'

/** A stretch of one printed line with the same character attributes. */
export interface TextRun {
  text: string
  /** Emphasised (ESC E, ESC ! bit 3) or double-strike (ESC G). */
  bold: boolean
  underline: boolean
  /** Character size multipliers (GS !, ESC ! bits 4–5), 1–8. */
  width: number
  height: number
  font: PrinterFont
  /** White on black (GS B). */
  invert: boolean
  /** ESC 4, which the encoder sends for italic (not an Epson command; some printers honour it). */
  italic: boolean
  /**
   * Where the run starts, in dots from the left margin, when ESC $ or ESC \ moved the print position
   * before it. The line's `text` has spaces in the gap (as many as fit the current character width).
   */
  x?: number
}

/**
 * One printed line: the text up to LF (or up to a command that prints the line buffer). The line-level
 * attributes summarise the runs that carry ink (not the encoder's alignment padding): `bold` and
 * `underline` when any such run has them, `width`/`height` the largest multipliers, `font` the first.
 * Alignment padding made of spaces stays in `text`.
 */
export interface TextItem {
  type: 'text'
  text: string
  align: Align
  bold: boolean
  underline: boolean
  width: number
  height: number
  font: PrinterFont
  /** Attributes per stretch of the line; the decoder always fills it (the preview draws from it). */
  runs?: TextRun[]
  /** Line spacing in dots in force when the line was printed (ESC 2 = 30, ESC 3 n = n). */
  lineSpacing?: number
}

/** Where a printed picture came from: sent as it prints, or printed from the printer's own memory. */
export type PictureStoreKind = 'download' | 'nv' | 'nv-bit-image'

/** A bit image (GS v 0 bands or ESC * strips), consecutive pieces of the same width merged; or a stored picture printed. */
export interface RasterItem {
  type: 'raster'
  width: number
  height: number
  /** 1 = black, row-major, width × height; scaled up for GS v 0 double-width/height modes. */
  bits: Uint8Array
  align: Align
  /** Set when the picture was printed from the printer's memory (GS ( L fn 85 / 69, FS p) rather than sent. */
  stored?: { store: PictureStoreKind; key: string }
}

export interface QrItem {
  type: 'qr'
  /** The stored bytes decoded as UTF-8 (invalid sequences become U+FFFD). */
  payload: string
  moduleSize: number
  ecc: 'L' | 'M' | 'Q' | 'H'
  /** 1, 2, or 3 for Micro QR. */
  model: number
  align: Align
}

export interface BarcodeItem {
  type: 'barcode'
  /** GS k m: 0–6 (function A, NUL-terminated) or 65–79 (function B, counted). */
  symbology: number
  /** The data bytes as Latin-1 (barcode data is ASCII), e.g. `{BABC` for the encoder's code128. */
  data: string
}

export interface FeedItem {
  type: 'feed'
  dots: number
}

export interface CutItem {
  type: 'cut'
  partial: boolean
}

export interface PulseItem {
  type: 'pulse'
  /** Drawer connector pin m of ESC p: 0 = pin 2, 1 = pin 5. */
  pin: 0 | 1
  onMs: number
  offMs: number
}

export interface StatusQueryItem {
  type: 'status_query'
  /** DLE EOT n: 1 printer, 2 offline cause, 3 error cause, 4 paper sensor (7, 8 with their extra byte). */
  n: number
}

/** A request the printer answers with a block of data: what its picture memory holds, or how much room is left. */
export interface MemoryQueryItem {
  type: 'memory_query'
  query: 'download-keys' | 'nv-keys' | 'download-free' | 'nv-free' | 'nv-capacity'
}

/** A picture put into (or taken out of) the printer's memory. Nothing reaches the paper. */
export interface StoreItem {
  type: 'store'
  store: PictureStoreKind
  action: 'define' | 'delete' | 'delete-all'
  /** Two printable characters (GS ( L), or the NV bit image number as text (FS q); '' for delete-all. */
  key: string
  width?: number
  height?: number
}

export interface InitItem {
  type: 'init'
}

export interface UnknownItem {
  type: 'unknown'
  /** Byte offset of the command in the stream. */
  offset: number
  bytes: number[]
}

export type DecodedItem =
  | TextItem
  | RasterItem
  | QrItem
  | BarcodeItem
  | FeedItem
  | CutItem
  | PulseItem
  | StatusQueryItem
  | MemoryQueryItem
  | StoreItem
  | InitItem
  | UnknownItem

export type ProblemCode =
  | 'image_too_wide'
  | 'qr_too_wide'
  | 'qr_data_not_utf8'
  | 'qr_length_short'
  | 'line_too_wide'
  | 'position_outside_line'
  | 'text_at_cut'
  | 'text_before_graphic'
  | 'text_lost_at_init'
  | 'align_mid_line'
  | 'character_not_in_code_page'
  | 'picture_not_stored'
  | 'picture_length_mismatch'
  | 'picture_key_invalid'

/** Something a strict reading of the stream finds out of spec, or that would not print as sent. */
export interface Problem {
  code: ProblemCode
  /** Byte offset of the command concerned. */
  offset: number
  message: string
}

/** A 1-bit picture kept in the printer: `bits[y * width + x]` is 1 for a black dot. */
export interface StoredPicture {
  width: number
  height: number
  bits: Uint8Array
}

/**
 * What a printer keeps between jobs: download graphics in RAM (gone when it is switched off), NV
 * graphics and NV bit images in flash (kept). The decoder reads and changes it as the stream defines,
 * prints and deletes pictures, so a job that prints by key can be decoded against what the printer holds.
 */
export interface PrinterMemory {
  download: Map<string, StoredPicture>
  nv: Map<string, StoredPicture>
  /** FS q images, numbered from 1 (index 0 is image 1). */
  nvBitImages: StoredPicture[]
}

export function emptyMemory(): PrinterMemory {
  return { download: new Map(), nv: new Map(), nvBitImages: [] }
}

/** Which optional command families the printer understands; a family it lacks is `unknown`, as on paper. */
export interface Understands {
  nativeQr: boolean
  downloadGraphics: boolean
  nvGraphics: boolean
  nvBitImage: boolean
}

export interface DecodeOptions {
  /** Printable width in dots; with it, images, codes, lines and positions wider than the paper are problems. */
  paperDots?: number
  /** The printer's memory before the stream (default empty); changed in place as the stream stores pictures. */
  memory?: PrinterMemory
  /** Default: everything. */
  understands?: Partial<Understands>
}
