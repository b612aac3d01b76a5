import { type FormEvent, useEffect, useRef, useState } from 'react'
import type { Approval, UserSummary } from '../../../shared/views.ts'
import { Notice } from '../ui/Notice.tsx'
import { useTill } from './useTill.ts'

/**
 * A manager's consent: who, their PIN and a reason. The engine checks the PIN (a wrong one counts
 * towards that manager's lockout); this dialog only collects it.
 */
export function ApprovalDialog({
  title,
  hint,
  error,
  onApprove,
  onCancel,
}: {
  title: string
  hint?: string
  error: string | null
  onApprove(approval: Approval): void
  onCancel(): void
}) {
  const { till } = useTill()
  const dialog = useRef<HTMLDialogElement>(null)
  const [managers, setManagers] = useState<UserSummary[]>([])
  const [managerId, setManagerId] = useState('')
  const [pin, setPin] = useState('')
  const [reason, setReason] = useState('')

  useEffect(() => {
    dialog.current?.showModal()
    void window.pos.listUsers().then((result) => {
      if (!result.ok) return
      const found = result.value.filter((user) => user.role === 'manager' && !user.locked)
      setManagers(found)
      setManagerId((current) => current || (found[0]?.id ?? ''))
    })
  }, [])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    onApprove({ managerId, pin, reason: reason.trim() })
    setPin('')
  }

  return (
    <dialog ref={dialog} className="approval" aria-labelledby="approval-heading" onCancel={onCancel}>
      <form onSubmit={submit}>
        <h2 id="approval-heading">{title}</h2>
        <p className="fine">{till.managerApproval}</p>
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
        <label className="field">
          <span>{till.pin}</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
          />
        </label>
        <label className="field">
          <span>{till.reason}</span>
          <input value={reason} maxLength={200} onChange={(event) => setReason(event.target.value)} />
        </label>
        {error && <Notice tone="error">{error}</Notice>}
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
