import { escapeHtml } from './html.ts'
import { page } from './owner-layout.ts'
import { both, WORDS, type Word } from './owner-words.ts'

/** Signing in, or on the first run choosing the owner password with the code the console printed. */
export function loginPage(options: { error?: { code: string; message: string }; firstRun: boolean }): string {
  const refusal = options.error
  // A refusal the page knows is said in both languages; any other as the server said it.
  const said = refusal ? (refusal.code in WORDS ? both(refusal.code as Word) : escapeHtml(refusal.message)) : ''
  const error = refusal ? `<p class="warn" role="alert">${said}</p>` : ''
  if (options.firstRun)
    return page(
      'firstRun',
      `<main class="narrow"><h1>${both('backOffice')}: ${both('firstRun')}</h1>${error}<p><span lang="km">ជ្រើសពាក្យសម្ងាត់ម្ចាស់ហាង។ លេខកូដរៀបចំត្រូវបានបោះពុម្ពនៅក្នុងកុងសូលរបស់ការិយាល័យ។</span> <span class="en" lang="en">Choose the owner password. The setup code is printed in the back office's console (first run).</span></p>
<form method="post" action="/setup"><p><label>${both('setupCode')} <input name="setup_code" required autocomplete="off"></label></p>
<p><label>${both('newPassword')} <input type="password" name="password" minlength="10" required autocomplete="new-password"></label></p>
<button>${both('setPassword')}</button></form></main>`,
    )
  return page(
    'backOffice',
    `<main class="narrow"><h1>${both('backOffice')}</h1>${error}<form method="post" action="/login"><p><label>${both('ownerPassword')} <input type="password" name="password" required autocomplete="current-password"></label></p><button>${both('signIn')}</button></form></main>`,
  )
}
