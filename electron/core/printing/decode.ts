/**
 * A small ESC/POS stream decoder for tests and previews (escpos-printing.md §4): turns the bytes a
 * printer would receive into checkable items — printed text lines, raster images, native QR codes,
 * barcodes, feeds, cuts, drawer pulses, status queries. It covers what our printer code and
 * @point-of-sale/receipt-printer-encoder 4.0.1 (`language: 'esc-pos'`) send. Every command it does not
 * model is reported as `unknown` with its offset and bytes, never skipped: decoding resumes after it when
 * its length follows from the ESC/POS command format, otherwise the rest of the stream is one unknown item.
 *
 * Conventions (Epson TM semantics): dots at 203 dpi, one motion unit = one dot, code pages numbered as
 * Epson's `ESC t` table (the encoder's default `codepageMapping: 'epson'`).
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

/** A bit image (GS v 0 bands or ESC * strips), consecutive pieces of the same width merged. */
export interface RasterItem {
  type: 'raster'
  width: number
  height: number
  /** 1 = black, row-major, width × height; scaled up for GS v 0 double-width/height modes. */
  bits: Uint8Array
  align: Align
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
  | InitItem
  | UnknownItem

/** ESC 2: the default line spacing, in dots. */
export const DEFAULT_LINE_SPACING = 30

/** Character cell widths in dots (font A 12×24, font B 9×17), before the width multiplier. */
const CELL_WIDTH: Record<PrinterFont, number> = { A: 12, B: 9 }

/** Height in dots of the strip one ESC * command prints (8-dot modes are printed at a third of the density). */
const COLUMN_STRIP_DOTS = 24

const ESC = 0x1b
const GS = 0x1d
const FS = 0x1c
const DLE = 0x10
const LF = 0x0a
const CR = 0x0d
const HT = 0x09

/**
 * Characters of bytes 0x80–0xFF per `ESC t n`, Epson numbering (U+FFFD where a page has no character).
 * Pages missing here (Katakana, Thai, Vietnamese, Arabic, Hebrew, user-defined) decode as U+FFFD.
 */
const CODE_PAGES: Record<number, string> = {
  0: 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0', // cp437
  2: 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0', // cp850
  3: 'ÇüéâãàÁçêÊèÍÔìÃÂÉÀÈôõòÚùÌÕÜ¢£Ù₧ÓáíóúñÑªº¿Ò¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0', // cp860
  4: 'ÇüéâÂà¶çêëèïî‗À§ÉÈÊôËÏûù¤ÔÜ¢£ÙÛƒ¦´óú¨¸³¯Î⌐¬½¼¾«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0', // cp863
  5: 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø₧ƒáíóúñÑªº¿⌐¬½¼¡«¤░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0', // cp865
  11: 'ÇüéâäàΆçêëèïîΈÄΉΊ\ufffdΌôöΎûùΏÖÜά£έήίϊΐόύΑΒΓΔΕΖΗ½ΘΙ«»░▒▓│┤ΚΛΜΝ╣║╗╝ΞΟ┐└┴┬├─┼ΠΡ╚╔╩╦╠═╬ΣΤΥΦΧΨΩαβγ┘┌█▄δε▀ζηθικλμνξοπρσςτ´\u00ad±υφχ§ψ¸°¨ωϋΰώ■\u00a0', // cp851
  12: 'ÇüéâäàĉçêëèïîìÄĈÉċĊôöòûùİÖÜĝ£Ĝ×ĵáíóúñÑĞğĤĥ\ufffd½Ĵş«»░▒▓│┤ÁÂÀŞ╣║╗╝Żż┐└┴┬├─┼Ŝŝ╚╔╩╦╠═╬¤\ufffd\ufffdÊËÈıÍÎÏ┘┌█▄\ufffdÌ▀ÓßÔÒĠġµĦħÚÛÙŬŭ\ufffd´\u00ad\ufffdℓŉ˘§÷¸°¨˙\ufffd³²■\u00a0', // cp853
  13: 'ÇüéâäàåçêëèïîıÄÅÉæÆôöòûùİÖÜø£ØŞşáíóúñÑĞğ¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ºªÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµ\ufffd×ÚÛÙìÿ¯´\u00ad±\ufffd¾¶§÷¸°¨·¹³²■\u00a0', // cp857
  14: 'ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρσςτυφχψ░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀ωάέήϊίόύϋώΆΈΉΊΌΎΏ±≥≤ΪΫ÷≈°∙·√ⁿ²■\u00a0', // cp737
  15: '\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\u00a0‘’£€₯¦§¨©ͺ«¬\u00ad®―°±²³΄΅Ά·ΈΉΊ»Ό½ΎΏΐΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡÒΣΤΥΦΧΨΩΪΫάέήίΰαβγδεζηθικλμνξοπρςστυφχψωϊϋόύώÿ', // iso8859-7
  16: '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ', // windows1252
  17: 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмноп░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀рстуфхцчшщъыьэюяЁёЄєЇїЎў°∙·√№¤■\u00a0', // cp866
  18: 'ÇüéâäůćçłëŐőîŹÄĆÉĹĺôöĽľŚśÖÜŤťŁ×čáíóúĄąŽžĘę¬źČş«»░▒▓│┤ÁÂĚŞ╣║╗╝Żż┐└┴┬├─┼Ăă╚╔╩╦╠═╬¤đĐĎËďŇÍÎě┘┌█▄ŢŮ▀ÓßÔŃńňŠšŔÚŕŰýÝţ´\u00ad˝˛ˇ˘§÷¸°¨˙űŘř■\u00a0', // cp852
  19: 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0', // cp858
  33: 'ĆüéāäģåćłēŖŗīŹÄÅÉæÆōöĢ¢ŚśÖÜø£Ø×¤ĀĪóŻżź”¦©®¬½¼Ł«»░▒▓│┤ĄČĘĖ╣║╗╝ĮŠ┐└┴┬├─┼ŲŪ╚╔╩╦╠═╬Žąčęėįšųūž┘┌█▄▌▐▀ÓßŌŃõÕµńĶķĻļņĒŅ’\u00ad±“¾¶§÷„°∙·¹³²■\u00a0', // cp775
  34: 'ђЂѓЃёЁєЄѕЅіІїЇјЈљЉњЊћЋќЌўЎџЏюЮъЪаАбБцЦдДеЕфФгГ«»░▒▓│┤хХиИ╣║╗╝йЙ┐└┴┬├─┼кК╚╔╩╦╠═╬¤лЛмМнНоОп┘┌█▄Пя▀ЯрРсСтТуУжЖвВьЬ№\u00adыЫзЗшШэЭщЩчЧ§■\u00a0', // cp855
  35: 'ÇüéâäàåçêëèÐðÞÄÅÉæÆôöþûÝýÖÜø£Ø₧ƒáíóúÁÍÓÚ¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0', // cp861
  38: '\ufffd\ufffd\ufffd\ufffd\ufffd\ufffdΆ\ufffd·¬¦‘’Έ―ΉΊΪΌ\ufffd\ufffdΎΫ©Ώ²³ά£έήίϊΐόύΑΒΓΔΕΖΗ½ΘΙ«»░▒▓│┤ΚΛΜΝ╣║╗╝ΞΟ┐└┴┬├─┼ΠΡ╚╔╩╦╠═╬ΣΤΥΦΧΨΩαβγ┘┌█▄δε▀ζηθικλμνξοπρσςτ΄\u00ad±υφχ§ψ΅°¨ωϋΰώ■\u00a0', // cp869
  39: '░▒▓│┤┘┌█©╣║╗╝¢¥┐└┴┬├─┼▄▀╚╔╩╦╠═╬®\u00a0Ą˘Ł¤ĽŚ§¨ŠŞŤŹ\u00adŽŻ°ą˛ł´ľśˇ¸šşťź˝žżŔÁÂĂÄĹĆÇČÉĘËĚÍÎĎĐŃŇÓÔŐÖ×ŘŮÚŰÜÝŢßŕáâăäĺćçčéęëěíîďđńňóôőö÷řůúűüýţ˙', // epson/iso8859-2
  40: '\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\u00a0¡¢£€¥Š§š©ª«¬\u00ad®¯°±²³Žµ¶·ž¹º»ŒœŸ¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ', // iso8859-15
  44: 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмноп░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀рстуфхцчшщъыьэюяЁёҐґЄєІіЇї÷±№¤■\u00a0', // cp1125
  45: '€\ufffd‚\ufffd„…†‡\ufffd‰Š‹ŚŤŽŹ\ufffd‘’“”•–—\ufffd™š›śťžź\u00a0ˇ˘Ł¤Ą¦§¨©Ş«¬\u00ad®Ż°±˛ł´µ¶·¸ąş»Ľ˝ľżŔÁÂĂÄĹĆÇČÉĘËĚÍÎĎĐŃŇÓÔŐÖ×ŘŮÚŰÜÝŢßŕáâăäĺćçčéęëěíîďđńňóôőö÷řůúűüýţ˙', // windows1250
  46: 'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\ufffd™љ›њќћџ\u00a0ЎўЈ¤Ґ¦§Ё©Є«¬\u00ad®Ї°±Ііґµ¶·ё№є»јЅѕїАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя', // windows1251
  47: '€\ufffd‚ƒ„…†‡\ufffd‰\ufffd‹\ufffd\ufffd\ufffd\ufffd\ufffd‘’“”•–—\ufffd™\ufffd›\ufffd\ufffd\ufffd\ufffd\u00a0΅Ά£¤¥¦§¨©\ufffd«¬\u00ad®―°±²³΄µ¶·ΈΉΊ»Ό½ΎΏΐΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡ\ufffdΣΤΥΦΧΨΩΪΫάέήίΰαβγδεζηθικλμνξοπρςστυφχψωϊϋόύώ\ufffd', // windows1253
  48: '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffd\ufffd\ufffd\ufffd‘’“”•–—˜™š›œ\ufffd\ufffdŸ\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏĞÑÒÓÔÕÖ×ØÙÚÛÜİŞßàáâãäåæçèéêëìíîïğñòóôõö÷øùúûüışÿ', // windows1254
  51: '€\ufffd‚\ufffd„…†‡\ufffd‰\ufffd‹\ufffd¨ˇ¸\ufffd‘’“”•–—\ufffd™\ufffd›\ufffd¯˛\ufffd\u00a0\ufffd¢£¤\ufffd¦§Ø©Ŗ«¬\u00ad®Æ°±²³´µ¶·ø¹ŗ»¼½¾æĄĮĀĆÄÅĘĒČÉŹĖĢĶĪĻŠŃŅÓŌÕÖ×ŲŁŚŪÜŻŽßąįāćäåęēčéźėģķīļšńņóōõö÷ųłśūüżž˙', // windows1257
  52: '€\ufffd‚ƒ„…†‡ˆ‰\ufffd‹Œ\ufffd\ufffd\ufffd\ufffd‘’“”•–—˜™\ufffd›œ\ufffd\ufffdŸ\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂĂÄÅÆÇÈÉÊË\u0300ÍÎÏĐÑ\u0309ÓÔƠÖ×ØÙÚÛÜƯ\u0303ßàáâăäåæçèéêë\u0301íîïđñ\u0323óôơö÷øùúûüư₫ÿ', // windows1258
}

interface Style {
  bold: boolean
  doubleStrike: boolean
  underline: boolean
  width: number
  height: number
  font: PrinterFont
  invert: boolean
  italic: boolean
}

const DEFAULT_STYLE: Readonly<Style> = {
  bold: false,
  doubleStrike: false,
  underline: false,
  width: 1,
  height: 1,
  font: 'A',
  invert: false,
  italic: false,
}

const QR_ECC = ['L', 'M', 'Q', 'H'] as const

/** Where a raster piece came from: only pieces of the same kind are merged into one image. */
type RasterSource = 'GS v 0' | 'ESC *'

/**
 * Decodes an ESC/POS byte stream into items in stream order. Never throws: malformed or truncated
 * commands become `unknown` items.
 */
export function decodeEscPos(bytes: Uint8Array): DecodedItem[] {
  return new StreamDecoder(bytes).run()
}

/** The printed text lines, trailing spaces trimmed (leading alignment padding kept). */
export function decodedText(items: readonly DecodedItem[]): string[] {
  return items.flatMap((item) => (item.type === 'text' ? [item.text.trimEnd()] : []))
}

class StreamDecoder {
  private readonly bytes: Uint8Array
  private readonly items: DecodedItem[] = []
  private align: Align = 'left'
  private style: Style = { ...DEFAULT_STYLE }
  private lineSpacing = DEFAULT_LINE_SPACING
  private codePage = 0
  /** FS &: bytes 0x80–0xFF start two-byte (Kanji/Chinese) characters. */
  private kanji = false
  private qr: { model: number; size: number; ecc: QrItem['ecc']; data: Uint8Array | null } = defaultQr()
  /** The line buffer: text runs, and the strip of ESC * column images waiting for the LF that prints them. */
  private runs: TextRun[] = []
  /** Print position on the current line in dots, and a position set by ESC $ / ESC \ for the next run. */
  private lineX = 0
  private movedTo: number | null = null
  private strip: { width: number; bits: Uint8Array } | null = null
  /** The last item, when it is a raster that the next piece of the same image may extend. */
  private openRaster: { item: RasterItem; source: RasterSource } | null = null

