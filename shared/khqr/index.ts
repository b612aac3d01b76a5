export { decodeKhqr } from './decode.ts'
export { encodeKhqr } from './encode.ts'
export { KhqrError } from './errors.ts'
export type {
  KhqrAlternateLanguage,
  KhqrCurrency,
  KhqrFields,
  KhqrInput,
  KhqrKind,
  KhqrVerdict,
} from './types.ts'
export { verifyKhqr } from './verify.ts'
