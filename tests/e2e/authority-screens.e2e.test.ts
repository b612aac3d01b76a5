/**
 * The security issue's manager screens, in the real built app through the real IPC handlers: the
 * cashier's limits edited in Settings (a bad figure is named and saves nothing), and the owner
 * recovery code made in Settings, shown once, then used on the sign-in screen to unlock a manager
 * locked out by wrong PINs.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { AUTHORITY_MESSAGES } from '../../renderer/src/i18n/authority-messages.ts'
import { TILL_MESSAGES } from '../../renderer/src/i18n/till-messages.ts'
import type { WindowPage } from './harness.ts'
import { approveInDialog, type DemoTill, openDemoTill } from './harness.ts'

const SCREENS = resolve(import.meta.dirname, '../../artifacts/screens/authority')
const till = TILL_MESSAGES.en
const authority = AUTHORITY_MESSAGES.en
let counter: DemoTill
let cashier: WindowPage

beforeAll(async () => {
  counter = await openDemoTill({ language: 'en' })
  cashier = counter.cashier
})

afterAll(() => counter?.close())

/** Wrong PINs for the manager, as anyone at the counter could type them, until the manager is locked. */
function lockOutTheManager(): Promise<boolean> {
  return cashier.page.evaluate(async () => {
    const users = await window.pos.listUsers()
    const manager = users.ok ? users.value.find((user) => user.role === 'manager') : undefined
    for (let attempt = 0; attempt < 200; attempt++) {
      const result = await window.pos.signIn(manager?.id ?? '', '0000')
      if (!result.ok && result.error.code === 'user_locked') return true
      if (!result.ok && result.error.code === 'pin_wait') await new Promise((resolve) => setTimeout(resolve, 250))
    }
    return false
  })
}

test('a manager sets what a cashier may do alone; a figure that is not one is named and nothing is saved', async () => {
  const page = cashier.page
  await page.getByRole('button', { name: till.nav.settings }).click()
  const limits = page.getByTestId('cashier-limits')
  await limits.getByLabel(authority.limits.discount).fill('ten')
  await expect
    .poll(() => limits.getByRole('alert').allTextContents())
    .toEqual([authority.limits.invalid(authority.limits.discount)])
  expect(await page.getByRole('button', { name: till.settings.save }).isDisabled()).toBe(true)

  await limits.getByLabel(authority.limits.discount).fill('10')
  await limits.getByLabel(authority.limits.cashOutUsd).fill('20.50')
  await limits.getByLabel(authority.limits.cashOutKhr).fill('80,000')
  expect(await limits.getByRole('alert').count()).toBe(0)
  await page.getByRole('button', { name: till.settings.save }).click()
  await approveInDialog(cashier.page, 'cashiers may give 10 %')
  const saved = await page.evaluate(async () => {
    const settings = await window.pos.getSettings()
    return settings.ok ? settings.value.cashierLimits : null
  })
  expect(saved).toEqual({ discountBasisPoints: 1000, cashOutUsd: 2050, cashOutKhr: 80_000 })
  // Reopened, the page shows what was saved, as typed figures.
  await page.getByRole('button', { name: till.nav.till }).click()
  await page.getByRole('button', { name: till.nav.settings }).click()
  expect(await page.getByTestId('cashier-limits').getByLabel(authority.limits.cashOutKhr).inputValue()).toBe('80,000')
})

test('the owner recovery code is made in Settings, shown once, and unlocks a locked-out manager at sign-in', async () => {
  const page = cashier.page
  await page.getByRole('button', { name: till.nav.settings }).click()
  const recovery = page.getByTestId('recovery-code-settings')
  await recovery.getByRole('button', { name: authority.recovery.make }).click()
  await approveInDialog(cashier.page, 'owner’s safe')
  const shown = (await recovery.getByTestId('recovery-code').textContent()) ?? ''
  expect(shown).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/)
  await recovery.getByRole('button', { name: authority.recovery.written }).click()
  expect(await recovery.getByTestId('recovery-code').count()).toBe(0)

  // A cashier (or anyone) types wrong PINs for the manager until the manager is locked.
  await page.getByRole('button', { name: till.signOut }).click()
  expect(await lockOutTheManager()).toBe(true)
  await page.reload()
  await page.getByRole('button', { name: /Manager.*Locked/ }).click()
  await page.getByRole('button', { name: authority.recovery.open }).click()
  await page.getByRole('textbox', { name: authority.recovery.code }).fill('ABCDE-FGHJK-MNPQR-STVWX')
  // The wrong PINs slowed this terminal down: the cashier is told to wait, then the code is checked.
  await expect
    .poll(
      async () => {
        await page.getByRole('button', { name: authority.recovery.unlock }).click()
        await page.getByRole('alert').first().waitFor()
        return page.getByRole('alert').allTextContents()
      },
      { timeout: 20_000, interval: 1000 },
    )
    .toEqual([authority.errors.recovery_code_wrong])

  // Typed as a person would from paper: lower case, spaces for the dashes.
  await page.getByRole('textbox', { name: authority.recovery.code }).fill(shown.toLowerCase().replaceAll('-', ' '))
  await expect
    .poll(
      async () => {
        await page.getByRole('button', { name: authority.recovery.unlock }).click()
        await page.waitForTimeout(200)
        return page.getByRole('status').filter({ hasText: 'is unlocked' }).count()
      },
      { timeout: 20_000, interval: 1000 },
    )
    .toBe(1)
  await page.getByLabel(till.pin, { exact: true }).fill('1357')
  await page.getByRole('button', { name: till.signIn }).click()
  await page.getByRole('button', { name: till.nav.settings }).waitFor()

  // The code was used up: it does not unlock a second time.
  const again = await page.evaluate(async (code) => {
    const users = await window.pos.listUsers()
    const manager = users.ok ? users.value.find((user) => user.role === 'manager') : undefined
    const result = await window.pos.unlockWithRecoveryCode(manager?.id ?? '', code.replaceAll('-', ''))
    return result.ok ? 'unlocked' : result.error.code
  }, shown)
  expect(again).not.toBe('unlocked')
})