  constructor(bytes: Uint8Array) {
    this.bytes = bytes
  }

  run(): DecodedItem[] {
    let at = 0
    while (at < this.bytes.length) at = this.step(at)
    this.printLineBuffer(false)
    return this.items
  }

  private step(at: number): number {
    const byte = this.byte(at)
    if (byte === LF) {
      this.printLineBuffer(true)
      return at + 1
    }
    if (byte === CR) return at + 1 // ignored without auto line feed (the encoder ends lines with LF CR)
    if (byte === HT) {
      const column = this.runs.reduce((sum, run) => sum + run.text.length, 0)
      this.addText(' '.repeat(8 - (column % 8))) // default tab stops every 8 characters
      return at + 1
    }
    if (byte === ESC) return this.escape(at)
    if (byte === GS) return this.groupSeparator(at)
    if (byte === FS) return this.fileSeparator(at)
    if (byte === DLE) return this.dataLinkEscape(at)
    if (byte < 0x20) return this.unknown(at, 1)
    if (byte >= 0x80 && this.kanji) {
      if (at + 1 >= this.bytes.length) return this.unknownRest(at)
      this.addText('\ufffd')
      return at + 2
    }
    this.addText(this.character(byte))
    return at + 1
  }

  // ---- ESC commands

  private escape(at: number): number {
    if (at + 2 > this.bytes.length) return this.unknownRest(at)
    const command = this.byte(at + 1)
    switch (command) {
      case 0x40: // ESC @ initialize. The printer drops an unfinished line; it is reported anyway, so nothing vanishes
        this.printLineBuffer(false)
        this.align = 'left'
        this.style = { ...DEFAULT_STYLE }
        this.lineSpacing = DEFAULT_LINE_SPACING
        this.codePage = 0
        this.kanji = false
        this.qr = defaultQr()
        this.push({ type: 'init' })
        return at + 2
      case 0x32: // ESC 2 default line spacing
        this.lineSpacing = DEFAULT_LINE_SPACING
        return at + 2
      case 0x69: // ESC i, ESC m: partial cut (older forms)
      case 0x6d:
        this.printLineBuffer(false)
        this.push({ type: 'cut', partial: true })
        return at + 2
      case 0x21: // ESC ! n print mode
        return this.withArgument(at, 3, (n) => {
          this.style.font = n & 0x01 ? 'B' : 'A'
          this.style.bold = (n & 0x08) !== 0
          this.style.height = n & 0x10 ? 2 : 1
          this.style.width = n & 0x20 ? 2 : 1
          this.style.underline = (n & 0x80) !== 0
          return true
        })
      case 0x45: // ESC E n emphasised
        return this.withArgument(at, 3, (n) => {
          this.style.bold = (n & 1) === 1
          return true
        })
      case 0x47: // ESC G n double-strike
        return this.withArgument(at, 3, (n) => {
          this.style.doubleStrike = (n & 1) === 1
          return true
        })
      case 0x34: // ESC 4 n italic (encoder)
        return this.withArgument(at, 3, (n) => {
          this.style.italic = (n & 1) === 1
          return true
        })
      case 0x2d: // ESC - n underline: 0/48 off, 1/49 one dot, 2/50 two dots
        return this.withArgument(at, 3, (n) => {
          const mode = n >= 0x30 ? n - 0x30 : n
          if (mode > 2) return false
          this.style.underline = mode > 0
          return true
        })
      case 0x4d: // ESC M n font
        return this.withArgument(at, 3, (n) => {
          const font = n >= 0x30 ? n - 0x30 : n
          if (font > 1) return false
          this.style.font = font === 1 ? 'B' : 'A'
          return true
        })
      case 0x61: // ESC a n justification
        return this.withArgument(at, 3, (n) => {
          const align = (['left', 'center', 'right'] as const)[n >= 0x30 ? n - 0x30 : n]
          if (!align) return false
          this.align = align
          return true
        })
      case 0x74: // ESC t n code page
        return this.withArgument(at, 3, (n) => {
          this.codePage = n
          return true
        })
      case 0x52: // ESC R n international character set: only USA (0) is modelled
        return this.withArgument(at, 3, (n) => n === 0)
      case 0x33: // ESC 3 n line spacing
        return this.withArgument(at, 3, (n) => {
          this.lineSpacing = n
          return true
        })
      case 0x4a: // ESC J n print and feed n dots
        return this.withArgument(at, 3, (n) => {
          this.printLineBuffer(false)
          this.push({ type: 'feed', dots: n })
          return true
        })
      case 0x64: // ESC d n print and feed n lines
        return this.withArgument(at, 3, (n) => {
          this.printLineBuffer(false)
          this.push({ type: 'feed', dots: n * this.lineSpacing })
          return true
        })
      case 0x70: // ESC p m t1 t2 drawer kick pulse
        return this.known(at, 5, () => {
          const pin = this.byte(at + 2)
          if (pin !== 0 && pin !== 1 && pin !== 0x30 && pin !== 0x31) return false
          this.push({ type: 'pulse', pin: pin & 1 ? 1 : 0, onMs: this.byte(at + 3) * 2, offMs: this.byte(at + 4) * 2 })
          return true
        })
      case 0x2a: // ESC * m nL nH d1…dk column bit image
        return this.columnImage(at)
      case 0x63: {
        // ESC c 3 n / ESC c 4 n paper sensors, ESC c 5 n panel buttons: no effect on paper
        if (at + 3 > this.bytes.length) return this.unknownRest(at)
        const sub = this.byte(at + 2)
        if (sub !== 0x33 && sub !== 0x34 && sub !== 0x35) return this.unknownRest(at)
        return at + 4 <= this.bytes.length ? at + 4 : this.unknownRest(at)
      }
      // Not modelled, length known: reported as unknown and skipped.
      case 0x0c: // ESC FF print in page mode
      case 0x4c: // ESC L page mode
      case 0x53: // ESC S standard mode
        return this.unknown(at, 2)
      case 0x20: // ESC SP character spacing
      case 0x25: // ESC % user-defined characters
      case 0x3d: // ESC = peripheral device
      case 0x3f: // ESC ? cancel user-defined character
      case 0x4b: // ESC K reverse feed
      case 0x54: // ESC T print direction (page mode)
      case 0x55: // ESC U unidirectional printing
      case 0x56: // ESC V 90° rotation
      case 0x65: // ESC e reverse feed lines
      case 0x72: // ESC r print colour
      case 0x7b: // ESC { upside down
        return this.unknown(at, 3)
      case 0x24: // ESC $ nL nH absolute print position (dots from the left margin)
        return this.withArgument(at, 4, () => {
          this.moveTo(this.byte(at + 2) | (this.byte(at + 3) << 8))
          return true
        })
      case 0x5c: {
        // ESC \ nL nH relative print position, signed
        return this.withArgument(at, 4, () => {
          const offset = ((this.byte(at + 2) | (this.byte(at + 3) << 8)) << 16) >> 16
          if (this.lineX + offset < 0) return false
          this.moveTo(this.lineX + offset)
          return true
        })
      }
      case 0x57: // ESC W print area in page mode
        return this.unknown(at, 10)
      case 0x28: // ESC ( x pL pH …
        return this.unknownCounted(at)
      case 0x44: {
        // ESC D n1 … nk NUL tab stops
        const end = this.bytes.indexOf(0, at + 2)
        return end < 0 ? this.unknownRest(at) : this.unknown(at, end + 1 - at)
      }
      default:
        return this.unknownRest(at)
    }
  }

