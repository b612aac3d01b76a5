import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { AboutTerminal } from '../../renderer/src/cashier/AboutTerminal.tsx'
import { CashierApp } from '../../renderer/src/cashier/CashierApp.tsx'
import { LanguageProvider } from '../../renderer/src/i18n/language.tsx'
import type { PosBridge, PosEventName, PosEvents, PosResult } from '../../shared/api.ts'
import { ONE_SCREEN_MORE } from './real-bridge.ts'

const SECOND_SCREEN = ONE_SCREEN_MORE

/** A window.pos whose answers and events the test controls. */
function fakeBridge(appInfo: PosResult<unknown>) {
  const listeners = new Map<PosEventName, Array<(payload: unknown) => void>>()
  const bridge = {
    getAppInfo: async () => appInfo,
    getCustomerDisplayStatus: async () => ({ ok: true, value: SECOND_SCREEN }),
    getCustomerView: async () => ({
      ok: true,
      value: { state: 'idle', shop: { nameEn: 'Shop', nameKm: 'ហាង', demo: false } },
    }),
    getSession: async () => ({ ok: true, value: null }),
    listUsers: async () => ({ ok: true, value: [] }),
    getPrinterStatus: async () => ({
      ok: true,
      value: {
        printer: 'preview',
        state: 'ready',
        paperLow: false,
        detail: null,
        pending: 0,
        held: 0,
        lastError: null,
      },
    }),
    getSyncStatus: async () => ({
      ok: true,
      value: {
        state: 'not_configured',
        unsynced: 0,
        oldestUnsyncedAt: null,
        quarantined: 0,
        lastSuccessAt: null,
        lastError: null,
        clockOffsetMs: null,
        clockWarning: false,
        backofficeUrl: null,
        khqrIssues: 0,
      },
    }),
    on: (event: PosEventName, listener: (payload: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener])
      return () =>
        listeners.set(
          event,
          (listeners.get(event) ?? []).filter((known) => known !== listener),
        )
    },
  } as unknown as PosBridge
  const emit = <E extends PosEventName>(event: E, payload: PosEvents[E]) => {
    for (const listener of listeners.get(event) ?? []) listener(payload)
  }
  return { bridge, emit, listenerCount: () => [...listeners.values()].flat().length }
}

/** An answer to getAppInfo: a terminal whose database check came out as `state`. */
function appInfo(
  state: 'ok' | 'failed' = 'ok',
  problems: string[] = [],
  facts: { version?: string; databasePath?: string } = {},
): PosResult<unknown> {
  return {
    ok: true,
    value: {
      name: 'x',
      version: facts.version ?? '1',
      databasePath: facts.databasePath ?? '/x',
      sqliteVersion: '3',
      integrity: { state, problems },
      secretProtection: { level: 'os_key_store', backend: 'gnome_libsecret' },
    },
  }
}

beforeEach(() => localStorage.clear())
afterEach(cleanup)

function show(
  appInfo: PosResult<unknown>,
  page: 'sign-in' | 'about' = 'sign-in',
  overrides: Partial<Record<keyof PosBridge, () => Promise<unknown>>> = {},
) {
  const fake = fakeBridge(appInfo)
  window.pos = { ...fake.bridge, ...overrides } as PosBridge
  const view = render(<LanguageProvider>{page === 'about' ? <AboutTerminal /> : <CashierApp />}</LanguageProvider>)
  return { ...fake, view }
}

test('About this terminal shows the version, the database location and its check', async () => {
  show(
    {
      ok: true,
      value: {
        name: 'KHQR POS',
        version: '1.2.3',
        databasePath: '/data/pos.sqlite3',
        sqliteVersion: '3.54.1',
        integrity: { state: 'ok', problems: [] },
        secretProtection: { level: 'os_key_store', backend: 'gnome_libsecret' },
      },
    },
    'about',
  )
  expect(await screen.findByTestId('app-version')).toHaveProperty('textContent', '1.2.3')
  expect(screen.getByTestId('database-path').textContent).toBe('/data/pos.sqlite3')
  expect((await screen.findByTestId('customer-display')).textContent).toBe('នៅលើអេក្រង់ទីពីរ (1280 × 800)')
  expect(screen.getByTestId('database-integrity').textContent).toBe('ល្អ')
  expect(screen.getByTestId('secret-protection').textContent).toBe('ក្នុងឃ្លាំងសោរបស់ប្រព័ន្ធប្រតិបត្តិការgnome_libsecret')
})

