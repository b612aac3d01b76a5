import type { StickerNote, StickerReading } from '../../../shared/khqr/index.ts'
import type { Language } from './messages.ts'

type Refusal = Extract<StickerReading, { ok: false }>['code']

/** The first-run setup: the shop, its KHQR account from its sticker, its owner, its printer. */
export interface SetupMessages {
  welcome: { title: string; body: string; setUp: string; demo: string; demoNote: string }
  banner: { text: string; setUp: string }
  steps: { shop: string; khqr: string; owner: string; printer: string; done: string }
  stepOf: (step: number, of: number) => string
  next: string
  back: string
  skip: string
  shop: {
    nameKm: string
    nameEn: string
    address: string
    phone: string
    vatTin: string
    vatTinHint: string
    saleCurrency: string
    smallestNote: string
    rate: string
    rateHint: string
  }
  khqr: {
    scan: string
    scanHint: string
    read: string
    account: string
    name: string
    nameKm: string
    city: string
    kind: Record<'individual' | 'merchant', string>
    use: string
    refused: Record<Refusal, string>
    note: (note: StickerNote) => string
  }
  owner: { name: string; pin: string; pinAgain: string; pinsDiffer: string; hint: string }
  printer: { hint: string; testPage: string; testSent: string }
  done: { title: string; body: string; start: string }
  /** A field that is missing or not right, named. */
  invalid: (field: string) => string
}

