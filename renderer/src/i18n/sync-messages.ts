import type { KhqrWatchState } from '../../../shared/bakong/watch-status.ts'
import type { KhqrIssueView, SyncStatus } from '../../../shared/views.ts'
import type { Language } from './messages.ts'

/** What the till says about the back office and about checking KHQR payments, in Khmer and English. */
export interface SyncMessages {
  bar: {
    state: Record<SyncStatus['state'], string>
    clock: (minutes: number) => string
    quarantined: (count: number) => string
    khqrIssues: (count: number) => string
  }
  /** What the payment check says while the customer pays, in plain words; only `paid` means paid. */
  khqr: Record<KhqrWatchState, string>
  page: {
    nav: string
    title: string
    backoffice: string
    address: string
    code: string
    enroll: string
    leave: string
    enrolledTo: (url: string) => string
    lastSuccess: (time: string) => string
    never: string
    clockOffset: (seconds: number) => string
    sendNow: string
    export: string
    exported: (events: number, path: string) => string
    quarantinedTitle: string
    noneQuarantined: string
    payments: string
    checkMode: string
    modes: Record<'direct' | 'backoffice' | 'off', string>
    bakongAddress: string
    token: string
    tokenSet: (expires: string | null) => string
    tokenNone: string
    setToken: string
    removeToken: string
    limits: string
    perSaleUsd: string
    perSaleKhr: string
    perShiftUsd: string
    perShiftKhr: string
    limitsInvalid: string
    saveChecks: string
    issues: string
    noIssues: string
    issue: Record<KhqrIssueView['kind'], string>
    resolve: string
    recheck: string
    rechecked: (verified: number, problems: number, unchecked: number) => string
    saved: string
  }
}

