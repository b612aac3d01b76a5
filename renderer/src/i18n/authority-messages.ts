import { formatRate } from '../../../shared/money/index.ts'
import type { Language } from './messages.ts'

/** What the till says about approvals, PIN attempts, the cashier's limits and the owner recovery code. */
export interface AuthorityMessages {
  errors: Record<string, string>
  rateWas: (khrPerUsd: number) => string
  recovery: {
    open: string
    title: string
    hint: string
    code: string
    unlock: string
    unlocked: (name: string) => string
    make: string
    shown: string
    legend: string
    written: string
    replaces: string
  }
  limits: {
    legend: string
    hint: string
    discount: string
    cashOutUsd: string
    cashOutKhr: string
    /** The field's label, for the error that names it. */
    invalid: (field: string) => string
  }
  /** A cashier's shift page: no figures before the count. */
  blindClose: string
  /** A locked manager may try again by themselves at this time. */
  tryAgainAt: (time: string) => string
}

export const AUTHORITY_MESSAGES: Record<Language, AuthorityMessages> = {
  km: {
    errors: {
      pin_wait: 'លេខសម្ងាត់ខុសច្រើនដងពេកនៅលើម៉ាស៊ីននេះ។ សូមរង់ចាំបន្តិច ហើយព្យាយាមម្ដងទៀត។',
      user_locked: 'គណនីនេះជាប់សោ។ អ្នកគិតលុយ៖ សូមឱ្យអ្នកគ្រប់គ្រងដោះសោ។ អ្នកគ្រប់គ្រង៖ រង់ចាំ ឬប្រើលេខកូដសង្គ្រោះរបស់ម្ចាស់ហាង។',
      approval_invalid: 'ការអនុញ្ញាតនេះមិនអាចប្រើបានទៀតទេ (ប្រើរួច ផុតកំណត់ ឬសម្រាប់រឿងផ្សេង)។ សូមសុំអ្នកគ្រប់គ្រងម្ដងទៀត។',
      discount_needs_approval: 'ការបញ្ចុះតម្លៃឥឡូវលើសដែនកំណត់អ្នកគិតលុយ។ សូមកំណត់ការបញ្ចុះតម្លៃម្ដងទៀត ដើម្បីឱ្យអ្នកគ្រប់គ្រងអនុញ្ញាត។',
      cash_out_exceeds_drawer: 'ចំនួននេះច្រើនជាងប្រាក់ដែលគួរមានក្នុងថត។',
      recovery_code_wrong: 'នេះមិនមែនជាលេខកូដសង្គ្រោះរបស់ម្ចាស់ហាងទេ។',
      recovery_code_none: 'ម៉ាស៊ីននេះគ្មានលេខកូដសង្គ្រោះទេ។',
      recovery_not_manager: 'លេខកូដសង្គ្រោះដោះសោតែអ្នកគ្រប់គ្រងប៉ុណ្ណោះ។',
      backoffice_insecure: 'ការិយាល័យនៅលើបណ្ដាញត្រូវប្រើ https:// ជាមួយលេខសម្គាល់វិញ្ញាបនបត្រ (#pin=…)។ សូមស្កេនអាសយដ្ឋានពីទំព័រការិយាល័យ។',
      backoffice_address_invalid: 'អាសយដ្ឋានការិយាល័យមិនត្រឹមត្រូវ។ សូមស្កេន ឬវាយអាសយដ្ឋានពីទំព័រការិយាល័យឱ្យបានត្រឹមត្រូវ។',
      backoffice_certificate_mismatch:
        'វិញ្ញាបនបត្ររបស់ម៉ាស៊ីនដែលឆ្លើយមិនមែនជារបស់ការិយាល័យដែលបានភ្ជាប់ទេ។ អាចមានអ្នកលួចស្ដាប់នៅលើបណ្ដាញ។ កុំបន្ត ហើយទាក់ទងម្ចាស់ហាង។',
      secret_store_unavailable:
        'ម៉ាស៊ីននេះមិនអាចរក្សាសោសម្ងាត់បានទេ (គ្មានឃ្លាំងសោ ឬសរសេរមិនបាន)។ គ្មានអ្វីត្រូវបានផ្ញើទេ៖ លេខកូដនៅតែប្រើបាន។ សូមមើល អំពីម៉ាស៊ីននេះ។',
    },
    rateWas: (khrPerUsd) => `អត្រាបច្ចុប្បន្ន៖ ${formatRate(khrPerUsd, 'km')}`,
    recovery: {
      open: 'ដោះសោដោយលេខកូដសង្គ្រោះ',
      title: 'លេខកូដសង្គ្រោះរបស់ម្ចាស់ហាង',
      hint: 'លេខកូដដែលបានបង្ហាញម្ដងពេលរៀបចំហាង។ វាដោះសោអ្នកគ្រប់គ្រងម្នាក់ ហើយប្រើបានតែម្ដង។',
      code: 'លេខកូដសង្គ្រោះ',
      unlock: 'ដោះសោ',
      unlocked: (name) => `${name} បានដោះសោ។ សូមបង្កើតលេខកូដសង្គ្រោះថ្មីនៅក្នុងការកំណត់។`,
      make: 'បង្កើតលេខកូដសង្គ្រោះថ្មី',
      shown: 'សរសេរលេខកូដនេះទុកនៅកន្លែងសុវត្ថិភាព។ វានឹងមិនបង្ហាញម្ដងទៀតទេ៖',
      legend: 'លេខកូដសង្គ្រោះរបស់ម្ចាស់ហាង',
      written: 'ខ្ញុំបានសរសេរទុកហើយ',
      replaces: 'លេខកូដសង្គ្រោះដោះសោអ្នកគ្រប់គ្រងដែលជាប់សោ។ ការបង្កើតលេខកូដថ្មី ធ្វើឱ្យលេខកូដចាស់ប្រើលែងបាន។',
    },
    limits: {
      legend: 'សិទ្ធិអ្នកគិតលុយ',
      hint: 'លើសពីនេះ ត្រូវការការអនុញ្ញាតពីអ្នកគ្រប់គ្រង។ 0 = រាល់ដងត្រូវការការអនុញ្ញាត។',
      discount: 'ការបញ្ចុះតម្លៃអតិបរមា (%)',
      cashOutUsd: 'ដកប្រាក់ពីថតអតិបរមា ($)',
      cashOutKhr: 'ដកប្រាក់ពីថតអតិបរមា (៛)',
      invalid: (field) => `${field}៖ សូមវាយចំនួនត្រឹមត្រូវ (0 ឬលើស)។`,
    },
    blindClose: 'រាប់ប្រាក់ក្នុងថតដើម្បីបិទវេន។ តួលេខរំពឹងទុកបង្ហាញក្នុងរបាយការណ៍ Z ក្រោយពេលរាប់។ របាយការណ៍ X សម្រាប់តែអ្នកគ្រប់គ្រង។',
    tryAgainAt: (time) => `អាចព្យាយាមម្ដងទៀតនៅម៉ោង ${time}`,
  },
  en: {
    errors: {
      pin_wait: 'Too many wrong PINs on this terminal. Wait a few seconds, then try again.',
      user_locked:
        'This user is locked. A cashier: a manager must unlock them. A manager: wait, or use the owner recovery code.',
      approval_invalid:
        'That approval cannot be used any more (used already, run out, or given for something else). Ask the manager again.',
      discount_needs_approval:
        'The discount is now more than a cashier may give. Set the discount again for a manager to approve.',
      cash_out_exceeds_drawer: 'That is more than the drawer should hold.',
      recovery_code_wrong: 'That is not the owner recovery code.',
      recovery_code_none: 'This terminal has no owner recovery code.',
      recovery_not_manager: 'The recovery code unlocks a manager; a manager unlocks a cashier.',
      backoffice_insecure:
        'A back office on the network is reached over https:// with its certificate pin (#pin=…). Scan the address from the back office page.',
      backoffice_address_invalid:
        'That back office address is not right. Scan or type the address from the back office page exactly.',
      backoffice_certificate_mismatch:
        'The machine that answered does not have the back office’s certificate. Someone may be in the middle on the network: do not go on, and call the owner.',
      secret_store_unavailable:
        'This computer cannot keep the terminal’s secrets (no key store, or it cannot be written). Nothing was sent: the code can still be used. See About this terminal.',
    },
    rateWas: (khrPerUsd) => `The rate now: ${formatRate(khrPerUsd, 'en')}`,
    recovery: {
      open: 'Unlock with the recovery code',
      title: 'Owner recovery code',
      hint: 'The code shown once when the shop was set up. It unlocks one manager and is then used up.',
      code: 'Recovery code',
      unlock: 'Unlock',
      unlocked: (name) => `${name} is unlocked. Make a new recovery code in Settings.`,
      make: 'Make a new recovery code',
      shown: 'Write this code down and keep it somewhere safe. It is not shown again:',
      legend: 'Owner recovery code',
      written: 'I have written it down',
      replaces: 'The recovery code unlocks a locked manager. Making a new one makes the old one useless.',
    },
    limits: {
      legend: 'What a cashier may do alone',
      hint: 'Above these, a manager must approve. 0 means every one needs approval.',
      discount: 'Largest discount (%)',
      cashOutUsd: 'Largest cash out ($)',
      cashOutKhr: 'Largest cash out (៛)',
      invalid: (field) => `${field}: type a valid amount (0 or more).`,
    },
    blindClose:
      'Count the drawer to close the shift. What was expected is shown on the Z report, after your count. The X report is for a manager.',
    tryAgainAt: (time) => `May try again at ${time}`,
  },
}
