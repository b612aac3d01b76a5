/** From a printer's settings to its transport, and to the name its record of pictures is kept under. */
import type { PrinterSettings } from '../../../shared/views.ts'
import { PreviewTransport } from './preview-transport.ts'
import type { PrinterStatus, PrinterTransport } from './transport.ts'
import { TransportError } from './transport.ts'
import { DeviceFileTransport } from './transports/device.ts'
import { SerialTransport } from './transports/serial.ts'
import { type StatusDialect, TSPL_STATUS } from './transports/status-dialects.ts'
import { TcpTransport } from './transports/tcp.ts'

/** Where a printer is: the part of its settings a connection needs. */
export type Connection = Pick<
  PrinterSettings,
  'transport' | 'address' | 'baudRate' | 'dataBits' | 'parity' | 'flowControl'
>

/** Serial, raw TCP (port 9100 when none is given) or a device file; null when none is set up. */
function connect(settings: Connection, dialect?: StatusDialect): PrinterTransport | null {
  const options = dialect ? { dialect } : {}
  switch (settings.transport) {
    case 'serial':
      return new SerialTransport(
        {
          path: settings.address,
          baudRate: settings.baudRate,
          dataBits: settings.dataBits,
          parity: settings.parity,
          stopBits: 1,
          flowControl: settings.flowControl,
        },
        options,
      )
    case 'tcp': {
      const [host = '', port = '9100'] = settings.address.split(':')
      return new TcpTransport({ host, port: Number(port) || 9100 }, options)
    }
    case 'device':
      return new DeviceFileTransport({ path: settings.address })
    default:
      return null
  }
}

/** The receipt printer's transport, or the preview when there is none. */
export function transportFor(
  settings: Connection & Pick<PrinterSettings, 'paperWidth'>,
  previewDirectory: string,
): PrinterTransport {
  return connect(settings) ?? new PreviewTransport(previewDirectory, settings.paperWidth === 80 ? 576 : 384)
}

/** A label printer that is not set up: its jobs wait (shelf labels cannot be previewed as receipts). */
class NoLabelPrinter implements PrinterTransport {
  readonly label = 'no label printer set up'
  async write(): Promise<void> {
    throw new TransportError('not_found', 'no label printer is set up: choose one in Settings')
  }
  async status(): Promise<PrinterStatus> {
    return { state: 'disconnected', paperLow: false, drawerOpen: null, detail: this.label }
  }
  async close(): Promise<void> {}
}

/** The label printer's transport (TSPL printers are asked `ESC ! ?`). */
export function labelTransportFor(settings: Connection): PrinterTransport {
  return connect(settings, TSPL_STATUS) ?? new NoLabelPrinter()
}

/** Names a printer by its connection, for the record of the pictures it holds. */
export function printerIdentity(settings: Pick<PrinterSettings, 'transport' | 'address'>): string {
  return `${settings.transport}:${settings.address}`
}
