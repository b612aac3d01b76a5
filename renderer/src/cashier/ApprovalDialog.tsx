import { type FormEvent, useEffect, useRef, useState } from 'react'
import type { ApprovalRequest } from '../../../shared/api.ts'
import type { ApprovalPreview } from '../../../shared/approval-preview.ts'
import type { Currency } from '../../../shared/money/index.ts'
import type { Approval, UserSummary } from '../../../shared/views.ts'
import { describeApproval } from '../i18n/approval-messages.ts'
import { APPROVAL_PREVIEW_HEADINGS, previewRows } from '../i18n/approval-preview-words.ts'
import { useLanguage } from '../i18n/language.tsx'
import { Notice } from '../ui/Notice.tsx'
import { PinField } from '../ui/PinField.tsx'
import { useTill } from './useTill.ts'

/**
 * A manager's approval of one call (`request`), which the dialog says in words. The manager picks
 * themselves, types their PIN and a reason; the engine checks the PIN (a wrong one counts towards
 * that manager's lockout) and grants exactly that call, which `onApprove` then makes.
 */
export function ApprovalDialog({
  title,
  hint,
  request,
  currency,
  error,
  onApprove,
  onCancel,
}: {
  title: string
  hint?: string | undefined
  request: ApprovalRequest
  /** The sale's currency, for amounts in the request. */
  currency?: Currency
  error: string | null
  onApprove(approval: Approval): void
  onCancel(): void
}) {
  const { till, explain } = useTill()
  const { language } = useLanguage()
  const [grantError, setGrantError] = useState<string | null>(null)
  const dialog = useRef<HTMLDialogElement>(null)
  const [managers, setManagers] = useState<UserSummary[]>([])
  const [managerId, setManagerId] = useState('')
  const [pin, setPin] = useState('')
  const [reason, setReason] = useState('')
  const [preview, setPreview] = useState<ApprovalPreview | null>(null)

  // What changes, before and after, as the engine reads it from the ledger. Callers build the
  // request afresh on each render, so it is asked again only when its content changes.
  const asked = JSON.stringify(request)
  useEffect(() => {
    void window.pos
      .previewApproval(JSON.parse(asked) as ApprovalRequest)
      .then((result) => result.ok && setPreview(result.value))
  }, [asked])

  useEffect(() => {
    dialog.current?.showModal()
    void window.pos.listUsers().then((result) => {
      if (!result.ok) return
      const found = result.value.filter((user) => user.role === 'manager' && !user.locked)
      setManagers(found)
      setManagerId((current) => current || (found[0]?.id ?? ''))
    })
  }, [])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const granted = await window.pos.grantApproval(request, { managerId, pin, reason: reason.trim() })
    setPin('')
    if (!granted.ok) return setGrantError(explain(granted.error))
    setGrantError(null)
    onApprove(granted.value)
  }

  return (
    <dialog ref={dialog} className="approval" aria-labelledby="approval-heading" onCancel={onCancel}>
      <form onSubmit={(event) => void submit(event)}>
        <p className="fine">
          {title} · {till.managerApproval}
        </p>
        <h2 id="approval-heading" className="approval-what" data-testid="approval-what">
          {describeApproval(request, language, currency)}
        </h2>
        {preview?.subject && !describeApproval(request, language, currency).includes(preview.subject[language]) && (
          <p className="approval-subject">{preview.subject[language]}</p>
        )}
        {preview && preview.changes.length > 0 && <ChangesTable preview={preview} />}
        {hint && <p>{hint}</p>}
        <label className="field">
          <span>{till.manager}</span>
          <select value={managerId} onChange={(event) => setManagerId(event.target.value)}>
            {managers.map((manager) => (
              <option key={manager.id} value={manager.id}>
                {manager.name}
              </option>
            ))}
          </select>
        </label>
        <PinField label={till.pin} value={pin} onChange={setPin} />
        <label className="field">
          <span>{till.reason}</span>
          <input value={reason} maxLength={200} onChange={(event) => setReason(event.target.value)} />
        </label>
        {(grantError ?? error) && <Notice tone="error">{grantError ?? error}</Notice>}
        <div className="actions">
          <button type="button" onClick={onCancel}>
            {till.cancel}
          </button>
          <button type="submit" className="primary" disabled={!managerId || pin.length < 4 || reason.trim() === ''}>
            {till.approve}
          </button>
        </div>
      </form>
    </dialog>
  )
}

/** Each value the approval changes: what it is now and what it becomes. */
function ChangesTable({ preview }: { preview: ApprovalPreview }) {
  const { language } = useLanguage()
  const headings = APPROVAL_PREVIEW_HEADINGS[language]
  return (
    <table className="approval-changes" data-testid="approval-changes">
      <thead>
        <tr>
          <th scope="col">{headings.what}</th>
          <th scope="col">{headings.now}</th>
          <th scope="col">{headings.after}</th>
        </tr>
      </thead>
      <tbody>
        {previewRows(preview, language).map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{row.before ?? '—'}</td>
            <td>{row.after ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
