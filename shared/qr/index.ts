export { type ErrorCorrection, khqrSymbol, type QrSymbol, QUIET_ZONE_MODULES, qrSvg } from './symbol.ts'
