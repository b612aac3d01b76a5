import { type FormEvent, useEffect, useState } from 'react'
import type { ApprovalRequest } from '../../../../shared/api.ts'
import type { Approval, Role, UserSummary } from '../../../../shared/views.ts'
import { useLanguage } from '../../i18n/language.tsx'
import { STAFF_MESSAGES } from '../../i18n/staff-messages.ts'
import { Notice } from '../../ui/Notice.tsx'
import { PinFields } from '../../ui/PinFields.tsx'
import { useShopTime } from '../../ui/useShopTime.ts'
import { ApprovalDialog } from '../ApprovalDialog.tsx'
import { approvalRequest, callApproved } from '../approved-call.ts'
import { useTill } from '../useTill.ts'
import { OwnPinForm } from './OwnPinForm.tsx'

/** A change to the staff waiting for a manager's approval, and what to say once it is done. */
interface Pending {
  request: ApprovalRequest
  hint?: string
  done: string
  error: string | null
}

/**
 * The shop's people, for a manager: add a cashier or a manager, unlock one locked out, set a new
 * PIN for one who forgot theirs, take one off the staff (never oneself, never the last manager).
 * Every change needs a manager's approval. Anyone changes their own PIN below. A cashier sees only that.
 */
export function StaffPanel({ me }: { me: UserSummary }) {
  const time = useShopTime()
  const { till, explain } = useTill()
  const { language } = useLanguage()
  const words = STAFF_MESSAGES[language]
  const [users, setUsers] = useState<UserSummary[]>([])
  const [version, setVersion] = useState(0)
  const [pending, setPending] = useState<Pending | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [form, setForm] = useState<{ kind: 'add' } | { kind: 'pin'; user: UserSummary } | null>(null)
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('cashier')
  const [pin, setPin] = useState('')
  const [again, setAgain] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again after every change (version).
  useEffect(() => {
    void window.pos.listUsers().then((result) => result.ok && setUsers(result.value))
  }, [version])

  if (me.role !== 'manager')
    return (
      <section className="card" aria-labelledby="staff-heading">
        <h2 id="staff-heading">{words.navOwn}</h2>
        <OwnPinForm />
      </section>
    )

  const ask = (request: ApprovalRequest, done: string, hint?: string) =>
    setPending({ request, done, error: null, ...(hint ? { hint } : {}) })
  const approve = async (approval: Approval) => {
    if (!pending) return
    const result = await callApproved(pending.request, approval)
    if (!result.ok) return setPending({ ...pending, error: explain(result.error) })
    setMessage(pending.done)
    setPending(null)
    setForm(null)
    setVersion(version + 1)
  }
  const openForm = (next: typeof form) => {
    setForm(next)
    setName('')
    setRole('cashier')
    setPin('')
    setAgain('')
    setProblem(null)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!form) return
    if (form.kind === 'add' && name.trim() === '') return setProblem(words.invalid(words.name))
    if (pin.length < 4) return setProblem(words.invalid(words.pin))
    if (pin !== again) return setProblem(words.pinsDiffer)
    if (form.kind === 'add')
      ask(approvalRequest('createUser', { name: name.trim(), role, pin }), words.done.added(name.trim()))
    else ask(approvalRequest('changePin', form.user.id, pin), words.done.pinSet(form.user.name))
  }

  return (
    <section className="card staff-panel" aria-labelledby="staff-heading">
      <header className="panel-header">
        <h2 id="staff-heading">{words.title}</h2>
        <button type="button" className="primary" onClick={() => openForm({ kind: 'add' })}>
          {words.add}
        </button>
      </header>
      {message && (
        <p role="status" className="done">
          {message}
        </p>
      )}
      {form && (
        <form className="setup-form two-columns" onSubmit={submit} noValidate>
          <h3>{form.kind === 'add' ? words.add : words.newPinFor(form.user.name)}</h3>
          {form.kind === 'add' && (
            <>
              <label className="field">
                <span>{words.name}</span>
                <input value={name} autoComplete="off" onChange={(event) => setName(event.target.value)} />
              </label>
              <label className="field">
                <span>{words.role}</span>
                <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
                  <option value="cashier">{till.roles.cashier}</option>
                  <option value="manager">{till.roles.manager}</option>
                </select>
              </label>
            </>
          )}
          <PinFields
            labels={{ pin: words.pin, again: words.pinAgain }}
            pin={pin}
            again={again}
            onChange={(next, repeated) => {
              setPin(next)
              setAgain(repeated)
              setProblem(null)
            }}
          />
          {problem && <Notice tone="error">{problem}</Notice>}
          <div className="actions">
            <button type="button" onClick={() => setForm(null)}>
              {words.cancel}
            </button>
            <button type="submit" className="primary">
              {words.save}
            </button>
          </div>
        </form>
      )}
      <table className="product-table staff-table">
        <thead>
          <tr>
            <th>{words.name}</th>
            <th>{words.role}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-testid="staff-row">
              <td>
                {user.name}
                {user.locked && (
                  <span className="fine">
                    {words.lockedWord}
                    {user.unlocksAt !== null && ` · ${words.unlocksAt(time.clock(user.unlocksAt))}`}
                  </span>
                )}
              </td>
              <td>{till.roles[user.role]}</td>
              <td>
                <div className="row-actions">
                  {user.locked && (
                    <button
                      type="button"
                      onClick={() => ask(approvalRequest('unlockUser', user.id), words.done.unlocked(user.name))}
                    >
                      {words.unlock}
                    </button>
                  )}
                  <button type="button" onClick={() => openForm({ kind: 'pin', user })}>
                    {words.resetPin}
                  </button>
                  {user.id !== me.id && (
                    <button
                      type="button"
                      onClick={() =>
                        ask(
                          approvalRequest('deactivateUser', user.id),
                          words.done.removed(user.name),
                          words.deactivateConfirm(user.name),
                        )
                      }
                    >
                      {words.deactivate}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <OwnPinForm />
      {pending && (
        <ApprovalDialog
          title={words.title}
          request={pending.request}
          hint={pending.hint}
          error={pending.error}
          onApprove={(approval) => void approve(approval)}
          onCancel={() => setPending(null)}
        />
      )}
    </section>
  )
}