  /** ESC * m nL nH: a 24-dot strip (8-dot modes stretched 3× vertically, single density 2× horizontally). */
  private columnImage(at: number): number {
    if (at + 5 > this.bytes.length) return this.unknownRest(at)
    const mode = this.byte(at + 2)
    if (mode !== 0 && mode !== 1 && mode !== 32 && mode !== 33) return this.unknownRest(at)
    const columns = this.byte(at + 3) | (this.byte(at + 4) << 8)
    const bytesPerColumn = mode >= 32 ? 3 : 1
    const length = 5 + columns * bytesPerColumn
    if (at + length > this.bytes.length) return this.unknownRest(at)
    const dotWidth = mode === 0 || mode === 32 ? 2 : 1
    const dotHeight = mode < 32 ? 3 : 1
    const width = columns * dotWidth
    const bits = new Uint8Array(width * COLUMN_STRIP_DOTS)
    for (let column = 0; column < columns; column++) {
      for (let k = 0; k < bytesPerColumn; k++) {
        const value = this.byte(at + 5 + column * bytesPerColumn + k)
        for (let bit = 0; bit < 8; bit++) {
          if (!(value & (0x80 >> bit))) continue
          const top = (k * 8 + bit) * dotHeight
          for (let y = top; y < top + dotHeight; y++)
            bits.fill(1, y * width + column * dotWidth, y * width + (column + 1) * dotWidth)
        }
      }
    }
    const strip = this.strip
    if (!strip) this.strip = { width, bits }
    else {
      // a second image on the same line is printed to the right of the first
      const joined = new Uint8Array((strip.width + width) * COLUMN_STRIP_DOTS)
      for (let y = 0; y < COLUMN_STRIP_DOTS; y++) {
        joined.set(strip.bits.subarray(y * strip.width, (y + 1) * strip.width), y * (strip.width + width))
        joined.set(bits.subarray(y * width, (y + 1) * width), y * (strip.width + width) + strip.width)
      }
      this.strip = { width: strip.width + width, bits: joined }
    }
    return at + length
  }

