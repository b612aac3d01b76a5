import { escapeHtml } from './html.ts'

/**
 * Charts drawn on the server as inline SVG: no script, no style attribute (the page's CSP allows
 * neither), colours from the stylesheet's classes. Each chart is an image with a title and a
 * description for screen readers, each bar carries its figure in a <title> (shown on hover) and
 * its exact value in data-value; the same figures are always in a table beside the chart.
 * Values are integers (riel, counts); only the drawing's geometry is fractional.
 */

export interface Bar {
  label: string
  value: number
  /** The value as the owner reads it ("1,250,000 ៛", "12 sales"). */
  valueText: string
}

export interface ChartText {
  /** Unique on the page: the title's and description's ids start with it. */
  id: string
  title: string
  desc: string
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10)
}

function labelled(chart: ChartText, width: number, height: number, body: string): string {
  const title = `${chart.id}-title`
  const desc = `${chart.id}-desc`
  return `<svg class="chart" id="${escapeHtml(chart.id)}" role="img" aria-labelledby="${title} ${desc}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">
<title id="${title}">${escapeHtml(chart.title)}</title><desc id="${desc}">${escapeHtml(chart.desc)}</desc>${body}</svg>`
}

function barShape(bar: Bar, x: number, y: number, width: number, height: number): string {
  return `<g class="bar${bar.value < 0 ? ' negative' : ''}" data-value="${bar.value}"><title>${escapeHtml(`${bar.label}: ${bar.valueText}`)}</title><rect x="${round(x)}" y="${round(y)}" width="${round(Math.max(width, 0))}" height="${round(Math.max(height, 0))}"/></g>`
}

/** The scale of a set of values: always holding zero, never of zero size. */
function domain(values: readonly number[]): { low: number; high: number } {
  const low = Math.min(0, ...values)
  const high = Math.max(0, ...values)
  return high === low ? { low, high: low + 1 } : { low, high }
}

const COLUMN_WIDTH = 640
const COLUMN_HEIGHT = 240
const COLUMN_TOP = 34
const COLUMN_BOTTOM = 30
const MAX_BARS_WITH_FIGURES = 8

/**
 * Vertical bars over time (days, months, hours of the day), a zero line, the highest figure
 * written above the chart, and every `labelEvery`-th bar named below it.
 */
export function columnChart(
  chart: ChartText & { bars: readonly Bar[]; labelEvery?: number; peakText?: string },
): string {
  const { bars } = chart
  const plotHeight = COLUMN_HEIGHT - COLUMN_TOP - COLUMN_BOTTOM
  const { low, high } = domain(bars.map((bar) => bar.value))
  const yOf = (value: number) => COLUMN_TOP + ((high - value) / (high - low)) * plotHeight
  const slot = COLUMN_WIDTH / Math.max(bars.length, 1)
  const every = chart.labelEvery ?? Math.max(1, Math.ceil(bars.length / 16))
  const zero = yOf(0)
  // A few bars have room for their figure above them (the stylesheet hides it on a phone).
  const withFigures = bars.length <= MAX_BARS_WITH_FIGURES
  const shapes = bars
    .map((bar, index) => {
      const x = index * slot + slot * 0.15
      const top = Math.min(yOf(bar.value), zero)
      const shape = barShape(bar, x, top, slot * 0.7, Math.abs(yOf(bar.value) - zero))
      const middle = round(index * slot + slot / 2)
      const figure = withFigures
        ? `<text class="value-label" x="${middle}" y="${round(top - 5)}" text-anchor="middle">${escapeHtml(bar.valueText)}</text>`
        : ''
      // Of many named bars every other one is "minor": a phone's narrow chart names only the others.
      const minor = bars.length / every > 8 && (index / every) % 2 === 1 ? ' minor' : ''
      const label =
        index % every === 0
          ? `<text class="axis-label${minor}" x="${middle}" y="${COLUMN_HEIGHT - 8}" text-anchor="middle">${escapeHtml(bar.label)}</text>`
          : ''
      return shape + figure + label
    })
    .join('')
  const peak = chart.peakText
    ? `<text class="peak" x="0" y="14">${escapeHtml(chart.peakText)}</text><line class="grid" x1="0" x2="${COLUMN_WIDTH}" y1="${round(yOf(high))}" y2="${round(yOf(high))}"/>`
    : ''
  return labelled(
    chart,
    COLUMN_WIDTH,
    COLUMN_HEIGHT,
    `${peak}<line class="axis" x1="0" x2="${COLUMN_WIDTH}" y1="${round(zero)}" y2="${round(zero)}"/>${shapes}`,
  )
}

const LIST_WIDTH = 420
const ROW_HEIGHT = 42

/**
 * Horizontal bars, one a row, the label above its bar and the figure at its end: room for a
 * Khmer and English name even on a phone. Negative figures grow left of the zero line.
 */
export function barList(chart: ChartText & { bars: readonly Bar[] }): string {
  const { bars } = chart
  const { low, high } = domain(bars.map((bar) => bar.value))
  // Room on the right for the figure written after the longest bar.
  const plot = LIST_WIDTH * 0.62
  const xOf = (value: number) => ((value - low) / (high - low)) * plot
  const zero = xOf(0)
  const rows = bars
    .map((bar, index) => {
      const y = index * ROW_HEIGHT
      const end = xOf(bar.value)
      const left = Math.min(end, zero)
      return `<text class="bar-label" x="0" y="${y + 14}">${escapeHtml(bar.label)}</text>${barShape(bar, left, y + 20, Math.abs(end - zero), 14)}<text class="bar-figure" x="${round(Math.max(end, zero) + 6)}" y="${y + 32}">${escapeHtml(bar.valueText)}</text>`
    })
    .join('')
  const height = Math.max(bars.length, 1) * ROW_HEIGHT
  return labelled(
    chart,
    LIST_WIDTH,
    height,
    `<line class="axis" x1="${round(zero)}" x2="${round(zero)}" y1="18" y2="${height}"/>${rows}`,
  )
}
