import type { FoundPrinterView, PrinterSettings, TestPageResult } from '../../../shared/views.ts'
import type { Language } from './messages.ts'

/** Finding the printer, what it keeps in its memory, and the label printer: in Khmer and English. */
export interface PrinterMessages {
  find: string
  findHint: string
  networkAddress: string
  searching: string
  nothingFound: string
  found: (printer: FoundPrinterView) => string
  noAnswer: (printer: FoundPrinterView) => string
  use: string
  testOnIt: string
  chosen: string
  testResult: (result: TestPageResult) => string
  pictures: string
  pictureOptions: Record<PrinterSettings['pictures'], string>
  labelPrinter: string
  labelPrinterHint: string
  noLabelPrinter: string
  labelWidth: string
  labelHeight: string
  labelGap: string
  labelSizeInvalid: string
  stickersOnLabels: (width: number, height: number) => string
  shelf: {
    title: string
    hint: string
    needPrinter: string
    search: string
    add: string
    remove: (name: string) => string
    copies: (name: string) => string
    dual: string
    print: string
    printed: (count: number) => string
    previewAlt: string
    nothingChosen: string
  }
}

const framing = (printer: FoundPrinterView) =>
  `${printer.baudRate} ${printer.dataBits}${printer.parity === 'none' ? 'N' : printer.parity === 'even' ? 'E' : 'O'}1`

const connectionKm = (printer: FoundPrinterView) =>
  printer.transport === 'serial'
    ? `ខ្សែ Serial ${printer.address}`
    : printer.transport === 'device'
      ? `USB ${printer.address}`
      : `បណ្តាញ ${printer.address}`

const connectionEn = (printer: FoundPrinterView) =>
  printer.transport === 'serial'
    ? `Serial ${printer.address}`
    : printer.transport === 'device'
      ? `USB ${printer.address}`
      : `Network ${printer.address}`

const stateKm: Record<FoundPrinterView['state'], string> = {
  ready: 'រួចរាល់',
  paper_out: 'អស់ក្រដាស',
  cover_open: 'គម្របបើក',
  offline: 'មិនឆ្លើយ',
  disconnected: 'មិនអាចបើកច្រកបាន',
  unknown: 'មិនប្រាប់ស្ថានភាព',
}

const stateEn: Record<FoundPrinterView['state'], string> = {
  ready: 'ready',
  paper_out: 'out of paper',
  cover_open: 'cover open',
  offline: 'no answer',
  disconnected: 'the port cannot be opened',
  unknown: 'does not say its state',
}

const picturesKm: Record<TestPageResult['pictures'], string> = {
  download: 'ម៉ាស៊ីនរក្សារូបភាពក្នុង RAM: វិក្កយបត្របន្ទាប់នឹងលឿនជាងមុន។',
  nv: 'ម៉ាស៊ីនរក្សារូបភាពក្នុង flash: វិក្កយបត្របន្ទាប់នឹងលឿនជាងមុន។',
  'nv-bit-image': 'ម៉ាស៊ីនរក្សារូបភាព (FS p)។',
  none: 'ម៉ាស៊ីននេះមិនរក្សារូបភាពទេ: រូបភាពត្រូវផ្ញើរាល់ពេល។',
}

const picturesEn: Record<TestPageResult['pictures'], string> = {
  download: 'It keeps pictures in RAM: the next receipts go faster.',
  nv: 'It keeps pictures in flash: the next receipts go faster.',
  'nv-bit-image': 'It keeps pictures as NV bit images (FS p).',
  none: 'It keeps no pictures: they are sent every time.',
}