  // ---- GS commands

  private groupSeparator(at: number): number {
    if (at + 2 > this.bytes.length) return this.unknownRest(at)
    const command = this.byte(at + 1)
    switch (command) {
      case 0x21: // GS ! n character size
        return this.withArgument(at, 3, (n) => {
          if (n & 0x88) return false
          this.style.width = (n >> 4) + 1
          this.style.height = (n & 0x0f) + 1
          return true
        })
      case 0x42: // GS B n white/black reverse
        return this.withArgument(at, 3, (n) => {
          this.style.invert = (n & 1) === 1
          return true
        })
      case 0x48: // GS H, GS f, GS h, GS w: barcode text position, font, height, module width
      case 0x66:
      case 0x68:
      case 0x77:
      case 0x61: // GS a n automatic status back: no effect on paper
        return this.withArgument(at, 3, () => true)
      case 0x50: // GS P x y motion units (the encoder sets the printer's dpi around column images)
        return at + 4 <= this.bytes.length ? at + 4 : this.unknownRest(at)
      case 0x56: // GS V cut
        return this.cut(at)
      case 0x76: // GS v 0 raster image
        return this.byte(at + 2) === 0x30 ? this.rasterBand(at) : this.unknownRest(at)
      case 0x28: // GS ( x pL pH …
        return this.byte(at + 2) === 0x6b ? this.symbol(at) : this.unknownCounted(at)
      case 0x6b: // GS k barcode
        return this.barcode(at)
      case 0x38: {
        // GS 8 L p1 p2 p3 p4 … graphics with a 32-bit length
        if (at + 7 > this.bytes.length || this.byte(at + 2) !== 0x4c) return this.unknownRest(at)
        const length =
          this.byte(at + 3) + this.byte(at + 4) * 0x100 + this.byte(at + 5) * 0x10000 + this.byte(at + 6) * 0x1000000
        return this.unknown(at, 7 + length)
      }
      // Not modelled, length known: reported as unknown and skipped.
      case 0x3a: // GS : macro definition
        return this.unknown(at, 2)
      case 0x2f: // GS / print downloaded bit image
      case 0x45: // GS E print density (some models)
      case 0x49: // GS I printer ID
      case 0x54: // GS T set print position to the beginning of the line
      case 0x62: // GS b smoothing
      case 0x72: // GS r transmit status
        return this.unknown(at, 3)
      case 0x24: // GS $ vertical position (page mode)
      case 0x4c: // GS L left margin
      case 0x57: // GS W print area width
      case 0x5c: // GS \ relative vertical position
        return this.unknown(at, 4)
      case 0x5e: // GS ^ execute macro
        return this.unknown(at, 5)
      case 0x2a: // GS * x y d… define downloaded bit image
        if (at + 4 > this.bytes.length) return this.unknownRest(at)
        return this.unknown(at, 4 + this.byte(at + 2) * this.byte(at + 3) * 8)
      default:
        return this.unknownRest(at)
    }
  }

