import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { DEMO_PINS } from '../../electron/core/ledger/demo.ts'
import type { SecretStore } from '../../electron/core/payments/secrets.ts'
import { createPos, type Pos } from '../../electron/core/pos.ts'
import type { PrinterDiscovery } from '../../electron/core/printing/printer-setup.ts'
import { APPROVAL_METHODS, type ApprovalMethod, type ApprovalRequest } from '../../shared/api.ts'
import type { Approval, ManagerConsent, UserSummary } from '../../shared/views.ts'

export interface TestPos {
  pos: Pos
  /**
   * The engine's API, where an approval made by `approval()` is first granted for the very call it
   * is passed to, as the approval dialog does (`pos.api` is the engine without this).
   */
  api: Pos['api']
  dataDirectory: string
  manager: UserSummary
  cashier: UserSummary
  /** The manager's approval with this reason (or with another consent: a wrong PIN, another manager). */
  approval(reason?: string, consent?: Partial<ManagerConsent>): Approval
  /** A clock the test moves by hand. */
  clock: { now: number; advance(ms: number): void }
  events: { name: string; payload: unknown }[]
}

/** A real engine on a real SQLite file in a fresh directory, with the demo shop and a hand-moved clock. */
export async function openTestPos(
  options: {
    dataDirectory?: string
    signIn?: 'cashier' | 'manager' | null
    openShift?: boolean
    /** Also told of every event, as main would forward it to the windows. */
    onEvent?: (name: string, payload: unknown) => void
    /** Where secrets are kept (default: the owner-only file main uses without safeStorage). */
    secrets?: SecretStore
    /** What main does to restart the app. */
    restart?: () => void
    /** Where "Find my printer" looks. */
    printerDiscovery?: PrinterDiscovery
  } = {},
): Promise<TestPos> {
  const dataDirectory = options.dataDirectory ?? mkdtempSync(join(tmpdir(), 'pos-ledger-'))
  const clock = {
    now: Date.UTC(2026, 10, 24, 9, 0, 0),
    advance(ms: number) {
      clock.now += ms
    },
  }
  const events: TestPos['events'] = []
  const pos = await createPos({
    dataDirectory,
    appName: 'POS',
    appVersion: '1.0.0',
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.restart ? { restart: options.restart } : {}),
    ...(options.printerDiscovery ? { printerDiscovery: options.printerDiscovery } : {}),
    now: () => clock.now,
    emit: (name, payload) => {
      events.push({ name, payload })
      options.onEvent?.(name, payload)
    },
  })
  const users = await pos.api.listUsers()
  const manager = users.find((user) => user.role === 'manager') as UserSummary
  const cashier = users.find((user) => user.role === 'cashier') as UserSummary
  const signIn = options.signIn === undefined ? 'cashier' : options.signIn
  if (signIn) await pos.api.signIn(signIn === 'cashier' ? cashier.id : manager.id, DEMO_PINS[signIn])
  if (signIn && options.openShift !== false && !(await pos.api.getShift()))
    await pos.api.openShift({ usd: 5000, khr: 200_000 })
  const consents = new WeakMap<Approval, ManagerConsent>()
  return {
    pos,
    api: grantingApprovals(pos.api, consents),
    dataDirectory,
    manager,
    cashier,
    approval: (reason = 'approved in test', consent = {}) => {
      const approval: Approval = { grantId: '0'.repeat(32) }
      consents.set(approval, { managerId: manager.id, pin: DEMO_PINS.manager, reason, ...consent })
      return approval
    },
    clock,
    events,
  }
}

/**
 * An opener for one test file: each engine it opens is closed after the test that opened it
 * (closing one the test already closed does no harm).
 */
export function openTestPosPerTest(): (options?: Parameters<typeof openTestPos>[0]) => Promise<TestPos> {
  const opened: TestPos[] = []
  afterEach(() => {
    for (const t of opened.splice(0)) t.pos.close()
  })
  return async (options) => {
    const t = await openTestPos(options)
    opened.push(t)
    return t
  }
}