export const PRINTER_MESSAGES: Record<Language, PrinterMessages> = {
  km: {
    find: 'ស្វែងរកម៉ាស៊ីនបោះពុម្ពរបស់ខ្ញុំ',
    findHint: 'ត្រូវភ្ជាប់ និងបើកម៉ាស៊ីនបោះពុម្ព។ ស្ថានីយនឹងសួរគ្រប់ច្រក និងល្បឿនទូទៅ ដោយមិនបោះពុម្ពអ្វីទេ (ប្រហែល ១០ វិនាទី)។',
    networkAddress: 'អាសយដ្ឋានម៉ាស៊ីនបោះពុម្ពបណ្តាញ (បើមាន)',
    searching: 'កំពុងស្វែងរកនៅគ្រប់ច្រក…',
    nothingFound: 'រកមិនឃើញម៉ាស៊ីនបោះពុម្ពទេ។ សូមពិនិត្យខ្សែ និងថាម៉ាស៊ីនបើក រួចសាកម្តងទៀត។',
    found: (printer) =>
      printer.transport === 'serial'
        ? `${connectionKm(printer)} — ឆ្លើយនៅល្បឿន ${framing(printer)} (${stateKm[printer.state]})`
        : `${connectionKm(printer)} — ឆ្លើយ (${stateKm[printer.state]})`,
    noAnswer: (printer) => `${connectionKm(printer)} — ${stateKm[printer.state]}`,
    use: 'ប្រើម៉ាស៊ីននេះ',
    testOnIt: 'បោះពុម្ពទំព័រសាកល្បងលើវា',
    chosen: 'បានបំពេញការកំណត់ខាងលើ។ ចុចរក្សាទុក ដើម្បីប្រើវា។',
    testResult: (result) =>
      result.printed
        ? `បានបោះពុម្ពទំព័រសាកល្បង។ ${picturesKm[result.pictures]}`
        : `មិនបានបោះពុម្ពទេ: ${stateKm[result.state]}${result.detail ? ` (${result.detail})` : ''}។`,
    pictures: 'រូបភាពដែលម៉ាស៊ីនរក្សាទុក',
    pictureOptions: {
      auto: 'សួរម៉ាស៊ីន (ពេលបោះពុម្ពទំព័រសាកល្បង)',
      download: 'RAM (download graphics)',
      nv: 'Flash (NV graphics)',
      'nv-bit-image': 'NV bit image (FS p, ម៉ាស៊ីនចាស់)',
      none: 'គ្មាន: ផ្ញើរូបភាពរាល់ពេល',
    },
    labelPrinter: 'ម៉ាស៊ីនបោះពុម្ពស្លាក (ស្ទីកគ័រ និងស្លាកតម្លៃ)',
    labelPrinterHint: 'ម៉ាស៊ីនបោះពុម្ពស្លាក TSC ឬ Xprinter (TSPL)។ ពេលមានវា ស្ទីកគ័រ KHQR បោះពុម្ពលើវា។',
    noLabelPrinter: 'គ្មាន (ស្ទីកគ័របោះពុម្ពលើក្រដាសវិក្កយបត្រ)',
    labelWidth: 'ទទឹងស្លាក (មម)',
    labelHeight: 'កម្ពស់ស្លាក (មម)',
    labelGap: 'ចន្លោះរវាងស្លាក (មម)',
    labelSizeInvalid: 'ស្លាកត្រូវមានទទឹង ២០ ដល់ ១០៨ មម កម្ពស់ ១៥ ដល់ ២០០ មម និងចន្លោះ ០ ដល់ ១០ មម។',
    stickersOnLabels: (width, height) => `ស្ទីកគ័របោះពុម្ពលើម៉ាស៊ីនបោះពុម្ពស្លាក (${width} × ${height} មម)។`,
    shelf: {
      title: 'ស្លាកតម្លៃលើធ្នើ',
      hint: 'តម្លៃជាប្រាក់រៀលមុន និងធំជាង ដូចក្រសួងពាណិជ្ជកម្មតម្រូវ។ តម្លៃដុល្លារនៅខាងក្រោម បើអ្នកចង់បាន។',
      needPrinter: 'កំណត់ម៉ាស៊ីនបោះពុម្ពស្លាកក្នុងការកំណត់ ដើម្បីបោះពុម្ពស្លាកតម្លៃ។',
      search: 'ស្វែងរកទំនិញ',
      add: 'បន្ថែម',
      remove: (name) => `ដក ${name} ចេញ`,
      copies: (name) => `ចំនួនស្លាកសម្រាប់ ${name}`,
      dual: 'បង្ហាញតម្លៃដុល្លារនៅក្រោមតម្លៃរៀលផង',
      print: 'បោះពុម្ពស្លាក',
      printed: (count) => `បានបញ្ជូនស្លាក ${count} ទៅបោះពុម្ព។`,
      previewAlt: 'ស្លាកតម្លៃ ដូចនឹងបោះពុម្ព',
      nothingChosen: 'ជ្រើសទំនិញយ៉ាងហោចណាស់មួយ។',
    },
  },
  en: {
    find: 'Find my printer',
    findHint:
      'Connect the printer and switch it on. The till asks every port at the usual speeds, printing nothing (about 10 seconds).',
    networkAddress: 'Network printer address (if any)',
    searching: 'Looking on every port…',
    nothingFound: 'No printer answered. Check the cable and that the printer is on, then look again.',
    found: (printer) =>
      printer.transport === 'serial'
        ? `${connectionEn(printer)} — answered at ${framing(printer)} (${stateEn[printer.state]})`
        : `${connectionEn(printer)} — answered (${stateEn[printer.state]})`,
    noAnswer: (printer) => `${connectionEn(printer)} — ${stateEn[printer.state]}`,
    use: 'Use this printer',
    testOnIt: 'Print a test page on it',
    chosen: 'The settings above are filled in. Save to use it.',
    testResult: (result) =>
      result.printed
        ? `Test page printed. ${picturesEn[result.pictures]}`
        : `Not printed: ${stateEn[result.state]}${result.detail ? ` (${result.detail})` : ''}.`,
    pictures: 'Pictures the printer keeps',
    pictureOptions: {
      auto: 'Ask the printer (when a test page prints)',
      download: 'RAM (download graphics)',
      nv: 'Flash (NV graphics)',
      'nv-bit-image': 'NV bit images (FS p, older printers)',
      none: 'None: send pictures every time',
    },
    labelPrinter: 'Label printer (stickers and shelf prices)',
    labelPrinterHint: 'A TSC or Xprinter label printer (TSPL). With one, KHQR stickers print on it.',
    noLabelPrinter: 'None (stickers print on receipt paper)',
    labelWidth: 'Label width (mm)',
    labelHeight: 'Label height (mm)',
    labelGap: 'Gap between labels (mm)',
    labelSizeInvalid: 'Labels must be 20 to 108 mm wide, 15 to 200 mm high, with a gap of 0 to 10 mm.',
    stickersOnLabels: (width, height) => `Stickers print on the label printer (${width} × ${height} mm).`,
    shelf: {
      title: 'Shelf price labels',
      hint: 'The riel price first and largest, as the Ministry of Commerce requires; the dollar price beneath if you want it.',
      needPrinter: 'Set up a label printer in Settings to print shelf labels.',
      search: 'Find a product',
      add: 'Add',
      remove: (name) => `Remove ${name}`,
      copies: (name) => `Labels for ${name}`,
      dual: 'Also show the dollar price beneath the riel price',
      print: 'Print labels',
      printed: (count) => `${count} labels sent to the printer.`,
      previewAlt: 'The shelf label as it will print',
      nothingChosen: 'Choose at least one product.',
    },
  },
}
