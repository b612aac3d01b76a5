import { type FormEvent, useEffect, useState } from 'react'
import type { Approval, BackupResult, BackupStatus, Settings } from '../../../shared/views.ts'
import { DATA_MESSAGES } from '../i18n/data-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { DayField } from '../ui/DayField.tsx'
import { downloadFile } from '../ui/download.ts'
import { Notice } from '../ui/Notice.tsx'
import { usePosQuery } from '../ui/usePosQuery.ts'
import { useShopTime } from '../ui/useShopTime.ts'
import { ApprovalDialog } from './ApprovalDialog.tsx'
import { approvalRequest, callApproved } from './approved-call.ts'
import { LastRestore, RestoreBackup } from './RestoreBackup.tsx'
import { useTill } from './useTill.ts'

const size = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`

/** Where the automatic backup goes, how often and how many are kept: saved with the other settings. */
export function AutoBackupFields({ draft, onChange }: { draft: Settings; onChange(draft: Settings): void }) {
  const { language } = useLanguage()
  const words = DATA_MESSAGES[language]
  const auto = draft.autoBackup
  const set = (change: Partial<Settings['autoBackup']>) => onChange({ ...draft, autoBackup: { ...auto, ...change } })
  const count = (text: string, min: number, max: number) =>
    Math.min(max, Math.max(min, Number(text.replace(/\D/g, '')) || min))
  return (
    <fieldset className="settings-group">
      <legend>{words.title}</legend>
      <label className="field wide">
        <span>{words.folder}</span>
        <input
          value={auto.folder}
          spellCheck={false}
          onChange={(event) => set({ folder: event.target.value.trim() })}
        />
        <span className="fine">{words.folderHint}</span>
      </label>
      <label className="field">
        <span>{words.everyHours}</span>
        <input
          inputMode="numeric"
          value={auto.everyHours}
          onChange={(event) => set({ everyHours: count(event.target.value, 1, 168) })}
        />
      </label>
      <label className="field">
        <span>{words.keep}</span>
        <input
          inputMode="numeric"
          value={auto.keep}
          onChange={(event) => set({ keep: count(event.target.value, 1, 365) })}
        />
      </label>
    </fieldset>
  )
}

/** Backing up now (with approval), the backups there are, and the sales of a date range exported as a file. */
export function DataSafety() {
  const { explain } = useTill()
  const { language, messages } = useLanguage()
  const words = DATA_MESSAGES[language]
  const [status, setStatus] = useState<BackupStatus | null>(null)
  const [version, setVersion] = useState(0)
  const [asking, setAsking] = useState<{ error: string | null } | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const time = useShopTime()
  // Two backups a minute apart read apart: the time to the second.
  const when = (at: number) => time.dateTime(at, true)
  const today = time.day(Date.now())
  const [from, setFrom] = useState<string | null>(today)
  const [to, setTo] = useState<string | null>(today)
  // Today as the shop's zone has it, once the settings have named the zone.
  useEffect(() => {
    setFrom(today)
    setTo(today)
  }, [today])
  const [format, setFormat] = useState<'csv' | 'json'>('csv')
  const [restoring, setRestoring] = useState<BackupResult | null>(null)
  const info = usePosQuery(() => window.pos.getAppInfo())
  const damaged = info.status === 'ready' && info.value.integrity.state === 'failed'
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again after each backup (version).
  useEffect(() => {
    void window.pos
      .listBackups()
      .then((result) => (result.ok ? setStatus(result.value) : setError(explain(result.error))))
  }, [version])

  const backUp = async (approval: Approval) => {
    const result = await callApproved(approvalRequest('createBackup'), approval)
    if (!result.ok) return setAsking({ error: explain(result.error) })
    setAsking(null)
    setMessage(words.backedUp((result.value as { path: string }).path))
    setVersion(version + 1)
  }
  const exportSales = async (event: FormEvent) => {
    event.preventDefault()
    // The shop's own days, from its midnight to the next, whatever zone the machine's clock is in.
    if (from === null) return setError(messages.dateField.invalid(words.from))
    if (to === null) return setError(messages.dateField.invalid(words.to))
    const start = time.dayRange(from)?.from
    const end = time.dayRange(to)?.to
    if (start === undefined || end === undefined || end <= start) return setError(messages.dateField.backwards)
    setError(null)
    const result = await window.pos.exportSales({ from: start, to: end }, format)
    if (!result.ok) return setError(explain(result.error))
    downloadFile(result.value)
    setMessage(words.exported(result.value.sales, result.value.fileName))
  }

  return (
    <section className="card data-safety" aria-labelledby="data-heading">
      <header className="panel-header">
        <h2 id="data-heading">{words.title}</h2>
        <button type="button" className="primary" onClick={() => setAsking({ error: null })}>
          {words.backUpNow}
        </button>
      </header>
      {message && (
        <p role="status" className="done">
          {message}
        </p>
      )}
      {error && <Notice tone="error">{error}</Notice>}
      {status?.lastFailure && (
        <Notice tone="warning">{words.lastFailure(when(status.lastFailure.at), status.lastFailure.message)}</Notice>
      )}
      {status && <LastRestore status={status} />}
      {status && (
        <>
          <p className="fine">
            {words.folder}: <code data-testid="backup-folder">{status.folder}</code>
          </p>
          {status.backups.length === 0 ? (
            <p>{words.none}</p>
          ) : (
            <ul className="backup-list">
              {status.backups.map((backup) => (
                <li key={backup.path} data-testid="backup">
                  <span>{when(backup.at)}</span> <code>{backup.path}</code>{' '}
                  <span className="fine">{size(backup.bytes)}</span>
                  <button type="button" onClick={() => setRestoring(backup)}>
                    {words.restore}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {restoring && (
        <RestoreBackup
          key={restoring.path}
          backup={restoring}
          when={when}
          damaged={damaged}
          onClose={() => setRestoring(null)}
        />
      )}
      <form className="setup-form two-columns" onSubmit={exportSales}>
        <h3>{words.exportTitle}</h3>
        <DayField label={words.from} day={today} onDay={setFrom} />
        <DayField label={words.to} day={today} onDay={setTo} />
        <label className="field">
          <span>{words.format}</span>
          <select value={format} onChange={(event) => setFormat(event.target.value as 'csv' | 'json')}>
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </select>
        </label>
        <div className="actions">
          <button type="submit">{words.exportButton}</button>
        </div>
      </form>
      {asking && (
        <ApprovalDialog
          title={words.title}
          request={approvalRequest('createBackup')}
          error={asking.error}
          onApprove={(approval) => void backUp(approval)}
          onCancel={() => setAsking(null)}
        />
      )}
    </section>
  )
}
