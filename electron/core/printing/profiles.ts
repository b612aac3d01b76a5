/** What a printer model can do; chosen per printer in the settings and checked with a test page. */
import type { PrinterSettings } from '../../../shared/views.ts'

/**
 * Where the printer keeps pictures so a slip prints them by key instead of sending them again:
 * download graphics in RAM (`GS ( L` fn 83/85, lost when it is switched off), NV graphics in flash
 * (fn 67/69, kept), the NV bit images of older printers (`FS q` / `FS p`), none (plain raster), or
 * `auto`: the printer is asked once which of the first two it has.
 */
export type PictureMemory = PrinterSettings['pictures']

export interface PrinterProfile {
  /** Names the settings it stands for, e.g. `80mm-nativeqr-cutter-auto` (the test page's QR carries it). */
  id: string
  /** In words, e.g. "80 mm (576 dots), native QR, cutter, pictures kept: asked of the printer". */
  name: string
  /** Printable width in dots at 203 dpi: 384 on 58 mm paper, 576 on 80 mm. */
  paperDots: 384 | 576
  /** Characters per line in font A (12×24) and font B (9×17). */
  columns: { A: number; B: number }
  /** `GS ( k` QR; cheap 58 mm printers often lack it, and then QR codes are sent as raster images. */
  nativeQr: boolean
  cutter: boolean
  /** Which drawer connector pin the kick pulses (ESC p m). */
  drawerPin: 0 | 1
  /** ESC/POS code page for native text (Epson number); text it lacks is drawn. */
  codepage: 0
  /** QR module size in dots for per-sale codes on receipts, and for stickers (escpos-printing.md §6). */
  qrModule: { receipt: number; sticker: number }
  pictures: PictureMemory
}

const PICTURE_WORDS: Record<PictureMemory, string> = {
  auto: 'pictures kept: asked of the printer',
  download: 'pictures kept in RAM (download graphics)',
  nv: 'pictures kept in flash (NV graphics)',
  'nv-bit-image': 'pictures kept as NV bit images (FS p)',
  none: 'pictures sent every time',
}

type Abilities = Pick<PrinterSettings, 'paperWidth' | 'nativeQr' | 'cutter' | 'drawerPin'> & {
  pictures?: PictureMemory
}

/** The profile of the printer described in the settings: id and name say exactly what was set, not a base model. */
export function profileFromSettings(abilities: Abilities): PrinterProfile {
  const wide = abilities.paperWidth === 80
  const pictures = abilities.pictures ?? 'auto'
  const qr = abilities.nativeQr ? 'native QR' : 'QR as image'
  const cut = abilities.cutter ? 'cutter' : 'no cutter'
  return {
    id: `${abilities.paperWidth}mm-${abilities.nativeQr ? 'nativeqr' : 'rasterqr'}-${abilities.cutter ? 'cutter' : 'nocutter'}-${pictures}`,
    name: `${abilities.paperWidth} mm (${wide ? 576 : 384} dots), ${qr}, ${cut}, ${PICTURE_WORDS[pictures]}`,
    paperDots: wide ? 576 : 384,
    columns: wide ? { A: 48, B: 64 } : { A: 32, B: 42 },
    nativeQr: abilities.nativeQr,
    cutter: abilities.cutter,
    drawerPin: abilities.drawerPin,
    codepage: 0,
    qrModule: wide ? { receipt: 6, sticker: 10 } : { receipt: 5, sticker: 7 },
    pictures,
  }
}

/** A common printer of this paper width: 80 mm with a cutter, 58 mm without (tests, previews, benchmarks). */
export function profileFor(paperWidth: 58 | 80, nativeQr = true, pictures: PictureMemory = 'none'): PrinterProfile {
  return profileFromSettings({ paperWidth, nativeQr, cutter: paperWidth === 80, drawerPin: 0, pictures })
}
