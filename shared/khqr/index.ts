export { decodeKhqr } from './decode.ts'
export { encodeKhqr } from './encode.ts'
export { KhqrError } from './errors.ts'
export type { StickerIdentity, StickerNote, StickerReading } from './sticker.ts'
export { readShopSticker } from './sticker.ts'
export type {
  KhqrAlternateLanguage,
  KhqrCurrency,
  KhqrFields,
  KhqrInput,
  KhqrKind,
  KhqrVerdict,
} from './types.ts'
export { verifyKhqr } from './verify.ts'
