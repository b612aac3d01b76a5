/** Text made safe to put between tags or inside a quoted attribute. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** An instant as the shop's clock reads it, `YYYY-MM-DD HH:MM`; '—' for none. */
export function shopTime(epochMs: number | null | undefined, offsetMinutes: number): string {
  if (epochMs === null || epochMs === undefined) return '—'
  return new Date(epochMs + offsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ')
}

/** The hidden field every form of the owner's page carries. */
export function csrfField(csrf: string): string {
  return `<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">`
}

/** The box a wide table scrolls in on a narrow screen: a named region the keyboard can reach and scroll. */
export function scrollBox(label: string, content: string): string {
  return `<div class="scroll" tabindex="0" role="region" aria-label="${escapeHtml(label)}">${content}</div>`
}
