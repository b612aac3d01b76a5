import { formatMoney } from '../../../shared/money/index.ts'
import { screenLabel } from '../../../shared/paper-words.ts'
import { figureParts, type ReportLine, roundingWords, shiftReportLines } from '../../../shared/shift-report-lines.ts'
import type { ShiftReport } from '../../../shared/views.ts'
import { useLanguage } from '../i18n/language.tsx'

/** One currency's figure of a line, with its sign (what goes in, comes out, or sums). */
function Figure({ line, currency }: { line: Extract<ReportLine, { kind: 'money' }>; currency: 'usd' | 'khr' }) {
  const { sign, amount } = figureParts(line, line[currency])
  return (
    <span className="report-figure">
      {sign === '' ? '' : `${sign} `}
      {formatMoney(amount, currency === 'usd' ? 'USD' : 'KHR', 'en')}
    </span>
  )
}

/**
 * X or Z figures, as on paper and in the same words: the drawer adding up to the expected cash,
 * then sales to net sales, how customers paid, and the controls. Zero lines are left out.
 */
export function ReportFigures({ report, smallestNote }: { report: ShiftReport; smallestNote: number }) {
  const { language } = useLanguage()
  const lines = shiftReportLines(report)
  return (
    <div className="report" data-testid={`report-${report.kind}`}>
      {lines.map((line, index) => {
        const key = `${line.kind}-${'word' in line ? line.word : 'rounding'}-${index}`
        switch (line.kind) {
          case 'heading':
            return (
              <h3 key={key} className="report-heading">
                {screenLabel(line.word, language)}
              </h3>
            )
          case 'count':
            return (
              <div key={key} className={`report-row${line.strong ? ' strong' : ''}`} data-line={line.word}>
                <span>{screenLabel(line.word, language)}</span>
                <span className="report-figures">{line.count}</span>
              </div>
            )
          case 'rounding':
            return (
              <p key={key} className="fine" data-line="rounding">
                {roundingWords(line.riel, smallestNote, language)}
              </p>
            )
          default: {
            const both = line.sign === '=' || (line.usd !== 0) === (line.khr !== 0)
            return (
              <div key={key} className={`report-row${line.strong ? ' strong' : ''}`} data-line={line.word}>
                <span>
                  {screenLabel(line.word, language)}
                  {line.count === undefined ? '' : ` (${line.count})`}
                </span>
                <span className="report-figures">
                  {(both || line.usd !== 0) && <Figure line={line} currency="usd" />}
                  {(both || line.khr !== 0) && <Figure line={line} currency="khr" />}
                </span>
              </div>
            )
          }
        }
      })}
    </div>
  )
}