  /** GS V m [n]: 0/48 full, 1/49 partial; 65/66 feed n then cut; 97/98 and 103/104 preset cuts. */
  private cut(at: number): number {
    if (at + 3 > this.bytes.length) return this.unknownRest(at)
    const mode = this.byte(at + 2)
    if (mode === 0 || mode === 1 || mode === 0x30 || mode === 0x31) {
      this.printLineBuffer(false)
      this.push({ type: 'cut', partial: (mode & 1) === 1 })
      return at + 3
    }
    if (mode === 65 || mode === 66 || mode === 97 || mode === 98 || mode === 103 || mode === 104) {
      if (at + 4 > this.bytes.length) return this.unknownRest(at)
      this.printLineBuffer(false)
      const feed = this.byte(at + 3)
      if ((mode === 65 || mode === 66) && feed > 0) this.push({ type: 'feed', dots: feed })
      this.push({ type: 'cut', partial: mode === 66 || mode === 98 || mode === 104 })
      return at + 4
    }
    return this.unknownRest(at)
  }

  /** GS v 0 m xL xH yL yH d1…dk: one band; consecutive bands of one width and alignment form one image. */
  private rasterBand(at: number): number {
    if (at + 8 > this.bytes.length) return this.unknownRest(at)
    const mode = this.byte(at + 3)
    const widthBytes = this.byte(at + 4) | (this.byte(at + 5) << 8)
    const rows = this.byte(at + 6) | (this.byte(at + 7) << 8)
    const length = 8 + widthBytes * rows
    if (at + length > this.bytes.length) return this.unknownRest(at)
    const scale = mode <= 3 ? mode : mode >= 0x30 && mode <= 0x33 ? mode - 0x30 : -1
    if (scale < 0 || widthBytes === 0 || rows === 0) return this.unknown(at, length)
    const dotWidth = scale & 1 ? 2 : 1
    const dotHeight = scale & 2 ? 2 : 1
    const width = widthBytes * 8 * dotWidth
    const bits = new Uint8Array(width * rows * dotHeight)
    for (let row = 0; row < rows; row++) {
      for (let x = 0; x < widthBytes * 8; x++) {
        if (!(this.byte(at + 8 + row * widthBytes + (x >> 3)) & (0x80 >> (x & 7)))) continue
        for (let dy = 0; dy < dotHeight; dy++) {
          const start = (row * dotHeight + dy) * width + x * dotWidth
          bits.fill(1, start, start + dotWidth)
        }
      }
    }
    this.printLineBuffer(false)
    this.addRaster('GS v 0', width, rows * dotHeight, bits)
    return at + length
  }

