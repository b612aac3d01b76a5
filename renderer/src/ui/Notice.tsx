import type { ReactNode } from 'react'

/** Drawn, not typed: no glyph here depends on a font. */
function Icon({ tone }: { tone: 'warning' | 'error' }) {
  return (
    <svg className="notice-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
      {tone === 'error' ? (
        <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
      ) : (
        <>
          <path d="M12 3L2 21h20L12 3z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
          <path d="M12 10v5" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
          <circle cx="12" cy="18" r="1.4" fill="currentColor" />
        </>
      )}
    </svg>
  )
}

/** A message that is never told by colour alone: an icon and words go with it. */
export function Notice({ tone, children }: { tone: 'warning' | 'error'; children: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <Icon tone={tone} />
      <span>{children}</span>
    </div>
  )
}
