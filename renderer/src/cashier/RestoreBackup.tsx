import { useEffect, useState } from 'react'
import type { Approval, BackupResult, BackupStatus, RestorePreview } from '../../../shared/views.ts'
import { DATA_MESSAGES } from '../i18n/data-messages.ts'
import { failureText } from '../i18n/failure-text.ts'
import { useLanguage } from '../i18n/language.tsx'
import { Notice } from '../ui/Notice.tsx'
import { ApprovalDialog } from './ApprovalDialog.tsx'
import { approvalRequest, callApproved } from './approved-call.ts'
import { useTill } from './useTill.ts'

/**
 * Restoring one chosen backup: first what it holds and whether anything here would be lost (the
 * engine refuses it then), then the manager's approval, then the terminal restarts to restore it.
 */
export function RestoreBackup({
  backup,
  when,
  damaged,
  onClose,
}: {
  backup: BackupResult
  when: (at: number) => string
  damaged: boolean
  onClose(): void
}) {
  const { explain } = useTill()
  const { language } = useLanguage()
  const words = DATA_MESSAGES[language]
  const [preview, setPreview] = useState<RestorePreview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [asking, setAsking] = useState<{ error: string | null } | null>(null)
  const [restarting, setRestarting] = useState(false)
  useEffect(() => {
    void window.pos
      .previewRestore(backup.path)
      .then((result) => (result.ok ? setPreview(result.value) : setError(explain(result.error))))
  }, [backup.path, explain])
  const loses = preview !== null && !damaged && (preview.salesOnlyHere ?? 1) + (preview.eventsOnlyHere ?? 1) > 0
  const restore = async (approval: Approval) => {
    const result = await callApproved(approvalRequest('restoreBackup', backup.path), approval)
    if (!result.ok) return setAsking({ error: explain(result.error) })
    setAsking(null)
    setRestarting(true)
  }
  return (
    <section className="restore-backup" aria-labelledby="restore-heading" data-testid="restore-backup">
      <h3 id="restore-heading">{words.restoreTitle(when(backup.at))}</h3>
      {error && <Notice tone="error">{error}</Notice>}
      {preview && (
        <>
          <p>
            {words.restoreHolds(
              preview.sales,
              preview.lastReceiptNo,
              preview.lastSaleAt === null ? null : when(preview.lastSaleAt),
            )}
          </p>
          {!preview.sameTerminal && <p>{words.fromOtherTerminal(preview.terminalLabel)}</p>}
          {damaged ? (
            <Notice tone="warning">{words.restoreDamaged}</Notice>
          ) : loses ? (
            <Notice tone="error">
              {words.restoreWouldLose(preview.salesOnlyHere ?? 0, preview.eventsOnlyHere ?? 0)}
            </Notice>
          ) : (
            <p>{words.restoreSafe}</p>
          )}
        </>
      )}
      {restarting ? (
        <p role="status" className="done">
          {words.restarting}
        </p>
      ) : (
        <div className="actions">
          <button type="button" onClick={onClose}>
            {words.cancel}
          </button>
          <button
            type="button"
            className="danger"
            disabled={preview === null || loses}
            onClick={() => setAsking({ error: null })}
          >
            {words.restoreConfirm}
          </button>
        </div>
      )}
      {asking && (
        <ApprovalDialog
          title={words.restoreTitle(when(backup.at))}
          request={approvalRequest('restoreBackup', backup.path)}
          error={asking.error}
          onApprove={(approval) => void restore(approval)}
          onCancel={() => setAsking(null)}
        />
      )}
    </section>
  )
}

/** What the last start did with a restore the manager asked for. */
export function LastRestore({ status }: { status: BackupStatus }) {
  const { language } = useLanguage()
  const words = DATA_MESSAGES[language]
  const last = status.lastRestore
  if (!last) return null
  return last.restored ? (
    <p role="status" className="done">
      {words.restoredAtStart(last.from)}
    </p>
  ) : (
    <Notice tone="error">
      {words.restoreRefusedAtStart(last.from, failureText(language, last.reasonCode ?? 'internal_error'))}
    </Notice>
  )
}