/** What the approval dialog does: the manager's consent is turned into a grant for exactly this call, then the call is made. */
function grantingApprovals(api: Pos['api'], consents: WeakMap<Approval, ManagerConsent>): Pos['api'] {
  const approvalMethods = new Set<string>(APPROVAL_METHODS)
  return new Proxy(api, {
    get(target, name: string) {
      const method = target[name as keyof Pos['api']] as (...args: unknown[]) => Promise<unknown>
      if (!approvalMethods.has(name)) return method
      return async (...args: unknown[]) => {
        const last = args.at(-1) as Approval | null
        const consent = last && consents.get(last)
        if (!consent) return method(...args)
        const request = { method: name as ApprovalMethod, args: args.slice(0, -1) } as ApprovalRequest
        return method(...args.slice(0, -1), await target.grantApproval(request, consent))
      }
    },
  })
}

/** The error code a failing call rejects with. */
export async function codeOf(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call
  } catch (error) {
    return (error as { code?: string }).code ?? `uncoded: ${(error as Error).message}`
  }
  return undefined
}

export const BARCODES = {
  icedCoffee: '8850000000011', // $1.50
  water: '8850000000028', // 1 000 riel
  porkRice: '8850000000059', // 8 000 riel
  amok: '8850000000066', // $4.50
  rice: '8850000000080', // $6.25, VAT exempt
} as const

/**
 * Turns a test engine's demo into a shop of its own, as the first-run setup does: its owner as
 * manager (PIN 5820), its Bakong account, today's rate and VAT TIN, the demo ended, the owner
 * signed in with a shift open, and three products (by count in dollars and in riel, and by weight).
 * Returns an approval by the owner.
 */
export async function ownShop(
  t: TestPos,
  options: { vatTin?: string } = {},
): Promise<{ approval: (reason?: string) => Approval; products: { coffee: string; water: string; pork: string } }> {
  const owner = await t.api.createUser({ name: 'Sokha', role: 'manager', pin: '5820' }, t.approval('the owner'))
  const approval = (reason = 'owner approves') => t.approval(reason, { managerId: owner.id, pin: '5820' })
  const { merchant } = await t.api.getSettings()
  await t.api.updateSettings(
    {
      merchant: { ...merchant, bakongAccountId: 'sokha_market@aclb', merchantNameEn: 'SOKHA MARKET' },
      shopNameEn: 'Sokha Market',
      shopNameKm: 'ផ្សារសុខា',
      vatTin: options.vatTin ?? '',
    },
    approval('the shop'),
  )
  await t.api.setExchangeRate(4100, 'nbc', approval('today'))
  if (await t.api.getShift()) await t.api.closeShift({ usd: {}, khr: {} }).catch(() => undefined)
  await t.api.endDemo(approval('opening day'))
  await t.api.signIn(owner.id, '5820')
  await t.api.openShift({ usd: 2000, khr: 40_000 })
  const product = async (
    sku: string,
    nameEn: string,
    nameKm: string,
    price: number,
    currency: 'USD' | 'KHR',
    soldBy: 'count' | 'weight',
    barcode: string,
  ) =>
    (
      await t.api.saveProduct(
        {
          sku,
          nameEn,
          nameKm,
          categoryId: null,
          price,
          currency,
          vatClass: 'standard',
          active: true,
          barcodes: [barcode],
          soldBy,
          scaleCode: null,
        },
        null,
        approval(`product ${sku}`),
      )
    ).id
  return {
    approval,
    products: {
      coffee: await product('COFFEE', 'Iced coffee', 'កាហ្វេទឹកកក', 150, 'USD', 'count', '8851000000017'),
      water: await product('WATER', 'Water', 'ទឹកសុទ្ធ', 1000, 'KHR', 'count', '8851000000024'),
      pork: await product('PORK', 'Pork', 'សាច់ជ្រូក', 24_000, 'KHR', 'weight', '8851000000031'),
    },
  }
}
