import { useEffect, useState } from 'react'
import type { ApprovalRequest } from '../../../shared/api.ts'
import { formatMoney, MoneyError, parseMoneyInput } from '../../../shared/money/index.ts'
import type {
  Approval,
  BakongTokenStatus,
  KhqrIssueView,
  KhqrManualLimits,
  PendingExport,
  QuarantinedEventView,
  Settings,
  SyncStatus,
} from '../../../shared/views.ts'
import { COUNTER_MESSAGES } from '../i18n/counter-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { SYNC_MESSAGES } from '../i18n/sync-messages.ts'
import { Notice } from '../ui/Notice.tsx'
import { useShopTime } from '../ui/useShopTime.ts'
import { ApprovalDialog } from './ApprovalDialog.tsx'
import { approvalRequest, callApproved } from './approved-call.ts'
import { useTill } from './useTill.ts'

type Pending = {
  title: string
  /** The call the manager approves; the dialog's grant is spent on exactly it. */
  request: ApprovalRequest
  /** What to tell the manager when it worked; "Saved." when absent. */
  done?: (value: unknown) => string
  error: string | null
}

const LIMIT_FIELDS = [
  ['perSaleUsd', 'USD'],
  ['perSaleKhr', 'KHR'],
  ['perShiftUsd', 'USD'],
  ['perShiftKhr', 'KHR'],
] as const

/**
 * For a manager: the link to the back office (enrolment, what is waiting, what it refused, an
 * export for long outages) and how KHQR payments are checked (Bakong directly with a token kept by
 * main, through the back office, or by hand within limits), with the payment issues to resolve.
 */
