import type { Language } from './messages.ts'

/** Everything the cashier's till says, in Khmer and English. */
export interface TillMessages {
  signInTitle: string
  chooseUser: string
  enterPin: (name: string) => string
  pin: string
  signIn: string
  back: string
  clear: string
  demoPin: (pin: string) => string
  roles: { manager: string; cashier: string }
  locked: string
  signOut: string
  openShiftTitle: string
  openShiftHint: string
  floatUsd: string
  floatKhr: string
  openShift: string
  search: string
  all: string
  emptyCart: string
  subtotal: string
  discount: string
  vat: string
  total: string
  equivalent: string
  charge: string
  cash: string
  khqrUsd: string
  khqrKhr: string
  stillDue: string
  dollars: string
  riel: string
  exact: string
  takeCash: string
  waitingForPayment: string
  khqrExpired: string
  expiresIn: (time: string) => string
  cancelQr: string
  confirmByHand: string
  confirmByHandHint: string
  managerApproval: string
  manager: string
  reason: string
  approve: string
  cancel: string
  paid: string
  change: string
  noChange: string
  nextSale: string
  reprint: string
  showReceipt: string
  receipt: (number: string) => string
  unverified: string
  increase: (name: string) => string
  decrease: (name: string) => string
  remove: (name: string) => string
  cancelSale: string
  nav: { till: string; sales: string; shift: string; stickers: string; settings: string }
  settings: {
    title: string
    saved: string
    rate: string
    rielPerDollar: string
    setRate: string
    money: string
    smallestNote: string
    taxInclusive: string
    merchant: string
    bakongAccount: string
    accountFromSticker: string
    changeAccount: string
    keepAccount: string
    merchantNameEn: string
    merchantNameKm: string
    city: string
    printer: string
    connection: string
    noPrinter: string
    serial: string
    network: string
    device: string
    address: string
    baud: string
    paper: string
    nativeQr: string
    cutter: string
    testPage: string
    save: string
    vat: string
    vatRateOf: (name: string) => string
    setVat: (name: string) => string
    vatInvalid: string
    customerDisplay: string
    automaticDisplay: string
    showOn: string
    displayName: (label: string, width: number, height: number) => string
    chosenMissing: string
    receiptLanguage: string
  }
  stickers: {
    title: string
    copies: string
    paper: string
    strength: string
    normal: string
    sturdy: string
    print: string
    printed: (serials: string) => string
    previewAlt: string
    copiesInvalid: string
  }
  tools: {
    discount: string
    hold: string
    on: string
    wholeSale: string
    kind: string
    value: string
    apply: string
    removeDiscount: string
    percentInvalid: string
    held: (count: number) => string
    recall: (lines: number, time: string) => string
  }
  report: {
    title: string
    sales: (count: number) => string
    refunds: (count: number) => string
    voids: (count: number) => string
    expected: string
    counted: string
    variance: string
    unverified: (count: number) => string
    bakongChecks: string
    checkFigures: (verified: number, problems: number, unresolved: number) => string
    printX: string
    closeShift: string
    blindHint: string
    notesOf: (note: string) => string
    countInvalid: string
    closed: string
  }
  sales: {
    title: string
    none: string
    voided: string
    refund: string
    void: string
    voidReason: string
    refundQuantity: (name: string) => string
    refundTotal: string
    refundCash: (currency: string) => string
    done: (number: string) => string
  }
  status: {
    printer: Record<'ready' | 'paper_out' | 'cover_open' | 'offline' | 'disconnected' | 'unknown', string>
    previewOnly: string
    printQueue: (pending: number, held: number) => string
    unsynced: (count: number, minutes: number | null) => string
    allSent: string
    online: string
    offline: string
  }
  errors: Record<string, string>
}

