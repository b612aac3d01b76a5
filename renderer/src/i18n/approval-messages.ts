import type { ApprovalRequest } from '../../../shared/api.ts'
import { type Currency, type Discount, formatMoney, formatRate } from '../../../shared/money/index.ts'
import type { Language } from './messages.ts'

type Words = { km: string; en: string }

const SETTING_NAMES: Record<string, Words> = {
  shopNameEn: { km: 'ឈ្មោះហាង (អង់គ្លេស)', en: 'shop name (English)' },
  shopNameKm: { km: 'ឈ្មោះហាង (ខ្មែរ)', en: 'shop name (Khmer)' },
  shopAddress: { km: 'អាសយដ្ឋានហាង', en: 'shop address' },
  shopPhone: { km: 'លេខទូរស័ព្ទហាង', en: 'shop phone' },
  vatTin: { km: 'លេខអត្តសញ្ញាណកម្មសារពើពន្ធ (VAT TIN)', en: 'VAT TIN' },
  merchant: { km: 'គណនី KHQR', en: 'KHQR account' },
  saleCurrency: { km: 'រូបិយប័ណ្ណលក់', en: 'sale currency' },
  taxInclusive: { km: 'តម្លៃរួម VAT', en: 'prices include VAT' },
  smallestNote: { km: 'ក្រដាសប្រាក់តូចបំផុត', en: 'smallest note' },
  receiptLanguage: { km: 'ភាសាវិក្កយបត្រ', en: 'receipt language' },
  printer: { km: 'ម៉ាស៊ីនបោះពុម្ព', en: 'printer' },
  poleDisplay: { km: 'អេក្រង់បង្គោល', en: 'pole display' },
  khqrCheckMode: { km: 'ការពិនិត្យ KHQR', en: 'KHQR checks' },
  khqrManualLimits: { km: 'ដែនកំណត់បញ្ជាក់ដោយដៃ', en: 'hand-confirmation limits' },
  cashierLimits: { km: 'ដែនកំណត់អ្នកគិតលុយ', en: 'cashier limits' },
  bakongBaseUrl: { km: 'អាសយដ្ឋាន Bakong', en: 'Bakong address' },
}

function settingValue(value: unknown, language: Language): string | null {
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  if (typeof value === 'boolean')
    return value ? (language === 'km' ? 'បាទ/ចាស' : 'yes') : language === 'km' ? 'ទេ' : 'no'
  return null
}

function discountWords(discount: Discount | null, currency: Currency, language: Language): string {
  if (!discount) return language === 'km' ? 'ដកការបញ្ចុះតម្លៃ' : 'no discount'
  return discount.kind === 'percent'
    ? `${discount.basisPoints / 100} %`
    : formatMoney(discount.amount, currency, language)
}

/**
 * What the manager is approving, in words: the action, what it acts on and the amounts, so a
 * rate change from 4 100 to 4 080 does not read like a VAT change. `currency` is the sale's.
 */