test('About this terminal warns when Linux has no keyring to keep the secrets in (basic_text)', async () => {
  const info = appInfo() as { ok: true; value: Record<string, unknown> }
  show(
    { ok: true, value: { ...info.value, secretProtection: { level: 'unprotected', backend: 'basic_text' } } },
    'about',
  )
  const line = await screen.findByTestId('secret-protection')
  expect(line.querySelector('[role="status"], [role="alert"], .notice')).not.toBeNull()
  expect(line.textContent).toContain('មិនបានការពារ')
  expect(line.textContent).toContain('basic_text')
})

test('the sign-in screen shows nothing technical when all is well', async () => {
  show(appInfo('ok', [], { version: '1.2.3', databasePath: '/data/pos.sqlite3' }))
  await screen.findByText(/ជ្រើសរើស|Choose/)
  expect(document.body.textContent).not.toMatch(/pos\.sqlite3|SQLite|1280 × 800|1\.2\.3/)
})

test('a database that failed its check is told on the sign-in screen', async () => {
  show(appInfo('failed', ['page 7']))
  expect((await screen.findByRole('alert')).textContent).toContain('មូលដ្ឋានទិន្នន័យលក់ខូច')
})

test('a failure is told in the cashier’s language, by its code', async () => {
  show({ ok: false, error: { code: 'database_corrupt', message: 'quick_check failed' } })
  expect((await screen.findByRole('alert')).textContent).toContain('មូលដ្ឋានទិន្នន័យលក់ខូច')
  fireEvent.click(screen.getByRole('button', { name: 'English' }))
  expect(screen.getByRole('alert').textContent).toContain('The sales database is damaged')
  expect(localStorage.getItem('pos.language')).toBe('en')
})

test('an unknown failure code still gets a sentence, with the code for support', async () => {
  show({ ok: false, error: { code: 'printer_on_fire', message: '' } })
  expect((await screen.findByRole('alert')).textContent).toBe('មិនអាចទាញយកព័ត៌មាននេះបានទេ (printer_on_fire)។')
})

test('follows the customer display as main reports it moving, and stops listening when closed', async () => {
  const { emit, view, listenerCount } = show(appInfo(), 'about')
  await screen.findByTestId('customer-display')
  act(() => emit('customerDisplay.changed', { ...SECOND_SCREEN, placement: 'cashier-screen', displayCount: 1 }))
  expect(screen.getByRole('status').textContent).toContain('រកមិនឃើញអេក្រង់ទីពីរទេ')
  view.unmount()
  expect(listenerCount()).toBe(0)
})

test('the status bar says what it knows: a printer that has not answered yet, and sales kept here with no back office', async () => {
  show(appInfo(), 'sign-in', {
    getPrinterStatus: async () => ({
      ok: true,
      value: {
        printer: 'serial',
        state: 'unknown',
        paperLow: false,
        detail: null,
        pending: 0,
        held: 0,
        lastError: null,
      },
    }),
  })
  fireEvent.click(await screen.findByRole('button', { name: 'English' }))
  const printer = await screen.findByTestId('printer-status')
  expect(printer.textContent).toBe('◐Printer: no status reply yet')
  const sync = await screen.findByTestId('sync-status')
  expect(sync.textContent).toBe('●No back office yet · Sales are kept on this terminal')
  expect(document.body.textContent).not.toContain('Everything sent')
})

test('the first start of the demo shop welcomes with the setup, the demo one tap away and then marked', async () => {
  localStorage.clear()
  const demo = { getSettings: async () => ({ ok: true, value: { demo: true } }) }
  const first = show(appInfo(), 'sign-in', demo)
  expect(await screen.findByRole('heading', { name: 'សូមស្វាគមន៍មកកាន់ម៉ាស៊ីនគិតលុយ KHQR' })).toBeTruthy()
  fireEvent.click(screen.getByRole('button', { name: 'សាកល្បងហាងសាកល្បងសិន' }))
  expect((await screen.findByRole('note')).textContent).toContain('នេះជាហាងសាកល្បង')
  expect(screen.getByRole('button', { name: 'រៀបចំហាងរបស់ខ្ញុំ' })).toBeTruthy()
  first.view.unmount()
  // Chosen once, the welcome is not shown again; the banner stays while it is the demo.
  show(appInfo(), 'sign-in', demo)
  expect(await screen.findByRole('note')).toBeTruthy()
  expect(screen.queryByRole('heading', { name: 'សូមស្វាគមន៍មកកាន់ម៉ាស៊ីនគិតលុយ KHQR' })).toBeNull()
})

test('a shop of its own shows neither the welcome nor the demo banner', async () => {
  localStorage.clear()
  show(appInfo(), 'sign-in', { getSettings: async () => ({ ok: true, value: { demo: false } }) })
  await screen.findByText(/ជ្រើសរើស|Choose/)
  expect(screen.queryByRole('note')).toBeNull()
})
