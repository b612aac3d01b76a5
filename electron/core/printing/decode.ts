/** The ESC/POS decoder's public face (see escpos/decode.ts): decode, check strictly, stream. */

export { checkEscPos, decodedText, decodeEscPos, StreamingDecoder } from './escpos/decode.ts'
export { DEFAULT_LINE_SPACING } from './escpos/decoder-state.ts'
export * from './escpos/items.ts'
