/**
 * KHQR engine against the official SDK (bakong-khqr 1.0.20), on the same inputs in one process.
 *
 * Primary workload: what the till generates, one dynamic QR per sale (individual and merchant
 * accounts, USD and KHR, receipt number and terminal label, with and without the shop's Khmer name)
 * and the static sticker QR. The SDK's side includes building its IndividualInfo/MerchantInfo, which
 * its API requires for every QR (the amount lives in it); ours takes a plain object.
 * Secondary: every case of the SDK's recorded vectors that both engines accept (a stress corpus of
 * edge cases: limits, Chinese and Thai templates, all optional fields), reported as corpus_*.
 * Prints one JSON object on its last line.
 */
import { decodeKhqr, encodeKhqr, verifyKhqr } from '../shared/khqr/index.ts'
import { type SdkInput, sdk, sdkGenerate, toKhqrInput, VECTOR_NOW, vectors } from '../tests/support/sdk-khqr.ts'
import { type Contender, race, round } from './measure.ts'

// Both engines read the same fixed clock, so dynamic cases are neither expired nor time-dependent.
Date.now = () => VECTOR_NOW
const EXPIRY = VECTOR_NOW + 5 * 60_000

function sale(amount: number, currency: 116 | 840, bill: string, khmer: boolean, merchant: boolean): SdkInput {
  const optional: Record<string, unknown> = {
    currency,
    amount,
    expirationTimestamp: EXPIRY,
    billNumber: bill,
    terminalLabel: 'Counter 1',
  }
  if (khmer)
    Object.assign(optional, {
      languagePreference: 'km',
      merchantNameAlternateLanguage: 'ហាងកាហ្វេក្លាំង',
      merchantCityAlternateLanguage: 'ភ្នំពេញ',
    })
  if (merchant) {
    return {
      kind: 'merchant',
      bakongAccountID: 'klaing_coffee@aclb',
      merchantName: 'Coffee Klaing',
      merchantCity: 'Phnom Penh',
      merchantID: '012345678',
      acquiringBank: 'ACLEDA Bank',
      optional: { ...optional, storeLabel: 'Riverside' },
    }
  }
  return {
    kind: 'individual',
    bakongAccountID: 'sok_dara@aclb',
    merchantName: 'Sok Dara Noodles',
    merchantCity: 'Siem Reap',
    optional,
  }
}

const tillInputs: SdkInput[] = [
  sale(1.5, 840, 'R-000123', false, false),
  sale(12.75, 840, 'R-000124', true, false),
  sale(6500, 116, 'R-000125', true, false),
  sale(48000, 116, 'R-000126', false, true),
  sale(23.1, 840, 'R-000127', true, true),
  sale(0.99, 840, 'R-000128', false, true),
  {
    kind: 'individual',
    bakongAccountID: 'sok_dara@aclb',
    merchantName: 'Sok Dara Noodles',
    merchantCity: 'Siem Reap',
    optional: { currency: 116, languagePreference: 'km', merchantNameAlternateLanguage: 'ហាងគុយទាវសុខដារ៉ា' },
  },
  {
    kind: 'merchant',
    bakongAccountID: 'klaing_coffee@aclb',
    merchantName: 'Coffee Klaing',
    merchantCity: 'Phnom Penh',
    merchantID: '012345678',
    acquiringBank: 'ACLEDA Bank',
    optional: { currency: 840 },
  },
]

interface Workload {
  encodeInputs: SdkInput[]
  payloads: string[]
}

/** Inputs both engines accept, and the SDK's payloads both judge valid. */
function workload(inputs: SdkInput[], extraPayloads: string[] = []): Workload {
  const encodeInputs = inputs.filter((input) => {
    try {
      encodeKhqr(toKhqrInput(input))
    } catch {
      return false
    }
    return sdkGenerate(input).status.code === 0
  })
  const generated = encodeInputs.map((input) => sdkGenerate(input).data?.qr as string)
  const payloads = [...generated, ...extraPayloads].filter(
    (payload) => verifyKhqr(payload, { now: VECTOR_NOW }).valid && sdk.BakongKHQR.verify(payload).isValid,
  )
  return { encodeInputs, payloads }
}

function measure(work: Workload, options: { rounds: number; calls: number }) {
  const ours = work.encodeInputs.map(toKhqrInput)
  const { payloads } = work
  const encode: Contender[] = [
    { name: 'ours', call: (i) => encodeKhqr(ours[i] as (typeof ours)[number]) },
    { name: 'sdk', call: (i) => sdkGenerate(work.encodeInputs[i] as SdkInput) },
  ]
  const decode: Contender[] = [
    { name: 'ours', call: (i) => decodeKhqr(payloads[i] as string) },
    { name: 'sdk', call: (i) => sdk.BakongKHQR.decode(payloads[i] as string) },
  ]
  const verify: Contender[] = [
    { name: 'ours', call: (i) => verifyKhqr(payloads[i] as string) },
    { name: 'sdk', call: (i) => sdk.BakongKHQR.verify(payloads[i] as string) },
  ]
  const [encodeOps = 0, sdkEncodeOps = 0] = race(encode, ours.length, options)
  const [decodeOps = 0, sdkDecodeOps = 0] = race(decode, payloads.length, options)
  const [verifyOps = 0, sdkVerifyOps = 0] = race(verify, payloads.length, options)
  return { encodeOps, sdkEncodeOps, decodeOps, sdkDecodeOps, verifyOps, sdkVerifyOps }
}

// The till workload is measured before the corpus is touched: the corpus's many failing and
// exotic cases would otherwise train V8's inline caches on shapes a till never produces.
const till = workload(tillInputs)
const main = measure(till, { rounds: 9, calls: 60_000 })
const corpusVectors = vectors()
const corpus = workload(
  corpusVectors.map((vector) => vector.input),
  corpusVectors.map((vector) => vector.khqr),
)
const stress = measure(corpus, { rounds: 5, calls: 40_000 })

console.log(
  `KHQR, Node ${process.version}: till workload ${till.encodeInputs.length} inputs / ${till.payloads.length} payloads (9 interleaved rounds, medians); ` +
    `SDK vector corpus ${corpus.encodeInputs.length} inputs / ${corpus.payloads.length} payloads (5 rounds).`,
)
console.log(
  JSON.stringify({
    encode_ops_s: round(main.encodeOps),
    decode_ops_s: round(main.decodeOps),
    verify_ops_s: round(main.verifyOps),
    sdk_encode_ops_s: round(main.sdkEncodeOps),
    sdk_decode_ops_s: round(main.sdkDecodeOps),
    sdk_verify_ops_s: round(main.sdkVerifyOps),
    encode_ratio: round(main.encodeOps / main.sdkEncodeOps, 2),
    decode_ratio: round(main.decodeOps / main.sdkDecodeOps, 2),
    verify_ratio: round(main.verifyOps / main.sdkVerifyOps, 2),
    corpus_encode_ratio: round(stress.encodeOps / stress.sdkEncodeOps, 2),
    corpus_decode_ratio: round(stress.decodeOps / stress.sdkDecodeOps, 2),
    corpus_verify_ratio: round(stress.verifyOps / stress.sdkVerifyOps, 2),
    corpus_encode_ops_s: round(stress.encodeOps),
    corpus_sdk_encode_ops_s: round(stress.sdkEncodeOps),
  }),
)
