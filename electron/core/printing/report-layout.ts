import { figureParts, type ReportLine, roundingWords, shiftReportLines } from '../../../shared/shift-report-lines.ts'
import { paperTime } from '../../../shared/shop-time.ts'
import type { ShiftReport } from '../../../shared/views.ts'
import type { Block } from './document.ts'
import { header, labelledPair, labelledText, paperMoney, type SlipContext } from './layouts.ts'

/** A figure with its sign, in printer text (ASCII: the minus is '-'). */
function signedFigure(line: Extract<ReportLine, { kind: 'money' }>, amount: number, currency: 'USD' | 'KHR'): string {
  const parts = figureParts(line, amount)
  const sign = parts.sign === '' ? '' : `${parts.sign === '−' ? '-' : parts.sign} `
  return `${sign}${paperMoney(parts.amount, currency)}`
}

/** One report line on paper: the label (Khmer beside the English on Khmer papers), then each currency's figure. */
function lineBlocks(line: ReportLine, context: SlipContext, language: 'km' | 'en'): Block[] {
  switch (line.kind) {
    case 'heading':
      return [{ kind: 'rule' }, labelledText(line.word, language, { bold: true })]
    case 'count':
      return [labelledPair(line.word, language, String(line.count), { bold: line.strong ?? false })]
    case 'rounding': {
      const note = context.settings.smallestNote
      const words = { km: roundingWords(line.riel, note, 'km'), en: roundingWords(line.riel, note, 'en') }
      return [labelledText(words, language)]
    }
    case 'money': {
      const suffix = line.count === undefined ? '' : ` (${line.count})`
      const strong = line.strong ?? false
      // A line the sums end on shows both currencies even at zero; others only what is there.
      const both = line.sign === '=' || (line.usd !== 0 && line.khr !== 0) || (line.usd === 0 && line.khr === 0)
      const figures: string[] = []
      if (both || line.usd !== 0) figures.push(signedFigure(line, line.usd, 'USD'))
      if (both || line.khr !== 0) figures.push(signedFigure(line, line.khr, 'KHR'))
      return figures.map((right, index) =>
        index === 0
          ? labelledPair(line.word, language, right, { suffix, bold: strong })
          : { kind: 'pair', left: '', right, bold: strong },
      )
    }
  }
}

/** The X (mid-shift) or Z (closing) report on paper, Khmer first when the papers are in Khmer. */
export function shiftReportBlocks(report: ShiftReport, context: SlipContext, language: 'km' | 'en'): Block[] {
  const blocks: Block[] = header(context, language)
  blocks.push(
    { kind: 'rule', double: true },
    labelledText(report.kind === 'Z' ? 'zReport' : 'xReport', language, {
      align: 'center',
      bold: true,
      size: 2,
      around: (title) => `${title} #${report.shift.number}`,
    }),
    labelledPair('opened', language, paperTime(report.shift.openedAt, context.timeZone)),
    labelledPair(
      report.kind === 'Z' ? 'closed' : 'printed',
      language,
      paperTime(report.shift.closedAt ?? report.generatedAt, context.timeZone),
    ),
    labelledPair('terminal', language, context.terminalLabel),
  )
  for (const line of shiftReportLines(report)) blocks.push(...lineBlocks(line, context, language))
  blocks.push({ kind: 'cut' })
  return blocks
}
