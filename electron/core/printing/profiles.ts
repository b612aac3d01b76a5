/** What a printer model can do; chosen per printer in the settings and checked with a test page. */
export interface PrinterProfile {
  id: string
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
  /** ESC/POS code page for native text; receipts keep native text ASCII, so CP437 serves. */
  codepage: 'cp437'
  /** QR module size in dots for per-sale codes on receipts, and for stickers (escpos-printing.md §6). */
  qrModule: { receipt: number; sticker: number }
}

export const PROFILES: readonly PrinterProfile[] = [
  {
    id: 'generic-80',
    name: '80 mm (576 dots), native QR, cutter',
    paperDots: 576,
    columns: { A: 48, B: 64 },
    nativeQr: true,
    cutter: true,
    drawerPin: 0,
    codepage: 'cp437',
    qrModule: { receipt: 6, sticker: 10 },
  },
  {
    id: 'generic-58',
    name: '58 mm (384 dots), native QR, no cutter',
    paperDots: 384,
    columns: { A: 32, B: 42 },
    nativeQr: true,
    cutter: false,
    drawerPin: 0,
    codepage: 'cp437',
    qrModule: { receipt: 5, sticker: 7 },
  },
  {
    id: 'raster-58',
    name: '58 mm (384 dots), QR as image (POS-5890 class)',
    paperDots: 384,
    columns: { A: 32, B: 42 },
    nativeQr: false,
    cutter: false,
    drawerPin: 0,
    codepage: 'cp437',
    qrModule: { receipt: 5, sticker: 7 },
  },
]

export function profileFor(paperWidth: 58 | 80, nativeQr = true): PrinterProfile {
  const id = paperWidth === 80 ? 'generic-80' : nativeQr ? 'generic-58' : 'raster-58'
  return PROFILES.find((profile) => profile.id === id) as PrinterProfile
}

/** The profile of the printer described in the settings. */
export function profileFromSettings(printer: {
  paperWidth: 58 | 80
  nativeQr: boolean
  cutter: boolean
  drawerPin: 0 | 1
}): PrinterProfile {
  const base = profileFor(printer.paperWidth, printer.nativeQr)
  return { ...base, nativeQr: printer.nativeQr, cutter: printer.cutter, drawerPin: printer.drawerPin }
}
