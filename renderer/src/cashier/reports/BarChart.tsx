/**
 * A bar chart drawn as SVG, with its figures also in a table beside it for reading (the chart is
 * for looking). Values are whole numbers (riel, counts); negatives (a day of refunds) go below the line.
 */
export function BarChart({
  title,
  bars,
  format,
  horizontal = false,
  shortLabel,
}: {
  title: string
  bars: { label: string; value: number }[]
  format(value: number): string
  horizontal?: boolean
  /** A bar's label as written under the chart ("07/12" for "07/12/2026"). */
  shortLabel?(label: string): string
}) {
  const max = Math.max(1, ...bars.map((bar) => Math.abs(bar.value)))
  const hasNegative = bars.some((bar) => bar.value < 0)
  if (horizontal) {
    const rowHeight = 28
    const height = bars.length * rowHeight
    return (
      <svg
        className="bar-chart"
        role="img"
        aria-label={title}
        style={{ height: Math.max(height, rowHeight) }}
        viewBox={`0 0 400 ${Math.max(height, rowHeight)}`}
        preserveAspectRatio="none"
      >
        <title>{title}</title>
        {bars.map((bar, index) => (
          <rect
            key={bar.label}
            x={0}
            y={index * rowHeight + 4}
            width={Math.max(0, (bar.value / max) * 400)}
            height={rowHeight - 8}
            className="bar"
          >
            <title>{`${bar.label}: ${format(bar.value)}`}</title>
          </rect>
        ))}
      </svg>
    )
  }
  const width = Math.max(bars.length * 12, 240)
  const base = hasNegative ? 100 : 190
  const scale = hasNegative ? 90 : 180
  // About eight labels under the bars, whatever their number (24 hours, 31 days).
  const every = Math.ceil(bars.length / 8)
  return (
    <figure className="bar-chart-figure">
      <svg className="bar-chart" role="img" aria-label={title} viewBox={`0 0 ${width} 200`} preserveAspectRatio="none">
        <title>{title}</title>
        <line x1={0} x2={width} y1={base} y2={base} className="axis" />
        {bars.map((bar, index) => {
          const size = (Math.abs(bar.value) / max) * scale
          const slot = width / bars.length
          return (
            <rect
              key={bar.label}
              x={index * slot + slot * 0.15}
              y={bar.value >= 0 ? base - size : base}
              width={slot * 0.7}
              height={size}
              className={bar.value >= 0 ? 'bar' : 'bar negative'}
            >
              <title>{`${bar.label}: ${format(bar.value)}`}</title>
            </rect>
          )
        })}
      </svg>
      <div className="bar-labels" aria-hidden="true">
        {bars.map((bar, index) =>
          index % every === 0 ? (
            <span key={bar.label} className="bar-label" style={{ left: `${((index + 0.5) / bars.length) * 100}%` }}>
              {shortLabel ? shortLabel(bar.label) : bar.label}
            </span>
          ) : null,
        )}
      </div>
    </figure>
  )
}