export const SETUP_MESSAGES: Record<Language, SetupMessages> = {
  km: {
    welcome: {
      title: 'សូមស្វាគមន៍មកកាន់ម៉ាស៊ីនគិតលុយ KHQR',
      body: 'រៀបចំហាងរបស់អ្នក៖ ឈ្មោះហាង គណនី KHQR ពីស្ទីកគ័ររបស់ធនាគារ ម្ចាស់ហាង និងម៉ាស៊ីនបោះពុម្ព។ ប្រហែល ៥ នាទី។',
      setUp: 'រៀបចំហាងរបស់ខ្ញុំ',
      demo: 'សាកល្បងហាងសាកល្បងសិន',
      demoNote: 'ហាងសាកល្បងសម្រាប់ហាត់៖ វិក្កយបត្ររបស់វាសរសេរថា DEMO មិនមែនជាវិក្កយបត្រអាករ។',
    },
    banner: { text: 'នេះជាហាងសាកល្បងសម្រាប់ហាត់។', setUp: 'រៀបចំហាងរបស់ខ្ញុំ' },
    steps: { shop: 'ហាង', khqr: 'គណនី KHQR', owner: 'ម្ចាស់ហាង', printer: 'ម៉ាស៊ីនបោះពុម្ព', done: 'រួចរាល់' },
    stepOf: (step, of) => `ជំហានទី ${step} នៃ ${of}`,
    next: 'បន្ទាប់',
    back: 'ត្រឡប់ក្រោយ',
    skip: 'រំលង (គ្មានម៉ាស៊ីនបោះពុម្ពទេ)',
    shop: {
      nameKm: 'ឈ្មោះហាង (ខ្មែរ)',
      nameEn: 'ឈ្មោះហាង (អង់គ្លេស)',
      address: 'អាសយដ្ឋាន',
      phone: 'លេខទូរស័ព្ទ',
      vatTin: 'លេខ VAT TIN (បើមាន)',
      vatTinHint: 'ដូចក្នុងវិញ្ញាបនបត្រពន្ធដារ ឧ. K001-901234567។ បើមាន វិក្កយបត្រក្លាយជាវិក្កយបត្រអាករ។',
      saleCurrency: 'លក់ជា',
      smallestNote: 'ក្រដាសប្រាក់រៀលតូចបំផុតសម្រាប់អាប់',
      rate: 'អត្រាប្ដូរប្រាក់ថ្ងៃនេះ (រៀលក្នុង $1)',
      rateHint: 'អត្រាធនាគារជាតិ ឬអត្រាហាង (មិនតិចជាងអត្រាធនាគារជាតិ)។',
    },
    khqr: {
      scan: 'ស្ទីកគ័រ KHQR របស់ហាង',
      scanHint: 'ស្កេនស្ទីកគ័រ KHQR ដែលធនាគារផ្ដល់ឱ្យហាង ដោយម៉ាស៊ីនស្កេន ឬវាយអក្សររបស់វា។',
      read: 'អាន',
      account: 'គណនី Bakong',
      name: 'ឈ្មោះអាជីវករ',
      nameKm: 'ឈ្មោះជាភាសាខ្មែរ',
      city: 'ទីក្រុង',
      kind: { individual: 'គណនីបុគ្គល', merchant: 'គណនីអាជីវករ' },
      use: 'ប្រើគណនីនេះ',
      refused: {
        sticker_dynamic: 'នេះជា QR សម្រាប់ការបង់ប្រាក់តែម្ដង (dynamic) មិនមែនជាស្ទីកគ័ររបស់ហាងទេ។ សូមស្កេនស្ទីកគ័រដែលបានបោះពុម្ព។',
        sticker_expired: 'QR នេះផុតកំណត់ហើយ មិនអាចជាស្ទីកគ័ររបស់ហាងបានទេ។',
        sticker_malformed: 'នេះមិនមែនជា KHQR ត្រឹមត្រូវទេ (ខូច ឬត្រូវបានកែ)។',
      },
      note: (note) =>
        note.code === 'amount_ignored'
          ? `ស្ទីកគ័រមានចំនួនទឹកប្រាក់ ${note.written}។ មិនប្រើទេ៖ QR នៃការលក់នីមួយៗមានចំនួនរបស់វា។`
          : note.code === 'amount_loose'
            ? `ចំនួន "${note.written}" សរសេរតាមទម្រង់ចាស់ ហើយត្រូវបានអានដូចកម្មវិធីធនាគារអាន។`
            : 'ស្ទីកគ័រទម្រង់ចាស់ (គ្មានម៉ោងបង្កើត)៖ ទទួលយកដូចកម្មវិធីធនាគារ។',
    },
    owner: {
      name: 'ឈ្មោះម្ចាស់ហាង',
      pin: 'លេខសម្ងាត់ (PIN ៤ ដល់ ៨ ខ្ទង់)',
      pinAgain: 'លេខសម្ងាត់ម្ដងទៀត',
      pinsDiffer: 'លេខសម្ងាត់ទាំងពីរមិនដូចគ្នាទេ។',
      hint: 'ម្ចាស់ហាងជាអ្នកគ្រប់គ្រងទីមួយ៖ គាត់អនុញ្ញាតការបញ្ចុះតម្លៃ ការសងប្រាក់ និងការកំណត់។',
    },
    printer: {
      hint: 'ម៉ាស៊ីនបោះពុម្ពវិក្កយបត្រ។ រំលងបាន ហើយកំណត់ពេលក្រោយក្នុងការកំណត់។',
      testPage: 'បោះពុម្ពទំព័រសាកល្បង',
      testSent: 'បានផ្ញើទំព័រសាកល្បង។ មើលក្រដាសដែលចេញមក។',
    },
    done: {
      title: 'ហាងរបស់អ្នករួចរាល់ហើយ',
      body: 'ទំនិញ និងមនុស្សសាកល្បងត្រូវបានដកចេញ។ បន្ថែមទំនិញរបស់អ្នក ហើយចាប់ផ្ដើមលក់។',
      start: 'ចាប់ផ្ដើម',
    },
    invalid: (field) => `${field}៖ សូមពិនិត្យម្ដងទៀត។`,
  },
  en: {
    welcome: {
      title: 'Welcome to KHQR POS',
      body: "Set up your shop: its names, its KHQR account from the bank's sticker, its owner and its receipt printer. About 5 minutes.",
      setUp: 'Set up my shop',
      demo: 'Try the demo shop first',
      demoNote: 'The demo shop is for practice: its receipts say DEMO, not a tax invoice.',
    },
    banner: { text: 'This is the demo shop, for practice.', setUp: 'Set up my shop' },
    steps: { shop: 'Shop', khqr: 'KHQR account', owner: 'Owner', printer: 'Printer', done: 'Done' },
    stepOf: (step, of) => `Step ${step} of ${of}`,
    next: 'Next',
    back: 'Back',
    skip: 'Skip (no printer yet)',
    shop: {
      nameKm: 'Shop name (Khmer)',
      nameEn: 'Shop name (English)',
      address: 'Address',
      phone: 'Phone',
      vatTin: 'VAT TIN (if any)',
      vatTinHint: 'As on the tax certificate, e.g. K001-901234567. With one, receipts become tax invoices.',
      saleCurrency: 'Sell in',
      smallestNote: 'Smallest riel note for change',
      rate: "Today's exchange rate (riel per $1)",
      rateHint: "The National Bank's rate, or the shop's (not below the National Bank's).",
    },
    khqr: {
      scan: "The shop's KHQR sticker",
      scanHint: 'Scan the KHQR sticker the bank gave the shop with the barcode scanner, or type its text.',
      read: 'Read',
      account: 'Bakong account',
      name: 'Merchant name',
      nameKm: 'Name in Khmer',
      city: 'City',
      kind: { individual: 'Individual account', merchant: 'Merchant account' },
      use: 'Use this account',
      refused: {
        sticker_dynamic:
          "This is a one-payment QR (dynamic), not the shop's sticker. Scan the printed sticker from the bank.",
        sticker_expired: "This QR has expired; it cannot be the shop's sticker.",
        sticker_malformed: 'This is not a valid KHQR (damaged or altered).',
      },
      note: (note) =>
        note.code === 'amount_ignored'
          ? `The sticker carries an amount, ${note.written}. It is not used: each sale's QR carries its own.`
          : note.code === 'amount_loose'
            ? `The amount "${note.written}" is written the older way and was read as bank apps read it.`
            : 'An older sticker (no creation time): taken, as bank apps take it.',
    },
    owner: {
      name: "Owner's name",
      pin: 'PIN (4 to 8 digits)',
      pinAgain: 'PIN again',
      pinsDiffer: 'The two PINs are not the same.',
      hint: 'The owner is the first manager: they approve discounts, refunds and settings.',
    },
    printer: {
      hint: 'The receipt printer. You may skip this and set it in Settings later.',
      testPage: 'Print a test page',
      testSent: 'The test page was sent. Look at what came out.',
    },
    done: {
      title: 'Your shop is ready',
      body: "The demo's products and people are gone. Add your own products and start selling.",
      start: 'Start',
    },
    invalid: (field) => `${field}: please check it.`,
  },
}
