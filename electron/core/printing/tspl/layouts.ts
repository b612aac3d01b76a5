/**
 * What goes on a label: the shop's static KHQR sticker faces (the dual-currency pair, each marked in
 * a white-on-black band and in Khmer), and shelf price labels with the riel price first and large,
 * as the Ministry of Commerce requires, the dollar price beneath only when the shop wants it.
 */

import { create as createQr } from 'qrcode'
import { type Currency, khrToUsd, usdToKhr } from '../../../../shared/money/index.ts'
import { PosError } from '../../errors.ts'
import { type Bitmap, renderTextLine, wrapText } from '../raster.ts'
import { accountMark, CURRENCY_WORDS, SCAN_WORDS, type StickerFace } from '../sticker-layouts.ts'
import { DOTS_PER_MM, fitsTsplFont, type Label, type LabelItem, TSPL_FONTS, type TsplFont } from './encode.ts'

/** The label stock loaded in the printer. */
export interface LabelStock {
  widthMm: number
  heightMm: number
  gapMm: number
}

const MARGIN = 8
/** Smallest QR module that still scans from a phone at the counter (3 dots = 0.375 mm). */
const MIN_CELL = 3

/** Lays items out top to bottom, centred or left, and says how far down it got. */
class Column {
  readonly items: LabelItem[] = []
  readonly width: number
  y: number

  constructor(width: number, top: number) {
    this.width = width
    this.y = top
  }

  /** Printer-font text, cut to the width; centred unless `left`. */
  text(text: string, font: TsplFont, options: { left?: boolean; gap?: number } = {}): void {
    const cell = TSPL_FONTS[font]
    const fits = Math.floor((this.width - 2 * MARGIN) / cell.width)
    const shown = text.length > fits ? `${text.slice(0, Math.max(0, fits - 1))}~` : text
    const x = options.left ? MARGIN : Math.floor((this.width - shown.length * cell.width) / 2)
    this.items.push({ kind: 'text', x, y: this.y, font, text: shown })
    this.y += cell.height + (options.gap ?? 6)
  }

  /** Drawn text (Khmer, and anything the printer's fonts lack), wrapped to the width, at most `lines` lines. */
  drawn(text: string, size: number, options: { bold?: boolean; left?: boolean; lines?: number } = {}): void {
    const textOptions = { width: this.width - 2 * MARGIN, size, bold: options.bold ?? false }
    for (const line of wrapText(text, textOptions).slice(0, options.lines ?? 2)) {
      const bitmap = renderTextLine(line, textOptions)
      this.picture(bitmap, options.left ?? false)
      this.y += Math.round(size * 0.35)
    }
  }

  picture(bitmap: Bitmap, left: boolean): void {
    const x = left ? MARGIN : Math.floor((this.width - bitmap.width) / 2)
    this.items.push({ kind: 'bitmap', x, y: this.y, bitmap })
    this.y += bitmap.height
  }

  /** Text that is ASCII goes in a printer font; anything else is drawn. */
  words(text: string, font: TsplFont, size: number, options: { left?: boolean } = {}): void {
    if (fitsTsplFont(text)) this.text(text, font, options)
    else this.drawn(text, size, options)
  }
}

function labelOf(stock: LabelStock, items: LabelItem[]): Label {
  return { widthMm: stock.widthMm, heightMm: stock.heightMm, gapMm: stock.gapMm, items, copies: 1 }
}

/**
 * One sticker face per label: the band (KHQR and the currency, reversed out of black by REVERSE),
 * the currency in Khmer, the merchant's names, the code as large as the label allows with its quiet
 * zone, the account, how to pay and the serial.
 */
