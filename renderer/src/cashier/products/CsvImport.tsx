import { useState } from 'react'
import type { Approval, CsvImportResult } from '../../../../shared/views.ts'
import { CATALOG_MESSAGES } from '../../i18n/catalog-messages.ts'
import { csvProblemText } from '../../i18n/csv-problem-words.ts'
import { useLanguage } from '../../i18n/language.tsx'
import { downloadFile } from '../../ui/download.ts'
import { Notice } from '../../ui/Notice.tsx'
import { ApprovalDialog } from '../ApprovalDialog.tsx'
import { approvalRequest, callApproved } from '../approved-call.ts'
import { useTill } from '../useTill.ts'

/**
 * A product CSV: chosen, previewed (what is new, what changes, every problem by line and column)
 * before anything is written, then imported all or nothing with a manager's approval. The
 * catalog exports in the same columns.
 */
export function CsvImport({ onImported }: { onImported(message: string): void }) {
  const { explain } = useTill()
  const { language } = useLanguage()
  const words = CATALOG_MESSAGES[language].csv
  const [csv, setCsv] = useState<string | null>(null)
  const [preview, setPreview] = useState<CsvImportResult | null>(null)
  const [asking, setAsking] = useState<{ error: string | null } | null>(null)
  const [error, setError] = useState<string | null>(null)

  const choose = async (file: File | undefined) => {
    if (!file) return
    const text = await file.text()
    setError(null)
    const result = await window.pos.previewProductsCsv(text)
    if (!result.ok) return setError(explain(result.error))
    setCsv(text)
    setPreview(result.value)
  }
  const importNow = async (approval: Approval) => {
    if (csv === null) return
    const result = await callApproved(approvalRequest('importProductsCsv', csv), approval)
    if (!result.ok) return setAsking({ error: explain(result.error) })
    const done = result.value as CsvImportResult
    setAsking(null)
    setCsv(null)
    setPreview(null)
    if (done.errors.length > 0) return setPreview(done)
    onImported(words.imported(done.created, done.updated))
  }
  const exportNow = async () => {
    const result = await window.pos.exportProductsCsv()
    if (!result.ok) return setError(explain(result.error))
    downloadFile(result.value)
  }

  return (
    <div className="csv-import">
      <div className="actions">
        <label className="button-like">
          <span>{words.import}</span>
          <input
            type="file"
            accept=".csv,text/csv"
            aria-label={words.choose}
            onChange={(event) => void choose(event.target.files?.[0])}
          />
        </label>
        <button type="button" onClick={() => void exportNow()}>
          {words.export}
        </button>
      </div>
      {error && <Notice tone="error">{error}</Notice>}
      {preview && preview.errors.length === 0 && csv !== null && (
        <div role="status" className="csv-preview">
          <p>{words.preview(preview.created, preview.updated)}</p>
          <div className="actions">
            <button type="button" onClick={() => setPreview(null)}>
              {words.cancel}
            </button>
            <button type="button" className="primary" onClick={() => setAsking({ error: null })}>
              {words.confirm}
            </button>
          </div>
        </div>
      )}
      {preview && preview.errors.length > 0 && (
        <div className="csv-preview">
          <Notice tone="error">{words.problems(preview.errors.length)}</Notice>
          <table className="product-table" data-testid="csv-problems">
            <thead>
              <tr>
                <th>{words.columns.line}</th>
                <th>{words.columns.column}</th>
                <th>{words.columns.problem}</th>
              </tr>
            </thead>
            <tbody>
              {preview.errors.map((problem) => (
                <tr key={`${problem.line}-${problem.column}-${problem.code}-${problem.value ?? ''}`}>
                  <td>{problem.line}</td>
                  <td>
                    <code>{problem.column ?? '—'}</code>
                  </td>
                  <td>{csvProblemText(problem, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {asking && (
        <ApprovalDialog
          title={words.import}
          request={approvalRequest('importProductsCsv', csv ?? '')}
          error={asking.error}
          onApprove={(approval) => void importNow(approval)}
          onCancel={() => setAsking(null)}
        />
      )}
    </div>
  )
}
