/**
 * A till that sells until it is killed: rings up sales on the engine in the given data directory
 * and prints `committed <sale id>` only after each completing transaction has returned. The crash
 * test kills it with SIGKILL at random moments and checks that every reported sale survived.
 */
import { writeSync } from 'node:fs'
import { DEMO_PINS } from '../../electron/core/ledger/demo.ts'
import { createPos } from '../../electron/core/pos.ts'

const dataDirectory = process.argv[2]
if (!dataDirectory) throw new Error('usage: crash-child.ts <data directory>')
const pos = await createPos({ dataDirectory, appName: 'crash', appVersion: '0' })
const { api } = pos
const users = await api.listUsers()
const manager = users.find((user) => user.role === 'manager')
if (!manager) throw new Error('no manager')
await api.signIn(manager.id, DEMO_PINS.manager)
if (!(await api.getShift())) await api.openShift({ usd: 1000, khr: 40_000 })
// A sale the previous run was killed in the middle of is abandoned (with approval if money was taken).
const leftover = await api.getCurrentSale()
if (leftover)
  await api.cancelSale(
    leftover.tenders.length > 0
      ? await api.grantApproval(
          { method: 'cancelSale', args: [] },
          { managerId: manager.id, pin: DEMO_PINS.manager, reason: 'recovered after crash' },
        )
      : null,
  )
writeSync(1, 'ready\n')
const barcodes = ['8850000000011', '8850000000028', '8850000000059', '8850000000066', '8850000000097']
for (let n = 0; ; n++) {
  await api.scanBarcode(barcodes[n % barcodes.length] as string)
  let sale = await api.scanBarcode(barcodes[(n + 2) % barcodes.length] as string)
  sale = await api.payCash('KHR', 2000)
  if (sale.state !== 'paid') sale = await api.payCash('USD', sale.payment.stillDue.usd + 100)
  writeSync(1, `committed ${sale.id}\n`)
}