export function stickerLabels(faces: readonly StickerFace[], stock: LabelStock, ecc: 'M' | 'Q'): Label[] {
  const width = Math.round(stock.widthMm * DOTS_PER_MM)
  const height = Math.round(stock.heightMm * DOTS_PER_MM)
  return faces.map((face) => {
    const column = new Column(width, 8)
    const band = `KHQR  ${CURRENCY_WORDS[face.currency].code}`
    column.text(band, '4', { gap: 0 })
    column.items.push({ kind: 'reverse', x: 0, y: 0, width, height: TSPL_FONTS['4'].height + 16 })
    column.y = TSPL_FONTS['4'].height + 24
    column.drawn(CURRENCY_WORDS[face.currency].km, 30, { bold: true, lines: 1 })
    if (face.merchantNameKm) column.drawn(face.merchantNameKm, 28, { bold: true, lines: 1 })
    column.words(face.merchantNameEn, '3', 24)
    const below = new Column(width, 0)
    below.text(accountMark(face.account), '2')
    below.drawn(SCAN_WORDS.km, 22, { lines: 1 })
    below.text(`${face.serial} ${CURRENCY_WORDS[face.currency].code}`, '1')
    const modules = createQr(face.payload, { errorCorrectionLevel: ecc }).modules.size
    const room = Math.min(width - 2 * MARGIN, height - column.y - below.y - MARGIN)
    const cell = Math.min(10, Math.floor(room / (modules + 8)))
    if (cell < MIN_CELL) {
      throw new PosError(
        'label_too_small',
        `A ${stock.widthMm} × ${stock.heightMm} mm label is too small for a KHQR that scans: use labels of at least 50 × 70 mm.`,
      )
    }
    const side = modules * cell
    column.items.push({
      kind: 'qr',
      x: Math.floor((width - side) / 2),
      y: column.y + 4 * cell,
      ecc,
      cell,
      payload: face.payload,
    })
    const top = column.y + (modules + 8) * cell
    for (const item of below.items) column.items.push({ ...item, y: item.y + top })
    return labelOf(stock, column.items)
  })
}

/** A product on a shelf label. */
export interface ShelfItem {
  nameKm: string
  nameEn: string
  /** The product's own price, in minor units of its own currency (per kg when sold by weight). */
  price: number
  currency: Currency
  perKg: boolean
}

/** Riel grouped by thousands, with no sign (the sign is drawn). */
function rielFigure(riel: number): string {
  return String(riel).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

function dollars(cents: number): string {
  return `$${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`
}

/**
 * Shelf price labels: the Khmer name, the English name, the riel price large (the riel sign drawn,
 * the figure in the printer's largest font), per kg where sold by weight; the dollar price after it
 * only when asked (`dual`). A dollar-priced product shows its riel price at today's rate.
 */
export function shelfLabels(
  items: readonly ShelfItem[],
  stock: LabelStock,
  options: { dual: boolean; khrPerUsd: number },
): Label[] {
  const width = Math.round(stock.widthMm * DOTS_PER_MM)
  return items.map((item) => {
    const column = new Column(width, 8)
    if (item.nameKm) column.drawn(item.nameKm, 24, { bold: true, left: true, lines: 2 })
    if (item.nameEn) column.words(item.nameEn, '2', 20, { left: true })
    const riel = item.currency === 'KHR' ? item.price : usdToKhr(item.price, options.khrPerUsd)
    const sign = renderTextLine('៛', { width: 64, size: 36, bold: true })
    const figure = rielFigure(riel)
    const figureCell = TSPL_FONTS['5']
    const signTop = column.y + Math.max(0, Math.round((figureCell.height - sign.height) / 2))
    column.items.push({ kind: 'bitmap', x: MARGIN, y: signTop, bitmap: sign })
    column.items.push({ kind: 'text', x: MARGIN + sign.width + 6, y: column.y, font: '5', text: figure })
    const perKg = item.perKg ? '/kg' : ''
    if (perKg)
      column.items.push({
        kind: 'text',
        x: MARGIN + sign.width + 6 + figure.length * figureCell.width + 4,
        y: column.y + figureCell.height - TSPL_FONTS['3'].height,
        font: '3',
        text: perKg,
      })
    column.y += figureCell.height + 6
    if (options.dual) {
      const usd = item.currency === 'USD' ? item.price : khrToUsd(item.price, options.khrPerUsd)
      column.text(`${dollars(usd)}${perKg}`, '3', { left: true })
    }
    return labelOf(stock, column.items)
  })
}