export const SYNC_MESSAGES: Record<Language, SyncMessages> = {
  km: {
    bar: {
      state: {
        not_configured: 'មិនទាន់ភ្ជាប់ការិយាល័យ',
        synced: 'បានបញ្ជូនទៅការិយាល័យ',
        syncing: 'កំពុងបញ្ជូន…',
        offline: 'មិនអាចទាក់ទងការិយាល័យ',
        revoked: 'ការិយាល័យបានដកសិទ្ធិម៉ាស៊ីននេះ (ទិន្នន័យនៅទីនេះ)',
        update_needed: 'ត្រូវធ្វើបច្ចុប្បន្នភាពកម្មវិធី ដើម្បីបញ្ជូនបន្ត',
      },
      clock: (minutes) => `នាឡិកាខុសពីការិយាល័យ ${minutes} នាទី`,
      quarantined: (count) => `${count} ត្រូវបានបដិសេធ៖ អ្នកគ្រប់គ្រងត្រូវពិនិត្យ`,
      khqrIssues: (count) => `បញ្ហាការបង់ប្រាក់ KHQR ${count}៖ ហៅអ្នកគ្រប់គ្រង`,
    },
    khqr: {
      waiting: 'កំពុងរង់ចាំអតិថិជនបង់ប្រាក់។',
      unreachable: 'មិនអាចទាក់ទង Bakong (គ្មានអ៊ីនធឺណិត?)។ កំពុងព្យាយាម។ កុំប្រគល់ទំនិញសិន។',
      throttled: 'Bakong ស្នើឱ្យពិនិត្យយឺតបន្តិច។ កំពុងពិនិត្យបន្ត។',
      forbidden: 'Bakong បដិសេធ (ការភ្ជាប់ពីក្រៅប្រទេសកម្ពុជា)។ មិនអាចបញ្ជាក់ដោយស្វ័យប្រវត្តិបានទេ។',
      unauthorized: 'គ្មាន Token Bakong ឬផុតកំណត់។ អ្នកគ្រប់គ្រងត្រូវបន្ត។ មិនអាចបញ្ជាក់ដោយស្វ័យប្រវត្តិបានទេ។',
      failed: 'ធនាគាររាយការណ៍ថាការបង់ប្រាក់បរាជ័យ។ សូមឱ្យអតិថិជនព្យាយាមម្តងទៀត។',
      mismatch: 'រកឃើញការបង់ប្រាក់ ប៉ុន្តែមិនត្រូវនឹងការលក់នេះ។ ហៅអ្នកគ្រប់គ្រង។',
      paid: 'បានបង់ប្រាក់។ Bakong បានបញ្ជាក់។',
      expired: 'QR បានផុតកំណត់។',
      cancelled: 'QR ត្រូវបានបោះបង់។',
      off: 'ការពិនិត្យស្វ័យប្រវត្តិត្រូវបានបិទ។ បញ្ជាក់ដោយដៃជាមួយអ្នកគ្រប់គ្រង។',
    },
    page: {
      nav: 'ការិយាល័យ',
      title: 'ការិយាល័យ និងការពិនិត្យ KHQR',
      backoffice: 'ការិយាល័យ (Back office)',
      address: 'អាសយដ្ឋានការិយាល័យ',
      code: 'លេខកូដម្តង',
      enroll: 'ភ្ជាប់',
      leave: 'ផ្តាច់',
      enrolledTo: (url) => `ភ្ជាប់ទៅ ${url}`,
      lastSuccess: (time) => `បញ្ជូនចុងក្រោយ ${time}`,
      never: 'មិនទាន់បញ្ជូនទេ',
      clockOffset: (seconds) => `នាឡិកាខុស ${seconds} វិនាទី`,
      sendNow: 'បញ្ជូនឥឡូវ',
      export: 'នាំចេញទិន្នន័យមិនទាន់បញ្ជូនជាឯកសារ',
      exported: (events, path) => `បាននាំចេញ ${events} ទៅ ${path}`,
      quarantinedTitle: 'ទិន្នន័យដែលត្រូវបានបដិសេធ',
      noneQuarantined: 'គ្មាន។',
      payments: 'ការពិនិត្យការបង់ប្រាក់ KHQR',
      checkMode: 'ពិនិត្យតាម',
      modes: { direct: 'Bakong ផ្ទាល់', backoffice: 'តាមការិយាល័យ', off: 'បិទ (បញ្ជាក់ដោយដៃ)' },
      bakongAddress: 'អាសយដ្ឋាន Bakong API',
      token: 'Token Bakong',
      tokenSet: (expires) => `មាន Token${expires ? ` (ផុតកំណត់ ${expires})` : ''}`,
      tokenNone: 'គ្មាន Token',
      setToken: 'កំណត់ Token',
      removeToken: 'លុប Token',
      limits: 'ដែនកំណត់បញ្ជាក់ដោយដៃ (គ្មានអ៊ីនធឺណិត)',
      perSaleUsd: 'ក្នុងមួយការលក់ (ដុល្លារ)',
      perSaleKhr: 'ក្នុងមួយការលក់ (រៀល)',
      perShiftUsd: 'ក្នុងមួយវេន (ដុល្លារ)',
      perShiftKhr: 'ក្នុងមួយវេន (រៀល)',
      limitsInvalid: 'ដែនកំណត់ត្រូវជាចំនួនទឹកប្រាក់ត្រឹមត្រូវ (0 បិទការបញ្ជាក់ដោយដៃ)។',
      saveChecks: 'រក្សាទុក',
      issues: 'បញ្ហាការបង់ប្រាក់ KHQR',
      noIssues: 'គ្មានបញ្ហា។',
      issue: {
        mismatch: 'ការបង់ប្រាក់មិនត្រូវ',
        not_found: 'Bakong រកមិនឃើញការបង់ប្រាក់',
        over_payment: 'បង់ពីរដង',
        late_payment: 'បង់ក្រោយ QR ផុតកំណត់',
        hash_used: 'ប្រតិបត្តិការបានប្រើរួច',
      },
      resolve: 'ដោះស្រាយ',
      recheck: 'ពិនិត្យការបញ្ជាក់ដោយដៃឡើងវិញ',
      rechecked: (verified, problems, unchecked) => `បានបញ្ជាក់ ${verified} · បញ្ហា ${problems} · មិនទាន់ពិនិត្យ ${unchecked}`,
      saved: 'បានរក្សាទុក។',
    },
  },
  en: {
    bar: {
      state: {
        not_configured: 'No back office yet',
        synced: 'Sent to the back office',
        syncing: 'Sending…',
        offline: 'Back office unreachable',
        revoked: 'The back office revoked this terminal (sales are kept here)',
        update_needed: 'Update the app to keep sending',
      },
      clock: (minutes) => `Clock differs from the back office by ${minutes} min`,
      quarantined: (count) => `${count} refused: a manager must look`,
      khqrIssues: (count) => `${count} KHQR payment ${count === 1 ? 'problem' : 'problems'}: call a manager`,
    },
    khqr: {
      waiting: 'Waiting for the customer to pay.',
      unreachable: 'Cannot reach Bakong (offline?). Still trying; do not hand over the goods yet.',
      throttled: 'Bakong asks us to slow down. Still checking, a little less often.',
      forbidden:
        'Bakong refused the check (the connection seems to be from outside Cambodia). Payments cannot be confirmed automatically.',
      unauthorized:
        'The Bakong token is missing or expired. A manager must renew it; payments cannot be confirmed automatically.',
      failed: 'The bank reported this payment as failed. Ask the customer to try again.',
      mismatch: 'A payment was found but it does not match this sale. Call a manager.',
      paid: 'Paid. Confirmed by Bakong.',
      expired: 'The QR expired.',
      cancelled: 'The QR was cancelled.',
      off: 'Automatic checking is off. Confirm by hand with a manager.',
    },
    page: {
      nav: 'Back office',
      title: 'Back office and KHQR checks',
      backoffice: 'Back office',
      address: 'Back-office address',
      code: 'One-time code',
      enroll: 'Connect',
      leave: 'Disconnect',
      enrolledTo: (url) => `Connected to ${url}`,
      lastSuccess: (time) => `Last sent ${time}`,
      never: 'Nothing sent yet',
      clockOffset: (seconds) => `Clock offset ${seconds} s`,
      sendNow: 'Send now',
      export: 'Export unsent events to a file',
      exported: (events, path) => `${events} exported to ${path}`,
      quarantinedTitle: 'Events the back office refused',
      noneQuarantined: 'None.',
      payments: 'KHQR payment checks',
      checkMode: 'Check with',
      modes: { direct: 'Bakong directly', backoffice: 'The back office', off: 'Off (confirm by hand)' },
      bakongAddress: 'Bakong API address',
      token: 'Bakong token',
      tokenSet: (expires) => `A token is set${expires ? ` (expires ${expires})` : ''}`,
      tokenNone: 'No token',
      setToken: 'Set token',
      removeToken: 'Remove token',
      limits: 'Hand-confirmation limits (offline)',
      perSaleUsd: 'Per sale (dollars)',
      perSaleKhr: 'Per sale (riel)',
      perShiftUsd: 'Per shift (dollars)',
      perShiftKhr: 'Per shift (riel)',
      limitsInvalid: 'A limit is an amount (0 turns hand confirmation off).',
      saveChecks: 'Save',
      issues: 'KHQR payment issues',
      noIssues: 'No issues.',
      issue: {
        mismatch: 'Payment does not match',
        not_found: 'Bakong has no such payment',
        over_payment: 'Paid twice',
        late_payment: 'Paid after the QR expired',
        hash_used: 'Transfer already used',
      },
      resolve: 'Resolve',
      recheck: 'Recheck hand confirmations',
      rechecked: (verified, problems, unchecked) =>
        `${verified} verified · ${problems} problems · ${unchecked} not checked yet`,
      saved: 'Saved.',
    },
  },
}