  /** GS ( k pL pH cn fn …: the QR functions (cn 49). Other symbols (PDF417, …) are reported as unknown. */
  private symbol(at: number): number {
    if (at + 5 > this.bytes.length) return this.unknownRest(at)
    const length = this.byte(at + 3) | (this.byte(at + 4) << 8)
    if (at + 5 + length > this.bytes.length) return this.unknownRest(at)
    const parameters = this.bytes.subarray(at + 5, at + 5 + length)
    return this.known(at, 5 + length, () => {
      if (length < 3 || parameters[0] !== 0x31) return false
      const argument = parameters[2] ?? -1
      switch (parameters[1]) {
        case 0x41: // model: n1 = 49, 50, 51 (Micro QR), n2
          if (length !== 4 || argument < 0x31 || argument > 0x33) return false
          this.qr.model = argument - 0x30
          return true
        case 0x43: // module size in dots
          if (length !== 3 || argument < 1 || argument > 16) return false
          this.qr.size = argument
          return true
        case 0x45: {
          // error correction level 48–51
          const ecc = QR_ECC[argument - 0x30]
          if (length !== 3 || !ecc) return false
          this.qr.ecc = ecc
          return true
        }
        case 0x50: // store: m = 48, then the data bytes (pL pH count them + 3)
          if (argument !== 0x30 || length === 3) return false
          this.qr.data = parameters.slice(3)
          return true
        case 0x51: {
          // print the stored symbol
          const data = this.qr.data
          if (length !== 3 || argument !== 0x30 || !data) return false
          this.printLineBuffer(false)
          this.push({
            type: 'qr',
            payload: new TextDecoder('utf-8').decode(data),
            moduleSize: this.qr.size,
            ecc: this.qr.ecc,
            model: this.qr.model,
            align: this.align,
          })
          return true
        }
        default:
          return false
      }
    })
  }