export function describeApproval(request: ApprovalRequest, language: Language, currency: Currency = 'USD'): string {
  const say = (km: string, en: string) => (language === 'km' ? km : en)
  const money = (amount: number, of: Currency) => formatMoney(amount, of, language)
  switch (request.method) {
    case 'updateSettings': {
      const changes = Object.entries(request.args[0]).map(([key, value]) => {
        const name = SETTING_NAMES[key]?.[language] ?? key
        const shown = settingValue(value, language)
        return shown === null ? name : `${name} → ${shown}`
      })
      return say(`ប្ដូរការកំណត់៖ ${changes.join(', ')}`, `Change settings: ${changes.join(', ')}`)
    }
    case 'setExchangeRate':
      return say(
        `អត្រាប្ដូរប្រាក់ថ្មី៖ ${formatRate(request.args[0], 'km')}`,
        `New exchange rate: ${formatRate(request.args[0], 'en')}`,
      )
    case 'saveVatClass': {
      const vat = request.args[0]
      return say(
        `អត្រា ${vat.nameKm}៖ ${vat.rateBasisPoints / 100} %`,
        `${vat.nameEn} rate: ${vat.rateBasisPoints / 100} %`,
      )
    }
    case 'setSaleDiscount':
      return say(
        `បញ្ចុះតម្លៃលើការលក់ទាំងមូល៖ ${discountWords(request.args[0], currency, language)}`,
        `Discount on the whole sale: ${discountWords(request.args[0], currency, language)}`,
      )
    case 'setLineDiscount':
      return say(
        `បញ្ចុះតម្លៃលើទំនិញមួយ៖ ${discountWords(request.args[1], currency, language)}`,
        `Discount on one item: ${discountWords(request.args[1], currency, language)}`,
      )
    case 'overrideLinePrice':
      return say(
        `ប្ដូរតម្លៃទំនិញទៅ ${money(request.args[1], currency)}`,
        `Change an item's price to ${money(request.args[1], currency)}`,
      )
    case 'completeWithoutPayment':
      return say('ផ្ដល់ទំនិញក្នុងការលក់នេះដោយឥតគិតថ្លៃ', 'Give the goods on this sale for nothing')
    case 'cancelSale':
      return say('បោះបង់ការលក់ ក្រោយពេលបានយកប្រាក់', 'Cancel the sale after money was taken')
    case 'confirmKhqrByHand':
      return say('បញ្ជាក់ការបង់ KHQR ដោយដៃ ដោយគ្មាន Bakong', 'Confirm the KHQR payment by hand, without Bakong')
    case 'moveCash': {
      const move = request.args[0]
      const amount = money(move.amount, move.currency)
      return move.direction === 'out'
        ? say(`ដកប្រាក់ ${amount} ពីថត៖ ${move.reason}`, `Take ${amount} out of the drawer: ${move.reason}`)
        : say(`ដាក់ប្រាក់ ${amount} ចូលថត៖ ${move.reason}`, `Put ${amount} into the drawer: ${move.reason}`)
    }
    case 'voidSale':
      return say('លុបចោលការលក់នេះ', 'Void this sale')
    case 'refundSale': {
      const refund = request.args[0]
      const units = refund.lines.reduce((sum, line) => sum + line.quantity, 0)
      const cash = refund.tenders.map((tender) =>
        money(tender.amount, tender.kind === 'cash_khr' || tender.kind === 'khqr_khr' ? 'KHR' : 'USD'),
      )
      return say(
        `សងប្រាក់វិញ ${units} មុខ${cash.length ? `៖ ${cash.join(' + ')}` : ''}`,
        `Refund ${units} item${units === 1 ? '' : 's'}${cash.length ? `: ${cash.join(' + ')} back` : ''}`,
      )
    }
    case 'openDrawer':
      return say('បើកថតប្រាក់ ដោយគ្មានការលក់', 'Open the cash drawer without a sale')
    case 'discardPrintJob':
      return say('បោះបង់ការបោះពុម្ពមួយ', 'Discard a print job')
    case 'createUser':
      return say(
        `បង្កើតអ្នកប្រើ ${request.args[0].name} (${request.args[0].role === 'manager' ? 'អ្នកគ្រប់គ្រង' : 'អ្នកគិតលុយ'})`,
        `Add ${request.args[0].name} as a ${request.args[0].role}`,
      )
    case 'deactivateUser':
      return say('ដកអ្នកប្រើម្នាក់ចេញពីបុគ្គលិក', 'Take someone off the staff')
    case 'unlockUser':
      return say('ដោះសោអ្នកប្រើម្នាក់', 'Unlock a user')
    case 'changePin':
      return say('ប្ដូរលេខសម្ងាត់របស់អ្នកប្រើម្នាក់', "Change a user's PIN")
    case 'createRecoveryCode':
      return say('បង្កើតលេខកូដសង្គ្រោះថ្មីរបស់ម្ចាស់ហាង', 'Make a new owner recovery code')
    case 'endDemo':
      return say('បញ្ចប់ហាងសាកល្បង', 'End the demo shop')
    case 'saveProduct':
      return say(`រក្សាទុកទំនិញ ${request.args[0].nameKm}`, `Save the product ${request.args[0].nameEn}`)
    case 'saveCategory':
      return say(`រក្សាទុកប្រភេទ ${request.args[0].nameKm}`, `Save the category ${request.args[0].nameEn}`)
    case 'moveCategory':
      return say('ប្ដូរលំដាប់ប្រភេទ', 'Change the order of the categories')
    case 'importProductsCsv':
      return say('នាំចូលបញ្ជីទំនិញពីឯកសារ CSV', 'Import products from a CSV file')
    case 'enrollTerminal':
      return say(`ភ្ជាប់ទៅការិយាល័យ ${request.args[0]}`, `Connect to the back office at ${request.args[0]}`)
    case 'unenrollTerminal':
      return say('ផ្ដាច់ពីការិយាល័យ', 'Leave the back office')
    case 'exportPendingEvents':
      return say('នាំចេញទិន្នន័យដែលមិនទាន់ផ្ញើ', 'Export the unsent sales to a file')
    case 'setBakongToken':
      return request.args[0] === null
        ? say('លុបកូដ Bakong', 'Remove the Bakong token')
        : say('ដាក់កូដ Bakong ថ្មី', 'Set a new Bakong token')
    case 'resolveKhqrIssue':
      return say('ដោះស្រាយបញ្ហាការបង់ KHQR', 'Resolve a KHQR payment issue')
    case 'createBackup':
      return say('ធ្វើច្បាប់ចម្លងទុក', 'Make a backup')
    case 'restoreBackup':
      return say(`ស្តារច្បាប់ចម្លងទុក ${request.args[0]}`, `Restore the backup ${request.args[0]}`)
  }
}
