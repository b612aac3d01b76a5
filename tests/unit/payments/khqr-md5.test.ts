import { expect, test } from 'vitest'
import { khqrMd5 } from '../../../electron/core/payments/khqr-md5.ts'
import { vectors } from '../../support/sdk-khqr.ts'

test('md5 is lower-case hex of the UTF-8 payload, as the SDK computes it for Bakong', () => {
  const cases = vectors()
  for (const vector of cases) expect(khqrMd5(vector.khqr)).toBe(vector.md5)
  // khqr-spec.md §2, vector v305
  expect(
    khqrMd5('00020101021129160012default@aclb520459995303116' + '5802KH5916Default Currency6010Phnom Penh63043990'),
  ).toBe('903b6b4261757bf42ee0b099adfe07f3')
})