  /** GS k m d1…dk NUL (m 0–6) or GS k m n d1…dn (m 65–79). */
  private barcode(at: number): number {
    if (at + 3 > this.bytes.length) return this.unknownRest(at)
    const symbology = this.byte(at + 2)
    let start: number
    let end: number
    let next: number
    if (symbology <= 6) {
      start = at + 3
      end = this.bytes.indexOf(0, start)
      if (end < 0) return this.unknownRest(at)
      next = end + 1
    } else if (symbology >= 65 && symbology <= 79) {
      if (at + 4 > this.bytes.length) return this.unknownRest(at)
      start = at + 4
      end = start + this.byte(at + 3)
      if (end > this.bytes.length) return this.unknownRest(at)
      next = end
    } else return this.unknownRest(at)
    this.printLineBuffer(false)
    this.push({ type: 'barcode', symbology, data: String.fromCharCode(...this.bytes.subarray(start, end)) })
    return next
  }

  // ---- FS and DLE commands

  private fileSeparator(at: number): number {
    if (at + 2 > this.bytes.length) return this.unknownRest(at)
    switch (this.byte(at + 1)) {
      case 0x2e: // FS . cancel Kanji mode (the encoder sends it after ESC @)
        this.kanji = false
        return at + 2
      case 0x26: // FS & Kanji mode
        this.kanji = true
        return at + 2
      case 0x21: // FS !, FS -, FS C, FS W: Kanji print modes and code system
      case 0x2d:
      case 0x43:
      case 0x57:
        return this.withArgument(at, 3, () => true)
      case 0x53: // FS S n1 n2 Kanji spacing
        return at + 4 <= this.bytes.length ? at + 4 : this.unknownRest(at)
      case 0x28: // FS ( x pL pH … (e.g. FS ( C: UTF-8 mode on some printers)
        return this.unknownCounted(at)
      case 0x70: // FS p n m print NV bit image
        return this.unknown(at, 4)
      default:
        return this.unknownRest(at)
    }
  }

  private dataLinkEscape(at: number): number {
    if (at + 3 > this.bytes.length) return this.unknownRest(at)
    const command = this.byte(at + 1)
    const n = this.byte(at + 2)
    if (command === 0x04) {
      // DLE EOT n real-time status; n = 7 and 8 take one more byte
      if (n >= 1 && n <= 4) {
        this.push({ type: 'status_query', n })
        return at + 3
      }
      if (n === 7 || n === 8) {
        if (at + 4 > this.bytes.length) return this.unknownRest(at)
        this.push({ type: 'status_query', n })
        return at + 4
      }
      return this.unknown(at, 3)
    }
    if (command === 0x05) return this.unknown(at, 3) // DLE ENQ n real-time request
    if (command === 0x14) {
      // DLE DC4 fn …: fn 1 = real-time drawer pulse (m, t × 100 ms on and off)
      if (n === 1) {
        return this.known(at, 5, () => {
          const pin = this.byte(at + 3)
          if (pin > 1) return false
          const ms = this.byte(at + 4) * 100
          this.push({ type: 'pulse', pin: pin === 1 ? 1 : 0, onMs: ms, offMs: ms })
          return true
        })
      }
      if (n === 2) return this.unknown(at, 5) // power off
      if (n === 8) return this.unknown(at, 10) // clear buffers
    }
    return this.unknownRest(at)
  }

  // ---- helpers

  private byte(at: number): number {
    return this.bytes[at] ?? 0
  }

  /** A command of `length` bytes whose last byte is its argument; `apply` returns false for values it does not model. */
  private withArgument(at: number, length: number, apply: (n: number) => boolean): number {
    if (at + length > this.bytes.length) return this.unknownRest(at)
    return this.known(at, length, () => apply(this.byte(at + length - 1)))
  }