export function BackofficePanel() {
  const { till, explain } = useTill()
  const { language } = useLanguage()
  const shopTime = useShopTime()
  const words = SYNC_MESSAGES[language].page
  const [sync, setSync] = useState<SyncStatus | null>(null)
  const [settings, setSettings] = useState<Settings | null>(null)
  const [token, setToken] = useState<BakongTokenStatus | null>(null)
  const [quarantined, setQuarantined] = useState<QuarantinedEventView[]>([])
  const [issues, setIssues] = useState<KhqrIssueView[]>([])
  const [address, setAddress] = useState('')
  const [code, setCode] = useState('')
  const [newToken, setNewToken] = useState('')
  const [mode, setMode] = useState<Settings['khqrCheckMode']>('direct')
  const [bakongUrl, setBakongUrl] = useState('')
  const [limits, setLimits] = useState<Record<keyof KhqrManualLimits, string>>({
    perSaleUsd: '',
    perSaleKhr: '',
    perShiftUsd: '',
    perShiftKhr: '',
  })
  const [pending, setPending] = useState<Pending | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = async () => {
    const [status, current, tokenStatus, refused, found] = await Promise.all([
      window.pos.getSyncStatus(),
      window.pos.getSettings(),
      window.pos.getBakongTokenStatus(),
      window.pos.listQuarantinedEvents(),
      window.pos.listKhqrIssues(true),
    ])
    if (status.ok) setSync(status.value)
    if (tokenStatus.ok) setToken(tokenStatus.value)
    if (refused.ok) setQuarantined(refused.value)
    if (found.ok) setIssues(found.value)
    if (current.ok) {
      const value = current.value
      setSettings(value)
      setMode(value.khqrCheckMode)
      setBakongUrl(value.bakongBaseUrl)
      const limit = value.khqrManualLimits
      setLimits({
        perSaleUsd: formatMoney(limit.perSaleUsd, 'USD', 'en').replace('$', ''),
        perSaleKhr: String(limit.perSaleKhr),
        perShiftUsd: formatMoney(limit.perShiftUsd, 'USD', 'en').replace('$', ''),
        perShiftKhr: String(limit.perShiftKhr),
      })
    } else setError(explain(current.error))
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once when the page opens, then after each change.
  useEffect(() => {
    void load()
    return window.pos.on('sync.changed', setSync)
  }, [])

  const approveThen = (title: string, request: ApprovalRequest, done?: (value: unknown) => string) =>
    setPending({ title, request, ...(done ? { done } : {}), error: null })
  const apply = async (approval: Approval) => {
    if (!pending) return
    const result = await callApproved(pending.request, approval)
    if (!result.ok) return setPending({ ...pending, error: explain(result.error) })
    setPending(null)
    setMessage(pending.done ? pending.done(result.value) : words.saved)
    await load()
  }

  const saveChecks = () => {
    const parsed: Partial<KhqrManualLimits> = {}
    try {
      for (const [field, currency] of LIMIT_FIELDS) parsed[field] = parseMoneyInput(limits[field] || '0', currency)
    } catch (failure) {
      if (failure instanceof MoneyError) return setError(words.limitsInvalid)
      throw failure
    }
    setError(null)
    const patch = {
      khqrCheckMode: mode,
      bakongBaseUrl: bakongUrl.trim(),
      khqrManualLimits: parsed as KhqrManualLimits,
    }
    approveThen(words.payments, approvalRequest('updateSettings', patch))
  }

  if (!sync || !settings) return error ? <Notice tone="error">{error}</Notice> : null
  const enrolled = sync.backofficeUrl !== null
  return (
    <section className="card settings-panel" aria-labelledby="backoffice-heading">
      <h2 id="backoffice-heading">{words.title}</h2>
      {message && (
        <p role="status" className="done">
          {message}
        </p>
      )}
      {error && <Notice tone="error">{error}</Notice>}

      <fieldset className="settings-group">
        <legend>{words.backoffice}</legend>
        <p className="fine" data-testid="sync-summary">
          {SYNC_MESSAGES[language].bar.state[sync.state]} ·{' '}
          {sync.state === 'not_configured'
            ? COUNTER_MESSAGES[language].keptHere
            : sync.unsynced === 0
              ? till.status.allSent
              : till.status.unsynced(sync.unsynced, null)}{' '}
          · {sync.lastSuccessAt === null ? words.never : words.lastSuccess(shopTime.dateTime(sync.lastSuccessAt))}
          {sync.clockOffsetMs !== null && ` · ${words.clockOffset(Math.round(sync.clockOffsetMs / 1000))}`}
          {sync.lastError && ` · ${sync.lastError.words}`}
        </p>
        {enrolled ? (
          <>
            <p>{words.enrolledTo(sync.backofficeUrl ?? '')}</p>
            <button type="button" onClick={() => void window.pos.syncNow().then((r) => r.ok && setSync(r.value))}>
              {words.sendNow}
            </button>
            <button type="button" onClick={() => approveThen(words.leave, approvalRequest('unenrollTerminal'))}>
              {words.leave}
            </button>
          </>
        ) : (
          <>
            <label className="field">
              <span>{words.address}</span>
              <input
                type="url"
                value={address}
                placeholder="https://"
                onChange={(event) => setAddress(event.target.value)}
              />
            </label>
            <label className="field">
              <span>{words.code}</span>
              <input value={code} onChange={(event) => setCode(event.target.value)} autoComplete="off" />
            </label>
            <button
              type="button"
              className="primary"
              disabled={!address.trim() || !code.trim()}
              onClick={() => approveThen(words.enroll, approvalRequest('enrollTerminal', address.trim(), code.trim()))}
            >
              {words.enroll}
            </button>
          </>
        )}
        <button
          type="button"
          disabled={sync.unsynced + sync.quarantined === 0}
          onClick={() =>
            approveThen(words.export, approvalRequest('exportPendingEvents'), (exported) =>
              words.exported((exported as PendingExport).events, (exported as PendingExport).path),
            )
          }
        >
          {words.export}
        </button>
      </fieldset>

      <fieldset className="settings-group wide-list">
        <legend>{words.quarantinedTitle}</legend>
        {quarantined.length === 0 ? (
          <p>{words.noneQuarantined}</p>
        ) : (
          <ul className="plain-list" data-testid="quarantined-events">
            {quarantined.map((event) => (
              <li key={event.eventId}>
                #{event.seq} {event.type} · {shopTime.dateTime(event.occurredAt)} · {event.reason}
              </li>
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset className="settings-group">
        <legend>{words.payments}</legend>
        <label className="field">
          <span>{words.checkMode}</span>
          <select value={mode} onChange={(event) => setMode(event.target.value as Settings['khqrCheckMode'])}>
            {(['direct', 'backoffice', 'off'] as const).map((name) => (
              <option key={name} value={name}>
                {words.modes[name]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{words.bakongAddress}</span>
          <input type="url" value={bakongUrl} onChange={(event) => setBakongUrl(event.target.value)} />
        </label>
        {LIMIT_FIELDS.map(([field]) => (
          <label className="field" key={field}>
            <span>{words[field]}</span>
            <input
              inputMode="decimal"
              value={limits[field]}
              onChange={(event) => setLimits({ ...limits, [field]: event.target.value })}
            />
          </label>
        ))}
        <button type="button" className="primary" onClick={saveChecks}>
          {words.saveChecks}
        </button>
      </fieldset>

      <fieldset className="settings-group">
        <legend>{words.token}</legend>
        <p data-testid="bakong-token">
          {token?.set
            ? words.tokenSet(token.expiresAt === null ? null : shopTime.dateTime(token.expiresAt))
            : words.tokenNone}
        </p>
        <label className="field">
          <span>{words.token}</span>
          <input
            type="password"
            autoComplete="off"
            value={newToken}
            onChange={(event) => setNewToken(event.target.value)}
          />
        </label>
        <button
          type="button"
          disabled={!newToken.trim()}
          onClick={() =>
            approveThen(words.setToken, approvalRequest('setBakongToken', newToken.trim()), () => {
              setNewToken('')
              return words.saved
            })
          }
        >
          {words.setToken}
        </button>
        {token?.set && (
          <button type="button" onClick={() => approveThen(words.removeToken, approvalRequest('setBakongToken', null))}>
            {words.removeToken}
          </button>
        )}
      </fieldset>

      <fieldset className="settings-group wide-list">
        <legend>{words.issues}</legend>
        {issues.length === 0 ? (
          <p>{words.noIssues}</p>
        ) : (
          <ul className="plain-list" data-testid="khqr-issues">
            {issues.map((issue) => (
              <li key={issue.id}>
                <strong>{words.issue[issue.kind]}</strong> ·{' '}
                {formatMoney(issue.requested.amount, issue.requested.currency, 'en')}
                {issue.paid && ` → ${formatMoney(issue.paid.amount, issue.paid.currency, 'en')}`} ·{' '}
                {shopTime.dateTime(issue.detectedAt)}{' '}
                <button
                  type="button"
                  onClick={() => approveThen(words.resolve, approvalRequest('resolveKhqrIssue', issue.id))}
                >
                  {words.resolve}
                </button>
              </li>
            ))}
          </ul>
        )}
        <button
          type="button"
          onClick={async () => {
            const result = await window.pos.recheckKhqr()
            if (!result.ok) return setError(explain(result.error))
            const summary = result.value
            const problems = summary.mismatches + summary.notFound + summary.overPayments + summary.latePayments
            setMessage(words.rechecked(summary.verified, problems, summary.stillUnchecked))
            await load()
          }}
        >
          {words.recheck}
        </button>
      </fieldset>

      {pending && (
        <ApprovalDialog
          title={pending.title}
          request={pending.request}
          error={pending.error}
          onApprove={(approval) => void apply(approval)}
          onCancel={() => setPending(null)}
        />
      )}
    </section>
  )
}
