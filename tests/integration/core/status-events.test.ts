/** What the engine tells the windows about the printer and the sync: something new each time. */
import { afterEach, describe, expect, test } from 'vitest'
import { BARCODES, openTestPos, type TestPos } from '../../support/pos.ts'

const opened: TestPos[] = []
afterEach(() => {
  for (const test of opened.splice(0)) test.pos.close()
})

describe('status events', () => {
  test('the printer and the sync report a status to the windows only when it differs from the last one sent', async () => {
    const t = await openTestPos({ signIn: 'manager' })
    opened.push(t)
    for (let scan = 0; scan < 5; scan++) await t.api.scanBarcode(BARCODES.amok)
    for (const name of ['printer.changed', 'sync.changed']) {
      const sent = t.events.filter((event) => event.name === name).map((event) => JSON.stringify(event.payload))
      // Each one sent says something new; the last one is what the engine reports now.
      expect(
        sent.every((status, index) => index === 0 || status !== sent[index - 1]),
        name,
      ).toBe(true)
    }
    const printer = t.events.filter((event) => event.name === 'printer.changed').at(-1)?.payload
    if (printer !== undefined) expect(printer).toEqual(await t.api.getPrinterStatus())
  })
})