export const TILL_MESSAGES: Record<Language, TillMessages> = {
  km: {
    signInTitle: 'ចូលប្រើប្រាស់',
    chooseUser: 'ជ្រើសរើសឈ្មោះរបស់អ្នក',
    enterPin: (name) => `លេខសម្ងាត់ (PIN) របស់ ${name}`,
    pin: 'លេខសម្ងាត់ (PIN)',
    signIn: 'ចូល',
    back: 'ត្រឡប់ក្រោយ',
    clear: 'លុប',
    demoPin: (pin) => `ហាងសាកល្បង៖ PIN ${pin}`,
    roles: { manager: 'អ្នកគ្រប់គ្រង', cashier: 'អ្នកគិតលុយ' },
    locked: 'ជាប់សោ',
    signOut: 'ចាកចេញ',
    openShiftTitle: 'បើកវេន',
    openShiftHint: 'រាប់ប្រាក់ក្នុងថតមុនពេលលក់។',
    floatUsd: 'ដុល្លារក្នុងថត',
    floatKhr: 'រៀលក្នុងថត',
    openShift: 'បើកវេន',
    search: 'ស្វែងរកទំនិញ',
    all: 'ទាំងអស់',
    emptyCart: 'មិនទាន់មានទំនិញទេ។ ស្កេនបាកូដ ឬជ្រើសរើសទំនិញ។',
    subtotal: 'សរុបរង',
    discount: 'បញ្ចុះតម្លៃ',
    vat: 'អាករលើតម្លៃបន្ថែម',
    total: 'សរុប',
    equivalent: 'ស្មើនឹង',
    charge: 'គិតលុយ',
    cash: 'សាច់ប្រាក់',
    khqrUsd: 'KHQR ដុល្លារ',
    khqrKhr: 'KHQR រៀល',
    stillDue: 'នៅខ្វះ',
    dollars: 'ដុល្លារ',
    riel: 'រៀល',
    exact: 'គ្រប់ចំនួន',
    takeCash: 'ទទួលប្រាក់',
    waitingForPayment: 'កំពុងរង់ចាំការទូទាត់តាម KHQR…',
    khqrExpired: 'QR បានផុតកំណត់ ហើយមិនទាន់បានបង់ទេ។ សូមគិតលុយម្តងទៀត។',
    expiresIn: (time) => `ផុតកំណត់ក្នុង ${time}`,
    cancelQr: 'បោះបង់ QR',
    confirmByHand: 'បញ្ជាក់ដោយដៃ',
    confirmByHandHint: 'ប្រើតែពេលឃើញការទូទាត់ជោគជ័យនៅលើទូរស័ព្ទរបស់អតិថិជនប៉ុណ្ណោះ។ ការលក់នឹងត្រូវកត់ថា មិនទាន់ផ្ទៀងផ្ទាត់។',
    managerApproval: 'ការអនុញ្ញាតពីអ្នកគ្រប់គ្រង',
    manager: 'អ្នកគ្រប់គ្រង',
    reason: 'មូលហេតុ',
    approve: 'អនុញ្ញាត',
    cancel: 'បោះបង់',
    paid: 'បានបង់ប្រាក់',
    change: 'ប្រាក់អាប់',
    noChange: 'គ្មានប្រាក់អាប់',
    nextSale: 'ការលក់បន្ទាប់',
    reprint: 'បោះពុម្ពម្តងទៀត',
    showReceipt: 'មើលវិក្កយបត្រ',
    receipt: (number) => `វិក្កយបត្រ ${number}`,
    unverified: 'មិនទាន់ផ្ទៀងផ្ទាត់',
    increase: (name) => `បន្ថែម ${name}`,
    decrease: (name) => `បន្ថយ ${name}`,
    remove: (name) => `ដកចេញ ${name}`,
    cancelSale: 'បោះបង់ការលក់',
    tools: {
      discount: 'បញ្ចុះតម្លៃ',
      hold: 'ផ្អាកការលក់',
      on: 'លើ',
      wholeSale: 'ការលក់ទាំងមូល',
      kind: 'ប្រភេទ',
      value: 'ចំនួន',
      apply: 'អនុវត្ត',
      removeDiscount: 'ដកការបញ្ចុះតម្លៃ',
      percentInvalid: 'ភាគរយត្រូវនៅចន្លោះ 0 និង 100។',
      held: (count) => `ការលក់ដែលបានផ្អាក (${count})`,
      recall: (lines, time) => `${time} · ទំនិញ ${lines}`,
    },
    nav: { till: 'លក់', sales: 'ការលក់ថ្ងៃនេះ', shift: 'វេន', stickers: 'ស្ទីកគ័រ QR', settings: 'ការកំណត់' },
    settings: {
      title: 'ការកំណត់',
      saved: 'បានរក្សាទុក។',
      rate: 'អត្រាប្តូរប្រាក់',
      rielPerDollar: 'រៀលក្នុងមួយដុល្លារ',
      setRate: 'កំណត់អត្រា',
      money: 'ប្រាក់',
      smallestNote: 'ក្រដាសប្រាក់តូចបំផុតសម្រាប់អាប់',
      taxInclusive: 'តម្លៃរួមបញ្ចូលអាករ (VAT)',
      merchant: 'អាជីវករ KHQR',
      bakongAccount: 'គណនី Bakong',
      accountFromSticker: 'អានពីស្ទីកគ័រ KHQR របស់ធនាគារ។ ដើម្បីប្ដូរ សូមស្កេនស្ទីកគ័រថ្មី។',
      changeAccount: 'ប្ដូរគណនី៖ ស្កេនស្ទីកគ័ររបស់ធនាគារ',
      keepAccount: 'រក្សាគណនីដដែល',
      merchantNameEn: 'ឈ្មោះអាជីវករ (ឡាតាំង)',
      merchantNameKm: 'ឈ្មោះអាជីវករ (ខ្មែរ)',
      city: 'ទីក្រុង',
      printer: 'ម៉ាស៊ីនបោះពុម្ព',
      connection: 'ការភ្ជាប់',
      noPrinter: 'គ្មាន (មើលជារូបភាព)',
      serial: 'ខ្សែ Serial',
      network: 'បណ្តាញ (TCP 9100)',
      device: 'ឯកសារឧបករណ៍',
      address: 'អាសយដ្ឋាន ឬច្រក',
      baud: 'ល្បឿន (baud)',
      paper: 'ក្រដាស',
      nativeQr: 'ម៉ាស៊ីនបោះពុម្ពគូរ QR ដោយខ្លួនឯង',
      cutter: 'មានកាំបិតកាត់ក្រដាស',
      testPage: 'បោះពុម្ពទំព័រសាកល្បង',
      save: 'រក្សាទុក',
      vat: 'អាករលើតម្លៃបន្ថែម (VAT)',
      vatRateOf: (name) => `អត្រា ${name} (%)`,
      setVat: (name) => `កំណត់ ${name}`,
      vatInvalid: 'អត្រា VAT ត្រូវនៅចន្លោះ 0 និង 100 ដោយមានខ្ទង់ទសភាគយ៉ាងច្រើនពីរ។',
      customerDisplay: 'អេក្រង់អតិថិជន',
      automaticDisplay: 'ស្វ័យប្រវត្តិ (អេក្រង់ដែលមិនមែនរបស់អ្នកគិតលុយ)',
      showOn: 'បង្ហាញនៅលើ',
      displayName: (label, width, height) => `${label || 'អេក្រង់'} ${width} × ${height}`,
      chosenMissing: 'អេក្រង់ដែលបានជ្រើសមិនបានភ្ជាប់ទេ។ ផ្ទាំងអតិថិជនស្ថិតនៅលើអេក្រង់ផ្សេង។',
      receiptLanguage: 'ភាសាវិក្កយបត្រ',
    },
    stickers: {
      title: 'ស្ទីកគ័រ KHQR របស់ហាង',
      copies: 'ចំនួនសន្លឹក',
      paper: 'ក្រដាស',
      strength: 'ភាពធន់របស់ QR',
      normal: 'ធម្មតា (M)',
      sturdy: 'ធន់ (Q) សម្រាប់ស្ទីកគ័រដែលប៉ះញឹកញាប់',
      print: 'បោះពុម្ពស្ទីកគ័រ',
      printed: (serials) => `បានបញ្ជូនទៅបោះពុម្ព៖ ${serials}`,
      previewAlt: 'ស្ទីកគ័រ KHQR ដូចនឹងបោះពុម្ព',
      copiesInvalid: 'ចំនួនសន្លឹកត្រូវនៅចន្លោះ 1 និង 50។',
    },
    report: {
      title: 'វេន និងរបាយការណ៍',
      sales: (count) => `ការលក់ (${count})`,
      refunds: (count) => `សងប្រាក់វិញ (${count})`,
      voids: (count) => `លុបចោល (${count})`,
      expected: 'សាច់ប្រាក់ដែលគួរមាន',
      counted: 'សាច់ប្រាក់ដែលរាប់បាន',
      variance: 'លើស/ខ្វះ',
      unverified: (count) => `KHQR បញ្ជាក់ដោយដៃ មិនទាន់ផ្ទៀងផ្ទាត់ (${count})`,
      bakongChecks: 'ការពិនិត្យជាមួយ Bakong',
      checkFigures: (verified, problems, unresolved) =>
        `បានផ្ទៀងផ្ទាត់ ${verified} · បញ្ហា ${problems}${unresolved > 0 ? ` (មិនទាន់ដោះស្រាយ ${unresolved})` : ''}`,
      printX: 'បោះពុម្ពរបាយការណ៍ X',
      closeShift: 'បិទវេន',
      blindHint: 'រាប់ក្រដាសប្រាក់តាមប្រភេទនីមួយៗ។ ចំនួនដែលគួរមាននឹងបង្ហាញបន្ទាប់ពីរាប់រួច។',
      notesOf: (note) => `ចំនួនក្រដាសប្រាក់ ${note}`,
      countInvalid: 'ចំនួនក្រដាសប្រាក់ត្រូវជាលេខគត់។',
      closed: 'វេនបានបិទ។ របាយការណ៍ Z',
    },
    sales: {
      title: 'ការលក់ថ្ងៃនេះ',
      none: 'មិនទាន់មានការលក់ទេ។',
      voided: 'បានលុបចោល',
      refund: 'សងប្រាក់វិញ',
      void: 'លុបចោលការលក់',
      voidReason: 'លុបចោលការលក់',
      refundQuantity: (name) => `ចំនួនសងវិញ ${name}`,
      refundTotal: 'ប្រាក់ត្រូវសងវិញ',
      refundCash: (currency) => `សងជាសាច់ប្រាក់ ${currency}`,
      done: (number) => `រួចរាល់ ${number}`,
    },
    status: {
      printer: {
        ready: 'ម៉ាស៊ីនបោះពុម្ព៖ រួចរាល់',
        paper_out: 'ម៉ាស៊ីនបោះពុម្ព៖ អស់ក្រដាស',
        cover_open: 'ម៉ាស៊ីនបោះពុម្ព៖ គម្របបើក',
        offline: 'ម៉ាស៊ីនបោះពុម្ព៖ បិទ ឬមិនឆ្លើយតប',
        disconnected: 'ម៉ាស៊ីនបោះពុម្ព៖ មិនបានភ្ជាប់',
        unknown: 'ម៉ាស៊ីនបោះពុម្ព៖ មិនទាន់ឆ្លើយស្ថានភាព',
      },
      previewOnly: 'គ្មានម៉ាស៊ីនបោះពុម្ព (មើលជារូបភាព)',
      printQueue: (pending, held) => `រង់ចាំបោះពុម្ព ${pending}${held > 0 ? ` · ត្រូវការពិនិត្យ ${held}` : ''}`,
      unsynced: (count, minutes) => `មិនទាន់បញ្ជូន ${count}${minutes === null ? '' : ` (${minutes} នាទី)`}`,
      allSent: 'ទិន្នន័យបានបញ្ជូនទាំងអស់',
      online: 'បណ្តាញ៖ បានភ្ជាប់',
      offline: 'គ្មានបណ្តាញ',
    },
    errors: {
      unsynced_events: 'មិនអាចធ្វើបានទេ៖ មានទិន្នន័យមិនទាន់បញ្ជូនទៅការិយាល័យ។ រង់ចាំរហូតបញ្ជូនអស់ ឬនាំចេញជាឯកសារជាមុនសិន។',
      enrolment_refused: 'ការិយាល័យបដិសេធលេខកូដនេះ (ខុស ប្រើរួច ឬផុតកំណត់)។ សុំលេខកូដថ្មី។',
      backoffice_unreachable: 'មិនអាចទាក់ទងការិយាល័យបានទេ។ ពិនិត្យអាសយដ្ឋាន និងបណ្តាញ។',
      khqr_manual_sale_limit: 'ចំនួននេះលើសដែនកំណត់បញ្ជាក់ដោយដៃសម្រាប់មួយការលក់។',
      khqr_manual_shift_limit: 'វេននេះបានដល់ដែនកំណត់បញ្ជាក់ដោយដៃហើយ។ ពិនិត្យការបង់ប្រាក់ជាមួយ Bakong ជាមុនសិន។',
      bakong_hash_used: 'ប្រតិបត្តិការ Bakong នេះបានបង់ការលក់មួយផ្សេងរួចហើយ។',
      pin_wrong: 'លេខសម្ងាត់មិនត្រឹមត្រូវ។',
      user_locked: 'គណនីនេះជាប់សោ។ សូមឱ្យអ្នកគ្រប់គ្រងដោះសោ។',
      barcode_unknown: 'រកមិនឃើញទំនិញតាមបាកូដនេះទេ។',
      product_inactive: 'ទំនិញនេះមិនត្រូវបានលក់ទេ។',
      sale_has_tenders: 'បានទទួលប្រាក់រួចហើយ មិនអាចកែប្រែទំនិញបានទេ។',
      approval_not_manager: 'អ្នកនេះមិនមែនជាអ្នកគ្រប់គ្រងទេ។',
      approval_required: 'ត្រូវការការអនុញ្ញាតពីអ្នកគ្រប់គ្រង។',
      shift_closed: 'មិនទាន់បើកវេនទេ។',
      khqr_not_shown: 'គ្មាន QR កំពុងរង់ចាំការទូទាត់ទេ។',
      amount_invalid: 'ចំនួនទឹកប្រាក់មិនត្រឹមត្រូវ។ វាយតែលេខ៖ ដុល្លារមានខ្ទង់ទសភាគយ៉ាងច្រើនពីរ (1.50) រៀលគ្មានខ្ទង់ទសភាគ (15,000)។',
      sale_settled: 'បានបង់គ្រប់ចំនួនហើយ។',
      input_invalid: 'ព័ត៌មានមិនត្រឹមត្រូវ។',
      signed_out: 'សូមចូលប្រើជាមុនសិន។',
      khqr_currency_off: 'ហាងនេះមិនទទួល KHQR ជារូបិយប័ណ្ណនេះទេ។',
      sale_awaiting_payment: 'QR កំពុងបង្ហាញលើអេក្រង់អតិថិជន។ បោះបង់ QR ជាមុនសិន ទើបអាចកែការលក់បាន។',
    },
  },
  en: {
    signInTitle: 'Sign in',
    chooseUser: 'Choose your name',
    enterPin: (name) => `${name}'s PIN`,
    pin: 'PIN',
    signIn: 'Sign in',
    back: 'Back',
    clear: 'Clear',
    demoPin: (pin) => `Demo shop: PIN ${pin}`,
    roles: { manager: 'Manager', cashier: 'Cashier' },
    locked: 'Locked',
    signOut: 'Sign out',
    openShiftTitle: 'Open the shift',
    openShiftHint: 'Count the money in the drawer before selling.',
    floatUsd: 'Dollars in the drawer',
    floatKhr: 'Riel in the drawer',
    openShift: 'Open shift',
    search: 'Search products',
    all: 'All',
    emptyCart: 'No items yet. Scan a barcode or pick a product.',
    subtotal: 'Subtotal',
    discount: 'Discount',
    vat: 'VAT',
    total: 'Total',
    equivalent: 'Equals',
    charge: 'Charge',
    cash: 'Cash',
    khqrUsd: 'KHQR USD',
    khqrKhr: 'KHQR KHR',
    stillDue: 'Still due',
    dollars: 'Dollars',
    riel: 'Riel',
    exact: 'Exact',
    takeCash: 'Take cash',
    waitingForPayment: 'Waiting for the KHQR payment…',
    khqrExpired: 'The QR expired and nothing was paid. Charge again.',
    expiresIn: (time) => `Expires in ${time}`,
    cancelQr: 'Cancel QR',
    confirmByHand: 'Confirm by hand',
    confirmByHandHint: "Only when you saw the payment succeed on the customer's phone. The sale is marked unverified.",
    managerApproval: 'Manager approval',
    manager: 'Manager',
    reason: 'Reason',
    approve: 'Approve',
    cancel: 'Cancel',
    paid: 'Paid',
    change: 'Change',
    noChange: 'No change',
    nextSale: 'Next sale',
    reprint: 'Reprint',
    showReceipt: 'Show receipt',
    receipt: (number) => `Receipt ${number}`,
    unverified: 'Unverified',
    increase: (name) => `One more ${name}`,
    decrease: (name) => `One less ${name}`,
    remove: (name) => `Remove ${name}`,
    cancelSale: 'Cancel sale',
    tools: {
      discount: 'Discount',
      hold: 'Hold sale',
      on: 'On',
      wholeSale: 'The whole sale',
      kind: 'Kind',
      value: 'Value',
      apply: 'Apply',
      removeDiscount: 'Remove discount',
      percentInvalid: 'A percentage is between 0 and 100.',
      held: (count) => `Sales on hold (${count})`,
      recall: (lines, time) => `${time} · ${lines} item(s)`,
    },
    nav: { till: 'Sell', sales: "Today's sales", shift: 'Shift', stickers: 'QR stickers', settings: 'Settings' },
    settings: {
      title: 'Settings',
      saved: 'Saved.',
      rate: 'Exchange rate',
      rielPerDollar: 'Riel per dollar',
      setRate: 'Set rate',
      money: 'Money',
      smallestNote: 'Smallest riel note for change',
      taxInclusive: 'Prices include VAT',
      merchant: 'KHQR merchant',
      bakongAccount: 'Bakong account',
      accountFromSticker: "Read from the bank's KHQR sticker. To change it, scan the new sticker.",
      changeAccount: "Change the account: scan the bank's sticker",
      keepAccount: 'Keep this account',
      merchantNameEn: 'Merchant name (Latin)',
      merchantNameKm: 'Merchant name (Khmer)',
      city: 'City',
      printer: 'Receipt printer',
      connection: 'Connection',
      noPrinter: 'None (previews only)',
      serial: 'Serial cable',
      network: 'Network (TCP 9100)',
      device: 'Device file',
      address: 'Address or port',
      baud: 'Speed (baud)',
      paper: 'Paper',
      nativeQr: 'The printer draws QR codes itself',
      cutter: 'Has a paper cutter',
      testPage: 'Print a test page',
      save: 'Save',
      vat: 'VAT',
      vatRateOf: (name) => `${name} rate (%)`,
      setVat: (name) => `Set ${name}`,
      vatInvalid: 'A VAT rate is between 0 and 100, with at most two decimals.',
      customerDisplay: 'Customer display',
      automaticDisplay: "Automatic (the screen that is not the cashier's)",
      showOn: 'Show it on',
      displayName: (label, width, height) => `${label || 'Screen'} ${width} × ${height}`,
      chosenMissing: 'The chosen screen is not connected; the customer display is on another one.',
      receiptLanguage: 'Receipt language',
    },
    stickers: {
      title: "The shop's KHQR stickers",
      copies: 'Copies',
      paper: 'Paper',
      strength: 'QR strength',
      normal: 'Normal (M)',
      sturdy: 'Sturdy (Q), for stickers that get handled',
      print: 'Print stickers',
      printed: (serials) => `Sent to the printer: ${serials}`,
      previewAlt: 'The KHQR sticker as it will print',
      copiesInvalid: 'Copies must be between 1 and 50.',
    },
    report: {
      title: 'Shift and reports',
      sales: (count) => `Sales (${count})`,
      refunds: (count) => `Refunds (${count})`,
      voids: (count) => `Voids (${count})`,
      expected: 'Cash expected',
      counted: 'Cash counted',
      variance: 'Over / short',
      unverified: (count) => `KHQR confirmed by hand, not yet verified (${count})`,
      bakongChecks: 'Checked with Bakong',
      checkFigures: (verified, problems, unresolved) =>
        `${verified} verified · ${problems} problems${unresolved > 0 ? ` (${unresolved} unresolved)` : ''}`,
      printX: 'Print X report',
      closeShift: 'Close shift',
      blindHint: 'Count the notes of each kind. The expected cash is shown once the count is in.',
      notesOf: (note) => `Number of ${note} notes`,
      countInvalid: 'Note counts must be whole numbers.',
      closed: 'Shift closed. Z report',
    },
    sales: {
      title: "Today's sales",
      none: 'No sales yet.',
      voided: 'Voided',
      refund: 'Refund',
      void: 'Void sale',
      voidReason: 'Void the sale',
      refundQuantity: (name) => `Units of ${name} to refund`,
      refundTotal: 'To give back',
      refundCash: (currency) => `Give back in cash ${currency}`,
      done: (number) => `Done: ${number}`,
    },
    status: {
      printer: {
        ready: 'Printer ready',
        paper_out: 'Printer: out of paper',
        cover_open: 'Printer: cover open',
        offline: 'Printer: off or not answering',
        disconnected: 'Printer: not connected',
        unknown: 'Printer: no status reply yet',
      },
      previewOnly: 'No printer (previews only)',
      printQueue: (pending, held) => `${pending} waiting to print${held > 0 ? ` · ${held} to check` : ''}`,
      unsynced: (count, minutes) => `${count} not sent yet${minutes === null ? '' : ` (${minutes} min)`}`,
      allSent: 'Everything sent',
      online: 'Network connected',
      offline: 'No network',
    },
    errors: {
      unsynced_events:
        'Not now: some events have not reached the back office. Wait until everything is sent, or export them to a file first.',
      enrolment_refused: 'The back office refused this code (wrong, used or expired). Ask for a new one.',
      backoffice_unreachable: 'The back office cannot be reached. Check the address and the network.',
      khqr_manual_sale_limit: 'This is above the limit for confirming one sale by hand.',
      khqr_manual_shift_limit:
        'This shift has reached its limit of hand confirmations. Check the payments with Bakong first.',
      bakong_hash_used: 'This Bakong transfer already paid another sale.',
      pin_wrong: 'Wrong PIN.',
      user_locked: 'This user is locked. A manager must unlock them.',
      barcode_unknown: 'No product has this barcode.',
      product_inactive: 'This product is not for sale.',
      sale_has_tenders: 'Money was already taken; the items cannot change.',
      approval_not_manager: 'That person is not a manager.',
      approval_required: 'A manager must approve this.',
      shift_closed: 'No shift is open.',
      khqr_not_shown: 'No QR is waiting for payment.',
      amount_invalid:
        'That amount is not valid. Type digits only: dollars with at most two decimals (1.50), riel with none (15,000).',
      sale_settled: 'Everything is paid.',
      input_invalid: 'That is not valid.',
      signed_out: 'Sign in first.',
      khqr_currency_off: 'This shop does not take KHQR in that currency.',
      sale_awaiting_payment: 'A QR is on the customer screen. Cancel the QR before changing the sale.',
    },
  },
}
