// The platform-free core of the `qrcode` package: no Node modules, no DOM, no canvas.
declare module 'qrcode/lib/core/qrcode.js' {
  interface BitMatrix {
    size: number
    data: Uint8Array
  }
  interface QRCodeSymbol {
    modules: BitMatrix
    version: number
  }
  export function create(text: string, options: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' }): QRCodeSymbol
}