test('screens: the limits with a bad figure, the recovery code shown once, and the unlock at sign-in, in Khmer and English', async () => {
  const page = cashier.page
  mkdirSync(SCREENS, { recursive: true })
  const snap = async (name: string, language: string) => {
    await page.evaluate(() => document.fonts.ready)
    await page.screenshot({ path: join(SCREENS, `${name}-${language}.png`), fullPage: true })
  }
  for (const language of ['km', 'en'] as const) {
    const words = TILL_MESSAGES[language]
    const mine = AUTHORITY_MESSAGES[language]
    await page.evaluate((chosen) => localStorage.setItem('pos.language', chosen), language)
    await page.reload()
    await page.getByRole('button', { name: words.nav.settings }).click()
    const limits = page.getByTestId('cashier-limits')
    await limits.getByLabel(mine.limits.cashOutKhr).fill('80.5')
    await limits.getByRole('alert').waitFor()
    await limits.scrollIntoViewIfNeeded()
    await snap('settings-limits-invalid', language)
    await page.getByRole('button', { name: words.cancel, exact: true }).click()

    const recovery = page.getByTestId('recovery-code-settings')
    await recovery.getByRole('button', { name: mine.recovery.make }).click()
    await approveInDialog(cashier.page, 'screens', language)
    const code = (await recovery.getByTestId('recovery-code').textContent()) ?? ''
    await recovery.scrollIntoViewIfNeeded()
    await snap('settings-recovery-code', language)

    await page.getByRole('button', { name: words.signOut }).click()
    expect(await lockOutTheManager()).toBe(true)
    await page.reload()
    await snap('sign-in-locked', language)
    await page.getByRole('button', { name: new RegExp(words.locked) }).click()
    await page.getByRole('button', { name: mine.recovery.open }).click()
    await page.getByRole('textbox', { name: mine.recovery.code }).fill(code)
    await snap('sign-in-recovery', language)
    await page.getByRole('button', { name: words.back }).click()
    await page.getByRole('button', { name: mine.recovery.open }).waitFor()
    // Back to a signed-in manager for the next language (the code is checked once the slowdown lets it).
    await expect
      .poll(
        () =>
          page.evaluate(async (typed) => {
            const users = await window.pos.listUsers()
            const manager = users.ok ? users.value.find((user) => user.role === 'manager') : undefined
            const unlocked = await window.pos.unlockWithRecoveryCode(manager?.id ?? '', typed)
            if (!unlocked.ok && unlocked.error.code !== 'recovery_code_wrong') return unlocked.error.code
            const signedIn = await window.pos.signIn(manager?.id ?? '', '1357')
            return signedIn.ok ? 'signed in' : signedIn.error.code
          }, code),
        { timeout: 20_000, interval: 1000 },
      )
      .toBe('signed in')
    await page.reload()
  }
})

test('blind close: a cashier’s Shift page says the count comes first and shows no expected cash, in Khmer and English', async () => {
  const page = cashier.page
  mkdirSync(SCREENS, { recursive: true })
  for (const language of ['km', 'en'] as const) {
    const words = TILL_MESSAGES[language]
    await page.evaluate(async (chosen) => {
      await window.pos.signOut()
      const users = await window.pos.listUsers()
      const cashierUser = users.ok ? users.value.find((user) => user.role === 'cashier') : undefined
      await window.pos.signIn(cashierUser?.id ?? '', '2468')
      localStorage.setItem('pos.language', chosen)
    }, language)
    await page.reload()
    await page.getByRole('button', { name: words.nav.shift, exact: true }).click()
    await page.getByText(AUTHORITY_MESSAGES[language].blindClose).waitFor()
    expect(await page.getByTestId('report-X').count()).toBe(0)
    await page.evaluate(() => document.fonts.ready)
    await page.screenshot({ path: join(SCREENS, `shift-cashier-blind-${language}.png`) })
  }
})