  /** A command of known length: applied, or reported as unknown when `apply` does not model it. */
  private known(at: number, length: number, apply: () => boolean): number {
    if (at + length > this.bytes.length) return this.unknownRest(at)
    return apply() ? at + length : this.unknown(at, length)
  }

  /** x pL pH … commands (ESC (, GS (, FS (): 5 + pL + 256 pH bytes. */
  private unknownCounted(at: number): number {
    if (at + 5 > this.bytes.length) return this.unknownRest(at)
    return this.unknown(at, 5 + (this.byte(at + 3) | (this.byte(at + 4) << 8)))
  }

  private unknown(at: number, length: number): number {
    if (at + length > this.bytes.length) return this.unknownRest(at)
    this.push({ type: 'unknown', offset: at, bytes: Array.from(this.bytes.subarray(at, at + length)) })
    return at + length
  }

  private unknownRest(at: number): number {
    return this.unknown(at, this.bytes.length - at)
  }

  private character(byte: number): string {
    if (byte < 0x7f) return String.fromCharCode(byte)
    if (byte === 0x7f) return '\ufffd'
    return CODE_PAGES[this.codePage]?.[byte - 0x80] ?? '\ufffd'
  }

  /** ESC $ / ESC \: spaces stand for the gap in the text; the next run records the exact position. */
  private moveTo(x: number): void {
    const cell = CELL_WIDTH[this.style.font] * this.style.width
    const gap = Math.round((x - this.lineX) / cell)
    if (gap > 0) {
      this.runs.push({
        text: ' '.repeat(gap),
        bold: false,
        underline: false,
        width: this.style.width,
        height: this.style.height,
        font: this.style.font,
        invert: false,
        italic: false,
      })
    }
    this.lineX = x
    this.movedTo = x
  }

  private addText(text: string): void {
    const style = this.style
    const bold = style.bold || style.doubleStrike
    this.lineX += CELL_WIDTH[style.font] * style.width * text.length
    const last = this.runs[this.runs.length - 1]
    const movedTo = this.movedTo
    this.movedTo = null
    if (
      movedTo === null &&
      last &&
      last.bold === bold &&
      last.underline === style.underline &&
      last.width === style.width &&
      last.height === style.height &&
      last.font === style.font &&
      last.invert === style.invert &&
      last.italic === style.italic
    ) {
      last.text += text
      return
    }
    this.runs.push({
      text,
      bold,
      underline: style.underline,
      width: style.width,
      height: style.height,
      font: style.font,
      invert: style.invert,
      italic: style.italic,
      ...(movedTo === null ? {} : { x: movedTo }),
    })
  }

  /**
   * Prints the line buffer: column-image strips become (part of) a raster, text becomes a text item.
   * `lineFeed` (LF) prints a line even when the buffer is empty, which is a blank line on paper.
   */
  private printLineBuffer(lineFeed: boolean): void {
    const strip = this.strip
    const runs = this.runs
    this.strip = null
    this.runs = []
    this.lineX = 0
    this.movedTo = null
    if (strip) {
      this.addRaster('ESC *', strip.width, COLUMN_STRIP_DOTS, strip.bits)
      // LF after a strip advances by the line spacing; the encoder sets it to 24 so the strips join
      if (lineFeed && runs.length === 0 && this.lineSpacing > COLUMN_STRIP_DOTS) {
        this.push({ type: 'feed', dots: this.lineSpacing - COLUMN_STRIP_DOTS })
      }
    }
    if (runs.length === 0 && !(lineFeed && !strip)) return
    const inked = runs.filter((run) => run.text.trim() !== '')
    const style = this.style
    const basis = inked.length > 0 ? inked : runs
    const first = basis[0]
    this.push({
      type: 'text',
      text: runs.map((run) => run.text).join(''),
      align: this.align,
      bold: first ? basis.some((run) => run.bold) : style.bold || style.doubleStrike,
      underline: first ? basis.some((run) => run.underline) : style.underline,
      width: first ? Math.max(...basis.map((run) => run.width)) : style.width,
      height: first ? Math.max(...basis.map((run) => run.height)) : style.height,
      font: first ? first.font : style.font,
      runs,
      lineSpacing: this.lineSpacing,
    })
  }

  private addRaster(source: RasterSource, width: number, height: number, bits: Uint8Array): void {
    const open = this.openRaster
    if (open && open.source === source && open.item.width === width && open.item.align === this.align) {
      const joined = new Uint8Array(open.item.bits.length + bits.length)
      joined.set(open.item.bits)
      joined.set(bits, open.item.bits.length)
      open.item.bits = joined
      open.item.height += height
      return
    }
    const item: RasterItem = { type: 'raster', width, height, bits, align: this.align }
    this.push(item)
    this.openRaster = { item, source }
  }

  private push(item: DecodedItem): void {
    this.items.push(item)
    this.openRaster = null
  }
}

function defaultQr(): { model: number; size: number; ecc: QrItem['ecc']; data: Uint8Array | null } {
  return { model: 2, size: 3, ecc: 'L', data: null }
}
