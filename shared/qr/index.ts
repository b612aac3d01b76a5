export { type ErrorCorrection, khqrSymbol, type QrSymbol, QUIET_ZONE_MODULES, qrPath, qrSide, qrSvg } from './symbol.ts'
